package corpus

import (
	"archive/zip"
	"bufio"
	"bytes"
	"context"
	"encoding/base64"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"path"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	xunicode "golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"

	"policyx/schema"
)

// decodeDOCX reads a Word (OOXML) file: the main document part with
// paragraphs, list labels computed from numbering.xml, heading styles from
// styles.xml, tables (gridSpan and vMerge expanded) and text boxes.
// Footnotes, endnotes, comments, headers and footers are separate parts and
// are not read. Deleted text of tracked changes is dropped, inserted text
// kept.
//
// Table cells: a cell covered by a vertical merge (w:vMerge continue)
// repeats the text of the merged cell above it, and a cell spanning several
// grid columns (w:gridSpan) repeats its text in each, so every row stands
// on its own. The paragraphs of one cell are joined without a separator
// (a space only between two Latin letters or digits), as Chinese text is
// written. As in HTML, a table of one column or one that holds another
// table is page layout: its cells' paragraphs and inner tables are read in
// order as ordinary blocks. A title row merged across the
// top of a table and a note row (备注：…) at its foot become paragraphs
// before and after the table (see splitCaptionRows).
//
// Blocks carry Page 0: a DOCX file has no fixed pages.
func decodeDOCX(ctx context.Context, data []byte, lim Limits) ([]schema.Block, []schema.Diagnostic, error) {
	z, err := openZip(data, lim)
	if err != nil {
		return nil, nil, err
	}
	var diags []schema.Diagnostic
	warn := func(format string, a ...any) {
		diags = append(diags, schema.Diagnostic{Severity: schema.SevWarning, Stage: "docx", Message: fmt.Sprintf(format, a...)})
	}
	main := docxMainPart(z)
	if !z.has(main) {
		if z.has("xl/workbook.xml") {
			return nil, nil, fmt.Errorf("no %s: this is an Excel workbook, rename it .xlsx", main)
		}
		return nil, nil, fmt.Errorf("no %s: not a Word document (or a damaged one)", main)
	}
	rels, relIDs := readRels(z, lim, relsPath(main))
	part := func(kind, def string) string {
		if t, ok := rels[kind]; ok {
			return t
		}
		return path.Join(path.Dir(main), def)
	}
	var styles docxStyles
	if p := part("styles", "styles.xml"); z.has(p) {
		styles, err = parseDocxStyles(z, p, lim)
		if err != nil {
			warn("styles ignored: %v", err)
		}
	}
	var num *docxNumbering
	if p := part("numbering", "numbering.xml"); z.has(p) {
		num, err = parseDocxNumbering(z, p, lim)
		if err != nil {
			warn("list numbering ignored: %v", err)
			num = nil
		}
	}
	rc, err := z.open(main)
	if err != nil {
		return nil, nil, err
	}
	defer rc.Close()
	p := &docxParser{ctx: ctx, lim: lim, styles: styles, num: newNumberState(num), part: main, cells: docxMaxCells}
	p.chunk = func(id string) []docxItem {
		items, err := altChunk(ctx, z, lim, relIDs[id])
		if err != nil {
			p.diags = append(p.diags, schema.Diagnostic{Severity: schema.SevWarning, Stage: "docx", Message: err.Error()})
		}
		return items
	}
	err = p.parse(rc)
	diags = append(diags, p.diags...)
	if err != nil {
		var big *entryTooBig
		if errors.As(err, &big) || len(p.blocks) == 0 || ctx.Err() != nil {
			return p.blocks, diags, err
		}
		// A damaged end: keep what was read, say where it stopped.
		warn("%v (text after it is lost)", err)
	}
	return p.blocks, diags, nil
}

// docxMainPart finds the main document part through _rels/.rels, else
// the usual word/document.xml.
func docxMainPart(z *zipArchive) string {
	if z.has("_rels/.rels") {
		rc, err := z.open("_rels/.rels")
		if err == nil {
			defer rc.Close()
			for _, r := range parseRels(rc, "", z.lim) {
				if strings.HasSuffix(r.typ, "/officeDocument") && r.target != "" {
					if f := z.file(r.target); f != nil {
						return f.Name
					}
				}
			}
		}
	}
	return "word/document.xml"
}

func relsPath(part string) string {
	return path.Join(path.Dir(part), "_rels", path.Base(part)+".rels")
}

type rel struct{ id, typ, target string }

// readRels reads the relationships file at p: the target part of each
// relationship type by the last element of the type (styles, numbering,
// …), and of each relationship id.
func readRels(z *zipArchive, lim Limits, p string) (byType, byID map[string]string) {
	byType, byID = map[string]string{}, map[string]string{}
	if !z.has(p) {
		return
	}
	rc, err := z.open(p)
	if err != nil {
		return
	}
	defer rc.Close()
	base := path.Dir(path.Dir(p)) // word/_rels/x.rels → word
	for _, r := range parseRels(rc, base, lim) {
		k := r.typ[strings.LastIndexByte(r.typ, '/')+1:]
		if _, ok := byType[k]; !ok {
			byType[k] = r.target
		}
		byID[r.id] = r.target
	}
	return
}

