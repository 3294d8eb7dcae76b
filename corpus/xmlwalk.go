package corpus

import (
	"archive/zip"
	"bufio"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"

	xunicode "golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// xmlWalk streams the XML of one part (of a DOCX, XLSX or OFD zip) through
// callbacks, under the nesting cap of Limits.MaxDepth. It is the one token
// loop of the zip readers: each reader says what it does with an element,
// not how to read tokens.
type xmlWalk struct {
	part  string          // entry name, for errors
	depth int             // Limits.MaxDepth; 0 no cap
	ctx   context.Context // checked every 1024 tokens when set
	// skip, when set, reports an element whose whole content is ignored:
	// start, end and text are not called inside it.
	skip  func(xml.StartElement) bool
	start func(xml.StartElement) error // errStopWalk ends the walk early, without error
	end   func(xml.EndElement)
	text  func(xml.CharData)
}

// errStopWalk, returned by a start callback, ends a walk without error (a
// count cap reached, or everything wanted read).
var errStopWalk = errors.New("stop walk")

// run reads r to its end. It returns nil at the end of the document or when
// start returned errStopWalk; an *xmlTokenError when the XML (or the zip
// entry under it) is broken; a depth error; the context's error; or any
// other error start returned.
func (w *xmlWalk) run(r io.Reader) error {
	d := newXMLDecoder(r)
	depth, skip := 0, 0
	for n := 0; ; n++ {
		if w.ctx != nil && n&1023 == 0 && w.ctx.Err() != nil {
			return w.ctx.Err()
		}
		tok, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return &xmlTokenError{part: w.part, offset: d.InputOffset(), err: err}
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			if w.depth > 0 && depth > w.depth {
				return fmt.Errorf("%s: XML nested deeper than %d levels", w.part, w.depth)
			}
			if skip > 0 || (w.skip != nil && w.skip(t)) {
				skip++
				continue
			}
			if w.start == nil {
				continue
			}
			if err := w.start(t); err == errStopWalk {
				return nil
			} else if err != nil {
				return err
			}
		case xml.EndElement:
			depth--
			if skip > 0 {
				skip--
				continue
			}
			if w.end != nil {
				w.end(t)
			}
		case xml.CharData:
			if skip == 0 && w.text != nil {
				w.text(t)
			}
		}
	}
}

// xmlTokenError is a part whose XML could not be read: bad syntax, a
// damaged zip entry, or an entry over its size cap (which it passes on
// unchanged, see entryTooBig).
type xmlTokenError struct {
	part   string
	offset int64
	err    error
}

func (e *xmlTokenError) Error() string {
	var big *entryTooBig
	switch {
	case errors.As(e.err, &big):
		return big.Error()
	case errors.Is(e.err, zip.ErrFormat) || errors.Is(e.err, zip.ErrChecksum) || errors.Is(e.err, zip.ErrAlgorithm):
		return fmt.Sprintf("zip entry %s is damaged: %v", e.part, e.err)
	}
	return fmt.Sprintf("%s: XML error at byte %d: %v", e.part, e.offset, unwrapXMLErr(e.err))
}

func (e *xmlTokenError) Unwrap() error { return e.err }

func unwrapXMLErr(err error) error {
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		return errors.New(se.Msg)
	}
	return err
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

// walkZipPart opens a zip entry and walks it.
func walkZipPart(z *zipArchive, w *xmlWalk) error {
	rc, err := z.open(w.part)
	if err != nil {
		return err
	}
	defer rc.Close()
	return w.run(rc)
}
