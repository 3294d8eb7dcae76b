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

// run interprets one content stream with the given resources and initial
// matrix.
func (in *interp) run(data []byte, res lpdf.Value, ctm mat, depth int) {
	g := gstate{ctm: ctm, th: 1}
	var stack []gstate
	var tm, tlm mat
	fonts := map[string]*font{}
	// path under construction, in user space
	type pt struct{ x, y float64 }
	var path []seg
	var sub []int // subpath number of each path segment
	nsub := 0
	var cur, start pt
	addLine := func(a, b pt) {
		if len(path) < maxSegs {
			path = append(path, seg{a.x, a.y, b.x, b.y})
			sub = append(sub, nsub)
		}
	}
	emit := func(x0, y0, x1, y1 float64) {
		if len(in.out.segs) >= maxSegs {
			return
		}
		switch {
		case math.Abs(y0-y1) < 0.5 && math.Abs(x0-x1) >= 2:
			y := (y0 + y1) / 2
			in.out.segs = append(in.out.segs, seg{math.Min(x0, x1), y, math.Max(x0, x1), y})
		case math.Abs(x0-x1) < 0.5 && math.Abs(y0-y1) >= 2:
			x := (x0 + x1) / 2
			in.out.segs = append(in.out.segs, seg{x, math.Min(y0, y1), x, math.Max(y0, y1)})
		}
	}
	// paint turns the path into ruling segments. A stroked path gives its
	// axis-parallel pieces; a filled path counts only when it is thin (a
	// rule drawn as a filled rectangle), as a line through its middle: big
	// fills are backgrounds and shading.
	paint := func(stroke bool) {
		for i := 0; i < len(path); {
			j := i
			for j < len(path) && sub[j] == sub[i] {
				j++
			}
			if stroke {
				for _, s := range path[i:j] {
					x0, y0 := g.ctm.apply(s.x0, s.y0)
					x1, y1 := g.ctm.apply(s.x1, s.y1)
					emit(x0, y0, x1, y1)
				}
			} else {
				minX, minY, maxX, maxY := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
				for _, s := range path[i:j] {
					for _, p := range [2]pt{{s.x0, s.y0}, {s.x1, s.y1}} {
						x, y := g.ctm.apply(p.x, p.y)
						minX, minY = math.Min(minX, x), math.Min(minY, y)
						maxX, maxY = math.Max(maxX, x), math.Max(maxY, y)
					}
				}
				switch {
				case maxY-minY <= 3 && maxX-minX > maxY-minY:
					y := (minY + maxY) / 2
					emit(minX, y, maxX, y)
				case maxX-minX <= 3 && maxY-minY > maxX-minX:
					x := (minX + maxX) / 2
					emit(x, minY, x, maxY)
				}
			}
			i = j
		}
		path, sub = path[:0], sub[:0]
	}
	// fonts by resource name; pages sharing a font resource dictionary
	// (same names, same objects) share the lookups
	var byRes map[string]*font
	fontOf := func(name string) *font {
		if f, ok := fonts[name]; ok {
			return f
		}
		if byRes == nil {
			fr := res.Key("Font")
			key := fr.String()
			if byRes = in.doc.byRes[key]; byRes == nil {
				byRes = map[string]*font{}
				in.doc.byRes[key] = byRes
			}
		}
		f, ok := byRes[name]
		if !ok {
			f = in.doc.font(res.Key("Font").Key(name))
			byRes[name] = f
		}
		fonts[name] = f
		return f
	}
	show := func(s string) {
		f := g.font
		if f == nil {
			f = in.doc.font(lpdf.Value{})
		}
		f.each(s, func(text string, w float64, space bool) {
			trm := mat{g.tfs * g.th, 0, 0, g.tfs, 0, g.rise}.mul(tm).mul(g.ctm)
			tx := (w*g.tfs + g.tc) * g.th
			if space {
				tx += g.tw * g.th
			}
			if strings.TrimSpace(text) == "" && text != "" {
				text = " " // kept: a space is not a column gap
			}
			if text != "" && len(in.out.glyphs) < maxGlyphs {
				size := math.Hypot(trm[2], trm[3])
				adv := mat{1, 0, 0, 1, w * g.tfs * g.th, 0}.mul(tm).mul(g.ctm)
				x1, y1 := adv[4], adv[5]
				gl := glyph{x: trm[4], y: trm[5], size: size, text: text}
				gl.w = math.Hypot(x1-trm[4], y1-trm[5])
				if math.Abs(trm[1]) > math.Abs(trm[0]) || trm[0] < 0 {
					gl.rotated = true
				}
				// diagonal text is a watermark or a stamp, not content
				if c, s := math.Abs(trm[0]), math.Abs(trm[1]); c > 0.1*(c+s) && s > 0.1*(c+s) {
					gl.text = ""
				}
				if gl.text != "" {
					in.out.glyphs = append(in.out.glyphs, gl)
				}
			}
			tm = mat{1, 0, 0, 1, tx, 0}.mul(tm)
		})
	}
	num := func(a []operand, i int) float64 {
		if i < len(a) && a[i].kind == opNum {
			return a[i].num
		}
		return 0
	}
	matOf := func(a []operand) mat {
		var m mat
		for i := 0; i < 6; i++ {
			m[i] = num(a, i)
		}
		return m
	}
	nextLine := func() {
		tlm = mat{1, 0, 0, 1, 0, -g.tl}.mul(tlm)
		tm = tlm
	}
	l := &lexer{b: data}
	l.run(func(op string, a []operand) {
		in.ops++
		if in.ops > in.maxOps {
			l.pos = len(l.b)
			return
		}
		switch op {
		case "q":
			if len(stack) < 256 {
				stack = append(stack, g)
			}
		case "Q":
			if n := len(stack); n > 0 {
				g = stack[n-1]
				stack = stack[:n-1]
			}
		case "cm":
			if len(a) == 6 {
				g.ctm = matOf(a).mul(g.ctm)
			}
		case "m":
			cur = pt{num(a, 0), num(a, 1)}
			start = cur
			nsub++
		case "l":
			p := pt{num(a, 0), num(a, 1)}
			addLine(cur, p)
			cur = p
		case "c":
			cur = pt{num(a, 4), num(a, 5)}
		case "v", "y":
			cur = pt{num(a, 2), num(a, 3)}
		case "h":
			if cur != start {
				addLine(cur, start)
			}
			cur = start
		case "re":
			x, y, w, h := num(a, 0), num(a, 1), num(a, 2), num(a, 3)
			p0, p1, p2, p3 := pt{x, y}, pt{x + w, y}, pt{x + w, y + h}, pt{x, y + h}
			nsub++
			addLine(p0, p1)
			addLine(p1, p2)
			addLine(p2, p3)
			addLine(p3, p0)
			cur, start = p0, p0
		case "S", "s", "B", "B*", "b", "b*":
			paint(true)
		case "f", "F", "f*":
			paint(false)
		case "n":
			path, sub = path[:0], sub[:0]
		case "BT":
			tm, tlm = identity, identity
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
				g.font = fontOf(a[0].s)
				g.tfs = a[1].num
			}
		case "Td", "TD":
			if op == "TD" {
				g.tl = -num(a, 1)
			}
			tlm = mat{1, 0, 0, 1, num(a, 0), num(a, 1)}.mul(tlm)
			tm = tlm
		case "Tm":
			if len(a) == 6 {
				tm = matOf(a)
				tlm = tm
			}
		case "T*":
			nextLine()
		case "Tj":
			if len(a) > 0 {
				show(a[len(a)-1].s)
			}
		case "'":
			nextLine()
			if len(a) > 0 {
				show(a[len(a)-1].s)
			}
		case "\"":
			if len(a) == 3 {
				g.tw, g.tc = a[0].num, a[1].num
			}
			nextLine()
			if len(a) > 0 {
				show(a[len(a)-1].s)
			}
		case "TJ":
			if len(a) == 0 {
				return
			}
			for _, e := range a[len(a)-1].arr {
				switch e.kind {
				case opStr:
					show(e.s)
				case opNum:
					tm = mat{1, 0, 0, 1, -e.num / 1000 * g.tfs * g.th, 0}.mul(tm)
				}
			}
		case "Do":
			if len(a) == 0 || depth >= maxFormDepth {
				return
			}
			x := res.Key("XObject").Key(a[0].s)
			if x.Key("Subtype").Name() != "Form" {
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
				fres = res
			}
			in.run(data, fres, fm.mul(g.ctm), depth+1)
		}
	})
}
