package tables

import "policyx/extract/internal/stage"

// Stage declares what Extract reads from the document and what it fills;
// package extract orders the stages by it.
func Stage() stage.Info {
	return stage.Info{Name: "tables", Reads: stage.Text | stage.Blocks | stage.Meta, Writes: stage.Tables | stage.Checks}
}
