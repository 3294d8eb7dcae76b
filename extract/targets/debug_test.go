package targets_test

import (
	"context"
	"fmt"
	"os"
	"testing"

	"policyx/pipeline"
)

// TestDebugFile prints the targets of $TARGETS_FILE (developer aid).
func TestDebugFile(t *testing.T) {
	path := os.Getenv("TARGETS_FILE")
	if path == "" {
		t.Skip("TARGETS_FILE not set")
	}
	p, err := pipeline.New()
	if err != nil {
		t.Fatal(err)
	}
	docs, err := p.Process(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		for _, x := range d.Targets {
			fmt.Printf("%d %s %s%s %s %s [%s] dl=%s p=%s sc=%s | %s\n", d.Part, x.Kind, x.Value, x.Unit, x.Comparator, x.NormUnit, x.Subject, x.Deadline, x.Period, x.Scope, x.Sentence)
		}
	}
}
