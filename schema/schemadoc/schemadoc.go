// Package schemadoc generates docs/schema.md, the reference of the output
// database, from the DDL itself: the tables, columns, types and keys come
// from SQLite (the DDL applied to an in-memory database), the descriptions
// from the SQL comments of schema/*.sql and from schema/descriptions.txt.
//
// A new table or column needs a description — a trailing "-- …" comment on
// its line in the DDL, a comment block just above its CREATE statement, or
// a "table.column text" line in descriptions.txt — and then
//
//	make schema-docs
//
// A test fails when docs/schema.md differs from what Markdown produces or
// when a column has no description.
package schemadoc

import (
	"bufio"
	"database/sql"
	"fmt"
	"regexp"
	"sort"
	"strings"

	_ "github.com/mattn/go-sqlite3" // database/sql driver "sqlite3"

	"policyx/schema"
)

// ErrNoFTS5 is returned where SQLite lacks FTS5 (built without -tags
// sqlite_fts5): the full-text tables could not be documented.
var ErrNoFTS5 = fmt.Errorf("schemadoc: SQLite without FTS5: build with -tags sqlite_fts5")

type object struct {
	name, kind string // kind: table, view, virtual
	order      int
	cols       []column
	sql        string
}

type column struct {
	name, typ string
	notNull   bool
	dflt      sql.NullString
	pk        int
	ref       string
	desc      string
}

// sources are the SQL files in the order Open applies them.
func sources() []struct{ name, sql string } {
	return []struct{ name, sql string }{
		{"schema/ddl.sql", schema.DDL},
		{"schema/views.sql", schema.ViewsDDL},
		{"schema/quotas.sql", schema.QuotasDDL},
		{"schema/fts.sql", schema.FTSDDL},
	}
}

var (
	reCreate = regexp.MustCompile(`(?i)^\s*CREATE\s+(VIRTUAL\s+TABLE|TABLE|VIEW)\s+(?:IF\s+NOT\s+EXISTS\s+)?([A-Za-z_][A-Za-z0-9_]*)`)
	reIdent  = regexp.MustCompile(`[A-Za-z_][A-Za-z0-9_]*`)
	keywords = map[string]bool{"PRIMARY": true, "UNIQUE": true, "FOREIGN": true, "CHECK": true, "CONSTRAINT": true, "SELECT": true, "FROM": true}
)

// comments collects the descriptions written in the SQL: the comment block
// above each CREATE (key "table") and trailing comments of column lines (key
// "table.column"); and the order in which objects appear.
func comments(files []struct{ name, sql string }) (map[string]string, map[string]int) {
	desc := map[string]string{}
	order := map[string]int{}
	n := 0
	for _, f := range files {
		var block []string
		cur := ""
		sc := bufio.NewScanner(strings.NewReader(f.sql))
		for sc.Scan() {
			line := sc.Text()
			trim := strings.TrimSpace(line)
			if cur == "" && strings.HasPrefix(trim, "--") {
				block = append(block, strings.TrimPrefix(strings.TrimPrefix(trim, "--"), " "))
				continue
			}
			if m := reCreate.FindStringSubmatch(line); m != nil {
				cur = m[2]
				n++
				order[cur] = n
				if len(block) > 0 {
					desc[cur] = strings.Join(block, "\n")
				}
				block = nil
				if strings.HasSuffix(trim, ";") {
					cur = ""
				}
				continue
			}
			if cur == "" {
				if !strings.HasPrefix(strings.ToUpper(trim), "DROP ") {
					block = nil
				}
				continue
			}
			code, comment, has := strings.Cut(line, "--")
			if has {
				if name := columnName(code); name != "" {
					desc[cur+"."+name] = strings.TrimSpace(comment)
				}
			}
			if strings.HasSuffix(strings.TrimSpace(code), ";") {
				cur = ""
			}
		}
	}
	return desc, order
}

