package corpus

import (
	"context"

	"policyx/schema"
)

func decodeOFD(ctx context.Context, data []byte, lim Limits) ([]schema.Block, []schema.Diagnostic, error) {
	return nil, nil, errNotYet
}
