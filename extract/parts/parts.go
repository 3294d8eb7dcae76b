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
	_ "embed"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"policyx/normalize/outline"
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
		doc.Part = 1
		return []*schema.Document{doc}
	}
	var out []*schema.Document
	for k, s := range starts {
		end := len(work.Blocks)
		if k+1 < len(starts) {
			end = starts[k+1]
		}
		end = trimChrome(work.Blocks, s, end)
		out = append(out, build(work, s, end, len(out)+1))
	}
	return out
}

// presplit cuts blocks where a notice head starts inside them (after a
// sentence end or listing chrome) and where listing chrome follows the last
// sentence; nil when no block needs it.
func presplit(bl []schema.Block) []schema.Block {
	var out []schema.Block
	changed := false
	for _, b := range bl {
		if b.Kind == schema.BlockTable || !strings.ContainsAny(b.Text, " 。") {
			out = append(out, b)
			continue
		}
		cuts := innerCuts(b.Text)
		if len(cuts) == 0 {
			out = append(out, b)
			continue
		}
		changed = true
		prev := 0
		for _, c := range append(cuts, len(b.Text)) {
			piece := b.Text[prev:c]
			lead := len(piece) - len(strings.TrimLeft(piece, " "))
			t := strings.TrimSpace(piece)
			if t != "" {
				nb := b
				nb.Text = t
				nb.Rows = nil
				nb.Span = schema.Span{Start: b.Span.Start + prev + lead, End: b.Span.Start + prev + lead + len(t)}
				out = append(out, nb)
			}
			prev = c
		}
	}
	if !changed {
		return nil
	}
	return out
}

// innerCuts returns the byte offsets inside t where a new block should start:
// before a notice head that follows a sentence end (and the listing chrome
// after it), and before a run of chrome after the last sentence.
func innerCuts(t string) []int {
	var cuts []int
	for i := 0; i < len(t); {
		r, sz := utf8.DecodeRuneInString(t[i:])
		i += sz
		if r != '。' {
			continue
		}
		j := i
		for j < len(t) && t[j] == ' ' {
			j++
		}
		k := skipChrome(t, j)
		if k >= len(t) {
			continue
		}
		win := t[k:]
		if len(win) > 900 {
			win = win[:900]
		}
		title := win
		if len(title) > 360 {
			title = title[:360] // a title is at most 120 runes
		}
		if !(strings.Contains(title, "关于") || strings.Contains(title, "印发") || strings.Contains(title, "转发")) || !strings.ContainsAny(win, "：:") {
			continue
		}
		if !notTitleStart(win) && inlineHead(reDocNum.ReplaceAllString(win, "")) {
			cuts = append(cuts, i, k)
		}
	}
	// chrome after the last sentence of the block
	if k := strings.LastIndex(t, "。"); k >= 0 {
		tail := t[k+len("。"):]
		if chromeText(tail) && (len(cuts) == 0 || cuts[len(cuts)-1] <= k) {
			cuts = append(cuts, k+len("。"))
		}
	}
	return dedupeCuts(cuts, len(t))
}

// skipChrome returns the offset after the chrome tokens (14 2025-04) that
// start t[j:], or j.
func skipChrome(t string, j int) int {
	k := j
	for k < len(t) {
		e := strings.IndexByte(t[k:], ' ')
		if e < 0 {
			return k
		}
		tok := t[k : k+e]
		if !(reDigits.MatchString(tok) || reISODate.MatchString(tok) || reClock.MatchString(tok) || reStrong.MatchString(tok)) {
			return k
		}
		k += e
		for k < len(t) && t[k] == ' ' {
			k++
		}
	}
	return k
}

func dedupeCuts(cuts []int, n int) []int {
	var out []int
	for _, c := range cuts {
		if c <= 0 || c >= n || len(out) > 0 && c <= out[len(out)-1] {
			continue
		}
		out = append(out, c)
	}
	return out
}

// tailAfterSentence is the text after the last 。 of s (all of s when none).
func tailAfterSentence(s string) string {
	if k := strings.LastIndex(s, "。"); k >= 0 {
		return s[k+len("。"):]
	}
	return s
}

