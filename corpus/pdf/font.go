package pdf

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	lpdf "github.com/ledongthuc/pdf"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// font is what the text interpreter needs of a PDF font: how to split a
// string into codes, each code's text and its advance width.
type font struct {
	type0   bool
	enc     *cmap // embedded encoding CMap of a Type0 font
	gbk     bool  // GB-EUC/GBK-EUC predefined encodings: 1 byte below 0x80, else 2
	ucs2    bool  // UniGB-UCS2/UTF16 encodings: the code is UTF-16
	ident   bool  // Identity-H/V: CID = code
	toUni   *cmap
	simple  [256]string // simple font: text of each byte without ToUnicode
	first   int
	widths  []float64 // simple font widths from FirstChar, glyph units
	missing float64
	cidW    map[uint32]float64
	dw      float64
	scale   float64 // glyph units to text space: 1/1000, or FontMatrix[0] for Type3
}

// readStream returns the decoded bytes of a stream, at most max bytes. A
// filter the library does not know panics inside it; that becomes the error.
func readStream(v lpdf.Value, max int64) (data []byte, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("stream: %v", p)
		}
	}()
	if v.Kind() != lpdf.Stream {
		return nil, fmt.Errorf("not a stream")
	}
	if max <= 0 {
		return nil, fmt.Errorf("content exceeds the stream size limit")
	}
	rc := v.Reader()
	defer rc.Close()
	data, err = io.ReadAll(io.LimitReader(rc, max+1))
	if int64(len(data)) > max {
		return data[:max], fmt.Errorf("stream exceeds %d bytes", max)
	}
	return data, err
}

// loadFont interprets a font dictionary. It never fails: what cannot be
// read falls back to defaults.
func loadFont(v lpdf.Value, maxStream int64) (f *font) {
	f = &font{scale: 1.0 / 1000, dw: 1000}
	defer func() {
		if recover() != nil {
			// keep what was read
		}
	}()
	if tu := v.Key("ToUnicode"); tu.Kind() == lpdf.Stream {
		if data, _ := readStream(tu, maxStream); len(data) > 0 {
			f.toUni = parseCMap(data)
		}
	}
	switch v.Key("Subtype").Name() {
	case "Type0":
		f.type0 = true
		enc := v.Key("Encoding")
		switch enc.Kind() {
		case lpdf.Name:
			n := enc.Name()
			switch {
			case strings.HasPrefix(n, "Identity"):
				f.ident = true
			case strings.Contains(n, "UCS2") || strings.Contains(n, "UTF16"):
				f.ucs2 = true
			case strings.Contains(n, "EUC") || strings.HasPrefix(n, "GBK"):
				f.gbk = true
			default:
				f.ident = true
			}
		case lpdf.Stream:
			if data, _ := readStream(enc, maxStream); len(data) > 0 {
				f.enc = parseCMap(data)
			}
		default:
			f.ident = true
		}
		d := v.Key("DescendantFonts").Index(0)
		if dw := d.Key("DW"); dw.Kind() == lpdf.Integer || dw.Kind() == lpdf.Real {
			f.dw = dw.Float64()
		}
		f.cidW = readW(d.Key("W"))
		return f
	case "Type3":
		if m := v.Key("FontMatrix"); m.Len() == 6 {
			f.scale = m.Index(0).Float64()
		}
	}
	f.first = int(v.Key("FirstChar").Int64())
	w := v.Key("Widths")
	n := w.Len()
	if n > 256 {
		n = 256
	}
	f.widths = make([]float64, n)
	for i := 0; i < n; i++ {
		f.widths[i] = w.Index(i).Float64()
	}
	f.missing = v.Key("FontDescriptor").Key("MissingWidth").Float64()
	lf := lpdf.Font{V: v}
	enc := lf.Encoder()
	for b := 0; b < 256; b++ {
		f.simple[b] = enc.Decode(string([]byte{byte(b)}))
	}
	return f
}

