// Command demo writes the workbooks of the sample documents with the facts
// of the gold annotations instead of the extractors' output, so the
// workbooks can be looked at (and rendered) before the extractors deliver.
// A development tool; the pipeline does not use it.
//
//	go run -tags sqlite_fts5 ./output/xlsx/internal/demo -gold /work/shared/eval/gold -samples corpus/samples -o /tmp/demo
package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"policyx/output/sqlite"
	"policyx/output/xlsx"
	"policyx/schema"
)

type gold struct {
	File      string `json:"file"`
	Documents []struct {
		Part         int    `json:"part"`
		DocNumber    string `json:"doc_number"`
		IssueDate    string `json:"issue_date"`
		Title        string `json:"title_contains"`
		Issuer       string `json:"issuer"`
		Jurisdiction string `json:"jurisdiction"`
	} `json:"documents"`
	Tables []struct {
		Part       int      `json:"part"`
		Title      string   `json:"title_contains"`
		Attachment string   `json:"attachment"`
		Header     []string `json:"header"`
		Rows       []struct {
			Cells []string `json:"cells"`
			Group string   `json:"group"`
		} `json:"rows"`
	} `json:"tables"`
	Targets []struct {
		Part       int      `json:"part"`
		Kind       string   `json:"kind"`
		NormValue  float64  `json:"norm_value"`
		NormUnit   string   `json:"norm_unit"`
		Deadline   int      `json:"deadline_year"`
		Comparator string   `json:"comparator"`
		Quote      string   `json:"quote"`
		Subject    []string `json:"subject_any"`
	} `json:"targets"`
	Tasks []struct {
		Part        int        `json:"part"`
		Label       string     `json:"label"`
		Title       string     `json:"title"`
		Lead        [][]string `json:"lead"`
		Support     [][]string `json:"support"`
		Responsible [][]string `json:"responsible"`
	} `json:"tasks"`
}

func main() {
	goldDir := flag.String("gold", "/work/shared/eval/gold", "gold annotations")
	samples := flag.String("samples", "corpus/samples", "sample documents")
	out := flag.String("o", "/tmp/demo", "output folder")
	flag.Parse()
	if err := os.MkdirAll(filepath.Join(*out, "xlsx"), 0o755); err != nil {
		log.Fatal(err)
	}
	os.Remove(filepath.Join(*out, "policy.db"))
	db, err := sqlite.Open(filepath.Join(*out, "policy.db"))
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()
	files, _ := filepath.Glob(filepath.Join(*goldDir, "*.json"))
	sort.Strings(files)
	for _, gf := range files {
		var g gold
		data, err := os.ReadFile(gf)
		if err != nil {
			log.Fatal(err)
		}
		if err := json.Unmarshal(data, &g); err != nil {
			log.Fatalf("%s: %v", gf, err)
		}
		docs, err := build(&g, filepath.Join(*samples, g.File))
		if err != nil {
			log.Fatal(err)
		}
		if err := db.WriteFile(docs); err != nil {
			log.Fatal(err)
		}
		name := strings.TrimSuffix(g.File, filepath.Ext(g.File)) + ".xlsx"
		if err := xlsx.WriteDocument(filepath.Join(*out, "xlsx", name), docs); err != nil {
			log.Fatal(err)
		}
	}
	if err := xlsx.WriteSummary(filepath.Join(*out, "xlsx", "summary.xlsx"), db.SQL()); err != nil {
		log.Fatal(err)
	}
	fmt.Println(filepath.Join(*out, "xlsx"))
}

var (
	lvl1 = regexp.MustCompile(`^(?:[一二三四五六七八九十]+、|附件\s*\d*)`)
	lvl2 = regexp.MustCompile(`^[（(][一二三四五六七八九十]+[）)]`)
	lvl3 = regexp.MustCompile(`^\d+[.．、]`)
)

// sections finds a rough outline: 一、 / （一） / 1． headings.
func sections(text string) []schema.Section {
	var out []schema.Section
	stack := []int{} // open sections by level
	pos := 0
	for _, line := range strings.SplitAfter(text, "\n") {
		t := strings.TrimSpace(line)
		lv, lbl := 0, ""
		for i, re := range []*regexp.Regexp{lvl1, lvl2, lvl3} {
			if m := re.FindString(t); m != "" {
				lv, lbl = i+1, m
				break
			}
		}
		if lv > 0 && len([]rune(t)) < 60 {
			for len(stack) > 0 && out[stack[len(stack)-1]].Level >= lv {
				out[stack[len(stack)-1]].Span.End = pos
				stack = stack[:len(stack)-1]
			}
			parent := -1
			if len(stack) > 0 {
				parent = stack[len(stack)-1]
			}
			title := strings.TrimSpace(strings.TrimPrefix(t, lbl))
			if i := strings.IndexAny(title, "。："); i > 0 {
				title = title[:i]
			}
			out = append(out, schema.Section{Parent: parent, Level: lv, Label: lbl, Title: title, Span: schema.Span{Start: pos}})
			stack = append(stack, len(out)-1)
		}
		pos += len(line)
	}
	for _, i := range stack {
		out[i].Span.End = len(text)
	}
	return out
}