// columnName is the column a line of a CREATE TABLE or a view's select
// list defines: the first word of a column definition, the alias (last
// word) of a select item.
func columnName(code string) string {
	code = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(code), ","))
	ids := reIdent.FindAllString(code, -1)
	if len(ids) == 0 || keywords[strings.ToUpper(ids[0])] {
		return ""
	}
	up := strings.ToUpper(code)
	if strings.Contains(up, " AS ") || strings.Contains(code, ".") && !strings.Contains(code, " ") {
		return ids[len(ids)-1]
	}
	if strings.Contains(code, " ") {
		return ids[0] // name TYPE constraints…
	}
	return ids[len(ids)-1]
}

// descriptionsFile parses descriptions.txt: "key text" lines, # comments.
func descriptionsFile() map[string]string {
	out := map[string]string{}
	for _, line := range strings.Split(schema.Descriptions, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		k, v, _ := strings.Cut(line, " ")
		v = strings.TrimSpace(v)
		if old, ok := out[k]; ok {
			v = old + "\n" + v
		}
		out[k] = v
	}
	return out
}

func load() ([]*object, error) {
	db, err := sql.Open("sqlite3", "file:schemadoc?mode=memory")
	if err != nil {
		return nil, err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	for _, f := range sources() {
		if _, err := db.Exec(f.sql); err != nil {
			if strings.Contains(err.Error(), "no such module") {
				return nil, ErrNoFTS5
			}
			return nil, fmt.Errorf("%s: %w", f.name, err)
		}
	}
	inline, order := comments(sources())
	file := descriptionsFile()
	describe := func(k string) string {
		if d := inline[k]; d != "" {
			return d
		}
		return file[k]
	}
	rows, err := db.Query(`SELECT name, type, coalesce(sql, '') FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%'`)
	if err != nil {
		return nil, err
	}
	var objs []*object
	for rows.Next() {
		o := &object{}
		if err := rows.Scan(&o.name, &o.kind, &o.sql); err != nil {
			rows.Close()
			return nil, err
		}
		if strings.HasPrefix(strings.ToUpper(o.sql), "CREATE VIRTUAL") {
			o.kind = "virtual"
		}
		o.order = order[o.name]
		objs = append(objs, o)
	}
	rows.Close()
	// FTS5 shadow tables (documents_fts_data …) are internals.
	virtual := map[string]bool{}
	for _, o := range objs {
		if o.kind == "virtual" {
			virtual[o.name] = true
		}
	}
	keep := objs[:0]
	for _, o := range objs {
		shadow := false
		for v := range virtual {
			if strings.HasPrefix(o.name, v+"_") && o.kind == "table" {
				shadow = true
			}
		}
		if !shadow {
			keep = append(keep, o)
		}
	}
	objs = keep
	sort.SliceStable(objs, func(i, j int) bool { return objs[i].order < objs[j].order })
	for _, o := range objs {
		refs := map[string]string{}
		fk, err := db.Query(`SELECT "from", "table", coalesce("to", '') FROM pragma_foreign_key_list(?)`, o.name)
		if err != nil {
			return nil, err
		}
		for fk.Next() {
			var from, tab, to string
			if err := fk.Scan(&from, &tab, &to); err != nil {
				fk.Close()
				return nil, err
			}
			if to == "" {
				to = "id"
			}
			refs[from] = tab + "." + to
		}
		fk.Close()
		cr, err := db.Query(`SELECT name, type, "notnull", dflt_value, pk FROM pragma_table_info(?)`, o.name)
		if err != nil {
			return nil, err
		}
		for cr.Next() {
			var c column
			if err := cr.Scan(&c.name, &c.typ, &c.notNull, &c.dflt, &c.pk); err != nil {
				cr.Close()
				return nil, err
			}
			c.ref = refs[c.name]
			c.desc = describe(o.name + "." + c.name)
			o.cols = append(o.cols, c)
		}
		cr.Close()
		if d := describe(o.name); d != "" {
			inline[o.name] = d
		}
	}
	for _, o := range objs {
		o.sql = inline[o.name] // reuse: the object's description
	}
	return objs, nil
}

// Undescribed lists the tables, views and columns without a description.
func Undescribed() ([]string, error) {
	objs, err := load()
	if err != nil {
		return nil, err
	}
	var out []string
	for _, o := range objs {
		if o.sql == "" {
			out = append(out, o.name)
		}
		for _, c := range o.cols {
			if c.desc == "" {
				out = append(out, o.name+"."+c.name)
			}
		}
	}
	return out, nil
}

// Markdown renders docs/schema.md.
func Markdown() (string, error) {
	objs, err := load()
	if err != nil {
		return "", err
	}
	var b strings.Builder
	b.WriteString("# The output database (`policy.db`)\n\n")
	b.WriteString("<!-- Generated by `make schema-docs` from schema/*.sql\n")
	b.WriteString("     and schema/descriptions.txt. Do not edit by hand. -->\n\n")
	fmt.Fprintf(&b, "Contract version: `PRAGMA user_version = %d` (the minimum downstream tools may rely on\n", schema.UserVersion)
	b.WriteString("is `../shared/eval/CONTRACT.md`; everything here may be added to, never silently renamed).\n")
	b.WriteString("Character offsets (`char_start`, `char_end`, `sentence_start`, `sentence_end`) count\n")
	b.WriteString("Unicode code points in `documents.text`, end exclusive: the text is\n")
	b.WriteString("`substr(documents.text, char_start + 1, char_end - char_start)`. Pages are 1-based and set\n")
	b.WriteString("for paged inputs (PDF, OFD, scans), NULL otherwise.\n\n")
	groups := []struct{ kind, title string }{{"table", "Tables"}, {"view", "Views"}, {"virtual", "Full-text search"}}
	for _, g := range groups {
		fmt.Fprintf(&b, "## %s\n\n", g.title)
		for _, o := range objs {
			if o.kind != g.kind {
				continue
			}
			fmt.Fprintf(&b, "- [`%s`](#%s)\n", o.name, o.name)
		}
		b.WriteString("\n")
		for _, o := range objs {
			if o.kind != g.kind {
				continue
			}
			fmt.Fprintf(&b, "### %s\n\n", o.name)
			if o.sql != "" {
				b.WriteString(prose(o.sql))
				b.WriteString("\n")
			}
			b.WriteString("| column | type | constraints | description |\n|---|---|---|---|\n")
			for _, c := range o.cols {
				fmt.Fprintf(&b, "| `%s` | %s | %s | %s |\n", c.name, c.typ, constraints(c), cell(c.desc))
			}
			b.WriteString("\n")
		}
	}
	return b.String(), nil
}

func constraints(c column) string {
	var p []string
	if c.pk > 0 {
		p = append(p, "PK")
	}
	if c.notNull {
		p = append(p, "NOT NULL")
	}
	if c.dflt.Valid {
		p = append(p, "default `"+c.dflt.String+"`")
	}
	if c.ref != "" {
		p = append(p, "→ "+c.ref)
	}
	return strings.Join(p, ", ")
}

func cell(s string) string {
	s = strings.ReplaceAll(s, "|", `\|`)
	return strings.ReplaceAll(s, "\n", " ")
}

// prose renders a comment block: text lines joined into paragraphs, lines
// indented by two or more spaces as code.
func prose(s string) string {
	var b strings.Builder
	code := false
	for _, l := range strings.Split(s, "\n") {
		isCode := strings.HasPrefix(l, "  ")
		switch {
		case isCode && !code:
			b.WriteString("\n```sql\n")
		case !isCode && code:
			b.WriteString("```\n\n")
		}
		code = isCode
		if isCode {
			b.WriteString(strings.TrimPrefix(l, "  ") + "\n")
		} else {
			b.WriteString(l + "\n")
		}
	}
	if code {
		b.WriteString("```\n")
	}
	return b.String()
}
