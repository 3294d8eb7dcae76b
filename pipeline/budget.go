package pipeline

import (
	"context"
	"sync"
	"time"

	"policyx/corpus"
)

// A file's time budget is -timeout, plus a quarter of it for each page a
// reader reads by OCR (a scanned page takes seconds where a text page takes
// milliseconds): with the default 60 s an 8-page scan has 60 s + 8 × 15 s.
// A page read twice (again at a higher resolution) counts twice.

// ocrBudget is the budget of a file with pages of OCR work.
func ocrBudget(timeout time.Duration, pages int) time.Duration {
	return timeout + time.Duration(pages)*(timeout/4)
}

// budget cancels a file's context when its budget, which grows with the
// OCR work reported to charge, runs out.
type budget struct {
	mu      sync.Mutex
	timeout time.Duration
	pages   int
	start   time.Time
	timer   *time.Timer
	cancel  context.CancelFunc
}

// withBudget returns a context cancelled once the budget is spent, and a
// stop function that must be called when the file is done.
func withBudget(ctx context.Context, timeout time.Duration) (context.Context, *budget, func()) {
	cctx, cancel := context.WithCancel(ctx)
	b := &budget{timeout: timeout, start: time.Now(), cancel: cancel}
	b.mu.Lock()
	b.timer = time.AfterFunc(timeout, b.fire)
	b.mu.Unlock()
	cctx = corpus.WithOCRCharge(cctx, b.charge)
	return cctx, b, func() {
		b.mu.Lock()
		b.timer.Stop()
		b.mu.Unlock()
		cancel()
	}
}

// total is the budget so far.
func (b *budget) total() time.Duration {
	b.mu.Lock()
	defer b.mu.Unlock()
	return ocrBudget(b.timeout, b.pages)
}

func (b *budget) charge(pages int) {
	b.mu.Lock()
	b.pages += pages
	b.mu.Unlock()
}

// fire cancels the file, or waits again when OCR work has grown the budget.
func (b *budget) fire() {
	b.mu.Lock()
	defer b.mu.Unlock()
	if left := ocrBudget(b.timeout, b.pages) - time.Since(b.start); left > 0 {
		b.timer = time.AfterFunc(left, b.fire)
		return
	}
	b.cancel()
}
