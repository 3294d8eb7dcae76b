package corpus

import (
	"bytes"
	"context"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"

	"policyx/schema"
)

// decodeText reads plain text and Markdown: UTF-8 with or without BOM,
// UTF-16 with a BOM, or GB18030/GBK when the bytes are not valid UTF-8.
// Every line becomes a BlockPara (empty lines stay as empty blocks, so the
// normalizer knows where the blank lines were); a form feed starts a new
// page. Markdown is read in both formats, because plain-text policies
// exported from web pages often carry it: "# " heading lines become
// BlockHeadings with their Level, list bullets, emphasis markers, link
// targets and horizontal rules go, and pipe tables become BlockTables.
// normalize re-joins wrapped lines.
func decodeText(ctx context.Context, data []byte, lim Limits) ([]schema.Block, []schema.Diagnostic, error) {
	return readLines(ctx, data, lim, true)
}

// decodePlain reads a .txt file: as text (decodeText), or as HTML when it
// holds markup — a page or an article's HTML that a crawler saved under .txt
// (<p style=…>国务院关于印发…</p>). Read as lines, its tags and &nbsp;
// padding hide the title, the 文号 and the signature date.
func decodePlain(ctx context.Context, data []byte, lim Limits) ([]schema.Block, []schema.Diagnostic, error) {
	if !isMarkup(data) {
		return decodeText(ctx, data, lim)
	}
	blocks, diags, err := decodeHTML(ctx, data, lim)
	diags = append(diags, schema.Diagnostic{Severity: schema.SevInfo, Stage: "text", Message: "read as HTML: the text file holds markup"})
	return blocks, diags, err
}

// reMarkupTag is an HTML element tag that policy pages are made of.
var reMarkupTag = regexp.MustCompile(`(?i)<(?:p|div|span|br|table|tbody|tr|td|th|html|head|body|meta|title|font|strong|b|h[1-6]|ul|ol|li|section|article|!--)[\s/>]`)

// isMarkup reports whether a text file is HTML: a web page, or text that
// opens with an element tag and holds at least three in its first 4 KB.
// Plain text that merely mentions tags stays text.
func isMarkup(data []byte) bool {
	if isWebPage(data) {
		return true
	}
	head := bytes.TrimLeft(trimBOM(data[:min(len(data), 4096)]), " \t\r\n")
	locs := reMarkupTag.FindAllIndex(head, 3)
	return len(locs) >= 3 && locs[0][0] == 0
}

// decodeTextBytes turns the bytes of a text file into a UTF-8 string,
// detecting the encoding: BOMs (UTF-8, UTF-16LE/BE), then UTF-8 validity,
// then GB18030 (a superset of GBK and GB2312). It refuses binary data.
func decodeTextBytes(data []byte) (string, []schema.Diagnostic, error) {
	var diags []schema.Diagnostic
	info := func(msg string) {
		diags = append(diags, schema.Diagnostic{Severity: schema.SevInfo, Stage: "text", Message: msg})
	}
	switch {
	case bytes.HasPrefix(data, utf8BOM):
		data = data[len(utf8BOM):]
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		// UTF-16 with BOM; the BOM override picks the byte order.
		dec := unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder()
		out, err := dec.Bytes(data)
		if err != nil {
			return "", nil, fmt.Errorf("decoding UTF-16: %w", err)
		}
		info("decoded as UTF-16")
		if n := binaryAt(out); n >= 0 {
			return "", nil, fmt.Errorf("not text (binary data at byte %d)", n)
		}
		return string(out), diags, nil
	}
	if n := binaryAt(data); n >= 0 {
		return "", nil, fmt.Errorf("not text (binary data at byte %d)", n)
	}
	if utf8.Valid(data) {
		return string(data), diags, nil
	}
	gb, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
	if err != nil {
		return "", nil, fmt.Errorf("decoding GB18030: %w", err)
	}
	// A text that is UTF-8 but for a few broken bytes (a truncated file, one
	// stray Latin-1 byte) is better read as UTF-8. Compare the damage.
	bad8 := invalidUTF8(data)
	badGB := bytes.Count(gb, []byte("\uFFFD")) - bytes.Count(data, []byte("\uFFFD"))
	if bad8 < badGB {
		diags = append(diags, schema.Diagnostic{Severity: schema.SevWarning, Stage: "text",
			Message: fmt.Sprintf("invalid UTF-8 (%d bad sequences replaced)", bad8)})
		return strings.ToValidUTF8(string(data), "\uFFFD"), diags, nil
	}
	if badGB > 0 {
		diags = append(diags, schema.Diagnostic{Severity: schema.SevWarning, Stage: "text",
			Message: fmt.Sprintf("decoded as GB18030 with %d invalid sequences replaced", badGB)})
	} else {
		info("decoded as GB18030")
	}
	return string(gb), diags, nil
}

