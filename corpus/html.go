package corpus

import (
	"bytes"
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/text/encoding/htmlindex"

	"policyx/schema"
)

// decodeHTML reads a saved web page into blocks of visible text in page
// order.
//
//   - The charset comes from a BOM; bytes that are valid UTF-8 are read
//     as UTF-8 (a page saved by a browser keeps its old <meta charset>);
//     else from <meta charset> or <meta http-equiv>; else GB18030.
//   - The page is tokenized (not parsed with the HTML5 tree builder, whose
//     scope checks are quadratic in nesting depth) into a light tree whose
//     depth is capped at Limits.MaxDepth; deeper elements are flattened into
//     their capped ancestor.
//   - Invisible content goes: <head>, <script>, <style>, <noscript>,
//     <template>, form controls, comments, elements hidden by
//     style="display:none" or the hidden attribute.
//   - Site chrome goes: <nav>, <header>, <footer>, <aside>, and elements
//     whose class or id names navigation, menus, footers, breadcrumbs,
//     sidebars, sharing, copyright, search boxes … — unless they hold a lot of
//     plain (non-link) text, so a wrapper with an unlucky class name cannot
//     take the article with it — and link-dense containers (most of their
//     text inside <a>, links to attached files not counted).
//   - Block elements (p, div, li, h1–h6, br, tr, td …) end blocks; h1–h6
//     become BlockHeadings with their Level.
//   - A <table> that holds another table or a heading, has a single
//     column, or has at most two rows with a long cell, is page layout: its cells are read as ordinary blocks. Any other table becomes
//     one BlockTable with rowspan/colspan expanded: a rowspan cell's text is
//     repeated in every row it covers; a colspan cell's text stands in the
//     first column it covers and the others get "". Several paragraphs
//     inside one cell are joined by "\n" (the normalizer turns that into a
//     space).
func decodeHTML(ctx context.Context, data []byte, lim Limits) ([]schema.Block, []schema.Diagnostic, error) {
	s, diags, err := decodeHTMLBytes(data)
	if err != nil {
		return nil, nil, err
	}
	maxDepth := lim.MaxDepth
	if maxDepth <= 0 {
		maxDepth = DefaultLimits.MaxDepth
	}
	root, deep, err := buildHTMLTree(ctx, s, maxDepth)
	if err != nil {
		return nil, diags, err
	}
	if deep > 0 {
		diags = append(diags, schema.Diagnostic{Severity: schema.SevWarning, Stage: "html",
			Message: fmt.Sprintf("nesting deeper than %d: %d elements flattened", maxDepth, deep)})
	}
	measure(root)
	e := &htmlEmitter{}
	e.walk(root)
	e.flush()
	blocks := cleanHTMLBlocks(e.blocks)
	if blocksLen(blocks) < 100 {
		// Almost nothing visible: some pages hide their content until
		// a script shows it. Read the hidden elements too.
		h := &htmlEmitter{showHidden: true}
		h.walk(root)
		h.flush()
		if hb := cleanHTMLBlocks(h.blocks); blocksLen(hb) > 2*blocksLen(blocks) {
			blocks = hb
			diags = append(diags, schema.Diagnostic{Severity: schema.SevWarning, Stage: "html",
				Message: "little visible text: read elements hidden by style too"})
		}
	}
	return blocks, diags, nil
}

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

// hnode is one element or text run of the light HTML tree.
type hnode struct {
	tag      string // lower-case element name; "" for text
	text     string
	children []*hnode

	skip   bool // invisible: never emitted
	hidden bool // hidden by style or attribute: emitted only as a fallback
	chrome bool // hinted as site chrome by name, class or id
	print  bool // class or id names printing (print-title, print buttons)
	file   bool // <a> linking to a document file
	href   bool // <a> with an href

	colspan, rowspan int

	// Filled by measure: visible runes, runes inside links, link count, and
	// whether a table is nested below.
	textLen, linkLen, links int
	hasTable, hasHeading    bool
}

