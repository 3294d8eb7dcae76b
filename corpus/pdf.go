package corpus

import (
	"context"

	"policyx/schema"
)

// decodePDF reads a PDF. (Placeholder.)
func decodePDF(ctx context.Context, data []byte, lim Limits) ([]schema.Block, []schema.Diagnostic, error) {
	return nil, nil, errNotYet
}
