package pdf

import (
	"math"
	"strings"

	lpdf "github.com/ledongthuc/pdf"
)

// mat is a PDF matrix [a b c d e f]: x' = a x + c y + e, y' = b x + d y + f.
type mat [6]float64

var identity = mat{1, 0, 0, 1, 0, 0}

// mul returns m × n (m applied first).
func (m mat) mul(n mat) mat {
	return mat{
		m[0]*n[0] + m[1]*n[2], m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2], m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4], m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

func (m mat) apply(x, y float64) (float64, float64) {
	return m[0]*x + m[2]*y + m[4], m[1]*x + m[3]*y + m[5]
}

// glyph is one shown character in upright page space (y up, origin at the
// page's lower left).
type glyph struct {
	x, y    float64 // baseline start
	w       float64 // advance
	size    float64 // font size on the page
	text    string
	rotated bool
}

// seg is an axis-parallel ruling segment: horizontal when y0 == y1.
type seg struct {
	x0, y0, x1, y1 float64
}

func (s seg) horizontal() bool { return s.y0 == s.y1 }

// pageContent is what the interpreter gathers from one page.
type pageContent struct {
	w, h   float64
	glyphs []glyph
	segs   []seg
	images int     // images painted
	imgMax float64 // page area covered by the largest image (a scan is one image over the page)
}

// addImage records an image painted through ctm (the unit square).
func (pc *pageContent) addImage(ctm mat) {
	pc.images++
	if area := math.Abs(ctm[0]*ctm[3] - ctm[1]*ctm[2]); area > pc.imgMax {
		pc.imgMax = area
	}
}

// scanned reports a page that is a picture of text: no text, or next to
// no text (a scanner app's watermark) over an image covering most of it.
func (pc *pageContent) scanned() bool {
	n := 0
	for _, g := range pc.glyphs {
		if g.text != " " {
			n++
		}
	}
	if n == 0 {
		return true
	}
	return n < 20 && pc.imgMax >= 0.5*pc.w*pc.h
}

type gstate struct {
	ctm                       mat
	tc, tw, th, tl, tfs, rise float64
	font                      *font
}

// interp runs content streams of one page.
type interp struct {
	doc    *docState
	out    *pageContent
	ops    int
	maxOps int
}

const (
	maxFormDepth = 6
	maxSegs      = 50000
	maxGlyphs    = 400000
	maxFormCache = 64 << 20 // decoded Form XObjects kept per document
)

// pt is a point in user space.
type pt struct{ x, y float64 }

// runState is the state of one content stream being interpreted: graphics
// and text state, the path under construction (in user space) and the
// fonts by resource name.
type runState struct {
	in    *interp
	res   lpdf.Value
	depth int

	g       gstate
	stack   []gstate
	tm, tlm mat
	fonts   map[string]*font
	byRes   map[string]*font // fonts of the page's font resource dictionary

	path       []seg
	sub        []int // subpath number of each path segment
	nsub       int
	cur, start pt
}

// run interprets one content stream with the given resources and initial
// matrix.
func (in *interp) run(data []byte, res lpdf.Value, ctm mat, depth int) {
	s := &runState{in: in, res: res, depth: depth, g: gstate{ctm: ctm, th: 1}, fonts: map[string]*font{}}
	l := &lexer{b: data}
	l.run(func(op string, a []operand) {
		in.ops++
		if in.ops > in.maxOps {
			l.pos = len(l.b)
			return
		}
		s.op(op, a)
	})
}

// op dispatches one operator to its group.
func (s *runState) op(op string, a []operand) {
	switch op {
	case "q", "Q", "cm":
		s.stateOp(op, a)
	case "m", "l", "c", "v", "y", "h", "re", "S", "s", "B", "B*", "b", "b*", "f", "F", "f*", "n":
		s.pathOp(op, a)
	case "BT", "Tc", "Tw", "Tz", "TL", "Ts", "Tf", "Td", "TD", "Tm", "T*":
		s.textStateOp(op, a)
	case "Tj", "'", "\"", "TJ":
		s.showOp(op, a)
	case "Do":
		s.doXObject(a)
	case "BI":
		s.in.out.addImage(s.g.ctm)
	}
}

func (s *runState) stateOp(op string, a []operand) {
	switch op {
	case "q":
		if len(s.stack) < 256 {
			s.stack = append(s.stack, s.g)
		}
	case "Q":
		if n := len(s.stack); n > 0 {
			s.g = s.stack[n-1]
			s.stack = s.stack[:n-1]
		}
	case "cm":
		if len(a) == 6 {
			s.g.ctm = matOf(a).mul(s.g.ctm)
		}
	}
}

