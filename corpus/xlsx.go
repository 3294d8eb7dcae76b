package corpus

import (
	"context"

	"policyx/schema"
)

// decodeXLSX reads an Excel workbook. (Placeholder.)
func decodeXLSX(ctx context.Context, data []byte, lim Limits) ([]schema.Block, []schema.Diagnostic, error) {
	return nil, nil, errNotYet
}