// sentence returns the sentence around byte offset i.
func sentence(text string, i, j int) string {
	s := strings.LastIndexAny(text[:i], "。；\n")
	if s < 0 {
		s = 0
	} else {
		s += len(string([]rune(text[s:])[0]))
	}
	e := strings.IndexAny(text[j:], "。；\n")
	if e < 0 {
		e = len(text)
	} else {
		e += j + len(string([]rune(text[j+e:])[0]))
	}
	return strings.TrimSpace(text[s:e])
}

func build(g *gold, path string) ([]*schema.Document, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(raw)
	text := strings.ReplaceAll(string(raw), "\r\n", "\n")
	secs := sections(text)
	byPart := map[int]*schema.Document{}
	var docs []*schema.Document
	for _, gd := range g.Documents {
		title := gd.Title
		if title == "" {
			title = strings.TrimSpace(strings.SplitN(text, "\n", 2)[0])
		}
		d := &schema.Document{Path: path, SHA256: hex.EncodeToString(sum[:]), Part: gd.Part, Format: schema.FormatTXT, Text: text,
			Status: schema.StatusOK, Sections: secs,
			Meta: schema.Meta{Title: title, DocNumber: gd.DocNumber, IssueDate: gd.IssueDate, Issuer: gd.Issuer, Jurisdiction: gd.Jurisdiction}}
		byPart[gd.Part] = d
		docs = append(docs, d)
	}
	part := func(p int) *schema.Document {
		if d, ok := byPart[p]; ok {
			return d
		}
		return docs[0]
	}
	for _, t := range g.Tables {
		d := part(t.Part)
		tb := schema.Table{Ordinal: len(d.Tables) + 1, Attachment: t.Attachment, Title: t.Title, Header: t.Header}
		if i := strings.Index(text, t.Title); i >= 0 {
			tb.Span = schema.Span{Start: i, End: i + len(t.Title)}
		}
		for _, r := range t.Rows {
			total := len(r.Cells) > 0 && (strings.Contains(r.Cells[0], "合计") || strings.Contains(r.Cells[0], "总计"))
			seq := ""
			if len(r.Cells) > 0 {
				seq = r.Cells[0]
			}
			tb.Rows = append(tb.Rows, schema.TableRow{Seq: seq, Group: r.Group, IsTotal: total, Cells: r.Cells})
		}
		d.Tables = append(d.Tables, tb)
	}
	for _, t := range g.Targets {
		d := part(t.Part)
		tg := schema.Target{Section: -1, Kind: t.Kind, NormValue: t.NormValue, NormUnit: t.NormUnit, Comparator: t.Comparator,
			Sentence: t.Quote, Source: "text", Table: -1, Row: -1}
		if len(t.Subject) > 0 {
			tg.Subject = t.Subject[0]
		}
		tg.Value, tg.Unit = strconv.FormatFloat(t.NormValue, 'f', -1, 64), t.NormUnit
		if strings.HasPrefix(t.NormUnit, "元") {
			switch {
			case t.NormValue >= 1e8:
				tg.Value, tg.Unit = strconv.FormatFloat(t.NormValue/1e8, 'f', -1, 64), "亿"+t.NormUnit
			case t.NormValue >= 1e4:
				tg.Value, tg.Unit = strconv.FormatFloat(t.NormValue/1e4, 'f', -1, 64), "万"+t.NormUnit
			}
		}
		if t.Deadline > 0 {
			tg.Deadline = fmt.Sprintf("%d-12-31", t.Deadline)
		}
		if i := strings.Index(text, t.Quote); i >= 0 {
			tg.Span = schema.Span{Start: i, End: i + len(t.Quote)}
			tg.Sentence = sentence(text, i, i+len(t.Quote))
		}
		if strings.Contains(tg.Sentence, "每年") {
			tg.Period = "annual"
		}
		d.Targets = append(d.Targets, tg)
	}
	for _, t := range g.Tasks {
		d := part(t.Part)
		tk := schema.Task{Section: -1, Label: t.Label, Title: t.Title, Table: -1, Row: -1}
		if i := strings.Index(text, t.Title); i >= 0 {
			e := strings.Index(text[i:], "\n")
			if e < 0 {
				e = len(text) - i
			}
			tk.Span = schema.Span{Start: i, End: i + e}
		}
		for _, rl := range []struct {
			role  string
			names [][]string
		}{{schema.RoleLead, t.Lead}, {schema.RoleResponsible, t.Responsible}, {schema.RoleSupport, t.Support}} {
			for k, alts := range rl.names {
				if len(alts) == 0 {
					continue
				}
				mention := alts[0]
				for _, a := range alts {
					if len([]rune(a)) < len([]rune(mention)) {
						mention = a
					}
				}
				mention = strings.TrimPrefix(mention, d.Meta.Jurisdiction)
				tk.Departments = append(tk.Departments, schema.TaskDept{Role: rl.role, Ordinal: k + 1, Mention: mention,
					Department: alts[0], Jurisdiction: d.Meta.Jurisdiction})
			}
		}
		d.Tasks = append(d.Tasks, tk)
	}
	return docs, nil
}
