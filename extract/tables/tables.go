// Package tables finds numbered tables in every form the readers deliver and
// checks their consistency (序号 gaps, sums against 合计, 共N项 statements).
package tables

import "policyx/schema"

// Extract returns the tables of doc and the checks that failed.
func Extract(doc *schema.Document) ([]schema.Table, []schema.Check) {
	return nil, nil
}