// invalidUTF8 counts the invalid sequences in b.
func invalidUTF8(b []byte) int {
	n := 0
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		if r == utf8.RuneError && size == 1 {
			n++
		}
		b = b[size:]
	}
	return n
}

// binaryAt returns the offset of the first sign of binary data — a NUL byte,
// or a C0 control character other than tab, line feed, vertical tab, form
// feed, carriage return, SUB (a DOS end of file) and ESC when such controls
// are frequent — or -1 for text.
func binaryAt(b []byte) int {
	if i := bytes.IndexByte(b, 0); i >= 0 {
		return i
	}
	first, n := -1, 0
	for i, c := range b {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\v' && c != '\f' && c != '\r' && c != 0x1A && c != 0x1B {
			if first < 0 {
				first = i
			}
			n++
		}
	}
	// A stray control character or two is tolerated in a real document.
	if n > 8 && n*200 > len(b) {
		return first
	}
	return -1
}

// mdHeading matches a Markdown ATX heading: 1–6 '#' then a space (or the
// end of the line).
var mdHeading = regexp.MustCompile(`^ {0,3}(#{1,6})(?:[ \t]+|$)`)

// headingOf reports whether line is a Markdown heading, with its level and
// text (closing #s removed).
func headingOf(line string) (level int, text string, ok bool) {
	m := mdHeading.FindStringSubmatchIndex(line)
	if m == nil {
		return 0, "", false
	}
	text = strings.TrimSpace(line[m[1]:])
	if t := strings.TrimRight(text, "#"); t != text && (t == "" || strings.HasSuffix(t, " ")) {
		text = strings.TrimSpace(t)
	}
	return m[3] - m[2], text, true
}

// readLines splits decoded text into line blocks. Lines longer than
// lim.MaxLineBytes are cut (at a rune boundary) with a warning.
func readLines(ctx context.Context, data []byte, lim Limits, markdown bool) ([]schema.Block, []schema.Diagnostic, error) {
	s, diags, err := decodeTextBytes(data)
	if err != nil {
		return nil, nil, err
	}
	maxLine := lim.withDefaults().MaxLineBytes
	page := 0
	if strings.IndexByte(s, '\f') >= 0 {
		page = 1
	}
	var blocks []schema.Block
	var md mdState
	lineNo := 0
	for len(s) > 0 {
		if lineNo&0xFFF == 0 && ctx.Err() != nil {
			return blocks, diags, ctx.Err()
		}
		lineNo++
		// One line: up to \n, \r\n or a lone \r.
		end := strings.IndexAny(s, "\r\n")
		var line string
		if end < 0 {
			line, s = s, ""
		} else {
			line = s[:end]
			if s[end] == '\r' && end+1 < len(s) && s[end+1] == '\n' {
				s = s[end+2:]
			} else {
				s = s[end+1:]
			}
		}
		if len(line) > maxLine {
			cut := maxLine
			for cut > 0 && !utf8.RuneStart(line[cut]) {
				cut--
			}
			diags = append(diags, schema.Diagnostic{Severity: schema.SevWarning, Stage: "text", Page: page,
				Message: fmt.Sprintf("line %d cut at %d bytes (was %d)", lineNo, cut, len(line))})
			line = line[:cut]
		}
		// Form feeds start new pages; the text on either side of one stays
		// on its own line.
		for {
			i := strings.IndexByte(line, '\f')
			if i < 0 {
				break
			}
			if before := line[:i]; strings.TrimSpace(before) != "" {
				blocks = md.add(blocks, before, page, markdown)
			}
			page++
			line = line[i+1:]
		}
		blocks = md.add(blocks, line, page, markdown)
	}
	if markdown {
		blocks = md.flush(blocks)
	}
	return blocks, diags, nil
}

