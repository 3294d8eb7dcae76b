// Package schema holds the types that flow between policyx stages and the
// SQL DDL of the output database. It imports nothing else of ours.
//
// Positions are data: every block and fact carries a Span of byte offsets into
// Document.Text (the normalized text). Conversion to the code-point offsets of
// the database contract, and to page and line, happens at output time (see
// Offsets).
package schema

import (
	"fmt"
	"sort"
	"unicode/utf8"
)

// Span is a half-open byte range [Start, End) in Document.Text.
type Span struct {
	Start, End int
}

// Len is the span's length in bytes.
func (s Span) Len() int { return s.End - s.Start }

// Valid reports whether s lies inside a text of n bytes.
func (s Span) Valid(n int) bool { return 0 <= s.Start && s.Start <= s.End && s.End <= n }

// Format is the input file format as stored in documents.format.
type Format string

const (
	FormatTXT  Format = "txt"
	FormatMD   Format = "md"
	FormatHTML Format = "html"
	FormatPDF  Format = "pdf"
	FormatDOCX Format = "docx"
	FormatXLSX Format = "xlsx"
	FormatDOC  Format = "doc" // Word 97–2003 binary (.doc, .dot, .wps)
	FormatOFD  Format = "ofd" // GB/T 33190 fixed layout
)

// BlockKind says what a block is.
type BlockKind uint8

const (
	// BlockPara is a paragraph, or a single line where the reader cannot
	// tell paragraphs apart (plain text before normalization).
	BlockPara BlockKind = iota
	// BlockHeading is a heading the reader recognised from markup (HTML h1–h6,
	// a DOCX heading style, a Markdown #). Level is set when known.
	BlockHeading
	// BlockTable is a table with its cells in Rows (rowspan/colspan expanded).
	BlockTable
)

func (k BlockKind) String() string {
	switch k {
	case BlockPara:
		return "para"
	case BlockHeading:
		return "heading"
	case BlockTable:
		return "table"
	}
	return fmt.Sprintf("BlockKind(%d)", uint8(k))
}

// Block is one unit of document structure.
//
// Readers fill Kind, Text (raw), Rows, Page and Level. normalize.Document
// rewrites Text to its normalized form, sets Span so that
// doc.Text[Span.Start:Span.End] == Text, and normalizes every cell of Rows.
// A table block's Text is its rows joined by "\n", cells by "\t".
type Block struct {
	Kind  BlockKind
	Text  string
	Rows  [][]string
	Page  int // 1-based page number, 0 when the input has no pages
	Level int // heading level when known (1 = top), else 0
	Span  Span
}

// Status of a document in the batch.
type Status string

const (
	StatusOK      Status = "ok"
	StatusPartial Status = "partial"
	StatusFailed  Status = "failed"
)

// Meta is the 公文 metadata of a document. Empty strings mean unknown (NULL).
type Meta struct {
	Title        string
	DocNumber    string // 发文字号, brackets as 〔〕, no spaces
	Issuer       string // issuing organ(s), several joined by 、
	IssueDate    string // 成文日期, YYYY-MM-DD
	Jurisdiction string // the level 市/自治区/省/县 refers to, e.g. 柳州市
}

// Section is one node of the outline. Parent is an index into
// Document.Sections, -1 at the top.
type Section struct {
	Parent int
	Level  int    // 1 = top
	Label  string // as written: 一、 （一） 1． (1) ① 附件1
	Title  string
	Span   Span // the whole section, heading through its last block
}

// Table is a numbered table (an 附件 table or any table in the body).
type Table struct {
	Ordinal    int    // 1-based order in the document
	Attachment string // 附件1, 附表 …; "" when none
	Title      string // caption line
	UnitNote   string // (单位:项) …; "" when none
	Note       string // 备注：… after the table; "" when none
	Header     []string
	Rows       []TableRow
	Span       Span
}

// TableRow is one data row of a table (group headings are not rows).
type TableRow struct {
	Seq     string // the 序号 cell as written, "" when none
	Group   string // the group heading (一、核心技术) that applies, "" when none
	IsTotal bool   // 合计/总计 row
	Cells   []string
	Span    Span
}

// Target kinds.
const (
	KindGoal      = "goal"
	KindFunding   = "funding"
	KindRate      = "rate"
	KindThreshold = "threshold"
)

// Target is one quantified policy parameter. See CONTRACT.md "targets".
type Target struct {
	Section    int // index into Document.Sections, -1 when none
	Kind       string
	Subject    string
	Value      string // the number as written, in Arabic digits
	Unit       string // unit as written
	NormValue  float64
	NormUnit   string
	Comparator string // >= <= = ~
	Deadline   string // YYYY-MM-DD or ""
	Period     string // "annual" or ""
	Scope      string
	Sentence   string
	// SentenceSpan is where Sentence lies in Document.Text, when the
	// extractor knows it; the output stores text[SentenceSpan] so that the
	// stored sentence is an exact substring of documents.text.
	SentenceSpan Span
	Span         Span   // the number expression
	Source       string // "text" or "table"
	Table        int    // index into Document.Tables when Source == "table", else -1
	Row          int    // index into that table's Rows, else -1
	Entity       string // the row's name cell when Source == "table" (鱼峰区), else ""
}

