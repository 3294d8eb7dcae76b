package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"

	"policyx/pipeline"
	"policyx/schema"
)

const dumpSynopsis = "policyx dump [-blocks] FILE ..."

const dumpHelp = `usage: policyx dump [-blocks] FILE ...

Prints what policyx extracts from each FILE, without writing anything, as
JSON Lines: one JSON object per document (a file holding several policies
gives several lines), in the order of the files.

Keys are the column names of the database (docs/schema.md): source_path,
source_sha256, part, format, title, doc_number, issuer, issue_date,
jurisdiction, status, error, n_pages, page_start, page_end, and the arrays
sections, tables (with rows), targets, tasks (with departments), checks and
diagnostics. Offsets (char_start, char_end, sentence_start, sentence_end) are
code points in the normalized text, end exclusive, as in the database;
header_json and cells_json are JSON arrays; enums are names (kind "goal",
role "lead", severity "warning", block kind "table"). References between
facts are 0-based indexes into the arrays of the same line (section,
parent, table, row), -1 when none.

Example: policyx dump doc.pdf | jq -c '.targets[] | [.value, .unit, .page]'

Flags:
`

type dumpDoc struct {
	SourcePath   string        `json:"source_path"`
	SourceSHA256 string        `json:"source_sha256"`
	Part         int           `json:"part"`
	Format       string        `json:"format"`
	Title        string        `json:"title"`
	DocNumber    string        `json:"doc_number"`
	Issuer       string        `json:"issuer"`
	IssueDate    string        `json:"issue_date"`
	Jurisdiction string        `json:"jurisdiction"`
	Status       string        `json:"status"`
	Error        string        `json:"error,omitempty"`
	NPages       int           `json:"n_pages,omitempty"`
	PageStart    int           `json:"page_start,omitempty"`
	PageEnd      int           `json:"page_end,omitempty"`
	Sections     []dumpSection `json:"sections"`
	Tables       []dumpTable   `json:"tables"`
	Targets      []dumpTarget  `json:"targets"`
	Tasks        []dumpTask    `json:"tasks"`
	Checks       []dumpCheck   `json:"checks"`
	Diagnostics  []dumpDiag    `json:"diagnostics"`
	Text         *string       `json:"text,omitempty"`
	Blocks       []dumpBlock   `json:"blocks,omitempty"`
}

type span struct {
	CharStart int `json:"char_start"`
	CharEnd   int `json:"char_end"`
	Page      int `json:"page,omitempty"`
	PageEnd   int `json:"page_end,omitempty"`
}

type dumpSection struct {
	Parent int    `json:"parent"`
	Level  int    `json:"level"`
	Label  string `json:"label"`
	Title  string `json:"title"`
	span
}

type dumpTable struct {
	Ordinal    int       `json:"ordinal"`
	Attachment string    `json:"attachment"`
	Title      string    `json:"title"`
	UnitNote   string    `json:"unit_note"`
	Note       string    `json:"note"`
	HeaderJSON []string  `json:"header_json"`
	NRows      int       `json:"n_rows"`
	Rows       []dumpRow `json:"rows"`
	span
}

type dumpRow struct {
	RowIndex   int      `json:"row_index"`
	Seq        string   `json:"seq"`
	GroupLabel string   `json:"group_label"`
	IsTotal    bool     `json:"is_total"`
	CellsJSON  []string `json:"cells_json"`
	span
}

type dumpTarget struct {
	Section       int     `json:"section"`
	Kind          string  `json:"kind"`
	Subject       string  `json:"subject"`
	Value         string  `json:"value"`
	Unit          string  `json:"unit"`
	NormValue     float64 `json:"norm_value"`
	NormUnit      string  `json:"norm_unit"`
	Comparator    string  `json:"comparator"`
	Deadline      string  `json:"deadline"`
	Period        string  `json:"period"`
	Scope         string  `json:"scope"`
	Sentence      string  `json:"sentence"`
	SentenceStart *int    `json:"sentence_start"`
	SentenceEnd   *int    `json:"sentence_end"`
	Source        string  `json:"source"`
	Table         int     `json:"table"`
	Row           int     `json:"row"`
	span
}

type dumpTask struct {
	Section     int        `json:"section"`
	Label       string     `json:"label"`
	Title       string     `json:"title"`
	Table       int        `json:"table"`
	Row         int        `json:"row"`
	Departments []dumpDept `json:"departments"`
	span
}

type dumpDept struct {
	Role       string `json:"role"`
	Ordinal    int    `json:"ordinal"`
	Mention    string `json:"mention"`
	Department string `json:"department"`
}

type dumpCheck struct {
	Table   int    `json:"table"`
	Kind    string `json:"kind"`
	Message string `json:"message"`
	span
}

type dumpDiag struct {
	Severity  string `json:"severity"`
	Stage     string `json:"stage"`
	Page      int    `json:"page,omitempty"`
	CharStart *int   `json:"char_start,omitempty"`
	CharEnd   *int   `json:"char_end,omitempty"`
	Message   string `json:"message"`
}

type dumpBlock struct {
	Kind  string     `json:"kind"`
	Level int        `json:"level,omitempty"`
	Text  string     `json:"text"`
	Rows  [][]string `json:"rows,omitempty"`
	span
}