func parseRels(r io.Reader, base string, lim Limits) []rel {
	d := newXMLDecoder(r)
	var out []rel
	depth := 0
	for {
		tok, err := d.Token()
		if err != nil {
			return out
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			if depth > lim.MaxDepth || len(out) > 10000 {
				return out
			}
			if t.Name.Local == "Relationship" && attr(t, "TargetMode") != "External" {
				target := attr(t, "Target")
				if strings.HasPrefix(target, "/") {
					target = strings.TrimPrefix(target, "/")
				} else {
					target = path.Join(base, target)
				}
				out = append(out, rel{id: attr(t, "Id"), typ: attr(t, "Type"), target: target})
			}
		case xml.EndElement:
			depth--
		}
	}
}

func newXMLDecoder(r io.Reader) *xml.Decoder {
	// A part in UTF-16 starts with its byte-order mark; decode it to
	// UTF-8 before the XML decoder, which reads UTF-8 only.
	br := bufio.NewReader(r)
	if bom, _ := br.Peek(2); len(bom) == 2 && (bom[0] == 0xFF && bom[1] == 0xFE || bom[0] == 0xFE && bom[1] == 0xFF) {
		r = transform.NewReader(br, xunicode.UTF16(xunicode.LittleEndian, xunicode.ExpectBOM).NewDecoder())
	} else {
		r = br
	}
	d := xml.NewDecoder(r)
	d.Strict = false
	// The text is UTF-8 by now, whatever the declaration says.
	d.CharsetReader = func(label string, in io.Reader) (io.Reader, error) { return in, nil }
	return d
}

// attr returns the value of the attribute with the given local name, in
// any namespace.
func attr(se xml.StartElement, local string) string {
	for _, a := range se.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// isWordNS reports a WordprocessingML element (transitional or strict), or
// one without a namespace (hand-made files).
func isWordNS(n xml.Name) bool {
	return n.Space == "" || strings.Contains(n.Space, "wordprocessingml")
}

func isMathNS(n xml.Name) bool { return strings.Contains(n.Space, "officeDocument/2006/math") }

func isMCNS(n xml.Name) bool { return strings.Contains(n.Space, "markup-compatibility") }

// onOff reads a w:b-like toggle: absent val means on.
func onOff(se xml.StartElement) bool {
	switch attr(se, "val") {
	case "0", "false", "off":
		return false
	}
	return true
}

// docxSkipped are elements whose whole content is ignored: tracked-change
// history (old properties, deleted and moved-away text), field
// instructions, and markup-compatibility fallbacks (the same content as
// the preferred choice).
var docxSkipped = map[string]bool{
	"pPrChange": true, "rPrChange": true, "tblPrChange": true, "trPrChange": true,
	"tcPrChange": true, "sectPrChange": true, "tblGridChange": true, "numberingChange": true,
	"del": true, "moveFrom": true, "delText": true, "instrText": true, "delInstrText": true,
	"fldData": true, "footnote": true, "endnote": true, "comment": true,
	"rt": true, // ruby (phonetic guide) text above the base text
}

// ---- styles ----

type docxStyle struct {
	name, basedOn string
	outline       int // outline level 0–8 from the style's pPr, -1 none
	numID, ilvl   int // numbering from the style's pPr, numID -1 none
}

type docxStyles map[string]*docxStyle

func parseDocxStyles(z *zipArchive, p string, lim Limits) (docxStyles, error) {
	rc, err := z.open(p)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	out := docxStyles{}
	d := newXMLDecoder(rc)
	var cur *docxStyle
	depth, skip := 0, 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, wrapZipErr(p, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			if depth > lim.MaxDepth {
				return out, fmt.Errorf("%s: XML nested deeper than %d levels", p, lim.MaxDepth)
			}
			if skip > 0 || docxSkipped[t.Name.Local] {
				skip++
				continue
			}
			switch t.Name.Local {
			case "style":
				cur = &docxStyle{outline: -1, numID: -1}
				if id := attr(t, "styleId"); id != "" && len(out) < 100000 {
					out[id] = cur
				}
			case "name":
				if cur != nil {
					cur.name = attr(t, "val")
				}
			case "basedOn":
				if cur != nil {
					cur.basedOn = attr(t, "val")
				}
			case "outlineLvl":
				if cur != nil {
					cur.outline = atoiDefault(attr(t, "val"), -1)
				}
			case "numId":
				if cur != nil {
					cur.numID = atoiDefault(attr(t, "val"), -1)
				}
			case "ilvl":
				if cur != nil {
					cur.ilvl = atoiDefault(attr(t, "val"), 0)
				}
			}
		case xml.EndElement:
			depth--
			if skip > 0 {
				skip--
				continue
			}
			if t.Name.Local == "style" {
				cur = nil
			}
		}
	}
}

// headingLevel of a style: "heading N" / "标题 N" names and outline
// levels, following basedOn; "Title" is level 1. 0 when not a heading.
func (s docxStyles) headingLevel(id string) int {
	for i := 0; i < 16 && id != ""; i++ {
		st := s[id]
		if st == nil {
			return headingFromName(id)
		}
		if l := headingFromName(st.name); l > 0 {
			return l
		}
		if st.outline >= 0 && st.outline < 9 {
			return st.outline + 1
		}
		id = st.basedOn
	}
	return 0
}

