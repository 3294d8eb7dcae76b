package targets

import "policyx/extract/internal/stage"

// Stage declares what Extract reads from the document and what it fills;
// package extract orders the stages by it.
func Stage() stage.Info {
	return stage.Info{Name: "targets", Reads: stage.Text | stage.Blocks | stage.Meta | stage.Sections | stage.Tables, Writes: stage.Targets, Uses: stage.Segmenter}
}
