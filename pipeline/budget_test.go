package pipeline

import (
	"context"
	"testing"
	"time"

	"policyx/corpus"
)

func TestOCRBudget(t *testing.T) {
	for _, c := range []struct {
		timeout time.Duration
		pages   int
		want    time.Duration
	}{
		{60 * time.Second, 0, 60 * time.Second},      // a text file: -timeout
		{60 * time.Second, 1, 75 * time.Second},      // one OCR page
		{60 * time.Second, 8, 180 * time.Second},     // the 8-page scan
		{60 * time.Second, 8 + 3, 225 * time.Second}, // 3 pages read again
		{20 * time.Second, 4, 40 * time.Second},      // scales with -timeout
		{time.Millisecond, 0, time.Millisecond},      // tiny budgets stay tiny
	} {
		if got := ocrBudget(c.timeout, c.pages); got != c.want {
			t.Errorf("ocrBudget(%v, %d) = %v, want %v", c.timeout, c.pages, got, c.want)
		}
	}
}

// The charge a reader makes through its context grows the file's budget.
func TestBudgetCharge(t *testing.T) {
	ctx, b, stop := withBudget(context.Background(), time.Hour)
	defer stop()
	if got := b.total(); got != time.Hour {
		t.Fatalf("total before OCR = %v", got)
	}
	corpus.ChargeOCRForTest(ctx, 8)
	if got, want := b.total(), 3*time.Hour; got != want {
		t.Errorf("total after 8 OCR pages = %v, want %v", got, want)
	}
	if ctx.Err() != nil {
		t.Errorf("context cancelled early: %v", ctx.Err())
	}
	stop()
	if ctx.Err() == nil {
		t.Error("stop did not release the context")
	}
}
