package meta

import "policyx/extract/internal/stage"

// Stage declares what Extract reads from the document and what it fills;
// package extract orders the stages by it.
func Stage() stage.Info {
	return stage.Info{Name: "meta", Reads: stage.Text | stage.Blocks, Writes: stage.Meta, Appends: stage.Diagnostics, Uses: stage.Departments}
}
