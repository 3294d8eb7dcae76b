package corpus

import (
	"encoding/xml"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"policyx/lexicon/outline"
)

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
	// styleLink holds the w:numStyleLink of an abstract list: a list made
	// with a Word list style has no levels of its own, they are in the
	// abstract list the style's numbering points to.
	styleLink map[int]string
}

type docxNum struct {
	abstractID int
	restart    bool              // has a startOverride: a list instance of its own
	override   map[int]*numLevel // per level
}

// numberingParser holds the open elements while numbering.xml is read.
type numberingParser struct {
	n          *docxNumbering
	levels     *[9]numLevel // current abstractNum
	abstractID int          // its id
	num        *docxNum     // current num
	lvl        *numLevel    // current lvl
	ovLevel    int          // current lvlOverride ilvl, -1 none
}

func parseDocxNumbering(z *zipArchive, p string, lim Limits) (*docxNumbering, error) {
	np := &numberingParser{n: &docxNumbering{abstract: map[int]*[9]numLevel{}, nums: map[int]*docxNum{}, styleLink: map[int]string{}}, ovLevel: -1}
	w := &xmlWalk{part: p, depth: lim.MaxDepth, skip: docxSkip,
		start: func(t xml.StartElement) error { np.start(t); return nil },
		end:   np.end,
	}
	return np.n, walkZipPart(z, w)
}

func (np *numberingParser) start(t xml.StartElement) {
	n := np.n
	switch t.Name.Local {
	case "abstractNum":
		np.levels = new([9]numLevel)
		np.abstractID = atoiDefault(attr(t, "abstractNumId"), -1)
		if len(n.abstract) < 10000 {
			n.abstract[np.abstractID] = np.levels
		}
	case "numStyleLink":
		if np.levels != nil && len(n.styleLink) < 10000 {
			n.styleLink[np.abstractID] = attr(t, "val")
		}
	case "num":
		np.num = &docxNum{abstractID: -1, override: map[int]*numLevel{}}
		if len(n.nums) < 10000 {
			n.nums[atoiDefault(attr(t, "numId"), -1)] = np.num
		}
	case "abstractNumId":
		if np.num != nil {
			np.num.abstractID = atoiDefault(attr(t, "val"), -1)
		}
	case "lvlOverride":
		np.ovLevel = atoiDefault(attr(t, "ilvl"), -1)
	case "startOverride":
		if num, i := np.num, np.ovLevel; num != nil && i >= 0 && i < 9 {
			o := num.override[i]
			if o == nil {
				o = &numLevel{}
				num.override[i] = o
			}
			o.start = atoiDefault(attr(t, "val"), 1)
			num.restart = true
		}
	case "lvl":
		np.startLevel(atoiDefault(attr(t, "ilvl"), -1))
	default:
		if np.lvl != nil {
			np.lvl.set(t)
		}
	}
}

// linkStyles points every list instance whose abstract list only names a
// list style (w:numStyleLink) at the abstract list holding that style's
// levels: the style's w:numId leads to a list instance, and its abstract
// list is the definition. Instances of either then count as one list, as
// in Word. Unresolved links leave the instance as it was.
func (n *docxNumbering) linkStyles(styles docxStyles) {
	if n == nil || len(n.styleLink) == 0 {
		return
	}
	for _, num := range n.nums {
		id := num.abstractID
		for hop := 0; hop < 4; hop++ {
			name, ok := n.styleLink[id]
			if !ok {
				break
			}
			target, _ := styles.numbering(name)
			to := n.nums[target]
			if to == nil || to.abstractID == id {
				break
			}
			id = to.abstractID
		}
		if _, linked := n.styleLink[id]; !linked && n.abstract[id] != nil {
			num.abstractID = id
		}
	}
}

// startLevel opens a w:lvl: of an abstract list, or of a list instance's
// override.
func (np *numberingParser) startLevel(i int) {
	np.lvl = nil
	if i < 0 || i >= 9 {
		return
	}
	switch {
	case np.num != nil && np.ovLevel == i:
		start := 1
		if o := np.num.override[i]; o != nil {
			start = o.start
		}
		np.lvl = &numLevel{start: start, defined: true}
		np.num.override[i] = np.lvl
	case np.levels != nil && np.num == nil:
		np.lvl = &np.levels[i]
		*np.lvl = numLevel{start: 1, defined: true}
	}
}

// set reads one property element inside a w:lvl.
func (l *numLevel) set(t xml.StartElement) {
	switch t.Name.Local {
	case "start":
		l.start = atoiDefault(attr(t, "val"), 1)
	case "numFmt":
		// "custom" (Word 2010+) comes with a plain fallback
		// inside mc:AlternateContent; keep the plain one.
		if v := attr(t, "val"); v != "custom" {
			l.fmt = v
		}
	case "lvlText":
		l.text = attr(t, "val")
	case "suff":
		l.suff = attr(t, "val")
	case "isLgl":
		l.isLgl = onOff(t)
	}
}

func (np *numberingParser) end(t xml.EndElement) {
	switch t.Name.Local {
	case "abstractNum":
		np.levels = nil
	case "num":
		np.num = nil
	case "lvl":
		np.lvl = nil
	case "lvlOverride":
		np.ovLevel = -1
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
	cnTiangan = []rune("甲乙丙丁戊己庚辛壬癸")
	cnDizhi   = []rune("子丑寅卯辰巳午未申酉戌亥")
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
		return outline.Numeral(n), true
	case "chineseLegalSimplified", "ideographLegalTraditional":
		return outline.LegalNumeral(n), true
	case "ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand":
		return outline.Figures(n), true
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
		if r, ok := outline.CircledNumber(n); ok {
			return string(r), true
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