var voidElements = map[string]bool{
	"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true, "img": true,
	"input": true, "link": true, "meta": true, "param": true, "source": true, "track": true, "wbr": true,
}

// skipElements hold nothing a reader sees as text.
var skipElements = map[string]bool{
	"head": true, "script": true, "style": true, "noscript": true, "template": true, "title": true,
	"textarea": true, "select": true, "option": true, "button": true, "iframe": true, "object": true,
	"svg": true, "math": true, "canvas": true, "audio": true, "video": true, "map": true, "noframes": true,
}

var chromeElements = map[string]bool{"nav": true, "header": true, "footer": true, "aside": true, "menu": true}

var blockElements = map[string]bool{
	"address": true, "article": true, "blockquote": true, "body": true, "caption": true, "center": true,
	"dd": true, "details": true, "dialog": true, "dir": true, "div": true, "dl": true, "dt": true,
	"fieldset": true, "figcaption": true, "figure": true, "form": true, "h1": true, "h2": true, "h3": true,
	"h4": true, "h5": true, "h6": true, "hgroup": true, "hr": true, "html": true, "legend": true, "li": true,
	"main": true, "ol": true, "p": true, "pre": true, "section": true, "summary": true, "table": true,
	"tbody": true, "td": true, "tfoot": true, "th": true, "thead": true, "tr": true, "ul": true,
	"header": true, "footer": true, "nav": true, "aside": true, "menu": true,
}

// chromeWords are class/id words (split at non-alphanumerics) that mark
// site chrome. Pinyin abbreviations are common on Chinese government sites.
var chromeWords = map[string]bool{
	"nav": true, "navbar": true, "navigation": true, "menu": true, "menus": true, "submenu": true,
	"footer": true, "foot": true, "header": true, "topbar": true, "toolbar": true, "breadcrumb": true,
	"breadcrumbs": true, "crumb": true, "crumbs": true, "sidebar": true, "share": true, "shareicon": true,
	"copyright": true, "search": true, "login": true, "logout": true, "position": true, "location": true,
	"related": true, "relate": true, "xgwz": true, "xgwj": true, "daohang": true, "dqwz": true, "weizhi": true,
	"jiucuo": true, "bottom": true, "qrcode": true, "ewm": true, "fontsize": true, "zoom-controls": true,
	"skip": true, "advert": true, "ad": true, "ads": true, "banner": true,
}

// chromeSuffixes mark compound names such as mainnav, topmenu, pagefooter.
var chromeSuffixes = []string{"nav", "menu", "footer", "header", "crumb", "crumbs", "sidebar", "share", "search", "copyright"}

// chromeInfixes mark chrome anywhere inside a class/id word
// (newweixinbox, pagefooterwrap).
var chromeInfixes = []string{"weixin", "wechat", "weibo", "qrcode", "erweima", "breadcrumb", "copyright", "footer", "navbar", "sidebar", "jiucuo"}

func isChromeName(v string) bool {
	v = strings.ToLower(v)
	for _, w := range strings.FieldsFunc(v, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
	}) {
		if chromeWords[w] {
			return true
		}
		for _, s := range chromeInfixes {
			if strings.Contains(w, s) {
				return true
			}
		}
		for _, s := range chromeSuffixes {
			if len(w) > len(s) && (strings.HasSuffix(w, s) || strings.HasPrefix(w, s)) {
				return true
			}
		}
	}
	return false
}

// isPrintName reports whether a class or id has the word "print" (print,
// print-title, btn_print): print buttons and headers shown only on paper,
// such as the site's name above the article.
func isPrintName(v string) bool {
	for _, w := range strings.FieldsFunc(strings.ToLower(v), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
	}) {
		if w == "print" {
			return true
		}
	}
	return false
}

var fileLink = regexp.MustCompile(`(?i)\.(docx?|pdf|xlsx?|wps|et|ofd|zip|rar|7z|txt|ceb)(\?.*)?$`)

