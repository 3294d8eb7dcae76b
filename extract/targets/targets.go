// Package targets extracts quantified commitments: goals, quotas, funding,
// rates and thresholds, with normalized values, comparators and deadlines.
package targets

import (
	"policyx/normalize/seg"
	"policyx/schema"
)

// Extract returns the targets of doc. doc.Sections and doc.Tables are
// already filled. sg is shared read-only.
func Extract(doc *schema.Document, sg *seg.Segmenter) []schema.Target {
	return nil
}