// mdState collects the rows of a Markdown pipe table.
type mdState struct {
	rows [][]string
	page int
}

var (
	mdBullet  = regexp.MustCompile(`^\s{0,8}[-*+•]\s+`)
	mdRule    = regexp.MustCompile(`^\s{0,3}(?:(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,})$`)
	mdLink    = regexp.MustCompile(`!?\[([^\]\n]*)\]\([^)\n]*\)`)
	mdEmph    = regexp.MustCompile(`\*\*|__`)
	mdQuote   = regexp.MustCompile(`^\s{0,3}>\s?`)
	mdTabSep  = regexp.MustCompile(`^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$`)
	pageLabel = regexp.MustCompile(`^\s*[-—–]\s*\d+\s*[-—–]\s*$`)
)

// add appends one line as a block.
func (m *mdState) add(blocks []schema.Block, line string, page int, markdown bool) []schema.Block {
	if markdown {
		t := strings.TrimSpace(line)
		if strings.HasPrefix(t, "|") && strings.Count(t, "|") >= 2 {
			if mdTabSep.MatchString(t) {
				return blocks
			}
			t = strings.TrimPrefix(t, "|")
			t = strings.TrimSuffix(t, "|")
			cells := strings.Split(t, "|")
			for i := range cells {
				cells[i] = mdInline(strings.TrimSpace(cells[i]))
			}
			if len(m.rows) == 0 {
				m.page = page
			}
			m.rows = append(m.rows, cells)
			return blocks
		}
		blocks = m.flush(blocks)
		if mdRule.MatchString(line) {
			return append(blocks, schema.Block{Kind: schema.BlockPara, Page: page})
		}
		if rest, ok := strings.CutPrefix(strings.TrimLeft(line, " \t\n\f\r"), ">"); ok && !figureAhead(rest) { // only then can mdQuote match
			line = mdQuote.ReplaceAllString(line, "")
		}
		if !pageLabel.MatchString(line) {
			line = mdBullet.ReplaceAllString(line, "")
		}
		line = mdInline(line)
	}
	if level, text, ok := headingOf(line); ok {
		return append(blocks, schema.Block{Kind: schema.BlockHeading, Text: text, Level: level, Page: page})
	}
	return append(blocks, schema.Block{Kind: schema.BlockPara, Text: line, Page: page})
}

// figureAhead reports a line's text after a '>' that opens with a figure
// or '=': the '>' is a comparator (a table cell >7, >=50%), not a quote.
func figureAhead(s string) bool {
	return s != "" && (s[0] >= '0' && s[0] <= '9' || s[0] == '=')
}

// mdInline removes inline Markdown: links keep their text, emphasis
// markers go.
func mdInline(s string) string {
	if strings.ContainsAny(s, "[") {
		s = mdLink.ReplaceAllString(s, "$1")
	}
	if strings.Contains(s, "**") || strings.Contains(s, "__") {
		s = mdEmph.ReplaceAllString(s, "")
	}
	return s
}

// flush emits a pending pipe table.
func (m *mdState) flush(blocks []schema.Block) []schema.Block {
	if len(m.rows) == 0 {
		return blocks
	}
	width := 0
	for _, r := range m.rows {
		width = max(width, len(r))
	}
	for i, r := range m.rows {
		for len(r) < width {
			r = append(r, "")
		}
		m.rows[i] = r
	}
	blocks = append(blocks, schema.Block{Kind: schema.BlockTable, Rows: m.rows, Page: m.page})
	m.rows = nil
	return blocks
}
