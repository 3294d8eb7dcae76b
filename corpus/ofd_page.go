package corpus

import (
	"encoding/xml"
	"math"
	"strings"
	"unicode/utf8"

	"policyx/corpus/pdf"
)

// mmToPt converts OFD millimetres to the points of the PDF layout code.
const mmToPt = 72 / 25.4

// ofdAffine is an OFD CTM [a b c d e f]: x' = a x + c y + e, y' = b x + d y + f.
type ofdAffine [6]float64

func (m ofdAffine) apply(x, y float64) (float64, float64) {
	return m[0]*x + m[2]*y + m[4], m[1]*x + m[3]*y + m[5]
}

// ofdObject is the text or path object being read, with its placement.
type ofdObject struct {
	text           bool
	bx, by, bw, bh float64   // Boundary (page mm)
	ctm            ofdAffine // object space → boundary space
	size, hscale   float64
	stroke, fill   bool
}

// toPage maps a point of the object's space to the page (mm, y down).
func (o *ofdObject) toPage(x, y float64) (float64, float64) {
	x, y = o.ctm.apply(x, y)
	return o.bx + x, o.by + y
}

// ofdMark is a glyph or a ruling piece in page millimetres (y down), kept
// until the page size is known.
type ofdMark struct {
	kind          byte // 'g' glyph, 's' stroke, 'f' fill
	x, y, w, size float64
	text          string
	rotated       bool
	x1, y1        float64
	pts           []float64
}

// ofdPageReader reads one page's content (and its template's).
type ofdPageReader struct {
	w, h     float64 // page size, mm
	template string  // TemplateID
	marks    []ofdMark
	images   [][2]float64
	imgs     []ofdImage // the image objects with their resources
	obj      *ofdObject
	code     *ofdCode
	buf      strings.Builder // text of a TextCode or an AbbreviatedData
	inPath   bool
	areaBox  bool // inside Area/PhysicalBox
	nextX    float64
	nextY    float64
	lastAdv  float64
	overflow bool
}

// ofdCode is the TextCode being read.
type ofdCode struct {
	x, y   float64
	deltas ofdDeltas
}

// readPage reads a page's Content.xml and the template page it names.
func (d *ofdDoc) readPage(z *zipArchive, ref ofdPageRef, lim Limits) (*pdf.Page, error) {
	r := &ofdPageReader{w: d.w, h: d.h}
	err := r.read(z, ref.loc, lim)
	if err == nil && r.template != "" {
		if loc, ok := d.templates[r.template]; ok {
			t := &ofdPageReader{w: r.w, h: r.h}
			if terr := t.read(z, loc, lim); terr == nil {
				r.marks = append(t.marks, r.marks...)
				r.images = append(t.images, r.images...)
				r.imgs = append(t.imgs, r.imgs...)
			}
		}
	}
	d.images[ref.loc] = r.imgs
	for _, m := range r.marks {
		if m.kind == 'g' {
			d.hasText[ref.loc] = true
			break
		}
	}
	return r.page(), err
}

func (r *ofdPageReader) read(z *zipArchive, loc string, lim Limits) error {
	w := &xmlWalk{part: loc, depth: lim.MaxDepth,
		// Clipping areas hold paths that draw nothing; actions hold
		// no content.
		skip:  func(t xml.StartElement) bool { return t.Name.Local == "Clips" || t.Name.Local == "Actions" },
		start: func(t xml.StartElement) error { r.start(t); return nil },
		end:   r.end,
		text: func(c xml.CharData) {
			if (r.code != nil || r.inPath || r.areaBox) && r.buf.Len() < 1<<20 {
				r.buf.Write(c)
			}
		},
	}
	return walkZipPart(z, w)
}

func (r *ofdPageReader) start(t xml.StartElement) {
	switch t.Name.Local {
	case "PhysicalBox":
		r.areaBox = true
		r.buf.Reset()
	case "Template":
		if r.template == "" {
			r.template = attr(t, "TemplateID")
		}
	case "TextObject", "PathObject":
		r.obj = newOFDObject(t)
	case "TextCode":
		if r.obj == nil || !r.obj.text {
			return
		}
		c := &ofdCode{x: r.nextX, y: r.nextY, deltas: parseDeltas(attr(t, "DeltaX"))}
		if v := ofdNumbers(attr(t, "X")); len(v) == 1 {
			c.x = v[0]
		}
		if v := ofdNumbers(attr(t, "Y")); len(v) == 1 {
			c.y = v[0]
		}
		r.code = c
		r.buf.Reset()
	case "AbbreviatedData":
		r.inPath = r.obj != nil && !r.obj.text
		r.buf.Reset()
	case "ImageObject":
		if b := ofdNumbers(attr(t, "Boundary")); len(b) == 4 {
			r.images = append(r.images, [2]float64{b[2], b[3]})
			if len(r.imgs) < 1000 {
				r.imgs = append(r.imgs, ofdImage{res: attr(t, "ResourceID"), x: b[0], y: b[1], w: b[2], h: b[3]})
			}
		}
	}
}

func newOFDObject(t xml.StartElement) *ofdObject {
	o := &ofdObject{text: t.Name.Local == "TextObject", ctm: ofdAffine{1, 0, 0, 1, 0, 0}, hscale: 1, stroke: true}
	if b := ofdNumbers(attr(t, "Boundary")); len(b) == 4 {
		o.bx, o.by, o.bw, o.bh = b[0], b[1], b[2], b[3]
	}
	if m := ofdNumbers(attr(t, "CTM")); len(m) == 6 {
		copy(o.ctm[:], m)
	}
	if v := ofdNumbers(attr(t, "Size")); len(v) == 1 && v[0] > 0 {
		o.size = v[0]
	}
	if v := ofdNumbers(attr(t, "HScale")); len(v) == 1 && v[0] > 0 {
		o.hscale = v[0]
	}
	if o.text {
		o.stroke = attr(t, "Stroke") == "true"
		o.fill = attr(t, "Fill") != "false"
	} else {
		o.stroke = attr(t, "Stroke") != "false"
		o.fill = attr(t, "Fill") == "true"
	}
	return o
}

