// Package testsupport is what the tests of corpus, extract/* and normalize
// share: the -update flag and the golden-file check, and the builders of
// the documents the stages read (blocks laid out the way the readers and
// the normalizer deliver them). Only tests import it.
package testsupport

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"policyx/schema"
)

// update is the -update flag of every test binary that imports this
// package: golden files are rewritten instead of compared.
var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// Updating reports whether the test runs with -update.
func Updating() bool { return *update }

// Golden compares got with the golden file path; with -update it writes got
// there instead.
func Golden(t testing.TB, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test -update writes it)", err)
	}
	if got != string(want) {
		t.Errorf("%s differs (go test -update rewrites it):\n--- got\n%s--- want\n%s", path, got, want)
	}
}

// Cases returns the files matching pattern (a filepath.Glob pattern under
// testdata), failing the test when there are fewer than min.
func Cases(t testing.TB, pattern string, min int) []string {
	t.Helper()
	files, err := filepath.Glob(pattern)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < min {
		t.Fatalf("%s: want at least %d cases, found %d", pattern, min, len(files))
	}
	return files
}

// ReadFile returns the content of path as a string, failing the test when
// it cannot be read.
func ReadFile(t testing.TB, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// Doc builds a normalized document from text: one paragraph block per
// non-empty line, white space trimmed, laid out as Blocks does.
func Doc(text string) *schema.Document {
	var bs []schema.Block
	for _, l := range strings.Split(text, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			bs = append(bs, schema.Block{Kind: schema.BlockPara, Text: l})
		}
	}
	return Blocks(bs...)
}

// Blocks lays blocks out the way the readers and the normalizer do: their
// Text joined by "\n" into the document's Text, each block's Span selecting
// its Text. A table block with rows gets as Text its rows, cells joined by
// TAB and rows by "\n".
func Blocks(bs ...schema.Block) *schema.Document {
	doc := &schema.Document{}
	var b strings.Builder
	for i, blk := range bs {
		if i > 0 {
			b.WriteByte('\n')
		}
		if blk.Kind == schema.BlockTable && len(blk.Rows) > 0 {
			lines := make([]string, len(blk.Rows))
			for j, r := range blk.Rows {
				lines[j] = strings.Join(r, "\t")
			}
			blk.Text = strings.Join(lines, "\n")
		}
		start := b.Len()
		b.WriteString(blk.Text)
		blk.Span = schema.Span{Start: start, End: b.Len()}
		doc.Blocks = append(doc.Blocks, blk)
	}
	doc.Text = b.String()
	return doc
}

// Lines returns one paragraph block per line of s, empty lines kept and
// spans unset: the blocks the plain-text reader hands to the normalizer.
func Lines(s string) []schema.Block {
	var bs []schema.Block
	for _, l := range strings.Split(s, "\n") {
		bs = append(bs, schema.Block{Kind: schema.BlockPara, Text: l})
	}
	return bs
}
