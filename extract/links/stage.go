package links

import "policyx/extract/internal/stage"

// Stage declares what Extract reads from the document and what it fills;
// package extract orders the stages by it.
func Stage() stage.Info {
	return stage.Info{Name: "links", Reads: stage.Text | stage.Meta, Writes: stage.Links}
}
