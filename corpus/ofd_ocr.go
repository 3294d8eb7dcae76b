package corpus

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"image"
	"image/color"
	_ "image/jpeg" // scanned OFD pages are JPEG or PNG images
	_ "image/png"
	"os"
	"path"
	"path/filepath"
	"strings"

	"policyx/corpus/pdf"
	"policyx/schema"
)

// Scanned OFD pages: a page without text whose content is one image
// covering the page (a scan) is read by OCR, as a scanned PDF page is,
// when tesseract (chi_sim) is installed. The image comes from the
// document's resources (PublicRes.xml, DocumentRes.xml: MultiMedia →
// MediaFile); JPEG and PNG are read.

// ofdImage is an image object of a page: its resource and box (mm).
type ofdImage struct {
	res        string
	x, y, w, h float64
}

// ofdMaxPixels caps the size of a page image read for OCR.
const ofdMaxPixels = 60 << 20

// ofdResources reads the resource files for the location of each
// MultiMedia by its ID.
func ofdResources(z *zipArchive, files []string, lim Limits) map[string]string {
	media := map[string]string{}
	for _, f := range files {
		if !z.has(f) {
			continue
		}
		base, id := path.Dir(f), ""
		var text strings.Builder
		in := false
		w := &xmlWalk{part: f, depth: lim.MaxDepth,
			start: func(t xml.StartElement) error {
				switch t.Name.Local {
				case "Res":
					if loc := attr(t, "BaseLoc"); loc != "" {
						base = ofdPath(path.Dir(f), loc)
					}
				case "MultiMedia":
					id = attr(t, "ID")
				case "MediaFile":
					in = true
					text.Reset()
				}
				return nil
			},
			end: func(t xml.EndElement) {
				if t.Name.Local == "MediaFile" && in && id != "" && len(media) < 100000 {
					media[id] = ofdPath(base, text.String())
				}
				in = in && t.Name.Local != "MediaFile"
			},
			text: func(c xml.CharData) {
				if in && text.Len() < 4096 {
					text.Write(c)
				}
			},
		}
		if walkZipPart(z, w) != nil {
			continue
		}
	}
	return media
}

// scanImage is the image of a page that has no text and one image
// covering at least nine tenths of it both ways; ok is false otherwise.
func (d *ofdDoc) scanImage(ref ofdPageRef) (ofdImage, bool) {
	if d.hasText[ref.loc] {
		return ofdImage{}, false
	}
	var best ofdImage
	for _, im := range d.images[ref.loc] {
		if im.w*im.h > best.w*best.h {
			best = im
		}
	}
	return best, best.res != "" && best.w >= 0.9*d.w && best.h >= 0.9*d.h
}

// ocrOFD reads the scanned pages of an OFD by OCR, in place in pages;
// it returns the numbers of the pages read. Without the OCR tools it reads
// none.
func (d *ofdDoc) ocrOFD(ctx context.Context, z *zipArchive, pages []*pdf.Page, warn func(int, string, ...any)) []int {
	var todo []int
	for i, ref := range d.pages {
		if _, ok := d.scanImage(ref); ok && i < len(pages) {
			todo = append(todo, i)
		}
	}
	if len(todo) == 0 {
		return nil
	}
	tools, ok := findOCR()
	if !ok {
		return nil
	}
	dir, err := os.MkdirTemp("", "policyx-ofd-ocr-")
	if err != nil {
		warn(0, "OCR: %v", err)
		return nil
	}
	defer os.RemoveAll(dir)
	chargeOCR(ctx, len(todo))
	var done []int
	for _, i := range todo {
		if ctx.Err() != nil {
			break
		}
		im, _ := d.scanImage(d.pages[i])
		p, err := d.ocrPage(ctx, tools, z, im, dir, i)
		if err != nil {
			warn(i+1, "OCR: %v", err)
			continue
		}
		pages[i] = p
		done = append(done, i+1)
	}
	return done
}

// ocrPage reads one page image by OCR into a page of positioned glyphs.
func (d *ofdDoc) ocrPage(ctx context.Context, t ocrTools, z *zipArchive, im ofdImage, dir string, i int) (*pdf.Page, error) {
	loc, ok := d.media[im.res]
	if !ok {
		return nil, fmt.Errorf("image resource %s not found", im.res)
	}
	data, err := z.readAll(loc)
	if err != nil {
		return nil, err
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%s: %v", loc, err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || cfg.Width*cfg.Height > ofdMaxPixels {
		return nil, fmt.Errorf("%s: image of %d×%d pixels", loc, cfg.Width, cfg.Height)
	}
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("%s: %v", loc, err)
	}
	f := filepath.Join(dir, fmt.Sprintf("p%d.pgm", i))
	if err := writePGM(img, f); err != nil {
		return nil, err
	}
	// pixels per inch of the image over the page's width
	dpi := int(float64(cfg.Width)/(im.w/25.4) + 0.5)
	pg := pdf.OCRPage{Num: i + 1, W: d.w * mmToPt, H: d.h * mmToPt}
	out, heights := make([]*pdf.Page, 1), make([]int, 1)
	r := ocrRun{dir: dir, name: fmt.Sprintf("ofd%d", i), dpi: max(1, dpi)}
	if err := t.tesseract1(ctx, r, []string{f}, []pdf.OCRPage{pg}, out, heights); err != nil {
		return nil, err
	}
	if out[0] == nil {
		return nil, fmt.Errorf("%s: no text read", loc)
	}
	return out[0], nil
}

// writePGM writes an image as an 8-bit gray PGM.
func writePGM(img image.Image, name string) error {
	b := img.Bounds()
	var buf bytes.Buffer
	fmt.Fprintf(&buf, "P5\n%d %d\n255\n", b.Dx(), b.Dy())
	switch m := img.(type) {
	case *image.YCbCr: // the luma plane is the gray image
		for y := b.Min.Y; y < b.Max.Y; y++ {
			i := m.YOffset(b.Min.X, y)
			buf.Write(m.Y[i : i+b.Dx()])
		}
	case *image.Gray:
		for y := b.Min.Y; y < b.Max.Y; y++ {
			i := m.PixOffset(b.Min.X, y)
			buf.Write(m.Pix[i : i+b.Dx()])
		}
	default:
		for y := b.Min.Y; y < b.Max.Y; y++ {
			for x := b.Min.X; x < b.Max.X; x++ {
				buf.WriteByte(color.GrayModel.Convert(img.At(x, y)).(color.Gray).Y)
			}
		}
	}
	return os.WriteFile(name, buf.Bytes(), 0o600)
}

// ofdOCRDiag is the diagnostic of the pages read by OCR.
func ofdOCRDiag(pages []int) schema.Diagnostic {
	return schema.Diagnostic{Severity: schema.SevWarning, Stage: "ocr",
		Message: fmt.Sprintf("OCR: page%s without text read by OCR (tesseract chi_sim): check the text", ocrPageList(pages))}
}

// ocrPageList is " 3" or "s 1–8" or "s 1, 3".
func ocrPageList(pages []int) string {
	if len(pages) == 1 {
		return fmt.Sprintf(" %d", pages[0])
	}
	run := true
	for k := 1; k < len(pages); k++ {
		run = run && pages[k] == pages[k-1]+1
	}
	if run {
		return fmt.Sprintf("s %d–%d", pages[0], pages[len(pages)-1])
	}
	s := make([]string, len(pages))
	for k, p := range pages {
		s[k] = fmt.Sprint(p)
	}
	return "s " + strings.Join(s, ", ")
}
