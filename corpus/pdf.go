package corpus

import (
	"context"

	"policyx/corpus/pdf"
	"policyx/schema"
)

// decodePDF reads a PDF: paragraphs and tables with their pages (see
// package corpus/pdf).
func decodePDF(ctx context.Context, data []byte, lim Limits) ([]schema.Block, []schema.Diagnostic, error) {
	return pdf.Read(ctx, data, pdf.Options{MaxPages: lim.MaxPages, MaxStreamBytes: lim.MaxZipEntry})
}
