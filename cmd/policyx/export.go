package main

import (
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	_ "github.com/mattn/go-sqlite3" // database/sql driver "sqlite3"

	"policyx/output/postgres"
)

// policyx export reads a policyx database (-db, the source) and writes it in
// another form (-format) to -o. Formats are entries of exporters; sources
// are opened by openSource. A new target format (e.g. a SQLite copy of a
// PostgreSQL database) is one more exporter, a new source one more case in
// openSource.

const exportSynopsis = "policyx export -format csv -o DIR [-db OUTDIR/policy.db]"

const exportHelp = `usage: policyx export -format FORMAT -o DEST [-db SOURCE]

Writes what a policyx database holds in another form.

Formats:
  sqlite  a new SQLite database DEST with the contract's tables (the default
          when DEST ends in .db): from PostgreSQL, what score.py reads.
  csv   one CSV file per table (tables/table_rows/table_cells) in the folder
        DEST: UTF-8 with a byte-order mark and CRLF line ends, so Excel opens
        it as Chinese text; the header row first, a group_label column first
        when the table has group rows. DEST/index.csv lists every file with
        its document (title, 文号, source path), table caption and pages.

SOURCE is the database written by policyx run (default out/policy.db).

Flags:
`

// exporter writes the database src in one format to dest.
type exporter func(src *sql.DB, dest string, stdout io.Writer) error

var exporters = map[string]exporter{
	"csv":    exportCSV,
	"sqlite": exportSQLite,
}

func exportCmd(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	format := fs.String("format", "csv", "output format: "+strings.Join(exportFormats(), ", "))
	dest := fs.String("o", "", "destination (csv: a folder, created if missing)")
	source := fs.String("db", defaultSource(), "source database: the policy.db a run wrote, or a PostgreSQL database (postgres://…; default $POLICYX_DB when it is one)")
	dbSchema := fs.String("db-schema", "policyx", "PostgreSQL schema of -db")
	if ok, code := parseFlags(fs, args, stdout, stderr, exportSynopsis, func(w io.Writer) {
		fmt.Fprint(w, exportHelp)
		fs.SetOutput(w)
		fs.PrintDefaults()
	}); !ok {
		return code
	}
	formatSet := false
	fs.Visit(func(f *flag.Flag) { formatSet = formatSet || f.Name == "format" })
	if !formatSet && strings.HasSuffix(*dest, ".db") {
		*format = "sqlite" // policyx export -db postgres://… -o x.db
	}
	ex, ok := exporters[*format]
	switch {
	case !ok:
		return usageError(stderr, "export", exportSynopsis, fmt.Sprintf("-format %q: want one of %s", *format, strings.Join(exportFormats(), ", ")))
	case *dest == "":
		return usageError(stderr, "export", exportSynopsis, "-o: no destination given")
	case fs.NArg() > 0:
		return usageError(stderr, "export", exportSynopsis, fmt.Sprintf("unexpected argument %q", fs.Arg(0)))
	}
	if postgres.IsURL(*source) {
		return exportPostgres(*source, *dbSchema, *format, ex, *dest, stdout, stderr)
	}
	src, err := openSource(*source)
	if err != nil {
		fmt.Fprintf(stderr, "policyx export: %v\n", err)
		return 1
	}
	defer src.Close()
	if err := ex(src, *dest, stdout); err != nil {
		fmt.Fprintf(stderr, "policyx export: %v\n", err)
		return 1
	}
	return 0
}

func exportFormats() []string {
	var out []string
	for f := range exporters {
		out = append(out, f)
	}
	sort.Strings(out)
	return out
}

