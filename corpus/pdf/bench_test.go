package pdf

import (
	"context"
	"os"
	"strings"
	"testing"
)

// BenchmarkPages measures reading speed in pages/s over the files listed
// (colon separated) in PDFBENCH_FILES, or over the synthetic sample when it
// is not set; scripts/bench_pdf.sh runs it next to pdftotext.
func BenchmarkPages(b *testing.B) {
	files := [][]byte{samplePDF()}
	if list := os.Getenv("PDFBENCH_FILES"); list != "" {
		files = nil
		for _, p := range strings.Split(list, ":") {
			data, err := os.ReadFile(p)
			if err != nil {
				b.Fatal(err)
			}
			files = append(files, data)
		}
	}
	pages, size := 0, 0
	for b.Loop() {
		for _, data := range files {
			blocks, _, err := Read(context.Background(), data, Options{})
			if err != nil {
				b.Fatal(err)
			}
			last := 0
			for _, bl := range blocks {
				last = max(last, bl.Page)
			}
			pages += last
			size += len(data)
		}
	}
	b.SetBytes(int64(size / b.N))
	b.ReportMetric(float64(pages)/b.Elapsed().Seconds(), "pages/s")
}
