// Package seg wraps the gse segmenter with policyx's own dictionary. Load it
// once at start-up and share the *Segmenter read-only between goroutines.
package seg

import (
	_ "embed"
	"fmt"
	"strings"
	"unicode"

	"github.com/go-ego/gse"
)

// policyDict is our own dictionary (department names, policy terms) in gse's
// "word freq pos" format.
//
//go:embed data/policy.txt
var policyDict string

// Segmenter is a loaded gse segmenter. Its methods are safe for concurrent use.
type Segmenter struct {
	seg gse.Segmenter
}

// Option configures Load.
type Option func(*config)

type config struct {
	extra []string
}

// WithWords adds dictionary text ("word freq pos" lines), e.g. the
// department names of normalize/dept.
func WithWords(dict string) Option { return func(c *config) { c.extra = append(c.extra, dict) } }

// Load builds a segmenter from gse's embedded simplified-Chinese dictionary
// (not the module cache, not the Japanese dictionary) plus ours.
func Load(opts ...Option) (*Segmenter, error) {
	var c config
	for _, o := range opts {
		o(&c)
	}
	s := &Segmenter{}
	s.seg.SkipLog = true
	if err := s.seg.LoadDictEmbed("zh_s"); err != nil {
		return nil, fmt.Errorf("seg: load gse dictionary: %w", err)
	}
	for _, d := range append([]string{policyDict}, c.extra...) {
		if strings.TrimSpace(d) == "" {
			continue
		}
		if err := s.seg.LoadDictStr(d); err != nil {
			return nil, fmt.Errorf("seg: load policy dictionary: %w", err)
		}
	}
	return s, nil
}

// Cut segments text (shortest path, no HMM).
func (s *Segmenter) Cut(text string) []string {
	return s.seg.Cut(text)
}

// Words segments text and drops white-space tokens.
func (s *Segmenter) Words(text string) []string {
	toks := s.seg.Cut(text)
	out := toks[:0]
	for _, t := range toks {
		if strings.TrimFunc(t, unicode.IsSpace) != "" {
			out = append(out, t)
		}
	}
	return out
}