// chromeText reports whether s is a run of listing chrome tokens (14
// 2025-04 1 2 3 首页 信息之窗 …) with at least one page number, date
// fragment or pager word.
func chromeText(s string) bool {
	fs := strings.Fields(s)
	if len(fs) == 0 {
		return false
	}
	strong := false
	for _, f := range fs {
		switch {
		case reDigits.MatchString(f) || reISODate.MatchString(f) || reClock.MatchString(f) || reStrong.MatchString(f):
			strong = true
		case utf8.RuneCountInString(f) <= 8 && !reSentence.MatchString(f) && !reDateCN.MatchString(f) && !strings.HasPrefix(f, "附") && !reOrganEnd.MatchString(f):
		default:
			return false
		}
	}
	return strong
}

var reClock = regexp.MustCompile(`^\d{1,2}:\d{2}(:\d{2})?$`)

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

var (
	reDocNum    = regexp.MustCompile(`^[\p{Han}A-Za-z]{1,14}?\s*[〔\[［【(（]\s*(?:19|20)\d{2}\s*[〕\]］】)）]\s*第?\s*\d{1,5}\s*号\s*`)
	reTrailNum  = regexp.MustCompile(`\s*[(（]\s*[\p{Han}A-Za-z]{1,14}?\s*[〔\[［【(（]\s*(?:19|20)\d{2}\s*[〕\]］】)）]\s*\d{1,5}\s*号\s*[)）]\s*$`)
	reKindEnd   = regexp.MustCompile(`(通知|意见|决定|办法|方案|规定|细则|措施|通报|批复|函|公告|通告|规划|计划|指引|指南|条例)$`)
	reMainSend  = regexp.MustCompile(`^([^。：:；;！？]{2,240})[：:]`)
	reAddressee = regexp.MustCompile(`各|有关|单位|政府|部门|机构|机关|局|委|厅|办|公司|学校|院|所|中心|组织|团体`)
)

// boxLabels are metadata-box labels that look like a 主送 line.
var boxLabels = []string{"发文机关", "发布机构", "发文单位", "发布机关", "牵头单位", "制发机关", "发文机构", "来源", "信息来源", "主送", "抄送", "主题分类", "分类"}

func clean(s string) string { return strings.TrimSpace(strings.Trim(strings.TrimSpace(s), "#*> ")) }

// headAt reports how many blocks the notice head at i spans (title and 文号
// lines, not the 主送), or 0 when no head starts at i.
func headAt(bl []schema.Block, i int) int {
	if bl[i].Kind == schema.BlockTable {
		return 0
	}
	t := clean(bl[i].Text)
	// a bare 文号 line followed by the 主送
	if loc := reDocNum.FindStringIndex(t); loc != nil && loc[1] == len(t) {
		if mainSendAt(bl, i+1) {
			return 1
		}
		return 0
	}
	if !notTitleStart(t) && inlineHead(reDocNum.ReplaceAllString(t, "")) {
		return 1
	}
	if !titleStart(t) {
		return 0
	}
	if !strings.Contains(t, "关于") && !strings.Contains(t, "印发") && !strings.Contains(t, "转发") && !organLine(t) {
		return 0
	}
	joined := ""
	for j := i; j < len(bl) && j < i+3; j++ {
		if bl[j].Kind == schema.BlockTable {
			return 0
		}
		lt := clean(bl[j].Text)
		if j > i && (reDocNum.MatchString(lt) || strings.ContainsAny(lt, "。；：:")) {
			return 0
		}
		joined += lt
		if utf8.RuneCountInString(joined) > 160 {
			return 0
		}
		if isTitle(joined) {
			// 文号 on its own line after the title, or a page's date and
			// source lines, then the 主送
			k := j + 1
			for k < len(bl) && k <= j+4 && metaLine(bl[k]) {
				k++
			}
			if mainSendAt(bl, k) {
				return k - i
			}
			return 0
		}
	}
	return 0
}

// reMetaLine is a page's line about a document: 发布时间：… 来源：…
var reMetaLine = regexp.MustCompile(`^(发布|来源|时间|日期|浏览|点击|阅读|字号|作者|编辑|信息来源|文章来源|发文|成文|索引|【字体|字体|分享|打印)`)

// metaLine reports whether block b may stand between a title and its 主送:
// a bare 文号, a date fragment, or a page's date/source line.
func metaLine(b schema.Block) bool {
	if b.Kind == schema.BlockTable {
		return false
	}
	t := clean(b.Text)
	if loc := reDocNum.FindStringIndex(t); loc != nil && loc[1] == len(t) {
		return true
	}
	if reISODate.MatchString(t) || reDigits.MatchString(t) {
		return true
	}
	return utf8.RuneCountInString(t) <= 80 && !strings.ContainsAny(t, "。；") && reMetaLine.MatchString(t)
}

