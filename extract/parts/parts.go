// Package parts splits a file that holds several policies (a listing web page
// with several notices, each with its own 发文字号 and body) into documents.
//
// A policy starts at a notice head: a title line (…关于印发…的通知, possibly
// with a leading or trailing 文号, or broken over up to three lines) or a bare
// 文号 line, followed by the 主送 line (各…：) of the notice. A file with fewer
// than two such heads is one policy and is returned unchanged. Listing chrome
// before the first head (menus, the teaser list of titles with dates) is
// dropped, and so is chrome at the end of each part (date fragments such as
// 14 / 2024-11, the 1 2 3 首页 pager, menu lines).
package parts

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"policyx/lexicon/outline"
	"policyx/schema"
)

// Split returns the documents inside doc, numbered Part 1, 2, … in page
// order, each with its own Text and Blocks (spans rebased). A file holding one
// policy comes back as itself.
func Split(doc *schema.Document) []*schema.Document {
	work := doc
	if bl := presplit(doc.Blocks); bl != nil {
		// a flattened page: heads and chrome inside long blocks
		cp := *doc
		cp.Blocks = bl
		work = &cp
	}
	starts := Starts(work)
	if len(starts) < 2 {
		headed := len(starts) == 1
		from := 0
		if headed {
			from = starts[0]
		}
		if cut := cutInterp(work.Blocks, from, len(work.Blocks), headed); cut < len(work.Blocks) {
			return []*schema.Document{build(work, 0, cut, 1)}
		}
		doc.Part = 1
		return []*schema.Document{doc}
	}
	var out []*schema.Document
	for k, s := range starts {
		end := len(work.Blocks)
		if k+1 < len(starts) {
			end = starts[k+1]
		}
		end = trimChrome(work.Blocks, s, cutInterp(work.Blocks, s, end, true))
		out = append(out, build(work, s, end, len(out)+1))
	}
	return out
}

// Starts returns the indexes of the blocks where a policy begins, in order:
// its notice head, or the metadata-box lines just above the head.
func Starts(doc *schema.Document) []int {
	bl := doc.Blocks
	var heads []head
	for i := 0; i < len(bl); i++ {
		n := headAt(bl, i)
		if n == 0 {
			continue
		}
		heads = append(heads, head{at: i, n: n, title: headTitle(bl, i, n)})
		i += n - 1
	}
	// a head must be followed by a body: drop heads whose part is too short
	var kept []head
	for k, h := range heads {
		end := len(bl)
		if k+1 < len(heads) {
			end = heads[k+1].at
		}
		if bodyRunes(bl, h.at, end) < minBody {
			continue
		}
		kept = append(kept, h)
	}
	// a head inside the previous policy is no new policy: the forwarded
	// notice of a 转发 notice, or a notice printed in an attachment
	var out []head
	flat := "" // the text without white space, made when needed
	for _, h := range kept {
		if len(out) > 0 {
			prev := out[len(out)-1]
			if forwarded(prev.title, h.title) || inAttachment(doc, prev.at+prev.n, h.at, h.title, &flat) || repeated(out, h.title) {
				continue
			}
		}
		out = append(out, h)
	}
	starts := make([]int, len(out))
	floor := 0
	for k, h := range out {
		starts[k] = boxAbove(bl, h.at, floor)
		floor = h.at + h.n
	}
	return starts
}

type head struct {
	at, n int
	title string
}

// headTitle is the title of the head at i without its 文号.
func headTitle(bl []schema.Block, i, n int) string {
	if t := clean(bl[i].Text); !notTitleStart(t) {
		if it := inlineTitle(reDocNum.ReplaceAllString(t, "")); it != "" {
			return strings.Join(strings.Fields(it), "")
		}
	}
	var b strings.Builder
	for j := i; j < i+n && j < len(bl); j++ {
		t := clean(bl[j].Text)
		t = reDocNum.ReplaceAllString(t, "")
		t = reTrailNum.ReplaceAllString(t, "")
		b.WriteString(t)
	}
	return strings.Join(strings.Fields(b.String()), "")
}

// repeated reports whether a kept head has the same title (a page that
// prints its notice twice).
func repeated(kept []head, title string) bool {
	for _, k := range kept {
		if k.title == title && title != "" {
			return true
		}
	}
	return false
}

// forwarded reports whether title is the notice that the notice prev
// forwards or prints (XX关于转发YY关于…的通知的通知).
func forwarded(prev, title string) bool {
	if title == "" || prev == "" {
		return false
	}
	core := title
	if i := strings.Index(core, "关于"); i > 0 {
		core = core[i:]
	}
	return strings.Contains(prev, core) && len(core) < len(prev)
}