// Link kinds (document_links.kind).
const (
	LinkCites        = "cites"
	LinkImplements   = "implements"
	LinkRepeals      = "repeals"
	LinkAmends       = "amends"
	LinkAttachmentOf = "attachment_of"
)

// Roles of an attachment_of link.
const (
	// RoleNotice: the row is in the notice; it names one of its 附件.
	RoleNotice = "notice"
	// RoleAttachment: the row is in an attachment document (附件1 …); it
	// points to the notice whose 附件 list names it.
	RoleAttachment = "attachment"
)

// Link is a reference from a document to another one: a 《title》 with or
// without its （文号）, a bare 文号, or an entry of a notice's 附件 list.
// The document it names is found after the batch (see document_links).
type Link struct {
	Kind       string // LinkCites, LinkImplements, …
	Title      string // cited title without 《》, line breaks removed; "" when none
	Number     string // cited 文号 normalized (〔〕, no spaces); "" when none
	Attachment string // attachment_of: the attachment's title; "" otherwise
	Role       string // attachment_of: RoleNotice or RoleAttachment
	Sentence   string
	Span       Span // the citation (title and number) or the list entry
}

// Department roles.
const (
	RoleLead        = "lead"
	RoleSupport     = "support"
	RoleResponsible = "responsible"
)

// TaskDept is one unit named for a task.
type TaskDept struct {
	Role         string
	Ordinal      int    // 1-based position within its role list
	Mention      string // as written, after splitting and trailer removal
	Department   string // canonical full name with jurisdiction
	Jurisdiction string // jurisdiction of the canonical department, "" if unknown
}

// Task is a numbered item or table row that names responsible departments.
type Task struct {
	Section     int // index into Document.Sections, -1 when none
	Label       string
	Title       string
	Span        Span
	Table       int // index into Document.Tables when the task is a table row, else -1
	Row         int // index into that table's Rows, else -1
	Departments []TaskDept
}

// Check is a finding about a document's own consistency (a check that holds is
// no Check). Kinds: seq_gap, seq_repeat, sum_mismatch, count_mismatch, …
type Check struct {
	Table   int // index into Document.Tables, -1 when not about a table
	Kind    string
	Message string
	Span    Span
}

// Severity of a diagnostic.
type Severity uint8

const (
	SevInfo Severity = iota
	SevWarning
	SevError
)

func (s Severity) String() string {
	switch s {
	case SevInfo:
		return "info"
	case SevWarning:
		return "warning"
	case SevError:
		return "error"
	}
	return "unknown"
}

// Diagnostic is a positioned problem found while reading or extracting, in
// the manner of go/scanner.Error: the best-effort result stands, the
// diagnostic says what was doubtful. Page is set by readers that know it;
// Span when the position in the normalized text is known.
type Diagnostic struct {
	Severity Severity
	Stage    string // reader or extractor name: "pdf", "tables", …
	Page     int
	Span     Span
	Message  string
}

func (d Diagnostic) String() string {
	if d.Page > 0 {
		return fmt.Sprintf("page %d: %s", d.Page, d.Message)
	}
	return d.Message
}

// Document is one policy document: a whole input file, or one part of a file
// that holds several (a listing web page).
type Document struct {
	Path   string // input path as given/walked
	SHA256 string // hex SHA-256 of the input file bytes
	Part   int    // 1-based index inside its file
	Format Format

	Text   string  // normalized full text; every Span points into it
	Blocks []Block // in reading order

	Meta     Meta
	Sections []Section
	Tables   []Table
	Targets  []Target
	Tasks    []Task
	Checks   []Check
	Links    []Link

	// Tokens is the gse segmentation of Text (words only, no white space),
	// stored for full-text search.
	Tokens []string

	// Workbook is the file name of the document's workbook inside
	// OUTDIR/xlsx, "" when none was written.
	Workbook string
	// SameBytes lists the other paths of the run holding the same bytes
	// (duplicates: processed once, as Path).
	SameBytes []string

	Status      Status
	Err         string // why, for partial/failed
	Diagnostics []Diagnostic
}

// Offsets converts byte offsets of one text into code-point offsets and
// 1-based line numbers, the way go/token.File computes positions at output
// time. Build it once per text; a lookup costs a binary search plus a count
// within one line.
type Offsets struct {
	text      string
	lineStart []int // byte offset of each line start
	lineRune  []int // code-point offset of each line start
}

// NewOffsets indexes text.
func NewOffsets(text string) *Offsets {
	o := &Offsets{text: text, lineStart: []int{0}, lineRune: []int{0}}
	runes := 0
	for i, r := range text {
		_ = r
		runes++
		if text[i] == '\n' {
			o.lineStart = append(o.lineStart, i+1)
			o.lineRune = append(o.lineRune, runes)
		}
	}
	return o
}

// Rune returns the code-point offset of byte offset b.
func (o *Offsets) Rune(b int) int {
	if b <= 0 {
		return 0
	}
	if b > len(o.text) {
		b = len(o.text)
	}
	l := o.Line(b) - 1
	return o.lineRune[l] + utf8.RuneCountInString(o.text[o.lineStart[l]:b])
}

// Line returns the 1-based line number of byte offset b.
func (o *Offsets) Line(b int) int {
	return sort.Search(len(o.lineStart), func(i int) bool { return o.lineStart[i] > b })
}