func (s *runState) pathOp(op string, a []operand) {
	switch op {
	case "m":
		s.cur = pt{num(a, 0), num(a, 1)}
		s.start = s.cur
		s.nsub++
	case "l":
		p := pt{num(a, 0), num(a, 1)}
		s.addLine(s.cur, p)
		s.cur = p
	case "c":
		s.cur = pt{num(a, 4), num(a, 5)}
	case "v", "y":
		s.cur = pt{num(a, 2), num(a, 3)}
	case "h":
		if s.cur != s.start {
			s.addLine(s.cur, s.start)
		}
		s.cur = s.start
	case "re":
		x, y, w, h := num(a, 0), num(a, 1), num(a, 2), num(a, 3)
		p0, p1, p2, p3 := pt{x, y}, pt{x + w, y}, pt{x + w, y + h}, pt{x, y + h}
		s.nsub++
		s.addLine(p0, p1)
		s.addLine(p1, p2)
		s.addLine(p2, p3)
		s.addLine(p3, p0)
		s.cur, s.start = p0, p0
	case "S", "s", "B", "B*", "b", "b*":
		s.paint(true)
	case "f", "F", "f*":
		s.paint(false)
	case "n":
		s.path, s.sub = s.path[:0], s.sub[:0]
	}
}

func (s *runState) addLine(a, b pt) {
	if len(s.path) < maxSegs {
		s.path = append(s.path, seg{a.x, a.y, b.x, b.y})
		s.sub = append(s.sub, s.nsub)
	}
}

// paint turns the path into ruling segments. A stroked path gives its
// axis-parallel pieces; a filled path counts only when it is thin (a
// rule drawn as a filled rectangle), as a line through its middle: big
// fills are backgrounds and shading.
func (s *runState) paint(stroke bool) {
	ctm := s.g.ctm
	for i := 0; i < len(s.path); {
		j := i
		for j < len(s.path) && s.sub[j] == s.sub[i] {
			j++
		}
		if stroke {
			for _, sg := range s.path[i:j] {
				x0, y0 := ctm.apply(sg.x0, sg.y0)
				x1, y1 := ctm.apply(sg.x1, sg.y1)
				s.in.out.addRule(x0, y0, x1, y1)
			}
		} else {
			s.in.out.addFill(ctm, s.path[i:j])
		}
		i = j
	}
	s.path, s.sub = s.path[:0], s.sub[:0]
}

// addRule keeps an axis-parallel segment (page space) as a ruling line.
func (pc *pageContent) addRule(x0, y0, x1, y1 float64) {
	if len(pc.segs) >= maxSegs {
		return
	}
	switch {
	case math.Abs(y0-y1) < 0.5 && math.Abs(x0-x1) >= 2:
		y := (y0 + y1) / 2
		pc.segs = append(pc.segs, seg{math.Min(x0, x1), y, math.Max(x0, x1), y})
	case math.Abs(x0-x1) < 0.5 && math.Abs(y0-y1) >= 2:
		x := (x0 + x1) / 2
		pc.segs = append(pc.segs, seg{x, math.Min(y0, y1), x, math.Max(y0, y1)})
	}
}

// addFill keeps a filled subpath (user space, mapped by ctm) as a ruling
// line when it is thin.
func (pc *pageContent) addFill(ctm mat, path []seg) {
	minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, s := range path {
		for _, p := range [2]pt{{s.x0, s.y0}, {s.x1, s.y1}} {
			x, y := ctm.apply(p.x, p.y)
			minX, minY = math.Min(minX, x), math.Min(minY, y)
			maxX, maxY = math.Max(maxX, x), math.Max(maxY, y)
		}
	}
	switch {
	case maxY-minY <= 3 && maxX-minX > maxY-minY:
		y := (minY + maxY) / 2
		pc.addRule(minX, y, maxX, y)
	case maxX-minX <= 3 && maxY-minY > maxX-minX:
		x := (minX + maxX) / 2
		pc.addRule(x, minY, x, maxY)
	}
}

// fontOf finds a font by resource name; pages sharing a font resource
// dictionary (same names, same objects) share the lookups.
func (s *runState) fontOf(name string) *font {
	if f, ok := s.fonts[name]; ok {
		return f
	}
	doc := s.in.doc
	if s.byRes == nil {
		key := s.res.Key("Font").String()
		if s.byRes = doc.byRes[key]; s.byRes == nil {
			s.byRes = map[string]*font{}
			doc.byRes[key] = s.byRes
		}
	}
	f, ok := s.byRes[name]
	if !ok {
		f = doc.font(s.res.Key("Font").Key(name))
		s.byRes[name] = f
	}
	s.fonts[name] = f
	return f
}

