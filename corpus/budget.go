package corpus

import "context"

// OCR work is slow (seconds a page) and its amount is known only once a
// PDF turns out to be a scan: a reader tells whoever set a time budget how
// many pages it is about to read by OCR, so the budget can grow with them.

type ocrChargeKey struct{}

// WithOCRCharge returns a context whose readers call charge with the number
// of pages they are about to read by OCR (each pass counts).
func WithOCRCharge(ctx context.Context, charge func(pages int)) context.Context {
	return context.WithValue(ctx, ocrChargeKey{}, charge)
}

// chargeOCR reports pages of OCR work to the context's charge, if any.
func chargeOCR(ctx context.Context, pages int) {
	if f, ok := ctx.Value(ocrChargeKey{}).(func(int)); ok && pages > 0 {
		f(pages)
	}
}

// ChargeOCRForTest reports pages of OCR work as a reader would (tests of
// the callers' budgets).
func ChargeOCRForTest(ctx context.Context, pages int) { chargeOCR(ctx, pages) }
