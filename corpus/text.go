package corpus

import (
	"context"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"

	"policyx/schema"
)

// decodeText reads plain text and Markdown: UTF-8 with or without BOM, or
// GB18030/GBK when the bytes are not valid UTF-8. Every line becomes a
// BlockPara; a form feed starts a new page. normalize re-joins wrapped lines.
func decodeText(ctx context.Context, data []byte, lim Limits) ([]schema.Block, []schema.Diagnostic, error) {
	data = trimBOM(data)
	var diags []schema.Diagnostic
	var s string
	if utf8.Valid(data) {
		s = string(data)
	} else {
		dec, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
		if err != nil {
			return nil, nil, err
		}
		s = string(dec)
		diags = append(diags, schema.Diagnostic{Severity: schema.SevInfo, Stage: "text", Message: "decoded as GB18030"})
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	var blocks []schema.Block
	page := 0
	for _, pg := range strings.Split(s, "\f") {
		if strings.Contains(s, "\f") {
			page++
		}
		for _, line := range strings.Split(pg, "\n") {
			blocks = append(blocks, schema.Block{Kind: schema.BlockPara, Text: line, Page: page})
		}
	}
	return blocks, diags, nil
}