// isTOC reports a table-of-contents entry style ("toc 1", "目录 2"):
// those paragraphs repeat the headings with page numbers.
func (s docxStyles) isTOC(id string) bool {
	for i := 0; i < 16 && id != ""; i++ {
		name := id
		st := s[id]
		if st != nil {
			name = st.name
		}
		n := strings.ToLower(strings.ReplaceAll(name, " ", ""))
		for _, p := range []string{"toc", "目录"} {
			if rest, ok := strings.CutPrefix(n, p); ok && len(rest) == 1 && rest[0] >= '1' && rest[0] <= '9' {
				return true
			}
		}
		if st == nil {
			return false
		}
		id = st.basedOn
	}
	return false
}

// numbering of a style (following basedOn): numID -1 when none.
func (s docxStyles) numbering(id string) (numID, ilvl int) {
	for i := 0; i < 16 && id != ""; i++ {
		st := s[id]
		if st == nil {
			break
		}
		if st.numID >= 0 {
			return st.numID, st.ilvl
		}
		id = st.basedOn
	}
	return -1, 0
}

// headingFromName reads "heading 2", "Heading2", "标题 2", "标题2", "Title".
func headingFromName(name string) int {
	n := strings.ToLower(strings.ReplaceAll(strings.TrimSpace(name), " ", ""))
	if n == "title" || n == "标题" {
		return 1
	}
	for _, p := range []string{"heading", "标题"} {
		if rest, ok := strings.CutPrefix(n, p); ok && len(rest) == 1 && rest[0] >= '1' && rest[0] <= '9' {
			return int(rest[0] - '0')
		}
	}
	return 0
}

func atoiDefault(s string, def int) int {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		return def
	}
	return n
}

// ---- numbering ----

type numLevel struct {
	start   int
	fmt     string // numFmt val; "" unknown
	text    string // lvlText, e.g. "%1." or "（%2）"
	suff    string // tab (default), space, nothing
	isLgl   bool
	defined bool
}

type docxNumbering struct {
	abstract map[int]*[9]numLevel
	nums     map[int]*docxNum
}

type docxNum struct {
	abstractID int
	restart    bool              // has a startOverride: a list instance of its own
	override   map[int]*numLevel // per level
}

func parseDocxNumbering(z *zipArchive, p string, lim Limits) (*docxNumbering, error) {
	rc, err := z.open(p)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	n := &docxNumbering{abstract: map[int]*[9]numLevel{}, nums: map[int]*docxNum{}}
	d := newXMLDecoder(rc)
	var (
		levels  *[9]numLevel // current abstractNum
		num     *docxNum     // current num
		lvl     *numLevel    // current lvl
		ovLevel = -1         // current lvlOverride ilvl
	)
	depth, skip := 0, 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return n, nil
		}
		if err != nil {
			return n, wrapZipErr(p, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			if depth > lim.MaxDepth {
				return n, fmt.Errorf("%s: XML nested deeper than %d levels", p, lim.MaxDepth)
			}
			if skip > 0 || docxSkipped[t.Name.Local] {
				skip++
				continue
			}
			switch t.Name.Local {
			case "abstractNum":
				levels = new([9]numLevel)
				if len(n.abstract) < 10000 {
					n.abstract[atoiDefault(attr(t, "abstractNumId"), -1)] = levels
				}
			case "num":
				num = &docxNum{abstractID: -1, override: map[int]*numLevel{}}
				if len(n.nums) < 10000 {
					n.nums[atoiDefault(attr(t, "numId"), -1)] = num
				}
			case "abstractNumId":
				if num != nil {
					num.abstractID = atoiDefault(attr(t, "val"), -1)
				}
			case "lvlOverride":
				ovLevel = atoiDefault(attr(t, "ilvl"), -1)
			case "startOverride":
				if num != nil && ovLevel >= 0 && ovLevel < 9 {
					o := num.override[ovLevel]
					if o == nil {
						o = &numLevel{}
						num.override[ovLevel] = o
					}
					o.start = atoiDefault(attr(t, "val"), 1)
					num.restart = true
				}
			case "lvl":
				i := atoiDefault(attr(t, "ilvl"), -1)
				lvl = nil
				if i < 0 || i >= 9 {
					break
				}
				switch {
				case num != nil && ovLevel == i:
					start := 1
					if o := num.override[i]; o != nil {
						start = o.start
					}
					lvl = &numLevel{start: start, defined: true}
					num.override[i] = lvl
				case levels != nil && num == nil:
					lvl = &levels[i]
					*lvl = numLevel{start: 1, defined: true}
				}
			case "start":
				if lvl != nil {
					lvl.start = atoiDefault(attr(t, "val"), 1)
				}
			case "numFmt":
				// "custom" (Word 2010+) comes with a plain fallback
				// inside mc:AlternateContent; keep the plain one.
				if v := attr(t, "val"); lvl != nil && v != "custom" {
					lvl.fmt = v
				}
			case "lvlText":
				if lvl != nil {
					lvl.text = attr(t, "val")
				}
			case "suff":
				if lvl != nil {
					lvl.suff = attr(t, "val")
				}
			case "isLgl":
				if lvl != nil {
					lvl.isLgl = onOff(t)
				}
			}
		case xml.EndElement:
			depth--
			if skip > 0 {
				skip--
				continue
			}
			switch t.Name.Local {
			case "abstractNum":
				levels = nil
			case "num":
				num = nil
			case "lvl":
				lvl = nil
			case "lvlOverride":
				ovLevel = -1
			}
		}
	}
}

