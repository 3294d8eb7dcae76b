package pdf

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestPagesPerSecond measures reading speed over the files listed (colon
// separated) in PDFBENCH_FILES, PDFBENCH_ROUNDS times; scripts/bench_pdf.sh
// runs it next to pdftotext.
func TestPagesPerSecond(t *testing.T) {
	list := os.Getenv("PDFBENCH_FILES")
	if list == "" {
		t.Skip("PDFBENCH_FILES not set")
	}
	rounds, _ := strconv.Atoi(os.Getenv("PDFBENCH_ROUNDS"))
	if rounds <= 0 {
		rounds = 3
	}
	var files [][]byte
	for _, p := range strings.Split(list, ":") {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, data)
	}
	pages := 0
	start := time.Now()
	for r := 0; r < rounds; r++ {
		for _, data := range files {
			blocks, _, err := Read(context.Background(), data, Options{})
			if err != nil {
				t.Fatal(err)
			}
			last := 0
			for _, b := range blocks {
				last = max(last, b.Page)
			}
			pages += last
		}
	}
	el := time.Since(start).Seconds()
	fmt.Printf("policyx pdf: %d pages in %.3f s = %.0f pages/s\n", pages, el, float64(pages)/el)
}
