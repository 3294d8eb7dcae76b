package corpus

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/htmlindex"

	"policyx/schema"
)

var metaCharset = regexp.MustCompile(`(?i)<meta[^>]+charset\s*=\s*["']?\s*([a-z0-9_\-:.]+)`)

// decodeHTMLBytes finds the page's encoding and decodes it to UTF-8.
func decodeHTMLBytes(data []byte) (string, []schema.Diagnostic, error) {
	if bytes.HasPrefix(data, utf8BOM) || bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}) {
		return decodeTextBytes(data)
	}
	// Valid UTF-8 is read as UTF-8 whatever the page declares: browsers
	// save pages as UTF-8 but keep the original <meta charset>, while
	// GBK text is almost never valid UTF-8 by accident.
	if utf8.Valid(data) {
		if n := binaryAt(data); n >= 0 {
			return "", nil, fmt.Errorf("not text (binary data at byte %d)", n)
		}
		return string(data), nil, nil
	}
	head := data
	if len(head) > 8192 {
		head = head[:8192]
	}
	if m := metaCharset.FindSubmatch(head); m != nil {
		label := strings.ToLower(string(m[1]))
		enc, err := htmlindex.Get(label)
		name, _ := htmlindex.Name(enc)
		switch {
		case err != nil:
			// Unknown label: fall through to detection.
		case name == "utf-8" && utf8.Valid(data):
			if n := binaryAt(data); n >= 0 {
				return "", nil, fmt.Errorf("not text (binary data at byte %d)", n)
			}
			return string(data), nil, nil
		case name == "utf-8":
			// Declared UTF-8 but it is not: detect.
		default:
			if n := binaryAt(data); n >= 0 {
				return "", nil, fmt.Errorf("not text (binary data at byte %d)", n)
			}
			out, err := enc.NewDecoder().Bytes(data)
			if err != nil {
				return "", nil, fmt.Errorf("decoding %s: %w", label, err)
			}
			return string(out), []schema.Diagnostic{{Severity: schema.SevInfo, Stage: "html", Message: "decoded as " + name}}, nil
		}
	}
	return decodeTextBytes(data)
}