// numberState counts list items in document order and renders labels.
type numberState struct {
	def      *docxNumbering
	counters map[int]*listCounter // per list instance
}

// listCounter holds the current number of each level of one list.
type listCounter struct {
	val [9]int
	on  [9]bool // level started (since its parent level last advanced)
}

func newNumberState(def *docxNumbering) *numberState {
	return &numberState{def: def, counters: map[int]*listCounter{}}
}

// level returns the definition of level i of list numID.
func (s *numberState) level(n *docxNum, i int) *numLevel {
	if o := n.override[i]; o != nil && o.defined {
		return o
	}
	if a := s.def.abstract[n.abstractID]; a != nil && a[i].defined {
		l := a[i]
		if o := n.override[i]; o != nil {
			l.start = o.start
		}
		return &l
	}
	return nil
}

// next advances list numID at level ilvl and returns the label with its
// separator ("1. ", "一、", "（二）"), or "" when the list is unknown or its
// format is not one policyx renders (bullets, unknown formats).
func (s *numberState) next(numID, ilvl int) string {
	if s.def == nil || numID <= 0 || ilvl < 0 || ilvl >= 9 {
		return ""
	}
	n := s.def.nums[numID]
	if n == nil {
		return ""
	}
	key := -1 - n.abstractID // Word continues lists sharing an abstract definition …
	if n.restart {
		key = numID // … unless the instance restarts
	}
	c := s.counters[key]
	if c == nil {
		if len(s.counters) > 10000 {
			return ""
		}
		c = &listCounter{}
		s.counters[key] = c
	}
	cur := s.level(n, ilvl)
	if cur == nil {
		return ""
	}
	if c.on[ilvl] {
		c.val[ilvl]++
	} else {
		c.val[ilvl], c.on[ilvl] = cur.start, true
	}
	for j := ilvl + 1; j < 9; j++ {
		c.on[j] = false
	}
	text := cur.text
	if text == "" || cur.fmt == "bullet" || cur.fmt == "none" {
		return ""
	}
	var b strings.Builder
	for i := 0; i < len(text); i++ {
		if text[i] == '%' && i+1 < len(text) && text[i+1] >= '1' && text[i+1] <= '9' {
			j := int(text[i+1] - '1')
			i++
			if j > ilvl {
				continue
			}
			l := s.level(n, j)
			if l == nil {
				return ""
			}
			v := c.val[j]
			if !c.on[j] {
				v = l.start
			}
			f := l.fmt
			if cur.isLgl && j < ilvl {
				f = "decimal"
			}
			num, ok := formatNumber(v, f)
			if !ok {
				return ""
			}
			b.WriteString(num)
			continue
		}
		b.WriteByte(text[i])
	}
	label := b.String()
	if strings.TrimSpace(label) == "" {
		return ""
	}
	// The label's tab or space becomes one space, except after closing
	// punctuation (一、 （一） 1．), where Chinese text runs on.
	if r, _ := utf8.DecodeLastRuneInString(label); cur.suff != "nothing" && !strings.ContainsRune("、，．。：；）)】」》〕", r) {
		label += " "
	}
	return label
}

var (
	cnDigits     = []rune("〇一二三四五六七八九")
	cnLegal      = []rune("零壹贰叁肆伍陆柒捌玖")
	cnTiangan    = []rune("甲乙丙丁戊己庚辛壬癸")
	cnDizhi      = []rune("子丑寅卯辰巳午未申酉戌亥")
	circledDigit = []rune("①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳")
)

// formatNumber renders n in an OOXML numFmt. ok is false for formats it
// does not know.
func formatNumber(n int, f string) (string, bool) {
	switch f {
	case "", "decimal", "decimalHalfWidth", "decimalFullWidth", "decimalFullWidth2":
		return strconv.Itoa(n), true
	case "decimalZero":
		return fmt.Sprintf("%02d", n), true
	case "chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting", "koreanCounting":
		return chineseCount(n, cnDigits), true
	case "chineseLegalSimplified", "ideographLegalTraditional":
		return chineseCount(n, cnLegal), true
	case "ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand":
		var b strings.Builder
		for _, c := range strconv.Itoa(n) {
			if c == '-' {
				b.WriteRune(c)
				continue
			}
			b.WriteRune(cnDigits[c-'0'])
		}
		return b.String(), true
	case "ideographTraditional":
		if n >= 1 && n <= len(cnTiangan) {
			return string(cnTiangan[n-1]), true
		}
		return strconv.Itoa(n), true
	case "ideographZodiac":
		if n >= 1 && n <= len(cnDizhi) {
			return string(cnDizhi[n-1]), true
		}
		return strconv.Itoa(n), true
	case "decimalEnclosedCircle", "decimalEnclosedCircleChinese", "ideographEnclosedCircle":
		if n >= 1 && n <= len(circledDigit) {
			return string(circledDigit[n-1]), true
		}
		return strconv.Itoa(n), true
	case "decimalEnclosedParen":
		return "(" + strconv.Itoa(n) + ")", true
	case "decimalEnclosedFullstop":
		return strconv.Itoa(n) + ".", true
	case "lowerLetter", "upperLetter":
		if n < 1 {
			return strconv.Itoa(n), true
		}
		c := rune('a' + (n-1)%26)
		if f == "upperLetter" {
			c = unicode.ToUpper(c)
		}
		return strings.Repeat(string(c), (n-1)/26+1), true
	case "lowerRoman", "upperRoman":
		s := roman(n)
		if f == "lowerRoman" {
			s = strings.ToLower(s)
		}
		return s, true
	}
	return "", false
}

