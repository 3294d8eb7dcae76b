// Command render draws sheets of a workbook as PNG images with LibreOffice,
// to see what an analyst sees. A development tool, not run in CI: it needs
// libreoffice (libreoffice-calc), pdftoppm (poppler-utils) and a CJK font
// (fonts-wqy-zenhei or fonts-noto-cjk).
//
//	go run ./output/xlsx/internal/render -o docs -name summary out/xlsx/summary.xlsx 1 2
//
// writes docs/summary-1.png and docs/summary-2.png: the first page of each
// sheet (sheets are printed landscape, all columns on one page width).
package main

import (
	"bytes"
	"flag"
	"fmt"
	"image"
	"image/color/palette"
	"image/draw"
	"image/png"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"

	"github.com/xuri/excelize/v2"
)

func main() {
	out := flag.String("o", "docs", "output folder")
	name := flag.String("name", "", "image name prefix (default: the workbook's base name)")
	dpi := flag.Int("r", 200, "resolution in dots per inch (lowered to fit -max-kb)")
	maxKB := flag.Int("max-kb", 300, "lower the resolution until an image is at most this size")
	flag.Parse()
	if flag.NArg() < 2 {
		log.Fatal("usage: render [-o dir] [-name prefix] workbook.xlsx sheet-number ...")
	}
	book := flag.Arg(0)
	if *name == "" {
		*name = filepath.Base(book[:len(book)-len(filepath.Ext(book))])
	}
	tmp, err := os.MkdirTemp("", "render-")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(tmp)
	for _, a := range flag.Args()[1:] {
		n, err := strconv.Atoi(a)
		if err != nil || n < 1 {
			log.Fatalf("sheet number %q", a)
		}
		png := filepath.Join(*out, fmt.Sprintf("%s-%d.png", *name, n))
		if err := render(book, n, tmp, png, *dpi, *maxKB); err != nil {
			log.Fatal(err)
		}
		fmt.Println(png)
	}
}

// render keeps only sheet n of book, prints it to PDF and its first page to png.
func render(book string, n int, tmp, png string, dpi, maxKB int) error {
	f, err := excelize.OpenFile(book)
	if err != nil {
		return err
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if n > len(sheets) {
		return fmt.Errorf("%s has %d sheets", book, len(sheets))
	}
	keep := sheets[n-1]
	for _, s := range sheets {
		if s != keep {
			if err := f.DeleteSheet(s); err != nil {
				return err
			}
		}
	}
	one := filepath.Join(tmp, fmt.Sprintf("sheet%d.xlsx", n))
	if err := f.SaveAs(one); err != nil {
		return err
	}
	// a profile of its own, so a LibreOffice already running does not interfere
	profile := "-env:UserInstallation=file://" + filepath.ToSlash(filepath.Join(tmp, "profile"))
	cmd := exec.Command("libreoffice", profile, "--headless", "--convert-to", "pdf", "--outdir", tmp, one)
	if b, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("libreoffice: %v\n%s", err, b)
	}
	pdf := one[:len(one)-len(".xlsx")] + ".pdf"
	for ; dpi >= 30; dpi -= 10 {
		base := png[:len(png)-len(".png")]
		cmd = exec.Command("pdftoppm", "-png", "-r", strconv.Itoa(dpi), "-f", "1", "-l", "1", "-singlefile", pdf, base)
		if b, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("pdftoppm: %v\n%s", err, b)
		}
		size, err := crop(png)
		if err != nil {
			return err
		}
		if size <= int64(maxKB)*1024 {
			return nil
		}
	}
	return fmt.Errorf("%s: over %d KB even at low resolution", png, maxKB)
}

// crop cuts the white page margins off the image at path and returns its
// new size in bytes.
func crop(path string) (int64, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return 0, err
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		return 0, err
	}
	r := img.Bounds()
	box := image.Rectangle{Min: r.Max, Max: r.Min}
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			cr, cg, cb, _ := img.At(x, y).RGBA()
			if cr < 0xf000 || cg < 0xf000 || cb < 0xf000 {
				box = box.Union(image.Rect(x, y, x+1, y+1))
			}
		}
	}
	if box.Empty() {
		return int64(len(b)), nil
	}
	box = box.Inset(-12).Intersect(r)
	sub, ok := img.(interface {
		SubImage(image.Rectangle) image.Image
	})
	if !ok {
		return int64(len(b)), nil
	}
	// 256 colours are plenty for text on white and keep the file small
	pal := image.NewPaletted(image.Rect(0, 0, box.Dx(), box.Dy()), palette.Plan9)
	draw.Draw(pal, pal.Bounds(), sub.SubImage(box), box.Min, draw.Src)
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(&buf, pal); err != nil {
		return 0, err
	}
	return int64(buf.Len()), os.WriteFile(path, buf.Bytes(), 0o644)
}