func (s *runState) textStateOp(op string, a []operand) {
	g := &s.g
	switch op {
	case "BT":
		s.tm, s.tlm = identity, identity
	case "Tc":
		g.tc = num(a, 0)
	case "Tw":
		g.tw = num(a, 0)
	case "Tz":
		g.th = num(a, 0) / 100
	case "TL":
		g.tl = num(a, 0)
	case "Ts":
		g.rise = num(a, 0)
	case "Tf":
		if len(a) >= 2 {
			g.font = s.fontOf(a[0].s)
			g.tfs = a[1].num
		}
	case "Td", "TD":
		if op == "TD" {
			g.tl = -num(a, 1)
		}
		s.tlm = mat{1, 0, 0, 1, num(a, 0), num(a, 1)}.mul(s.tlm)
		s.tm = s.tlm
	case "Tm":
		if len(a) == 6 {
			s.tm = matOf(a)
			s.tlm = s.tm
		}
	case "T*":
		s.nextLine()
	}
}

func (s *runState) nextLine() {
	s.tlm = mat{1, 0, 0, 1, 0, -s.g.tl}.mul(s.tlm)
	s.tm = s.tlm
}

func (s *runState) showOp(op string, a []operand) {
	switch op {
	case "Tj":
	case "'":
		s.nextLine()
	case "\"":
		if len(a) == 3 {
			s.g.tw, s.g.tc = a[0].num, a[1].num
		}
		s.nextLine()
	case "TJ":
		if len(a) == 0 {
			return
		}
		for _, e := range a[len(a)-1].arr {
			switch e.kind {
			case opStr:
				s.show(e.s)
			case opNum:
				s.tm = mat{1, 0, 0, 1, -e.num / 1000 * s.g.tfs * s.g.th, 0}.mul(s.tm)
			}
		}
		return
	}
	if len(a) > 0 {
		s.show(a[len(a)-1].s)
	}
}

// show places the glyphs of one string.
func (s *runState) show(str string) {
	g := &s.g
	f := g.font
	if f == nil {
		f = s.in.doc.font(lpdf.Value{})
	}
	out := s.in.out
	f.each(str, func(text string, w float64, space bool) {
		trm := mat{g.tfs * g.th, 0, 0, g.tfs, 0, g.rise}.mul(s.tm).mul(g.ctm)
		tx := (w*g.tfs + g.tc) * g.th
		if space {
			tx += g.tw * g.th
		}
		if strings.TrimSpace(text) == "" && text != "" {
			text = " " // kept: a space is not a column gap
		}
		if text != "" && len(out.glyphs) < maxGlyphs {
			adv := mat{1, 0, 0, 1, w * g.tfs * g.th, 0}.mul(s.tm).mul(g.ctm)
			out.addGlyph(trm, adv[4], adv[5], text)
		}
		s.tm = mat{1, 0, 0, 1, tx, 0}.mul(s.tm)
	})
}

// addGlyph places one glyph with text rendering matrix trm whose advance
// ends at (x1, y1), all in page space.
func (pc *pageContent) addGlyph(trm mat, x1, y1 float64, text string) {
	gl := glyph{x: trm[4], y: trm[5], size: math.Hypot(trm[2], trm[3]), text: text}
	gl.w = math.Hypot(x1-trm[4], y1-trm[5])
	if math.Abs(trm[1]) > math.Abs(trm[0]) || trm[0] < 0 {
		gl.rotated = true
	}
	// diagonal text is a watermark or a stamp, not content
	if c, s := math.Abs(trm[0]), math.Abs(trm[1]); c > 0.1*(c+s) && s > 0.1*(c+s) {
		return
	}
	pc.glyphs = append(pc.glyphs, gl)
}

// doXObject runs a Form XObject (cached per document) and counts images.
func (s *runState) doXObject(a []operand) {
	in := s.in
	if len(a) == 0 {
		return
	}
	x := s.res.Key("XObject").Key(a[0].s)
	if x.Key("Subtype").Name() == "Image" {
		in.out.addImage(s.g.ctm)
		return
	}
	if s.depth >= maxFormDepth || x.Key("Subtype").Name() != "Form" {
		return
	}
	key := x.String() // the stream's dictionary and file offset
	data, ok := in.doc.forms[key]
	if !ok {
		var err error
		data, err = readStream(x, in.doc.maxStream)
		if err != nil && len(data) == 0 {
			data = nil
		}
		if in.doc.formBytes+len(data) <= maxFormCache {
			in.doc.forms[key] = data
			in.doc.formBytes += len(data)
		}
	}
	if len(data) == 0 {
		return
	}
	fm := identity
	if m := x.Key("Matrix"); m.Len() == 6 {
		for i := 0; i < 6; i++ {
			fm[i] = m.Index(i).Float64()
		}
	}
	fres := x.Key("Resources")
	if fres.IsNull() {
		fres = s.res
	}
	in.run(data, fres, fm.mul(s.g.ctm), s.depth+1)
}

func num(a []operand, i int) float64 {
	if i < len(a) && a[i].kind == opNum {
		return a[i].num
	}
	return 0
}

func matOf(a []operand) mat {
	var m mat
	for i := 0; i < 6; i++ {
		m[i] = num(a, i)
	}
	return m
}