// chineseCount writes n (0–99999) the way 第十一条 and 二十、 are written.
func chineseCount(n int, digits []rune) string {
	if n < 0 || n > 99999 {
		return strconv.Itoa(n)
	}
	if n < 10 {
		return string(digits[n])
	}
	units := []rune("十百千万")
	if digits[1] == '壹' {
		units = []rune("拾佰仟万")
	}
	var ds []int
	for m := n; m > 0; m /= 10 {
		ds = append(ds, m%10)
	}
	var b strings.Builder
	zero := false
	for i := len(ds) - 1; i >= 0; i-- {
		d := ds[i]
		if d == 0 {
			zero = true
			continue
		}
		if zero {
			b.WriteRune(digits[0])
			zero = false
		}
		// 10–19 are 十, 十一 …, not 一十.
		if !(i == 1 && d == 1 && len(ds) == 2) {
			b.WriteRune(digits[d])
		}
		if i > 0 {
			b.WriteRune(units[i-1])
		}
	}
	return b.String()
}

func roman(n int) string {
	if n < 1 || n > 3999 {
		return strconv.Itoa(n)
	}
	vals := []int{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := []string{"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"}
	var b strings.Builder
	for i, v := range vals {
		for n >= v {
			b.WriteString(syms[i])
			n -= v
		}
	}
	return b.String()
}

// ---- document ----

// docxItem is a paragraph or a finished table on its way to a container.
type docxItem struct {
	kind  schema.BlockKind
	text  string
	level int
	rows  [][]string
}

const (
	ctCell = iota + 1
	ctTextBox
)

// docxContainer collects the items of a table cell or a text box.
type docxContainer struct {
	kind  int
	items []docxItem
	// cell properties
	span   int
	vmerge int // 0 none, 1 restart, 2 continue
}

type docxPara struct {
	buf      strings.Builder
	style    string
	numID    int        // -1 unset
	ilvl     int        // -1 unset
	outline  int        // -1 unset
	after    []docxItem // text boxes anchored in the paragraph
	overflow bool
}

type docxRow struct {
	cells         []*docxContainer
	before, after int
}

type docxTable struct {
	rows []*docxRow
}

// docxMaxCells caps the expanded table cells of one document: spans can
// make a few bytes of XML into many cells.
const docxMaxCells = 4_000_000

type docxParser struct {
	ctx    context.Context
	lim    Limits
	styles docxStyles
	num    *numberState
	part   string

	blocks []schema.Block
	diags  []schema.Diagnostic

	paras      []*docxPara
	tables     []*docxTable
	containers []*docxContainer
	runs       int                        // open w:r elements
	hiddenRun  int                        // level (runs) of the open run marked w:vanish, 0 none
	cells      int                        // table cells left to expand (docxMaxCells)
	chunk      func(id string) []docxItem // content of a w:altChunk
	text       int                        // open w:t elements
	ppr        int                        // open w:pPr elements
	trpr       int
}

func (p *docxParser) parse(r io.Reader) error {
	d := newXMLDecoder(r)
	depth, skip := 0, 0
	for n := 0; ; n++ {
		if n&1023 == 0 && p.ctx.Err() != nil {
			return p.ctx.Err()
		}
		tok, err := d.Token()
		if err == io.EOF {
			p.flush()
			return nil
		}
		if err != nil {
			p.flush()
			var big *entryTooBig
			if errors.As(err, &big) {
				return err
			}
			if errors.Is(err, zip.ErrFormat) || errors.Is(err, zip.ErrChecksum) || errors.Is(err, zip.ErrAlgorithm) {
				return fmt.Errorf("zip entry %s is damaged: %v", p.part, err)
			}
			return fmt.Errorf("%s: XML error at byte %d: %v", p.part, d.InputOffset(), unwrapXMLErr(err))
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			if depth > p.lim.MaxDepth {
				return fmt.Errorf("%s: XML nested deeper than %d levels", p.part, p.lim.MaxDepth)
			}
			if skip > 0 || docxSkipped[t.Name.Local] || (t.Name.Local == "Fallback" && isMCNS(t.Name)) {
				skip++
				continue
			}
			p.start(t)
		case xml.EndElement:
			depth--
			if skip > 0 {
				skip--
				continue
			}
			p.end(t)
		case xml.CharData:
			if skip == 0 && p.text > 0 && len(p.paras) > 0 {
				p.write(string(t))
			}
		}
	}
}

func unwrapXMLErr(err error) error {
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		return errors.New(se.Msg)
	}
	return err
}

func (p *docxParser) para() *docxPara {
	if len(p.paras) == 0 {
		return nil
	}
	return p.paras[len(p.paras)-1]
}

func (p *docxParser) write(s string) {
	pa := p.para()
	if pa == nil || pa.overflow || (p.hiddenRun > 0 && p.hiddenRun == p.runs) {
		return
	}
	if p.lim.MaxLineBytes > 0 && pa.buf.Len()+len(s) > p.lim.MaxLineBytes {
		pa.overflow = true
		p.diags = append(p.diags, schema.Diagnostic{Severity: schema.SevWarning, Stage: "docx",
			Message: fmt.Sprintf("paragraph longer than %s cut", byteSize(int64(p.lim.MaxLineBytes)))})
		return
	}
	pa.buf.WriteString(s)
}