// inAttachment reports whether the head at h (title t) sits in an attachment
// of the policy before it: a bare 附件 label lies between them, no listing
// chrome precedes the head, and the page does not list the title elsewhere.
func inAttachment(doc *schema.Document, from, h int, t string, flat *string) bool {
	bl := doc.Blocks
	attach := false
	for i := from; i < h; i++ {
		if bareAttach(clean(bl[i].Text)) {
			attach = true
		}
	}
	if !attach {
		return false
	}
	for i := h - 1; i >= from && i >= h-4; i-- {
		if strongChrome(bl[i]) {
			return false
		}
	}
	if *flat == "" {
		*flat = strings.Join(strings.Fields(doc.Text), "")
	}
	// the page lists the title elsewhere (a teaser) when it occurs twice
	i := strings.Index(*flat, t)
	return i < 0 || !strings.Contains((*flat)[i+len(t):], t)
}

// bareAttach reports whether t is an attachment label alone: 附件, 附件2：.
func bareAttach(t string) bool {
	l, n := outline.Read(t)
	return l.Style == outline.Attachment && l.Unit == "件" && strings.TrimRight(strings.TrimSpace(t[n:]), ":：") == ""
}

// reBoxLabel is a metadata-box label line (发文字号：…, 成文日期:).
var reBoxLabel = regexp.MustCompile(`^(索\s*引\s*号|标\s*题|发文字号|文\s*号|成文日期|发布日期|发文机关|发布机构|主题分类|效力状态|公文种类|发文单位)\s*[:：]`)

// boxAbove moves a policy's start up over the metadata-box lines right above
// its head (label lines and the value lines of empty labels) and over a bare
// 文号 line right above its title, not above floor.
func boxAbove(bl []schema.Block, at, floor int) int {
	s := at
	for i := at - 1; i >= floor && i >= at-40; i-- {
		t := clean(strings.TrimPrefix(strings.TrimSpace(bl[i].Text), "- "))
		if reBoxLabel.MatchString(t) {
			s = i
			continue
		}
		if i == at-1 && bl[i].Kind != schema.BlockTable {
			// the notice's own 文号 printed above its title
			if loc := reDocNum.FindStringIndex(t); loc != nil && loc[1] == len(t) {
				s = i
				continue
			}
		}
		// a value line under an empty label
		if i > floor {
			pt := clean(strings.TrimPrefix(strings.TrimSpace(bl[i-1].Text), "- "))
			if loc := reBoxLabel.FindStringIndex(pt); loc != nil && strings.TrimSpace(pt[loc[1]:]) == "" && utf8.RuneCountInString(t) <= 120 {
				continue
			}
		}
		break
	}
	return s
}

// minBody is the least text (in runes) a part must hold.
const minBody = 200

func bodyRunes(bl []schema.Block, s, e int) int {
	n := 0
	for i := s; i < e; i++ {
		n += utf8.RuneCountInString(bl[i].Text)
	}
	return n
}

// build makes part number n of doc from blocks [s, e).
func build(doc *schema.Document, s, e, n int) *schema.Document {
	p := &schema.Document{
		Path:   doc.Path,
		SHA256: doc.SHA256,
		Part:   n,
		Format: doc.Format,
		Status: doc.Status,
		Err:    doc.Err,
	}
	var b strings.Builder
	lo, hi := doc.Blocks[s].Span.Start, doc.Blocks[e-1].Span.End
	for i := s; i < e; i++ {
		blk := doc.Blocks[i]
		if b.Len() > 0 {
			b.WriteByte('\n')
		}
		start := b.Len()
		b.WriteString(blk.Text)
		blk.Span = schema.Span{Start: start, End: b.Len()}
		if blk.Rows != nil {
			rows := make([][]string, len(blk.Rows))
			for r, row := range blk.Rows {
				rows[r] = append([]string(nil), row...)
			}
			blk.Rows = rows
		}
		p.Blocks = append(p.Blocks, blk)
	}
	p.Text = b.String()
	for _, d := range doc.Diagnostics {
		switch {
		case d.Span == (schema.Span{}):
			p.Diagnostics = append(p.Diagnostics, d)
		case d.Span.Start >= lo && d.Span.End <= hi:
			if sp, ok := rebase(doc, p, s, e, d.Span); ok {
				d.Span = sp
				p.Diagnostics = append(p.Diagnostics, d)
			}
		}
	}
	return p
}

// rebase maps a span of doc.Text inside blocks [s, e) into the part's text.
func rebase(doc, p *schema.Document, s, e int, sp schema.Span) (schema.Span, bool) {
	for i := s; i < e; i++ {
		ob := doc.Blocks[i].Span
		if sp.Start >= ob.Start && sp.Start <= ob.End {
			nb := p.Blocks[i-s].Span
			delta := nb.Start - ob.Start
			out := schema.Span{Start: sp.Start + delta, End: sp.End + delta}
			if out.Valid(len(p.Text)) {
				return out, true
			}
			return schema.Span{}, false
		}
	}
	return schema.Span{}, false
}
