package postgres

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
)

// The PostgreSQL schema is derived from schema/ddl.sql, the SQLite DDL, so
// that a table or column another change adds to the SQLite sink exists here
// too without a second copy to keep in step. Types map as SQLite affinities
// do: INTEGER → BIGINT, REAL → DOUBLE PRECISION, TEXT → TEXT. Every column
// that REFERENCES another table gets an index (cascading deletes and
// ON DELETE SET NULL would scan the table otherwise). Views are created when
// PostgreSQL accepts their SQL and listed in Skipped otherwise; virtual
// tables, triggers and PRAGMAs have no counterpart.

// Table is one CREATE TABLE of the SQLite DDL.
type Table struct {
	Name    string
	Columns []Column
	SQL     string // PostgreSQL CREATE TABLE IF NOT EXISTS
}

// Column is one column definition.
type Column struct {
	Name string
	Decl string // PostgreSQL type and constraints
	Ref  string // referenced table, "" when none
}

// Derived is the PostgreSQL schema derived from the SQLite DDL.
type Derived struct {
	Tables  []Table
	Indexes []string // CREATE INDEX IF NOT EXISTS …
	Views   []View
}

// View is a CREATE VIEW, translated as far as simple rewriting goes.
type View struct {
	Name string
	SQL  string
}

var (
	reComment   = regexp.MustCompile(`(?m)--[^\n]*`)
	reTable     = regexp.MustCompile(`(?is)^CREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?(\w+)\s*\((.*)\)\s*(WITHOUT\s+ROWID)?\s*$`)
	reIndex     = regexp.MustCompile(`(?is)^CREATE\s+(UNIQUE\s+)?INDEX\s+(?:IF\s+NOT\s+EXISTS\s+)?(\w+)\s+ON\s+(\w+)\s*(\(.*)$`)
	reView      = regexp.MustCompile(`(?is)^CREATE\s+VIEW\s+(?:IF\s+NOT\s+EXISTS\s+)?(\w+)\s+AS\s+(.*)$`)
	reInteger   = regexp.MustCompile(`(?i)\bINTEGER\b`)
	reReal      = regexp.MustCompile(`(?i)\bREAL\b`)
	reBlob      = regexp.MustCompile(`(?i)\bBLOB\b`)
	reAutoinc   = regexp.MustCompile(`(?i)\s*\bAUTOINCREMENT\b`)
	reStrftime  = regexp.MustCompile(`(?i)\(\s*strftime\('%Y-%m-%dT%H:%M:%SZ'\s*,\s*'now'\)\s*\)`)
	reRef       = regexp.MustCompile(`(?i)\bREFERENCES\s+(\w+)`)
	reNoCase    = regexp.MustCompile(`(?i)\s*COLLATE\s+NOCASE`)
	reGroupConc = regexp.MustCompile(`(?i)\bgroup_concat\s*\(`)
	reIfNull    = regexp.MustCompile(`(?i)\bifnull\s*\(`)
)

// splitStatements splits SQL text at semicolons that end a statement,
// keeping CREATE TRIGGER … END; whole.
func splitStatements(sqlText string) []string {
	sqlText = reComment.ReplaceAllString(sqlText, "")
	var out []string
	var cur strings.Builder
	inQuote := false
	depthBegin := 0
	words := func(s string) string { return strings.ToUpper(strings.TrimSpace(s)) }
	for i := 0; i < len(sqlText); i++ {
		c := sqlText[i]
		cur.WriteByte(c)
		if c == '\'' {
			inQuote = !inQuote
			continue
		}
		if inQuote {
			continue
		}
		if c != ';' {
			continue
		}
		s := words(cur.String())
		if strings.HasPrefix(s, "CREATE TRIGGER") || strings.HasPrefix(s, "CREATE TEMP TRIGGER") {
			depthBegin = 1
			if !strings.HasSuffix(strings.TrimSuffix(s, ";"), "END") {
				continue
			}
		}
		_ = depthBegin
		st := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(cur.String()), ";"))
		if st != "" {
			out = append(out, st)
		}
		cur.Reset()
	}
	if st := strings.TrimSpace(cur.String()); st != "" {
		out = append(out, st)
	}
	return out
}

// splitTopLevel splits s at commas outside parentheses and quotes.
func splitTopLevel(s string) []string {
	var out []string
	depth, start := 0, 0
	inQuote := false
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\'':
			inQuote = !inQuote
		case '(':
			if !inQuote {
				depth++
			}
		case ')':
			if !inQuote {
				depth--
			}
		case ',':
			if !inQuote && depth == 0 {
				out = append(out, strings.TrimSpace(s[start:i]))
				start = i + 1
			}
		}
	}
	if t := strings.TrimSpace(s[start:]); t != "" {
		out = append(out, t)
	}
	return out
}

func pgType(decl string) string {
	decl = reStrftime.ReplaceAllString(decl, `(to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'))`)
	decl = reAutoinc.ReplaceAllString(decl, "")
	decl = reNoCase.ReplaceAllString(decl, "")
	decl = reInteger.ReplaceAllString(decl, "BIGINT")
	decl = reReal.ReplaceAllString(decl, "DOUBLE PRECISION")
	decl = reBlob.ReplaceAllString(decl, "BYTEA")
	return decl
}