// toDump converts a document to its JSON form: code-point offsets, pages
// and exact sentences computed as the database writer does.
func toDump(d *schema.Document, blocks bool) dumpDoc {
	off := schema.NewOffsets(d.Text)
	pg := schema.NewPager(d)
	sp := func(s schema.Span) span {
		p0, p1 := pg.Span(s)
		return span{CharStart: off.Rune(s.Start), CharEnd: off.Rune(s.End), Page: p0, PageEnd: p1}
	}
	status := string(d.Status)
	if status == "" {
		status = string(schema.StatusOK)
	}
	out := dumpDoc{SourcePath: d.Path, SourceSHA256: d.SHA256, Part: d.Part, Format: string(d.Format),
		Title: d.Meta.Title, DocNumber: d.Meta.DocNumber, Issuer: d.Meta.Issuer, IssueDate: d.Meta.IssueDate,
		Jurisdiction: d.Meta.Jurisdiction, Status: status, Error: d.Err, NPages: pg.Max, PageStart: pg.Min, PageEnd: pg.Max,
		Sections: []dumpSection{}, Tables: []dumpTable{}, Targets: []dumpTarget{}, Tasks: []dumpTask{},
		Checks: []dumpCheck{}, Diagnostics: []dumpDiag{}}
	for _, s := range d.Sections {
		out.Sections = append(out.Sections, dumpSection{Parent: s.Parent, Level: s.Level, Label: s.Label, Title: s.Title, span: sp(s.Span)})
	}
	for i, t := range d.Tables {
		ord := t.Ordinal
		if ord == 0 {
			ord = i + 1
		}
		dt := dumpTable{Ordinal: ord, Attachment: t.Attachment, Title: t.Title, UnitNote: t.UnitNote, Note: t.Note,
			HeaderJSON: nonNil(t.Header), NRows: len(t.Rows), Rows: []dumpRow{}, span: sp(t.Span)}
		for j, r := range t.Rows {
			dt.Rows = append(dt.Rows, dumpRow{RowIndex: j, Seq: r.Seq, GroupLabel: r.Group, IsTotal: r.IsTotal, CellsJSON: nonNil(r.Cells), span: sp(r.Span)})
		}
		out.Tables = append(out.Tables, dt)
	}
	for _, t := range d.Targets {
		sent, ss := schema.ExactSentence(d, t)
		dt := dumpTarget{Section: t.Section, Kind: t.Kind, Subject: t.Subject, Value: t.Value, Unit: t.Unit,
			NormValue: t.NormValue, NormUnit: t.NormUnit, Comparator: t.Comparator, Deadline: t.Deadline,
			Period: t.Period, Scope: t.Scope, Sentence: sent, Source: t.Source, Table: t.Table, Row: t.Row, span: sp(t.Span)}
		if dt.Source == "" {
			dt.Source = "text"
		}
		if ss.End > ss.Start {
			a, b := off.Rune(ss.Start), off.Rune(ss.End)
			dt.SentenceStart, dt.SentenceEnd = &a, &b
		}
		out.Targets = append(out.Targets, dt)
	}
	for _, t := range d.Tasks {
		dt := dumpTask{Section: t.Section, Label: t.Label, Title: t.Title, Table: t.Table, Row: t.Row, Departments: []dumpDept{}, span: sp(t.Span)}
		for k, dp := range t.Departments {
			ord := dp.Ordinal
			if ord == 0 {
				ord = k + 1
			}
			dt.Departments = append(dt.Departments, dumpDept{Role: dp.Role, Ordinal: ord, Mention: dp.Mention, Department: dp.Department})
		}
		out.Tasks = append(out.Tasks, dt)
	}
	for _, c := range d.Checks {
		out.Checks = append(out.Checks, dumpCheck{Table: c.Table, Kind: c.Kind, Message: c.Message, span: sp(c.Span)})
	}
	for _, g := range d.Diagnostics {
		dg := dumpDiag{Severity: g.Severity.String(), Stage: g.Stage, Page: g.Page, Message: g.Message}
		if g.Span != (schema.Span{}) {
			a, b := off.Rune(g.Span.Start), off.Rune(g.Span.End)
			dg.CharStart, dg.CharEnd = &a, &b
		}
		out.Diagnostics = append(out.Diagnostics, dg)
	}
	if blocks {
		txt := d.Text
		out.Text = &txt
		out.Blocks = []dumpBlock{}
		for _, b := range d.Blocks {
			s := sp(b.Span)
			if b.Page > 0 {
				s.Page, s.PageEnd = b.Page, b.Page
			}
			out.Blocks = append(out.Blocks, dumpBlock{Kind: b.Kind.String(), Level: b.Level, Text: b.Text, Rows: b.Rows, span: s})
		}
	}
	return out
}

func nonNil(v []string) []string {
	if v == nil {
		return []string{}
	}
	return v
}

// dumpCmd prints the extracted documents of the files as JSON Lines,
// without writing any output: for inspecting what the stages see.
func dumpCmd(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("dump", flag.ContinueOnError)
	blocks := fs.Bool("blocks", false, "also print the normalized text (text) and the blocks the reader produced (blocks)")
	if ok, code := parseFlags(fs, args, stdout, stderr, dumpSynopsis, func(w io.Writer) {
		fmt.Fprint(w, dumpHelp)
		fs.SetOutput(w)
		fs.PrintDefaults()
	}); !ok {
		return code
	}
	if fs.NArg() == 0 {
		return usageError(stderr, "dump", dumpSynopsis, "no FILE given")
	}
	p, err := pipeline.New(pipeline.WithLog(stderr))
	if err != nil {
		fmt.Fprintf(stderr, "policyx: %v\n", err)
		return 1
	}
	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	code := 0
	for _, path := range fs.Args() {
		docs, err := p.Process(context.Background(), path)
		if err != nil {
			fmt.Fprintf(stderr, "policyx: %v\n", err)
			code = 2
			continue
		}
		for _, d := range docs {
			if err := enc.Encode(toDump(d, *blocks)); err != nil {
				fmt.Fprintf(stderr, "policyx: %v\n", err)
				return 1
			}
		}
	}
	return code
}
