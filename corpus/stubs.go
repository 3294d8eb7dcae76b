package corpus

import (
	"context"
	"errors"

	"policyx/schema"
)

var errNotYet = errors.New("not supported yet")

func decodeHTML(ctx context.Context, data []byte, lim Limits) ([]schema.Block, []schema.Diagnostic, error) {
	return decodeText(ctx, data, lim)
}

func decodePDF(ctx context.Context, data []byte, lim Limits) ([]schema.Block, []schema.Diagnostic, error) {
	return nil, nil, errNotYet
}

func decodeDOCX(ctx context.Context, data []byte, lim Limits) ([]schema.Block, []schema.Diagnostic, error) {
	return nil, nil, errNotYet
}

func decodeXLSX(ctx context.Context, data []byte, lim Limits) ([]schema.Block, []schema.Diagnostic, error) {
	return nil, nil, errNotYet
}