func (r *ofdPageReader) end(t xml.EndElement) {
	switch t.Name.Local {
	case "PhysicalBox":
		if r.areaBox {
			if b := ofdNumbers(r.buf.String()); len(b) == 4 && b[2] > 1 && b[3] > 1 {
				r.w, r.h = b[2], b[3]
			}
		}
		r.areaBox = false
	case "TextCode":
		if r.code != nil {
			r.textCode(r.code, r.buf.String())
		}
		r.code = nil
	case "AbbreviatedData":
		if r.inPath && r.obj != nil {
			r.path(r.obj, r.buf.String())
		}
		r.inPath = false
	case "TextObject", "PathObject":
		r.obj = nil
		r.nextX, r.nextY = 0, 0
	}
}

// textCode places the characters of one TextCode: the first at X, Y (the
// baseline), each next one DeltaX further; characters past the deltas
// advance by their font size (half for Latin letters and digits).
func (r *ofdPageReader) textCode(c *ofdCode, s string) {
	o := r.obj
	size := o.size
	if size <= 0 {
		size = 3.5 // 10 pt
	}
	// the object's scale and rotation
	ax, ay := o.ctm[0], o.ctm[1]
	scale := math.Sqrt(math.Abs(o.ctm[0]*o.ctm[3] - o.ctm[1]*o.ctm[2]))
	rotated := math.Abs(ay) > math.Abs(ax) || ax < 0
	x := c.x
	cur := deltaCursor{d: c.deltas}
	for _, ch := range s {
		if ch == '\n' || ch == '\r' || ch == '\t' {
			continue // line breaks of the XML's layout, not text
		}
		adv := size * o.hscale
		if ch < utf8.RuneSelf {
			adv /= 2
		}
		if d, ok := cur.next(); ok {
			adv = d
		}
		if len(r.marks) >= 400000 {
			r.overflow = true
			return
		}
		px, py := o.toPage(x, c.y)
		ex, ey := o.toPage(x+adv, c.y)
		r.marks = append(r.marks, ofdMark{kind: 'g', x: px, y: py, w: math.Hypot(ex-px, ey-py), size: size * scale, text: string(ch), rotated: rotated})
		x += adv
	}
	r.nextX, r.nextY = x, c.y
}

// path reads AbbreviatedData (S/M start, L line, Q/B curves, A arc, C
// close) into strokes and filled outlines.
func (r *ofdPageReader) path(o *ofdObject, data string) {
	f := strings.Fields(data)
	var sub []float64 // the current subpath, page mm
	var sx, sy, cx, cy float64
	flush := func() {
		if o.fill && len(sub) >= 6 {
			r.marks = append(r.marks, ofdMark{kind: 'f', pts: sub})
		}
		sub = nil
	}
	line := func(x, y float64) {
		if o.stroke && len(r.marks) < 400000 {
			x0, y0 := o.toPage(cx, cy)
			x1, y1 := o.toPage(x, y)
			r.marks = append(r.marks, ofdMark{kind: 's', x: x0, y: y0, x1: x1, y1: y1})
		}
		px, py := o.toPage(x, y)
		sub = append(sub, px, py)
		cx, cy = x, y
	}
	num := func(i int) float64 {
		v := ofdNumbers(f[i])
		if len(v) == 1 {
			return v[0]
		}
		return 0
	}
	args := map[string]int{"S": 2, "M": 2, "L": 2, "Q": 4, "B": 6, "A": 7, "C": 0}
	for i := 0; i < len(f); {
		n, ok := args[f[i]]
		if !ok {
			i++ // a number without a command, or an unknown command
			continue
		}
		if i+n >= len(f) {
			break // arguments cut off
		}
		switch f[i] {
		case "S", "M":
			flush()
			cx, cy = num(i+1), num(i+2)
			sx, sy = cx, cy
			px, py := o.toPage(cx, cy)
			sub = append(sub, px, py)
		case "L":
			line(num(i+1), num(i+2))
		case "Q", "B", "A":
			// curves: only their end point matters for ruling lines
			cx, cy = num(i+n-1), num(i+n)
			px, py := o.toPage(cx, cy)
			sub = append(sub, px, py)
		case "C":
			if cx != sx || cy != sy {
				line(sx, sy)
			}
		}
		i += n + 1
	}
	flush()
}

// page converts the marks to a layout page in points, y up.
func (r *ofdPageReader) page() *pdf.Page {
	W, H := r.w*mmToPt, r.h*mmToPt
	p := pdf.NewPage(W, H)
	for _, m := range r.marks {
		switch m.kind {
		case 'g':
			p.Glyph(m.x*mmToPt, H-m.y*mmToPt, m.w*mmToPt, m.size*mmToPt, m.text, m.rotated)
		case 's':
			p.Stroke(m.x*mmToPt, H-m.y*mmToPt, m.x1*mmToPt, H-m.y1*mmToPt)
		case 'f':
			pts := make([]float64, len(m.pts))
			for i := 0; i+1 < len(m.pts); i += 2 {
				pts[i], pts[i+1] = m.pts[i]*mmToPt, H-m.pts[i+1]*mmToPt
			}
			p.Fill(pts)
		}
	}
	for _, im := range r.images {
		p.Image(im[0]*mmToPt, im[1]*mmToPt)
	}
	return p
}
