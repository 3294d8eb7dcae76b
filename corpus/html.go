package corpus

import (
	"context"

	"policyx/schema"
)

// decodeHTML reads a saved web page. (Placeholder: read as text.)
func decodeHTML(ctx context.Context, data []byte, lim Limits) ([]schema.Block, []schema.Diagnostic, error) {
	return decodeText(ctx, data, lim)
}
