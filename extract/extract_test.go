package extract

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"policyx/lexicon/seg"
)

// The declared stages order themselves into the order the extractors were
// run in before they declared anything.
func TestStageOrder(t *testing.T) {
	e, err := New(WithSegmenter(&seg.Segmenter{}))
	if err != nil {
		t.Fatal(err)
	}
	got := e.Stages()
	want := []string{"meta", "sections", "tables", "targets", "quotas", "tasks", "links", "tokens"}
	if !slices.Equal(got, want) {
		t.Errorf("order %v, want %v", got, want)
	}
}

// Targets and tokens need the segmenter: without it New fails instead of
// leaving the targets out.
func TestNewWithoutSegmenter(t *testing.T) {
	_, err := New()
	if !errors.Is(err, ErrMissing) || !strings.Contains(err.Error(), "stage targets needs the segmenter") {
		t.Fatalf("New() error %v, want the segmenter missing for targets", err)
	}
}
