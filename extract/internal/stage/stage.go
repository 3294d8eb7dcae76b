// Package stage declares what each extractor reads from and writes to the
// shared *schema.Document, and orders the extractors by those declarations
// (the way go/analysis orders analyzers by Requires). An extractor that
// reads a field no stage provides is an error when the run is built, not a
// silent skip at run time.
package stage

import (
	"fmt"
	"strings"
)

// Fields is a set of document fields.
type Fields uint16

// The fields of schema.Document that stages exchange. Text, Blocks and the
// readers' Diagnostics come from the reader and normalizer: they are given
// before any stage runs.
const (
	Text Fields = 1 << iota
	Blocks
	Meta
	Diagnostics
	Sections
	Tables
	Checks
	Targets
	Tasks
	Links
	Tokens
	nFields = iota
)

var fieldNames = [nFields]string{"Text", "Blocks", "Meta", "Diagnostics", "Sections", "Tables", "Checks", "Targets", "Tasks", "Links", "Tokens"}

// Input is what the document holds before the first stage.
const Input = Text | Blocks | Diagnostics

// String lists the fields joined by "|".
func (f Fields) String() string {
	var names []string
	for i, n := range fieldNames {
		if f&(1<<i) != 0 {
			names = append(names, n)
		}
	}
	if len(names) == 0 {
		return "none"
	}
	return strings.Join(names, "|")
}

// Resources is a set of shared read-only resources a stage needs.
type Resources uint8

// The resources stages use.
const (
	Segmenter Resources = 1 << iota
	Departments
)

// String names the resources joined by "|".
func (r Resources) String() string {
	var names []string
	if r&Segmenter != 0 {
		names = append(names, "segmenter")
	}
	if r&Departments != 0 {
		names = append(names, "department dictionary")
	}
	return strings.Join(names, "|")
}

// Info declares one stage.
type Info struct {
	Name string
	// Reads are the fields the stage needs filled before it runs.
	Reads Fields
	// Writes are the fields the stage sets; each field has one writer.
	Writes Fields
	// Appends are fields the stage adds to after their writer ran (quotas
	// add table targets to the text targets) or that the input gives
	// (Diagnostics). Readers of such a field run
	// after every stage that appends to it.
	Appends Fields
	// Uses are the resources the stage cannot run without.
	Uses Resources
}

// Order returns the indices of stages in an order where each stage runs
// after the writers and appenders of what it reads, and appenders run after
// the writer. Among stages free to run, the one declared first runs first,
// so the declaration order is kept wherever the dependencies allow it. It
// is an error when a stage reads a field that is neither in given nor
// written by a stage, when two stages write one field, when a stage appends
// to a field nobody writes or gives, or when the dependencies form a cycle.
func Order(stages []Info, given Fields) ([]int, error) {
	writer := map[Fields]int{}
	for i, s := range stages {
		for f := Fields(1); f < 1<<nFields; f <<= 1 {
			if s.Writes&f == 0 {
				continue
			}
			if given&f != 0 {
				return nil, fmt.Errorf("stage %s: writes %s, which the input already holds", s.Name, f)
			}
			if j, ok := writer[f]; ok {
				return nil, fmt.Errorf("stage %s: writes %s, already written by stage %s", s.Name, f, stages[j].Name)
			}
			writer[f] = i
		}
	}
	// after[i] holds the stages that must run before stage i.
	after := make([][]int, len(stages))
	for i, s := range stages {
		for f := Fields(1); f < 1<<nFields; f <<= 1 {
			if s.Appends&f != 0 && given&f == 0 {
				w, ok := writer[f]
				if !ok {
					return nil, fmt.Errorf("stage %s: appends to %s, which no stage writes", s.Name, f)
				}
				after[i] = append(after[i], w)
			}
			if s.Reads&f == 0 || given&f != 0 {
				continue
			}
			w, ok := writer[f]
			if !ok {
				return nil, fmt.Errorf("stage %s: reads %s, which no stage writes", s.Name, f)
			}
			after[i] = append(after[i], w)
			for j, o := range stages {
				if j != i && o.Appends&f != 0 {
					after[i] = append(after[i], j)
				}
			}
		}
	}
	done := make([]bool, len(stages))
	order := make([]int, 0, len(stages))
	for len(order) < len(stages) {
		next := -1
		for i := range stages {
			if !done[i] && ready(after[i], done) {
				next = i
				break
			}
		}
		if next < 0 {
			var left []string
			for i, s := range stages {
				if !done[i] {
					left = append(left, s.Name)
				}
			}
			return nil, fmt.Errorf("stages %s depend on each other in a cycle", strings.Join(left, ", "))
		}
		done[next] = true
		order = append(order, next)
	}
	return order, nil
}

func ready(deps []int, done []bool) bool {
	for _, d := range deps {
		if !done[d] {
			return false
		}
	}
	return true
}
