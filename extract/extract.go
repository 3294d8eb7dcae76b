// Package extract runs the fact extractors over a normalized document. Each
// extractor package declares what it reads from the document and what it
// fills (its Stage function); New orders the stages by those declarations
// and refuses a set whose prerequisites or resources are missing.
package extract

import (
	"errors"
	"fmt"

	"policyx/extract/internal/stage"
	"policyx/extract/links"
	"policyx/extract/meta"
	"policyx/extract/parts"
	"policyx/extract/quotas"
	"policyx/extract/sections"
	"policyx/extract/tables"
	"policyx/extract/targets"
	"policyx/extract/tasks"
	"policyx/lexicon/dept"
	"policyx/lexicon/seg"
	"policyx/schema"
)

// Extractor holds the shared read-only resources of the extractors and the
// stages in the order they run.
type Extractor struct {
	seg   *seg.Segmenter
	dict  *dept.Dict
	steps []step
}

// step is one stage: its declaration and how it fills the document.
type step struct {
	info stage.Info
	run  func(e *Extractor, doc *schema.Document)
}

// steps lists every stage. The order here only breaks ties: New runs the
// stages in an order their declarations allow, declared order first.
func steps() []step {
	return []step{
		{meta.Stage(), func(e *Extractor, doc *schema.Document) {
			m, diags := meta.ExtractWith(doc, e.dict)
			doc.Meta = m
			doc.Diagnostics = append(doc.Diagnostics, diags...)
		}},
		{sections.Stage(), func(_ *Extractor, doc *schema.Document) { doc.Sections = sections.Extract(doc) }},
		{tables.Stage(), func(_ *Extractor, doc *schema.Document) { doc.Tables, doc.Checks = tables.Extract(doc) }},
		{targets.Stage(), func(e *Extractor, doc *schema.Document) { doc.Targets = targets.Extract(doc, e.seg) }},
		{quotas.Stage(), func(_ *Extractor, doc *schema.Document) { doc.Targets = append(doc.Targets, quotas.Extract(doc)...) }},
		{tasks.Stage(), func(e *Extractor, doc *schema.Document) { doc.Tasks = tasks.Extract(doc, e.dict) }},
		{links.Stage(), func(_ *Extractor, doc *schema.Document) { doc.Links = links.Extract(doc) }},
		{stage.Info{Name: "tokens", Reads: stage.Text, Writes: stage.Tokens, Uses: stage.Segmenter},
			func(e *Extractor, doc *schema.Document) { doc.Tokens = e.seg.Words(doc.Text) }},
	}
}

// infos returns the declarations of steps.
func infos(steps []step) []stage.Info {
	out := make([]stage.Info, len(steps))
	for i, s := range steps {
		out[i] = s.info
	}
	return out
}

// Option configures an Extractor.
type Option func(*Extractor)

// WithSegmenter sets the gse segmenter (required: targets and tokens use it).
func WithSegmenter(s *seg.Segmenter) Option { return func(e *Extractor) { e.seg = s } }

// WithDepartments sets the department dictionary (default: dept.Load()).
func WithDepartments(d *dept.Dict) Option { return func(e *Extractor) { e.dict = d } }

// ErrMissing is wrapped by New's error when a stage's resource is missing.
var ErrMissing = errors.New("missing resource")

// New returns an Extractor with its stages ordered. It is an error when a
// stage reads what no stage fills, when the stages depend on each other in
// a cycle, or when a resource a stage uses (the segmenter) is not given.
func New(opts ...Option) (*Extractor, error) {
	e := &Extractor{}
	for _, o := range opts {
		o(e)
	}
	if e.dict == nil {
		d, err := dept.Load()
		if err != nil {
			return nil, fmt.Errorf("extract: %w", err)
		}
		e.dict = d
	}
	all := steps()
	order, err := stage.Order(infos(all), stage.Input)
	if err != nil {
		return nil, fmt.Errorf("extract: %w", err)
	}
	var have stage.Resources
	if e.seg != nil {
		have |= stage.Segmenter
	}
	if e.dict != nil {
		have |= stage.Departments
	}
	for _, i := range order {
		if miss := all[i].info.Uses &^ have; miss != 0 {
			return nil, fmt.Errorf("extract: stage %s needs the %s: %w", all[i].info.Name, miss, ErrMissing)
		}
		e.steps = append(e.steps, all[i])
	}
	return e, nil
}

// Stages returns the names of the stages in the order Run runs them.
func (e *Extractor) Stages() []string {
	names := make([]string, len(e.steps))
	for i, s := range e.steps {
		names[i] = s.info.Name
	}
	return names
}

// Split splits a normalized file into its documents (parts).
func (e *Extractor) Split(doc *schema.Document) []*schema.Document {
	return parts.Split(doc)
}

// Run fills every fact of one document, one stage after another.
func (e *Extractor) Run(doc *schema.Document) {
	for _, s := range e.steps {
		s.run(e, doc)
	}
}