// newElement builds a node from a start tag.
func newElement(z *html.Tokenizer, name string, hasAttr bool) *hnode {
	n := &hnode{tag: name, skip: skipElements[name], colspan: 1, rowspan: 1}
	for hasAttr {
		var k, v []byte
		k, v, hasAttr = z.TagAttr()
		switch string(k) {
		case "class", "id":
			if isChromeName(string(v)) {
				n.chrome = true
			}
			if isPrintName(string(v)) {
				n.print = true
			}
		case "role":
			switch strings.ToLower(string(v)) {
			case "navigation", "banner", "contentinfo", "search", "menu", "menubar":
				n.chrome = true
			}
		case "style":
			st := strings.ToLower(strings.Join(strings.Fields(string(v)), ""))
			// Pages that JavaScript reveals hide their body; that
			// hiding is ignored.
			if (strings.Contains(st, "display:none") || strings.Contains(st, "visibility:hidden")) && name != "body" && name != "html" {
				n.hidden = true
			}
		case "hidden":
			n.hidden = true
		case "aria-hidden":
			if strings.EqualFold(string(v), "true") {
				n.hidden = true
			}
		case "type":
			if name == "input" && strings.EqualFold(string(v), "hidden") {
				n.skip = true
			}
		case "href":
			if name == "a" {
				n.href = true
				n.file = fileLink.MatchString(strings.TrimSpace(string(v)))
			}
		case "colspan":
			n.colspan = spanAttr(v)
		case "rowspan":
			n.rowspan = spanAttr(v)
		}
	}
	return n
}

func spanAttr(v []byte) int {
	s := strings.TrimSpace(string(v))
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	n, err := strconv.Atoi(s[:i])
	if err != nil || n < 0 {
		return 1
	}
	return n
}