var tableConstraint = regexp.MustCompile(`(?i)^(PRIMARY\s+KEY|UNIQUE|CHECK|FOREIGN\s+KEY|CONSTRAINT)\b`)

// Derive translates the SQLite DDL into PostgreSQL statements.
func Derive(sqliteDDL string) (*Derived, error) {
	d := &Derived{}
	indexed := map[string]bool{} // table.firstcolumn with an index
	for _, st := range splitStatements(sqliteDDL) {
		up := strings.ToUpper(st)
		switch {
		case strings.HasPrefix(up, "PRAGMA"), strings.HasPrefix(up, "CREATE VIRTUAL"),
			strings.HasPrefix(up, "CREATE TRIGGER"), strings.HasPrefix(up, "CREATE TEMP"),
			strings.HasPrefix(up, "DROP "), strings.HasPrefix(up, "INSERT"):
			continue
		case strings.HasPrefix(up, "CREATE TABLE"):
			m := reTable.FindStringSubmatch(st)
			if m == nil {
				return nil, fmt.Errorf("postgres: cannot translate: %.80s", st)
			}
			t := Table{Name: m[1]}
			var defs []string
			for _, part := range splitTopLevel(m[2]) {
				if tableConstraint.MatchString(part) {
					defs = append(defs, pgType(part))
					if mm := regexp.MustCompile(`(?i)^(?:PRIMARY\s+KEY|UNIQUE)\s*\(\s*(\w+)`).FindStringSubmatch(part); mm != nil {
						indexed[t.Name+"."+mm[1]] = true
					}
					continue
				}
				f := strings.Fields(part)
				c := Column{Name: f[0], Decl: pgType(strings.TrimSpace(part[len(f[0]):]))}
				if mm := reRef.FindStringSubmatch(part); mm != nil {
					c.Ref = mm[1]
				}
				if strings.Contains(strings.ToUpper(c.Decl), "PRIMARY KEY") || strings.Contains(strings.ToUpper(c.Decl), "UNIQUE") {
					indexed[t.Name+"."+c.Name] = true
				}
				t.Columns = append(t.Columns, c)
				defs = append(defs, c.Name+" "+c.Decl)
			}
			t.SQL = "CREATE TABLE IF NOT EXISTS " + t.Name + " (\n  " + strings.Join(defs, ",\n  ") + "\n)"
			d.Tables = append(d.Tables, t)
		case strings.HasPrefix(up, "CREATE INDEX"), strings.HasPrefix(up, "CREATE UNIQUE INDEX"):
			m := reIndex.FindStringSubmatch(st)
			if m == nil {
				return nil, fmt.Errorf("postgres: cannot translate: %.80s", st)
			}
			cols := strings.TrimSpace(m[4])
			first := strings.Fields(strings.Trim(strings.SplitN(cols, ",", 2)[0], "() "))
			if len(first) > 0 {
				indexed[m[3]+"."+first[0]] = true
			}
			d.Indexes = append(d.Indexes, fmt.Sprintf("CREATE %sINDEX IF NOT EXISTS %s ON %s %s", strings.ToUpper(m[1]), m[2], m[3], reNoCase.ReplaceAllString(cols, "")))
		case strings.HasPrefix(up, "CREATE VIEW"):
			m := reView.FindStringSubmatch(st)
			if m == nil {
				return nil, fmt.Errorf("postgres: cannot translate: %.80s", st)
			}
			body := reGroupConc.ReplaceAllString(m[2], "string_agg(")
			body = reIfNull.ReplaceAllString(body, "coalesce(")
			d.Views = append(d.Views, View{Name: m[1], SQL: "CREATE OR REPLACE VIEW " + m[1] + " AS " + body})
		default:
			return nil, fmt.Errorf("postgres: unknown DDL statement: %.80s", st)
		}
	}
	// Foreign-key columns without an index get one.
	for _, t := range d.Tables {
		for _, c := range t.Columns {
			if c.Ref != "" && !indexed[t.Name+"."+c.Name] {
				d.Indexes = append(d.Indexes, fmt.Sprintf("CREATE INDEX IF NOT EXISTS %s_%s_fk ON %s (%s)", t.Name, c.Name, t.Name, c.Name))
				indexed[t.Name+"."+c.Name] = true
			}
		}
	}
	return d, nil
}

// Table returns the table called name, nil when none.
func (d *Derived) Table(name string) *Table {
	for i := range d.Tables {
		if d.Tables[i].Name == name {
			return &d.Tables[i]
		}
	}
	return nil
}

// order returns the table names with every referenced table before the
// tables that reference it (self-references aside).
func (d *Derived) order() []string {
	deps := map[string][]string{}
	var names []string
	for _, t := range d.Tables {
		names = append(names, t.Name)
		for _, c := range t.Columns {
			if c.Ref != "" && c.Ref != t.Name {
				deps[t.Name] = append(deps[t.Name], c.Ref)
			}
		}
	}
	sort.Strings(names)
	done := map[string]bool{}
	var out []string
	var visit func(string)
	visit = func(n string) {
		if done[n] {
			return
		}
		done[n] = true
		for _, r := range deps[n] {
			visit(r)
		}
		out = append(out, n)
	}
	for _, n := range names {
		visit(n)
	}
	return out
}
