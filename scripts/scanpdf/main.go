// Command scanpdf turns a text PDF into a scanned one: its pages rendered
// with pdftoppm (poppler-utils) and wrapped as image-only pages, so OCR can
// be tested on known text (make fixtures).
//
//	go run ./scripts/scanpdf [-dpi 150] in.pdf out.pdf
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"

	"policyx/corpus/imagepdf"
)

func main() {
	dpi := flag.Int("dpi", 150, "rendering resolution")
	flag.Parse()
	if flag.NArg() != 2 {
		fmt.Fprintln(os.Stderr, "usage: scanpdf [-dpi N] in.pdf out.pdf")
		os.Exit(1)
	}
	if err := run(flag.Arg(0), flag.Arg(1), *dpi); err != nil {
		fmt.Fprintln(os.Stderr, "scanpdf:", err)
		os.Exit(1)
	}
}

func run(in, out string, dpi int) error {
	dir, err := os.MkdirTemp("", "scanpdf-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	cmd := exec.Command("pdftoppm", "-r", fmt.Sprint(dpi), "-gray", in, filepath.Join(dir, "p"))
	if b, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("pdftoppm: %v: %s", err, b)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "p-*.pgm"))
	sort.Strings(files)
	var pages []*imagepdf.Gray
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		g, err := imagepdf.ReadPGM(data)
		if err != nil {
			return fmt.Errorf("%s: %v", f, err)
		}
		pages = append(pages, g)
	}
	if len(pages) == 0 {
		return fmt.Errorf("pdftoppm rendered no page of %s", in)
	}
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	if err := imagepdf.Write(f, pages, float64(dpi)); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