// buildHTMLTree tokenizes s into a tree. It mends the commonest omitted end
// tags (p, li, dt/dd, td/th, tr, thead/tbody/tfoot) and ignores stray end
// tags. It returns how many elements were flattened because of the depth
// cap.
func buildHTMLTree(ctx context.Context, s string, maxDepth int) (*hnode, int, error) {
	z := html.NewTokenizer(strings.NewReader(s))
	root := &hnode{tag: "#root"}
	stack := []*hnode{root}
	flattened, pendingEnds := 0, 0
	top := func() *hnode { return stack[len(stack)-1] }
	// closeTo pops up to and including the nearest open element named in
	// names, unless one of stop comes first.
	closeTo := func(names, stop []string) bool {
		// The search looks at most maxEndSearch levels up, so that a
		// flood of stray end tags at a deep level stays linear.
		for i := len(stack) - 1; i > 0 && i >= len(stack)-maxEndSearch; i-- {
			t := stack[i].tag
			if contains(names, t) {
				stack = stack[:i]
				return true
			}
			if contains(stop, t) {
				return false
			}
		}
		return false
	}
	push := func(n *hnode) {
		p := top()
		p.children = append(p.children, n)
		if len(stack) >= maxDepth {
			flattened++
			pendingEnds++
			return
		}
		stack = append(stack, n)
	}
	tokens := 0
	for {
		tt := z.Next()
		tokens++
		if tokens&0x3FFF == 0 && ctx.Err() != nil {
			return root, flattened, ctx.Err()
		}
		switch tt {
		case html.ErrorToken:
			return root, flattened, nil // io.EOF, or the tokenizer gave up
		case html.TextToken:
			t := top()
			if t.skip {
				continue
			}
			txt := string(z.Text())
			if n := len(t.children); n > 0 && t.children[n-1].tag == "" {
				t.children[n-1].text += txt
			} else {
				t.children = append(t.children, &hnode{text: txt})
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			nameB, hasAttr := z.TagName()
			name := string(nameB)
			if top().skip && !skipElements[name] {
				// Inside an invisible element nothing matters but
				// its nesting.
				if voidElements[name] || tt == html.SelfClosingTagToken {
					continue
				}
				push(&hnode{tag: name, skip: true})
				continue
			}
			n := newElement(z, name, hasAttr)
			if top().skip {
				n.skip = true
			}
			// <header>/<footer> of an <article> or <main> hold its title
			// and details, not site chrome.
			if chromeElements[name] && !(name == "header" || name == "footer") || (name == "header" || name == "footer") && !inArticle(stack) {
				n.chrome = true
			}
			switch name {
			case "li":
				closeTo([]string{"li"}, []string{"ul", "ol", "table", "menu"})
			case "dt", "dd":
				closeTo([]string{"dt", "dd"}, []string{"dl", "table"})
			case "td", "th":
				closeTo([]string{"td", "th"}, []string{"tr", "table"})
			case "tr":
				closeTo([]string{"tr"}, []string{"table"})
			case "thead", "tbody", "tfoot":
				closeTo([]string{"thead", "tbody", "tfoot"}, []string{"table"})
			}
			if blockElements[name] && top().tag == "p" {
				stack = stack[:len(stack)-1]
			}
			if voidElements[name] || tt == html.SelfClosingTagToken {
				top().children = append(top().children, n)
				continue
			}
			push(n)
		case html.EndTagToken:
			nameB, _ := z.TagName()
			name := string(nameB)
			if pendingEnds > 0 {
				pendingEnds--
				continue
			}
			if name == "br" || name == "p" && !closeTo([]string{"p"}, []string{"div", "td", "th", "table", "li", "body"}) {
				// </br> and a stray </p> act as line breaks.
				if !top().skip {
					top().children = append(top().children, &hnode{tag: "br"})
				}
				continue
			}
			if name == "p" {
				continue
			}
			stop := []string(nil)
			switch name {
			case "td", "th", "tr", "thead", "tbody", "tfoot":
				stop = []string{"table"}
			case "li":
				stop = []string{"ul", "ol"}
			}
			closeTo([]string{name}, stop)
		}
	}
}

// inArticle reports whether an <article> or <main> is open.
func inArticle(stack []*hnode) bool {
	for _, n := range stack {
		if n.tag == "article" || n.tag == "main" {
			return true
		}
	}
	return false
}

// maxEndSearch is how far up the open elements an end tag looks for its
// start tag.
const maxEndSearch = 64

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// measure fills textLen, linkLen, links and hasTable bottom-up.
func measure(n *hnode) {
	if n.tag == "" {
		n.textLen = visibleLen(n.text)
		return
	}
	for _, c := range n.children {
		if c.skip {
			continue
		}
		measure(c)
		if c.hidden {
			continue // hidden text does not count for its ancestors
		}
		n.textLen += c.textLen
		n.linkLen += c.linkLen
		n.links += c.links
		n.hasTable = n.hasTable || c.hasTable || c.tag == "table"
		n.hasHeading = n.hasHeading || c.hasHeading || len(c.tag) == 2 && c.tag[0] == 'h' && c.tag[1] >= '1' && c.tag[1] <= '6'
	}
	if n.tag == "a" && !n.file {
		n.linkLen = n.textLen
		n.links++
	}
}

// blocksLen counts the visible runes of blocks.
func blocksLen(blocks []schema.Block) int {
	n := 0
	for _, b := range blocks {
		n += visibleLen(b.Text)
		for _, r := range b.Rows {
			for _, c := range r {
				n += visibleLen(c)
			}
		}
	}
	return n
}

// visibleLen counts the runes of s that are not white space.
func visibleLen(s string) int {
	n := 0
	for _, r := range s {
		if r > ' ' && r != 0xA0 && r != 0x3000 {
			n++
		}
	}
	return n
}

// dropped reports whether n is invisible or chrome to leave out.
func (e *htmlEmitter) dropped(n *hnode) bool {
	if n.skip || n.hidden && !e.showHidden {
		return true
	}
	plain := n.textLen - n.linkLen
	// A short element named for printing is a print button or a header
	// for paper (the site name); a wrapper of the article has more text.
	if n.print && n.textLen <= 40 {
		return true
	}
	if n.chrome {
		// A hinted element that holds much plain text is a wrapper of
		// the article, not chrome.
		return plain < 500 || n.linkLen*2 > n.textLen
	}
	if n.tag == "a" || n.tag == "#root" || n.tag == "html" || n.tag == "body" {
		return false
	}
	// Link-dense containers: menus, related-article lists, link farms.
	return n.links >= 3 && n.linkLen*10 >= n.textLen*6 && plain < 300
}

// htmlEmitter turns the tree into blocks.
type htmlEmitter struct {
	blocks []schema.Block
	buf    strings.Builder
	pre    int // depth inside <pre>

	showHidden bool // emit elements hidden by style (fallback)
}

// flush ends the current paragraph.
func (e *htmlEmitter) flush() {
	if e.buf.Len() == 0 {
		return
	}
	t := e.buf.String()
	e.buf.Reset()
	if e.pre > 0 {
		for _, line := range strings.Split(t, "\n") {
			e.blocks = append(e.blocks, schema.Block{Kind: schema.BlockPara, Text: line})
		}
		return
	}
	if strings.TrimSpace(t) != "" {
		e.blocks = append(e.blocks, schema.Block{Kind: schema.BlockPara, Text: strings.TrimSpace(t)})
	}
}

// text appends a text run, collapsing ASCII white space like a browser
// (non-breaking and ideographic spaces are kept for the normalizer).
func (e *htmlEmitter) text(s string) {
	if e.pre > 0 {
		e.buf.WriteString(s)
		return
	}
	space := e.buf.Len() > 0 && isHTMLSpace(lastByte(&e.buf))
	for _, r := range s {
		if r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' {
			if !space && e.buf.Len() > 0 {
				e.buf.WriteByte(' ')
			}
			space = true
			continue
		}
		e.buf.WriteRune(r)
		space = false
	}
}