func (p *docxParser) start(t xml.StartElement) {
	local := t.Name.Local
	if local == "t" && (isWordNS(t.Name) || isMathNS(t.Name)) {
		p.text++
		return
	}
	if !isWordNS(t.Name) {
		return
	}
	pa := p.para()
	switch local {
	case "p":
		p.paras = append(p.paras, &docxPara{numID: -1, ilvl: -1, outline: -1})
	case "pPr":
		p.ppr++
	case "trPr":
		p.trpr++
	case "r":
		p.runs++
	case "pStyle":
		if pa != nil && p.ppr > 0 {
			pa.style = attr(t, "val")
		}
	case "numId":
		if pa != nil && p.ppr > 0 {
			pa.numID = atoiDefault(attr(t, "val"), -1)
		}
	case "ilvl":
		if pa != nil && p.ppr > 0 {
			pa.ilvl = atoiDefault(attr(t, "val"), 0)
		}
	case "outlineLvl":
		if pa != nil && p.ppr > 0 {
			pa.outline = atoiDefault(attr(t, "val"), -1)
		}
	case "tab", "ptab":
		if p.runs > 0 && p.ppr == 0 {
			p.write("\t")
		}
	case "br", "cr":
		if p.runs > 0 {
			p.write("\n")
		}
	case "vanish":
		// Hidden text, in a run's properties (not the paragraph mark's).
		if p.runs > 0 && p.ppr == 0 && onOff(t) {
			p.hiddenRun = p.runs
		}
	case "noBreakHyphen":
		if p.runs > 0 {
			p.write("-")
		}
	case "sym":
		// Symbol-font characters sit in the private use area; keep the
		// others.
		if v, err := strconv.ParseUint(attr(t, "char"), 16, 32); err == nil && p.runs > 0 {
			if r := rune(v); r >= 0x20 && !(r >= 0xE000 && r <= 0xF8FF) && utf8.ValidRune(r) {
				p.write(string(r))
			}
		}
	case "tbl":
		p.tables = append(p.tables, &docxTable{})
	case "tr":
		if tb := p.table(); tb != nil {
			tb.rows = append(tb.rows, &docxRow{})
		}
	case "gridBefore", "gridAfter":
		if row := p.row(); row != nil && p.trpr > 0 {
			v := clampInt(atoiDefault(attr(t, "val"), 0), 0, 64)
			if local == "gridBefore" {
				row.before = v
			} else {
				row.after = v
			}
		}
	case "tc":
		p.containers = append(p.containers, &docxContainer{kind: ctCell, span: 1})
	case "gridSpan":
		if c := p.container(); c != nil && c.kind == ctCell {
			c.span = clampInt(atoiDefault(attr(t, "val"), 1), 1, 64)
		}
	case "vMerge":
		if c := p.container(); c != nil && c.kind == ctCell {
			if attr(t, "val") == "restart" {
				c.vmerge = 1
			} else {
				c.vmerge = 2
			}
		}
	case "txbxContent":
		p.containers = append(p.containers, &docxContainer{kind: ctTextBox})
	case "altChunk":
		if p.chunk != nil {
			for _, it := range p.chunk(attr(t, "id")) {
				p.deliver(it)
			}
		}
	}
}

func clampInt(v, lo, hi int) int {
	return max(lo, min(v, hi))
}

func (p *docxParser) table() *docxTable {
	if len(p.tables) == 0 {
		return nil
	}
	return p.tables[len(p.tables)-1]
}

func (p *docxParser) row() *docxRow {
	tb := p.table()
	if tb == nil || len(tb.rows) == 0 {
		return nil
	}
	return tb.rows[len(tb.rows)-1]
}

func (p *docxParser) container() *docxContainer {
	if len(p.containers) == 0 {
		return nil
	}
	return p.containers[len(p.containers)-1]
}

func (p *docxParser) end(t xml.EndElement) {
	local := t.Name.Local
	if local == "t" && (isWordNS(t.Name) || isMathNS(t.Name)) {
		if p.text > 0 {
			p.text--
		}
		return
	}
	if !isWordNS(t.Name) {
		return
	}
	switch local {
	case "p":
		p.endPara()
	case "pPr":
		p.ppr = max(0, p.ppr-1)
	case "trPr":
		p.trpr = max(0, p.trpr-1)
	case "r":
		if p.hiddenRun == p.runs {
			p.hiddenRun = 0
		}
		p.runs = max(0, p.runs-1)
	case "tc":
		if c := p.container(); c != nil && c.kind == ctCell {
			p.containers = p.containers[:len(p.containers)-1]
			if row := p.row(); row != nil && len(row.cells) < 1024 {
				row.cells = append(row.cells, c)
			}
		}
	case "tbl":
		if len(p.tables) > 0 {
			tb := p.tables[len(p.tables)-1]
			p.tables = p.tables[:len(p.tables)-1]
			p.endTable(tb)
		}
	case "txbxContent":
		if c := p.container(); c != nil && c.kind == ctTextBox {
			p.containers = p.containers[:len(p.containers)-1]
			if pa := p.para(); pa != nil {
				pa.after = append(pa.after, c.items...)
			} else {
				for _, it := range c.items {
					p.deliver(it)
				}
			}
		}
	}
}

