package corpus

import (
	"context"

	"policyx/schema"
)

// decodeDOCX reads a Word file. (Placeholder.)
func decodeDOCX(ctx context.Context, data []byte, lim Limits) ([]schema.Block, []schema.Diagnostic, error) {
	return nil, nil, errNotYet
}