func isHTMLSpace(b byte) bool { return b == ' ' }

func lastByte(b *strings.Builder) byte {
	s := b.String()
	return s[len(s)-1]
}

func (e *htmlEmitter) walk(n *hnode) {
	if n.tag == "" {
		e.text(n.text)
		return
	}
	if e.dropped(n) {
		if blockElements[n.tag] {
			e.flush()
		}
		return
	}
	switch n.tag {
	case "br", "hr":
		if e.pre > 0 {
			e.buf.WriteByte('\n')
			return
		}
		e.flush()
		return
	case "table":
		e.flush()
		e.table(n)
		return
	case "h1", "h2", "h3", "h4", "h5", "h6":
		e.flush()
		start := len(e.blocks)
		for _, c := range n.children {
			e.walk(c)
		}
		e.flush()
		// A heading holding several lines (a <br> inside) stays one
		// heading.
		var parts []string
		for _, b := range e.blocks[start:] {
			if b.Kind == schema.BlockTable {
				return // a table inside a heading: keep what we have
			}
			parts = append(parts, b.Text)
		}
		e.blocks = e.blocks[:start]
		if t := strings.TrimSpace(strings.Join(parts, " ")); t != "" {
			e.blocks = append(e.blocks, schema.Block{Kind: schema.BlockHeading, Text: t, Level: int(n.tag[1] - '0')})
		}
		return
	case "pre", "xmp", "listing", "plaintext":
		e.flush()
		e.pre++
		for _, c := range n.children {
			e.walk(c)
		}
		e.flush()
		e.pre--
		return
	}
	block := blockElements[n.tag]
	if block {
		e.flush()
	}
	for _, c := range n.children {
		e.walk(c)
	}
	if block {
		e.flush()
	}
}

// Caps on the grid one table may expand to.
const (
	maxTableCols  = 256
	maxTableCells = 1 << 20
)

