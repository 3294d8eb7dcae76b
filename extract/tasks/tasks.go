// Package tasks extracts tasks and the departments that lead, support or are
// responsible for them.
package tasks

import (
	"policyx/normalize/dept"
	"policyx/schema"
)

// Extract returns the tasks of doc. doc.Meta, doc.Sections and doc.Tables are
// already filled; names are canonicalized with d.
func Extract(doc *schema.Document, d *dept.Dict) []schema.Task {
	return nil
}