// notTitleStart reports whether t opens like no title: with an outline or
// attachment label (一、 （一） 1． 附件2 …).
func notTitleStart(t string) bool {
	_, n := outline.Read(t)
	return n > 0
}

// titleStart reports whether t can begin a notice title.
func titleStart(t string) bool {
	if t == "" || strings.ContainsAny(t, "。；") || utf8.RuneCountInString(t) > 160 {
		return false
	}
	return !notTitleStart(t)
}

// isTitle reports whether t (lines joined) is a whole notice title.
func isTitle(t string) bool {
	t = reDocNum.ReplaceAllString(t, "")
	t = reTrailNum.ReplaceAllString(t, "")
	t = strings.TrimSpace(t)
	if !reKindEnd.MatchString(t) {
		return false
	}
	return strings.Contains(t, "关于") || strings.Contains(t, "印发") || strings.Contains(t, "转发")
}

// mainSendAt reports whether block k opens with a 主送 (各…单位：), after an
// optional 文号.
func mainSendAt(bl []schema.Block, k int) bool {
	if k >= len(bl) || bl[k].Kind == schema.BlockTable {
		return false
	}
	return mainSend(clean(bl[k].Text))
}

// mainSend reports whether t opens with a 主送, after an optional 文号.
func mainSend(t string) bool {
	t = strings.TrimSpace(reDocNum.ReplaceAllString(strings.TrimSpace(t), ""))
	m := reMainSend.FindStringSubmatch(t)
	if m == nil || strings.ContainsAny(m[1], "《》“”") {
		return false
	}
	head := strings.Join(strings.Fields(m[1]), "")
	for _, l := range boxLabels {
		if head == l {
			return false
		}
	}
	if utf8.RuneCountInString(head) < 2 || strings.HasPrefix(head, "附件") {
		return false
	}
	return reAddressee.MatchString(head)
}

var kindWords = []string{"通知", "意见", "决定", "办法", "方案", "规定", "细则", "措施", "通报", "批复", "函", "公告", "通告", "规划", "计划", "指引", "指南", "条例"}

// reKindWord finds the kind words a title may end with inside a block.
var reKindWord = regexp.MustCompile(`(通知|意见|决定|办法|方案|规定|细则|措施|通报|批复|函|公告|通告|规划|计划|指引|指南|条例)`)

// inlineHead reports whether block text t holds a whole notice head run
// together with its 主送: title [(文号)] [文号] 各…：.
func inlineHead(t string) bool {
	return inlineTitle(t) != ""
}

// inlineTitle is the title of an inline head (see inlineHead), or "".
func inlineTitle(t string) string {
	limit := len(t)
	if limit > 600 {
		limit = 600
	}
	// cheap tests first: a title word and a kind word near the start
	head := t[:limit]
	if !strings.Contains(head, "关于") && !strings.Contains(head, "印发") && !strings.Contains(head, "转发") {
		return ""
	}
	kind := false
	for _, w := range kindWords {
		if strings.Contains(head, w) {
			kind = true
			break
		}
	}
	near := t
	if len(near) > 1400 {
		near = near[:1400]
	}
	if !kind || !strings.ContainsAny(near, "：:") {
		return ""
	}
	for _, loc := range reKindWord.FindAllStringIndex(t[:limit], -1) {
		title := t[:loc[1]]
		if strings.ContainsAny(title, "。；：:") || utf8.RuneCountInString(title) > 120 {
			return ""
		}
		if !isTitle(title) || strings.Count(title, "《") != strings.Count(title, "》") {
			continue
		}
		rest := strings.TrimSpace(t[loc[1]:])
		if m := reLeadNum.FindStringIndex(rest); m != nil {
			rest = strings.TrimSpace(rest[m[1]:])
		}
		if mainSend(rest) {
			return title
		}
	}
	return ""
}

// reLeadNum is a (文号) right after a title.
var reLeadNum = regexp.MustCompile(`^[(（]\s*[\p{Han}A-Za-z]{1,14}?\s*[〔\[［【(（]\s*(?:19|20)\d{2}\s*[〕\]］】)）]\s*\d{1,5}\s*号\s*[)）]`)

// ---------------------------------------------------------------- chrome

