package corpus

import (
	"context"
	"regexp"
	"strconv"
	"strings"

	"golang.org/x/net/html"
)

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
		case "aria-label":
			if chromeLabel.Match(v) {
				n.chrome = true
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
	b := &treeBuilder{z: html.NewTokenizer(strings.NewReader(s)), root: &hnode{tag: "#root"}, maxDepth: maxDepth}
	b.stack = []*hnode{b.root}
	for tokens := 1; ; tokens++ {
		tt := b.z.Next()
		if tokens&0x3FFF == 0 && ctx.Err() != nil {
			return b.root, b.flattened, ctx.Err()
		}
		switch tt {
		case html.ErrorToken:
			return b.root, b.flattened, nil // io.EOF, or the tokenizer gave up
		case html.TextToken:
			b.textToken()
		case html.StartTagToken, html.SelfClosingTagToken:
			b.startTag(tt == html.SelfClosingTagToken)
		case html.EndTagToken:
			b.endTag()
		}
	}
}

// treeBuilder holds the open elements while a page is tokenized.
type treeBuilder struct {
	z                      *html.Tokenizer
	root                   *hnode
	stack                  []*hnode
	maxDepth               int
	flattened, pendingEnds int
}

func (b *treeBuilder) top() *hnode { return b.stack[len(b.stack)-1] }

// closeTo pops up to and including the nearest open element named in
// names, unless one of stop comes first.
func (b *treeBuilder) closeTo(names, stop []string) bool {
	// The search looks at most maxEndSearch levels up, so that a
	// flood of stray end tags at a deep level stays linear.
	for i := len(b.stack) - 1; i > 0 && i >= len(b.stack)-maxEndSearch; i-- {
		t := b.stack[i].tag
		if contains(names, t) {
			b.stack = b.stack[:i]
			return true
		}
		if contains(stop, t) {
			return false
		}
	}
	return false
}

func (b *treeBuilder) push(n *hnode) {
	p := b.top()
	p.children = append(p.children, n)
	if len(b.stack) >= b.maxDepth {
		b.flattened++
		b.pendingEnds++
		return
	}
	b.stack = append(b.stack, n)
}

func (b *treeBuilder) textToken() {
	t := b.top()
	if t.skip {
		return
	}
	txt := string(b.z.Text())
	if n := len(t.children); n > 0 && t.children[n-1].tag == "" {
		t.children[n-1].text += txt
	} else {
		t.children = append(t.children, &hnode{text: txt})
	}
}

func (b *treeBuilder) startTag(selfClosing bool) {
	nameB, hasAttr := b.z.TagName()
	name := string(nameB)
	void := voidElements[name] || selfClosing
	if b.top().skip && !skipElements[name] {
		// Inside an invisible element nothing matters but its nesting.
		if !void {
			b.push(&hnode{tag: name, skip: true})
		}
		return
	}
	n := newElement(b.z, name, hasAttr)
	if b.top().skip {
		n.skip = true
	}
	// <header>/<footer> of an <article> or <main> hold its title
	// and details, not site chrome.
	if chromeElements[name] && !(name == "header" || name == "footer") || (name == "header" || name == "footer") && !inArticle(b.stack) {
		n.chrome = true
	}
	switch name {
	case "li":
		b.closeTo([]string{"li"}, []string{"ul", "ol", "table", "menu"})
	case "dt", "dd":
		b.closeTo([]string{"dt", "dd"}, []string{"dl", "table"})
	case "td", "th":
		b.closeTo([]string{"td", "th"}, []string{"tr", "table"})
	case "tr":
		b.closeTo([]string{"tr"}, []string{"table"})
	case "thead", "tbody", "tfoot":
		b.closeTo([]string{"thead", "tbody", "tfoot"}, []string{"table"})
	}
	if blockElements[name] && b.top().tag == "p" {
		b.stack = b.stack[:len(b.stack)-1]
	}
	if void {
		b.top().children = append(b.top().children, n)
		return
	}
	b.push(n)
}

func (b *treeBuilder) endTag() {
	nameB, _ := b.z.TagName()
	name := string(nameB)
	if b.pendingEnds > 0 {
		b.pendingEnds--
		return
	}
	if name == "br" || name == "p" && !b.closeTo([]string{"p"}, []string{"div", "td", "th", "table", "li", "body"}) {
		// </br> and a stray </p> act as line breaks.
		if !b.top().skip {
			b.top().children = append(b.top().children, &hnode{tag: "br"})
		}
		return
	}
	if name == "p" {
		return
	}
	stop := []string(nil)
	switch name {
	case "td", "th", "tr", "thead", "tbody", "tfoot":
		stop = []string{"table"}
	case "li":
		stop = []string{"ul", "ol"}
	}
	b.closeTo([]string{name}, stop)
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