// table emits a data table as a BlockTable, or a layout table as blocks.
func (e *htmlEmitter) table(t *hnode) {
	var captions []*hnode
	var rows [][]*hnode
	var collect func(n *hnode)
	collect = func(n *hnode) {
		for _, c := range n.children {
			if c.tag == "" || e.dropped(c) {
				continue
			}
			switch c.tag {
			case "caption":
				captions = append(captions, c)
			case "tr":
				var cells []*hnode
				for _, d := range c.children {
					if (d.tag == "td" || d.tag == "th") && !d.skip {
						cells = append(cells, d)
					}
				}
				rows = append(rows, cells)
			case "thead", "tbody", "tfoot", "colgroup", "form":
				collect(c)
			}
		}
	}
	collect(t)
	width := 0
	for _, r := range rows {
		w := 0
		for _, c := range r {
			w += max(1, min(c.colspan, maxTableCols))
		}
		width = max(width, w)
	}
	longCell := false
	if len(rows) <= 2 {
		for _, r := range rows {
			for _, c := range r {
				longCell = longCell || c.textLen >= 300
			}
		}
	}
	if t.hasTable || t.hasHeading || longCell || width <= 1 || len(rows) == 0 {
		// Layout: read the cells as ordinary blocks.
		for _, c := range t.children {
			e.walk(c)
		}
		e.flush()
		return
	}
	for _, c := range captions {
		e.walk(c)
		e.flush()
	}
	width = min(width, maxTableCols)
	type carry struct {
		text string
		left int
	}
	pending := make([]carry, width)
	var grid [][]string
	cells := 0
	for ri, r := range rows {
		if cells > maxTableCells {
			break
		}
		row := make([]string, 0, width)
		col := 0
		fillCarried := func() {
			for col < width && pending[col].left > 0 {
				row = append(row, pending[col].text)
				pending[col].left--
				col++
			}
		}
		for _, c := range r {
			fillCarried()
			if col >= width {
				break
			}
			text := e.cellText(c)
			cs := max(1, c.colspan)
			cs = min(cs, width-col)
			rs := c.rowspan
			if rs == 0 {
				rs = len(rows) - ri // rowspan="0": to the end of the table
			}
			rs = min(rs, len(rows)-ri)
			for k := 0; k < cs; k++ {
				v := ""
				if k == 0 {
					v = text
				}
				row = append(row, v)
				if rs > 1 {
					pending[col] = carry{text: v, left: rs - 1}
				}
				col++
			}
		}
		for col < width {
			if pending[col].left > 0 {
				row = append(row, pending[col].text)
				pending[col].left--
			} else {
				row = append(row, "")
			}
			col++
		}
		cells += len(row)
		empty := true
		for _, v := range row {
			if strings.TrimSpace(v) != "" {
				empty = false
				break
			}
		}
		if !empty {
			grid = append(grid, row)
		}
	}
	if len(grid) == 0 {
		return
	}
	// Drop columns empty in every row (spacer cells).
	keep := make([]bool, width)
	nkeep := 0
	for _, row := range grid {
		for j, v := range row {
			if !keep[j] && strings.TrimSpace(v) != "" {
				keep[j] = true
				nkeep++
			}
		}
	}
	if nkeep < width {
		for i, row := range grid {
			out := make([]string, 0, nkeep)
			for j, v := range row {
				if keep[j] {
					out = append(out, v)
				}
			}
			grid[i] = out
		}
	}
	// Leading rows whose one filled cell spans the whole table are
	// captions (附件1, the table title): they become paragraphs before it.
	for len(grid) > 0 && len(grid[0]) > 1 && leadingCaption(grid[0]) {
		for _, line := range strings.Split(grid[0][0], "\n") {
			e.blocks = append(e.blocks, schema.Block{Kind: schema.BlockPara, Text: line})
		}
		grid = grid[1:]
	}
	if len(grid) == 0 {
		return
	}
	if len(grid[0]) <= 1 {
		// One column left: not a table after all.
		for _, row := range grid {
			for _, line := range strings.Split(row[0], "\n") {
				e.blocks = append(e.blocks, schema.Block{Kind: schema.BlockPara, Text: line})
			}
		}
		return
	}
	e.blocks = append(e.blocks, schema.Block{Kind: schema.BlockTable, Rows: grid})
}

