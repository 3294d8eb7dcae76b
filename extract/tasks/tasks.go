// Package tasks extracts tasks and the departments that lead, support or are
// responsible for them.
//
// A unit list is a bracket after a task (（牵头单位：…；配合单位：…）,
// [牵头单位:…], （责任单位：…）, （A、B按职责分工负责）, （A牵头，B参与）), a line
// of its own (责任单位：…) or the 牵头/配合/责任 cells of a table row. The task
// it belongs to is the numbered item that holds it, the heading above it when
// that heading governs no other list, or else the paragraph's lead phrase.
package tasks

import (
	"regexp"
	"sort"
	"strings"

	"policyx/lexicon/dept"
	"policyx/schema"
)

// Extract returns the tasks of doc. doc.Meta, doc.Sections and doc.Tables are
// already filled; names are canonicalized with d.
func Extract(doc *schema.Document, d *dept.Dict) []schema.Task {
	if d == nil || doc == nil || doc.Text == "" {
		return nil
	}
	juris := doc.Meta.Jurisdiction
	if juris == "" {
		juris = d.Jurisdiction(doc.Meta.Issuer, doc.Meta.DocNumber, doc.Text)
	}
	x := &extractor{doc: doc, d: d, juris: juris,
		firstIsLead: firstIsLead(squeezeString(doc.Text))}
	x.paragraphs()
	var out []schema.Task
	out = append(out, x.textTasks()...)
	out = append(out, x.tableTasks()...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Span.Start < out[j].Span.Start })
	for i := range out {
		out[i].Section = section(doc.Sections, out[i].Span.Start)
	}
	return out
}

// reFirstIsLead finds a document's statement that the first unit of each
// list leads (列第一位者为牵头单位，下同; 列第一位的责任单位为牵头单位;
// 第一责任单位为牵头单位，下同; 排名第一的为牵头单位).
var reFirstIsLead = regexp.MustCompile(`(?:列|排|位|排名|排序)(?:在|于)?(?:第一位|首位|第一个|第一)(?:者|的)?(?:责任)?(?:单位|部门)?(?:为|是)牵头|第一(?:责任)?(?:单位|部门)(?:为|是)牵头|第一个(?:责任)?(?:单位|部门)?(?:为|是)牵头`)

// firstIsLeadMaxLen bounds the byte length of a reFirstIsLead match.
const firstIsLeadMaxLen = 48

// firstIsLead is reFirstIsLead.MatchString(s) without running the regexp
// over the whole document: a match ends with 牵头, so only a window before
// each 牵头 is searched.
func firstIsLead(s string) bool {
	for from := 0; ; {
		k := strings.Index(s[from:], "牵头")
		if k < 0 {
			return false
		}
		end := from + k + len("牵头")
		if reFirstIsLead.MatchString(s[max(0, end-firstIsLeadMaxLen):end]) {
			return true
		}
		from = end
	}
}

type extractor struct {
	doc         *schema.Document
	d           *dept.Dict
	juris       string
	firstIsLead bool
	paras       []*para
}

// section returns the index of the innermost section holding byte offset at.
func section(secs []schema.Section, at int) int {
	best := -1
	for i, s := range secs {
		if s.Span.Start <= at && at < s.Span.End {
			if best < 0 || s.Level >= secs[best].Level {
				best = i
			}
		}
	}
	return best
}
