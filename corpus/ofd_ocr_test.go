package corpus

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"policyx/schema"
)

// scannedOFD is an OFD of one page that is an image (the PNG given),
// placed over the whole page through the document's resources.
func scannedOFD(t *testing.T, pngData []byte) []byte {
	t.Helper()
	files := ofdFiles("", `<ofd:ImageObject ID="4" Boundary="0 0 210 297" CTM="210 0 0 297 0 0" ResourceID="9"/>`)
	files["Doc_0/Document.xml"] = strings.Replace(files["Doc_0/Document.xml"], "</ofd:CommonData>",
		"<ofd:DocumentRes>DocumentRes.xml</ofd:DocumentRes></ofd:CommonData>", 1)
	files["Doc_0/DocumentRes.xml"] = `<?xml version="1.0" encoding="UTF-8"?><ofd:Res xmlns:ofd="http://www.ofdspec.org/2016" BaseLoc="Res"><ofd:MultiMedias>` +
		`<ofd:MultiMedia ID="9" Type="Image"><ofd:MediaFile>scan.png</ofd:MediaFile></ofd:MultiMedia></ofd:MultiMedias></ofd:Res>`
	files["Doc_0/Res/scan.png"] = string(pngData)
	return zipOf(t, files)
}

func whitePNG(t *testing.T) []byte {
	t.Helper()
	img := image.NewGray(image.Rect(0, 0, 124, 175))
	for i := range img.Pix {
		img.Pix[i] = 255
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestOFDScanImage(t *testing.T) {
	data := scannedOFD(t, whitePNG(t))
	z, err := openZip(data, DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	root, err := ofdDocRoot(z, DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	d, err := ofdDocument(z, root, DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	if got := d.media["9"]; got != "Doc_0/Res/scan.png" {
		t.Errorf("media 9 at %q", got)
	}
	if _, err := d.readPage(z, d.pages[0], DefaultLimits); err != nil {
		t.Fatal(err)
	}
	if im, ok := d.scanImage(d.pages[0]); !ok || im.res != "9" {
		t.Errorf("scanImage = %+v %v", im, ok)
	}
	// a page with text is no scan
	d.hasText[d.pages[0].loc] = true
	if _, ok := d.scanImage(d.pages[0]); ok {
		t.Error("a page with text taken for a scan")
	}
}

func TestScannedOFDWithoutOCR(t *testing.T) {
	_, err := New(WithoutOCR()).Decode(context.Background(), "scan.ofd", schema.FormatOFD, scannedOFD(t, whitePNG(t)))
	if err == nil || !strings.Contains(err.Error(), "install tesseract-ocr-chi-sim") {
		t.Errorf("error %v, want one naming tesseract", err)
	}
}

// TestOCRScannedOFD reads page 1 of a text rendition of a sample, rendered
// as an image and wrapped as an OFD page: the title must come out and the
// diagnostic say the page was read by OCR.
func TestOCRScannedOFD(t *testing.T) {
	if testing.Short() {
		t.Skip("OCR is slow")
	}
	tools, ok := findOCR()
	if !ok {
		t.Skip("tesseract with chi_sim or pdftoppm not installed")
	}
	src := filepath.Join("..", "..", "shared", "renditions", "pdf", "003_2d8cf891e2a8f1d9.pdf")
	if _, err := os.Stat(src); err != nil {
		t.Skip("../shared/renditions not here")
	}
	dir := t.TempDir()
	cmd := exec.Command(tools.pdftoppm, "-r", "150", "-gray", "-png", "-f", "1", "-l", "1", src, filepath.Join(dir, "p"))
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v %s", err, out)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "p-*.png"))
	if len(files) != 1 {
		t.Fatalf("rendered %v", files)
	}
	data, _ := os.ReadFile(files[0])
	doc, err := New().Decode(context.Background(), "scan.ofd", schema.FormatOFD, scannedOFD(t, data))
	if err != nil {
		t.Fatal(err)
	}
	var text []string
	for _, b := range doc.Blocks {
		text = append(text, b.Text)
	}
	if all := strings.Join(text, ""); !strings.Contains(all, "科技强桂") {
		t.Errorf("OCR text lacks the title: %q", all)
	}
	found := false
	for _, d := range doc.Diagnostics {
		found = found || d.Stage == "ocr" && strings.Contains(d.Message, "OCR: page 1 ")
	}
	if !found {
		t.Errorf("no OCR diagnostic in %v", doc.Diagnostics)
	}
}
