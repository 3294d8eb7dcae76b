package quotas

import "policyx/extract/internal/stage"

// Stage declares what Extract reads from the document and what it fills;
// package extract orders the stages by it.
func Stage() stage.Info {
	return stage.Info{Name: "quotas", Reads: stage.Text | stage.Meta | stage.Sections | stage.Tables, Appends: stage.Targets}
}
