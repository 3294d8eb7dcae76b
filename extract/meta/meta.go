// Package meta extracts 公文 metadata: title, 发文字号, issuer, 成文日期 and
// jurisdiction.
package meta

import "policyx/schema"

// Extract reads the metadata of doc from its normalized text and blocks.
func Extract(doc *schema.Document) (schema.Meta, []schema.Diagnostic) {
	return schema.Meta{}, nil
}
