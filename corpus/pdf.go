package corpus

import (
	"context"
	"errors"

	"policyx/corpus/pdf"
	"policyx/schema"
)

// decodePDF reads a PDF: paragraphs and tables with their pages (see
// package corpus/pdf). Pages without a text layer (scans) are read by OCR
// when tesseract with chi_sim and pdftoppm are installed and the reader
// allows it; a scan without them fails and says what to install.
func (r *Reader) decodePDF(ctx context.Context, data []byte, lim Limits) ([]schema.Block, []schema.Diagnostic, error) {
	opt := pdf.Options{MaxPages: lim.MaxPages, MaxStreamBytes: lim.MaxZipEntry}
	if !r.noOCR {
		if tools, ok := findOCR(); ok {
			opt.OCR = func(ctx context.Context, pages []pdf.OCRPage) ([]*pdf.Page, error) {
				return tools.ocrPDF(ctx, data, pages)
			}
		}
	}
	blocks, diags, err := pdf.Read(ctx, data, opt)
	if errors.Is(err, pdf.ErrScanned) {
		err = errNoOCR
	}
	return blocks, diags, err
}