// endPara finishes the innermost paragraph: list label, heading level.
func (p *docxParser) endPara() {
	pa := p.para()
	if pa == nil {
		return
	}
	p.paras = p.paras[:len(p.paras)-1]
	numID, ilvl := pa.numID, pa.ilvl
	if numID < 0 && pa.style != "" {
		numID, ilvl = p.styles.numbering(pa.style)
	}
	if ilvl < 0 {
		ilvl = 0
	}
	text := pa.buf.String()
	if numID > 0 {
		if label := p.num.next(numID, ilvl); label != "" && strings.TrimSpace(text) != "" {
			text = label + strings.TrimLeft(text, " \t")
		}
	}
	it := docxItem{kind: schema.BlockPara, text: text}
	level := 0
	if pa.outline >= 0 && pa.outline < 9 {
		level = pa.outline + 1
	} else if pa.style != "" {
		level = p.styles.headingLevel(pa.style)
	}
	if level > 0 {
		it.kind, it.level = schema.BlockHeading, level
	}
	if strings.TrimSpace(text) != "" && !(pa.style != "" && p.styles.isTOC(pa.style)) {
		p.deliver(it)
	}
	for _, a := range pa.after {
		p.deliver(a)
	}
}

// deliver hands a finished item to the innermost open cell or text box,
// else makes it a block.
func (p *docxParser) deliver(it docxItem) {
	if c := p.container(); c != nil {
		if len(c.items) < 100000 {
			c.items = append(c.items, it)
		}
		return
	}
	p.emit(it)
}

func (p *docxParser) emit(it docxItem) {
	b := schema.Block{Kind: it.kind, Text: it.text, Level: it.level}
	if it.kind == schema.BlockTable {
		b.Rows = it.rows
		lines := make([]string, len(it.rows))
		for i, r := range it.rows {
			lines[i] = strings.Join(r, "\t")
		}
		b.Text = strings.Join(lines, "\n")
	}
	p.blocks = append(p.blocks, b)
}

// flush emits what is still open at the end of a damaged file.
func (p *docxParser) flush() {
	for len(p.paras) > 0 {
		p.endPara()
	}
	for len(p.containers) > 0 {
		c := p.containers[len(p.containers)-1]
		p.containers = p.containers[:len(p.containers)-1]
		if c.kind == ctCell {
			if row := p.row(); row != nil {
				row.cells = append(row.cells, c)
			}
		} else {
			for _, it := range c.items {
				p.deliver(it)
			}
		}
	}
	for len(p.tables) > 0 {
		tb := p.tables[len(p.tables)-1]
		p.tables = p.tables[:len(p.tables)-1]
		p.endTable(tb)
	}
}

// endTable expands a finished table into rows and delivers it.
func (p *docxParser) endTable(tb *docxTable) {
	cells, width, nested := 0, 0, false
	for _, r := range tb.rows {
		cells += len(r.cells)
		w := r.before + r.after
		for _, c := range r.cells {
			w += c.span
			for _, it := range c.items {
				nested = nested || it.kind == schema.BlockTable
			}
		}
		width = max(width, w)
	}
	if cells == 0 {
		return
	}
	if width <= 1 || nested {
		// Page layout, not a data table (as in HTML): a frame of one
		// column, or a table holding tables. Its content is read in
		// order, the inner tables as tables.
		for _, r := range tb.rows {
			for _, c := range r.cells {
				for _, it := range c.items {
					p.deliver(it)
				}
			}
		}
		return
	}
	width = min(width, 1024)
	var rows [][]string
	above := make([]string, width) // text of each column in the previous row
	for i, r := range tb.rows {
		if p.cells -= width; p.cells < 0 {
			p.diags = append(p.diags, schema.Diagnostic{Severity: schema.SevWarning, Stage: "docx",
				Message: fmt.Sprintf("more than %d table cells: %d rows of a table dropped", docxMaxCells, len(tb.rows)-i)})
			break
		}
		row := make([]string, width)
		col := r.before
		for _, c := range r.cells {
			text := cellText(c.items)
			for k := 0; k < c.span && col < width; k++ {
				if c.vmerge == 2 {
					row[col] = above[col]
				} else {
					row[col] = text
				}
				col++
			}
		}
		copy(above, row)
		empty := true
		for _, s := range row {
			if s != "" {
				empty = false
				break
			}
		}
		if !empty {
			rows = append(rows, row)
		}
	}
	before, rows, after := splitCaptionRows(rows)
	for _, b := range before {
		p.deliver(docxItem{kind: b.Kind, text: b.Text})
	}
	if len(rows) > 0 {
		p.deliver(docxItem{kind: schema.BlockTable, rows: rows})
	}
	for _, b := range after {
		p.deliver(docxItem{kind: b.Kind, text: b.Text})
	}
}