// openSource opens the source database read-only.
func openSource(src string) (*sql.DB, error) {
	if strings.Contains(src, "://") {
		return nil, fmt.Errorf("-db %s: only a SQLite file is supported as source", src)
	}
	st, err := os.Stat(src)
	if err != nil {
		return nil, fmt.Errorf("-db: %w", err)
	}
	if st.IsDir() {
		src = filepath.Join(src, "policy.db") // an OUTDIR
	}
	db, err := sql.Open("sqlite3", "file:"+src+"?mode=ro&_busy_timeout=10000")
	if err != nil {
		return nil, fmt.Errorf("%s: %w", src, err)
	}
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM tables`).Scan(&n); err != nil {
		db.Close()
		return nil, fmt.Errorf("%s: not a policyx database: %w", src, err)
	}
	return db, nil
}

var unsafeName = regexp.MustCompile(`[\\/:*?"<>|\x00-\x1f\s]+`)

// exportCSV writes one CSV file per table and index.csv.
func exportCSV(src *sql.DB, dir string, stdout io.Writer) (err error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	rows, err := src.Query(`SELECT t.id, t.document_id, t.ordinal, coalesce(t.attachment, ''), coalesce(t.title, ''), t.header_json,
		coalesce(t.page, 0), coalesce(t.page_end, 0), coalesce(d.title, ''), coalesce(d.doc_number, ''), d.source_path, d.part
		FROM tables t JOIN documents d ON d.id = t.document_id ORDER BY d.source_path, d.part, t.ordinal`)
	if err != nil {
		return err
	}
	type tab struct {
		id, doc                int64
		ord, p0, p1, part      int
		att, title, hdr        string
		dtitle, number, source string
	}
	var tabs []tab
	for rows.Next() {
		var t tab
		if err := rows.Scan(&t.id, &t.doc, &t.ord, &t.att, &t.title, &t.hdr, &t.p0, &t.p1, &t.dtitle, &t.number, &t.source, &t.part); err != nil {
			rows.Close()
			return err
		}
		tabs = append(tabs, t)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	index := [][]string{{"file", "document_id", "document_title", "doc_number", "source_path", "part", "table_id", "ordinal", "attachment", "title", "page_start", "page_end", "n_rows"}}
	used := map[string]bool{}
	for _, t := range tabs {
		name := unsafeName.ReplaceAllString(strings.ReplaceAll(filepath.Base(t.source), ".", "_"), "_")
		if t.part > 1 {
			name += fmt.Sprintf("-p%d", t.part)
		}
		name += fmt.Sprintf("-table-%d", t.ord)
		for n, stem := 2, name; used[name]; n++ {
			name = fmt.Sprintf("%s-%d", stem, n)
		}
		used[name] = true
		file := name + ".csv"
		var header []string
		if err := json.Unmarshal([]byte(t.hdr), &header); err != nil {
			return fmt.Errorf("table %d: header_json: %w", t.id, err)
		}
		recs, err := tableRecords(src, t.id, header)
		if err != nil {
			return fmt.Errorf("table %d: %w", t.id, err)
		}
		if err := writeCSV(filepath.Join(dir, file), recs); err != nil {
			return err
		}
		pg := func(p int) string {
			if p == 0 {
				return ""
			}
			return fmt.Sprint(p)
		}
		index = append(index, []string{file, fmt.Sprint(t.doc), t.dtitle, t.number, t.source, fmt.Sprint(t.part), fmt.Sprint(t.id),
			fmt.Sprint(t.ord), t.att, t.title, pg(t.p0), pg(t.p1), fmt.Sprint(len(recs) - 1)})
	}
	if err := writeCSV(filepath.Join(dir, "index.csv"), index); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "policyx export: %d tables → %s\n", len(tabs), dir)
	return nil
}

// tableRecords is the header and the rows of one table, a group_label
// column first when any row has one.
func tableRecords(src *sql.DB, tableID int64, header []string) ([][]string, error) {
	rows, err := src.Query(`SELECT coalesce(group_label, ''), cells_json FROM table_rows WHERE table_id = ? ORDER BY row_index`, tableID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var groups []string
	var cells [][]string
	grouped := false
	for rows.Next() {
		var g, cj string
		if err := rows.Scan(&g, &cj); err != nil {
			return nil, err
		}
		var c []string
		if err := json.Unmarshal([]byte(cj), &c); err != nil {
			return nil, errors.New("cells_json: " + err.Error())
		}
		groups = append(groups, g)
		cells = append(cells, c)
		grouped = grouped || g != ""
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	recs := make([][]string, 0, len(cells)+1)
	h := append([]string{}, header...)
	if grouped {
		h = append([]string{"group_label"}, h...)
	}
	recs = append(recs, h)
	for i, c := range cells {
		if grouped {
			c = append([]string{groups[i]}, c...)
		}
		recs = append(recs, c)
	}
	return recs, nil
}

// writeCSV writes records as UTF-8 with a byte-order mark and CRLF, what
// Excel needs to read Chinese text from a CSV file.
func writeCSV(path string, recs [][]string) (err error) {
	tmp := path + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if _, err = f.WriteString("\uFEFF"); err != nil {
		return err
	}
	w := csv.NewWriter(f)
	w.UseCRLF = true
	if err = w.WriteAll(recs); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}