// leadingCaption reports whether only the first cell of row has text (a
// colspan over the whole width leaves "" in the others).
func leadingCaption(row []string) bool {
	if strings.TrimSpace(row[0]) == "" {
		return false
	}
	for _, v := range row[1:] {
		if strings.TrimSpace(v) != "" {
			return false
		}
	}
	return true
}

// cellText reads one cell's blocks, joined by "\n".
func (e *htmlEmitter) cellText(c *hnode) string {
	sub := &htmlEmitter{showHidden: e.showHidden}
	for _, ch := range c.children {
		sub.walk(ch)
	}
	sub.flush()
	parts := make([]string, 0, len(sub.blocks))
	for _, b := range sub.blocks {
		t := strings.TrimSpace(b.Text)
		if b.Kind == schema.BlockTable {
			var lines []string
			for _, r := range b.Rows {
				lines = append(lines, strings.Join(r, " "))
			}
			t = strings.Join(lines, "\n")
		}
		if t != "" {
			parts = append(parts, t)
		}
	}
	return strings.Join(parts, "\n")
}

// chromeLine matches whole blocks that are page furniture rather than
// content: print/close/back-to-top buttons, font-size pickers, share and
// QR-code prompts.
var chromeLine = regexp.MustCompile(`^(?:(?:[【\[]\s*[^】\]]{1,12}\s*[】\]]\s*)+|分享到\s*[:：]?.{0,20}|扫一扫在手机(?:上)?打开当前页|(?:打印|关闭)(?:本页|窗口)|返回顶部|字体\s*[:：]\s*大\s*中\s*小|当前位置\s*[:：].*)$`)

// viewCounter matches a page-view counter at the end of a line (浏览次数：-,
// 点击数：1234), filled in by a script.
var viewCounter = regexp.MustCompile(`\s*(?:浏览次数|阅读次数|访问次数|点击次数|点击数|点击量|访问量|阅读量|浏览量)\s*[:：]\s*[-\d]*\s*$`)

// fieldLine matches a short "key：value" line of an information box
// (发布机关：…); emptyField a key whose value was left for a script to fill
// (文件状态：).
var (
	fieldLine  = regexp.MustCompile(`^[\p{Han}\s\x{3000}]{2,8}[:：]\s*\S`)
	emptyField = regexp.MustCompile(`^[\p{Han}\s\x{3000}]{2,8}[:：]$`)
)

// cleanHTMLBlocks drops furniture lines: buttons and prompts (chromeLine),
// view counters at the end of a line, and keys left without a value in a
// list of "key：value" lines (a value a script would fill in). A key before
// a paragraph (各有关单位：) is a salutation and stays.
func cleanHTMLBlocks(blocks []schema.Block) []schema.Block {
	isField := func(i int) bool {
		if i < 0 || i >= len(blocks) || blocks[i].Kind != schema.BlockPara {
			return false
		}
		t := strings.TrimSpace(blocks[i].Text)
		return len(t) < 240 && fieldLine.MatchString(t)
	}
	out := make([]schema.Block, 0, len(blocks))
	for i, b := range blocks {
		if b.Kind != schema.BlockTable {
			t := strings.TrimSpace(b.Text)
			if b.Kind == schema.BlockPara && utf8.RuneCountInString(t) < 60 && chromeLine.MatchString(t) {
				continue
			}
			if b.Kind == schema.BlockPara && len(t) < 240 {
				if loc := viewCounter.FindStringIndex(t); loc != nil {
					b.Text = strings.TrimSpace(t[:loc[0]])
					t = b.Text
				}
				// The body after a salutation is a paragraph, not a field.
				body := i+1 < len(blocks) && blocks[i+1].Kind == schema.BlockPara && !isField(i+1)
				if emptyField.MatchString(t) && !strings.HasPrefix(t, "各") && (isField(i-1) || isField(i+1)) && !body {
					continue
				}
			}
			if !hasWordRune(t) {
				continue // icons and symbols: × + - ↺
			}
		}
		out = append(out, b)
	}
	return out
}

// hasWordRune reports whether s has a letter or digit (CJK included).
func hasWordRune(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}