// splitCaptionRows takes the rows that are not data off both ends of a
// table: a title merged across the table above it, a note (备注：…)
// below it. Such a row holds one text only, either in every cell (a merged
// row, spans being repeated) or in a single cell when the text is long.
// They become paragraphs before and after the table (two at most at each
// end).
func splitCaptionRows(rows [][]string) (before []schema.Block, data [][]string, after []schema.Block) {
	if len(rows) == 0 || len(rows[0]) < 2 {
		return nil, rows, nil
	}
	for len(rows) > 1 && len(before) < 2 {
		v := captionRow(rows[0])
		if v == "" {
			break
		}
		before = append(before, schema.Block{Kind: schema.BlockPara, Text: v})
		rows = rows[1:]
	}
	for len(rows) > 1 && len(after) < 2 {
		v := captionRow(rows[len(rows)-1])
		if v == "" {
			break
		}
		after = append([]schema.Block{{Kind: schema.BlockPara, Text: v}}, after...)
		rows = rows[:len(rows)-1]
	}
	return before, rows, after
}

// captionRow returns the text of a row that holds one text only in every
// cell, or in one cell when it is long; else "".
func captionRow(row []string) string {
	v, filled := "", 0
	for _, c := range row {
		if c == "" {
			continue
		}
		if v != "" && c != v {
			return ""
		}
		v = c
		filled++
	}
	if v == "" {
		return ""
	}
	if filled == len(row) || (filled == 1 && utf8.RuneCountInString(v) > 12) {
		return v
	}
	return ""
}

// cellText joins the items of a cell into one line: paragraphs (and the
// line breaks inside them) without a separator except between two Latin
// letters or digits, nested tables flattened.
func cellText(items []docxItem) string {
	var parts []string
	for _, it := range items {
		if it.kind == schema.BlockTable {
			var rows []string
			for _, r := range it.rows {
				var cs []string
				for _, c := range r {
					if c != "" && (len(cs) == 0 || cs[len(cs)-1] != c) {
						cs = append(cs, c)
					}
				}
				if len(cs) > 0 {
					rows = append(rows, strings.Join(cs, "，"))
				}
			}
			parts = append(parts, strings.Join(rows, "；"))
			continue
		}
		for _, line := range strings.Split(it.text, "\n") {
			line = strings.TrimSpace(strings.ReplaceAll(line, "\t", " "))
			if line != "" {
				parts = append(parts, line)
			}
		}
	}
	var b strings.Builder
	for i, s := range parts {
		if i > 0 {
			last, _ := utf8.DecodeLastRuneInString(b.String())
			first, _ := utf8.DecodeRuneInString(s)
			if isLatinOrDigit(last) && isLatinOrDigit(first) {
				b.WriteByte(' ')
			}
		}
		b.WriteString(s)
	}
	return b.String()
}

func isLatinOrDigit(r rune) bool {
	return r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)) ||
		r >= 0xFF10 && r <= 0xFF19 || r >= 0xFF21 && r <= 0xFF3A || r >= 0xFF41 && r <= 0xFF5A
}

// altChunk reads the content a w:altChunk imports from another part: a
// web page (HTML, or MHT as Word saves it), plain text. Systems that
// export policies to Word sometimes put the whole text there.
func altChunk(ctx context.Context, z *zipArchive, lim Limits, target string) ([]docxItem, error) {
	if target == "" || !z.has(target) {
		return nil, fmt.Errorf("imported content (altChunk) %q missing", target)
	}
	data, err := z.readAll(target)
	if err != nil {
		return nil, err
	}
	var blocks []schema.Block
	switch strings.ToLower(path.Ext(target)) {
	case ".htm", ".html", ".xhtml", ".xml":
		blocks, _, err = decodeHTML(ctx, data, lim)
	case ".mht", ".mhtml":
		var html []byte
		if html, err = mhtHTML(data, lim); err == nil {
			blocks, _, err = decodeHTML(ctx, html, lim)
		}
	case ".txt":
		blocks, _, err = decodeText(ctx, data, lim)
	default:
		return nil, fmt.Errorf("imported content (altChunk) %s not read: unknown type", target)
	}
	if err != nil {
		return nil, fmt.Errorf("imported content (altChunk) %s: %v", target, err)
	}
	items := make([]docxItem, 0, len(blocks))
	for _, b := range blocks {
		items = append(items, docxItem{kind: b.Kind, text: b.Text, level: b.Level, rows: b.Rows})
	}
	return items, nil
}

// mhtHTML returns the first HTML part of a MIME web archive (or the body of
// a single-part one), transfer encoding undone.
func mhtHTML(data []byte, lim Limits) ([]byte, error) {
	msg, err := mail.ReadMessage(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("MHT: %v", err)
	}
	decode := func(enc string, r io.Reader) ([]byte, error) {
		switch strings.ToLower(strings.TrimSpace(enc)) {
		case "quoted-printable":
			r = quotedprintable.NewReader(r)
		case "base64":
			r = base64.NewDecoder(base64.StdEncoding, r)
		}
		return io.ReadAll(io.LimitReader(r, max(lim.MaxZipEntry, 1<<20)))
	}
	mt, params, _ := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if !strings.HasPrefix(mt, "multipart/") {
		return decode(msg.Header.Get("Content-Transfer-Encoding"), msg.Body)
	}
	mr := multipart.NewReader(msg.Body, params["boundary"])
	for i := 0; i < 1000; i++ {
		part, err := mr.NextPart()
		if err != nil {
			return nil, fmt.Errorf("MHT: no HTML part (%v)", err)
		}
		if ct, _, _ := mime.ParseMediaType(part.Header.Get("Content-Type")); ct == "text/html" {
			return decode(part.Header.Get("Content-Transfer-Encoding"), part)
		}
	}
	return nil, errors.New("MHT: no HTML part")
}
