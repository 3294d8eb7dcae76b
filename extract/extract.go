// Package extract runs the fact extractors over a normalized document in
// dependency order: parts → metadata → sections → tables and checks →
// targets → quotas (numbers of tables) → tasks → links → tokens.
package extract

import (
	"policyx/extract/links"
	"policyx/extract/meta"
	"policyx/extract/parts"
	"policyx/extract/quotas"
	"policyx/extract/sections"
	"policyx/extract/tables"
	"policyx/extract/targets"
	"policyx/extract/tasks"
	"policyx/normalize/dept"
	"policyx/normalize/seg"
	"policyx/schema"
)

// Extractor holds the shared read-only resources of the extractors.
type Extractor struct {
	seg  *seg.Segmenter
	dict *dept.Dict
}

// Option configures an Extractor.
type Option func(*Extractor)

// WithSegmenter sets the gse segmenter (required for targets and tokens).
func WithSegmenter(s *seg.Segmenter) Option { return func(e *Extractor) { e.seg = s } }

// WithDepartments sets the department dictionary.
func WithDepartments(d *dept.Dict) Option { return func(e *Extractor) { e.dict = d } }

// New returns an Extractor.
func New(opts ...Option) *Extractor {
	e := &Extractor{}
	for _, o := range opts {
		o(e)
	}
	if e.dict == nil {
		e.dict = dept.MustLoad() // embedded, tested data: an error is a build defect
	}
	return e
}

// Split splits a normalized file into its documents (parts).
func (e *Extractor) Split(doc *schema.Document) []*schema.Document {
	return parts.Split(doc)
}

// Run fills every fact of one document.
func (e *Extractor) Run(doc *schema.Document) {
	m, diags := meta.ExtractWith(doc, e.dict)
	doc.Meta = m
	doc.Diagnostics = append(doc.Diagnostics, diags...)
	doc.Sections = sections.Extract(doc)
	doc.Tables, doc.Checks = tables.Extract(doc)
	if e.seg != nil {
		doc.Targets = targets.Extract(doc, e.seg)
	}
	// quotas read the tables above; they follow the text targets
	doc.Targets = append(doc.Targets, quotas.Extract(doc)...)
	doc.Tasks = tasks.Extract(doc, e.dict)
	doc.Links = links.Extract(doc) // needs doc.Meta: a document never cites itself
	if e.seg != nil {
		doc.Tokens = e.seg.Words(doc.Text)
	}
}