var (
	reDigits   = regexp.MustCompile(`^\d{1,3}$`)
	reISODate  = regexp.MustCompile(`^\d{4}[-/.]\d{1,2}([-/.]\d{1,2})?(\s+\d{1,2}:\d{2}(:\d{2})?)?$`)
	reStrong   = chromeWordsRE(chromeWordsData)
	reSentence = regexp.MustCompile(`[。；！？：:，,]`)
	reDateCN   = regexp.MustCompile(`\d{4}\s*年`)
	reOrganEnd = regexp.MustCompile(`(政府|厅|局|委员会|委|部|署|院|办公室|办)$`)
)

//go:embed data/chrome_words.txt
var chromeWordsData string

//go:embed data/footer_starts.txt
var footerStartsData string

// chromeWordList and footerStarts are the lowercased entries of the data
// files, longest first.
var chromeWordList, footerStarts = dataWords(chromeWordsData), dataWords(footerStartsData)

func dataWords(data string) []string {
	var out []string
	for _, l := range strings.Split(data, "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			out = append(out, strings.ToLower(l))
		}
	}
	sort.Slice(out, func(i, j int) bool { return len(out[i]) > len(out[j]) })
	return out
}

// footerLine reports whether t opens a page footer (版权所有：…).
func footerLine(t string) bool {
	lt := strings.ToLower(strings.TrimSpace(t))
	for _, w := range footerStarts {
		if strings.HasPrefix(lt, w) {
			return true
		}
	}
	return false
}

// chromeRun reports whether t is made only of chrome words, run together or
// separated by spaces and marks (打印本页关闭窗口, 分享到：).
func chromeRun(t string) bool {
	lt := strings.ToLower(strings.TrimSpace(t))
	if lt == "" {
		return false
	}
	for lt != "" {
		r, sz := utf8.DecodeRuneInString(lt)
		if strings.ContainsRune(" \t|/·•:：,，、-", r) {
			lt = lt[sz:]
			continue
		}
		found := false
		for _, w := range chromeWordList {
			if strings.HasPrefix(lt, w) {
				lt, found = lt[len(w):], true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// chromeWordsRE matches a token that is one of the chrome words in data
// (one a line, # comments), case-insensitive, with an optional colon.
func chromeWordsRE(data string) *regexp.Regexp {
	var words []string
	for _, l := range strings.Split(data, "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			words = append(words, regexp.QuoteMeta(l))
		}
	}
	return regexp.MustCompile(`^(?i:` + strings.Join(words, "|") + `)[:：]?$`)
}

// chromeLike reports whether a block may be listing chrome: a short line
// without sentence punctuation that is not a date, an organ or an 附件 label.
func chromeLike(b schema.Block) bool {
	if b.Kind == schema.BlockTable {
		return false
	}
	t := clean(b.Text)
	if reDigits.MatchString(t) || reISODate.MatchString(t) || reStrong.MatchString(t) || chromeText(t) || footerLine(t) || chromeRun(t) {
		return true
	}
	n := utf8.RuneCountInString(t)
	if n == 0 || n > 12 || reSentence.MatchString(t) || reDateCN.MatchString(t) {
		return false
	}
	if reOrganEnd.MatchString(t) || strings.HasPrefix(t, "附") {
		return false
	}
	return true
}

// organLine reports whether t is made of organ names only (the issuers'
// line above a title broken after them).
func organLine(t string) bool {
	fs := strings.Fields(t)
	if len(fs) == 0 || utf8.RuneCountInString(t) > 80 {
		return false
	}
	for _, f := range fs {
		if reSentence.MatchString(f) || !reOrganEnd.MatchString(f) {
			return false
		}
	}
	return true
}

func strongChrome(b schema.Block) bool {
	if b.Kind == schema.BlockTable {
		return false
	}
	t := clean(b.Text)
	return reDigits.MatchString(t) || reISODate.MatchString(t) || reStrong.MatchString(t) || chromeText(t) || footerLine(t) || chromeRun(t)
}

// trimChrome returns the end of part [s, e) without its trailing chrome: the
// longest run of chrome-like blocks at the end, when it holds a page number,
// a date fragment or a pager word.
func trimChrome(bl []schema.Block, s, e int) int {
	k := e
	strong := false
	for k > s+1 && chromeLike(bl[k-1]) {
		if strongChrome(bl[k-1]) {
			strong = true
		}
		k--
	}
	if strong {
		return k
	}
	return e
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