// readW reads a CIDFont /W array: c [w1 w2 …] or cfirst clast w.
func readW(w lpdf.Value) map[uint32]float64 {
	m := map[uint32]float64{}
	n := w.Len()
	for i := 0; i < n; {
		a := w.Index(i)
		if i+1 >= n {
			break
		}
		b := w.Index(i + 1)
		if b.Kind() == lpdf.Array {
			c := uint32(a.Int64())
			for k := 0; k < b.Len() && len(m) < 1<<17; k++ {
				m[c+uint32(k)] = b.Index(k).Float64()
			}
			i += 2
			continue
		}
		if i+2 >= n {
			break
		}
		lo, hi := a.Int64(), b.Int64()
		wv := w.Index(i + 2).Float64()
		for c := lo; c <= hi && c-lo < 1<<16 && len(m) < 1<<17; c++ {
			m[uint32(c)] = wv
		}
		i += 3
	}
	return m
}

// isWide reports a character set in a full-width box.
func isWide(r rune) bool {
	return unicode.Is(unicode.Han, r) || (r >= 0x3000 && r <= 0x30FF) || (r >= 0xFF00 && r <= 0xFF60) ||
		(r >= 0xFE30 && r <= 0xFE4F) || r == '—' || r == '…' || r == '“' || r == '”' || r == '‘' || r == '’'
}

// each calls fn for every code of the shown string s with its text, its
// advance in text space per unit font size, and whether it is the
// single-byte code 32 (which takes word spacing).
func (f *font) each(s string, fn func(text string, w float64, space bool)) {
	for len(s) > 0 {
		n := 1
		if f.type0 {
			switch {
			case f.enc != nil:
				n = f.enc.codeLen(s)
				if n == 0 {
					n = 1
				}
			case f.gbk:
				if s[0] >= 0x80 {
					n = 2
				}
			default:
				n = 2
			}
		} else if f.toUni != nil && len(f.toUni.space) > 0 && f.toUni.space[0].n > 1 {
			// a simple font never has multi-byte codes; ignore such code spaces
			n = 1
		}
		if n > len(s) {
			n = len(s)
		}
		raw := s[:n]
		s = s[n:]
		code := codeOf(raw)
		text, ok := "", false
		if f.toUni != nil {
			text, ok = f.toUni.text(code)
		}
		if !ok {
			switch {
			case !f.type0:
				text = f.simple[raw[0]]
			case f.ucs2:
				text = utf16Text(raw)
			case f.gbk:
				if b, err := simplifiedchinese.GBK.NewDecoder().Bytes([]byte(raw)); err == nil {
					text = string(b)
				}
			}
		}
		var w float64
		known := false
		if f.type0 {
			cid, have := code, f.ident
			if f.enc != nil {
				cid, have = f.enc.cidOf(code)
			}
			if have {
				if cw, ok := f.cidW[cid]; ok {
					w, known = cw, true
				} else {
					w, known = f.dw, true
				}
			}
		} else {
			i := int(raw[0]) - f.first
			if i >= 0 && i < len(f.widths) && f.widths[i] > 0 {
				w, known = f.widths[i], true
			} else if f.missing > 0 {
				w, known = f.missing, true
			}
		}
		if !known {
			r, _ := utf8.DecodeRuneInString(text)
			if isWide(r) {
				w = 1000
			} else {
				w = 500
			}
			if f.scale != 1.0/1000 {
				w = w / 1000 / f.scale
			}
		}
		fn(text, w*f.scale, n == 1 && raw[0] == ' ')
	}
}

// glyphText maps a glyph name (uniXXXX, uXXXXX, a single character) to text.
func glyphText(name string) string {
	switch {
	case strings.HasPrefix(name, "uni") && len(name) >= 7:
		var u []uint16
		for i := 3; i+4 <= len(name); i += 4 {
			v, err := strconv.ParseUint(name[i:i+4], 16, 16)
			if err != nil {
				return ""
			}
			u = append(u, uint16(v))
		}
		return string(utf16.Decode(u))
	case strings.HasPrefix(name, "u") && len(name) >= 5 && len(name) <= 7:
		v, err := strconv.ParseUint(name[1:], 16, 32)
		if err == nil && utf8.ValidRune(rune(v)) {
			return string(rune(v))
		}
	case name == "space":
		return " "
	case len(name) == 1:
		return name
	}
	return ""
}
