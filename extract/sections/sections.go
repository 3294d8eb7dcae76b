// Package sections builds the section outline (一、 （一） 1． (1) ① 附件N).
package sections

import "policyx/schema"

// Extract returns the outline of doc in document order; Parent indexes the
// returned slice (-1 at the top).
func Extract(doc *schema.Document) []schema.Section {
	return nil
}
