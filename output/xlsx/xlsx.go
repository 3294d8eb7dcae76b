// Package xlsx writes the analysts' workbooks: one per input file and a
// summary across the batch, with the excelize StreamWriter.
package xlsx

import (
	"database/sql"
	"fmt"
	"os"
	"path/filepath"

	"github.com/xuri/excelize/v2"

	"policyx/schema"
)

// WriteDocument writes the workbook of one input file (all its parts) to
// path, through a temporary file renamed into place.
func WriteDocument(path string, docs []*schema.Document) error {
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		return err
	}
	_ = sw.SetRow("A1", []any{"part", "title", "文号", "issuer", "成文日期", "jurisdiction"})
	for i, d := range docs {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		_ = sw.SetRow(cell, []any{d.Part, d.Meta.Title, d.Meta.DocNumber, d.Meta.Issuer, d.Meta.IssueDate, d.Meta.Jurisdiction})
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return save(f, path)
}

// WriteSummary writes summary.xlsx from the database, so that its size does
// not depend on what the batch kept in memory.
func WriteSummary(path string, db *sql.DB) error {
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		return err
	}
	_ = sw.SetRow("A1", []any{"source_path", "part", "status", "title"})
	rows, err := db.Query(`SELECT source_path, part, status, coalesce(title,'') FROM documents ORDER BY source_path, part`)
	if err != nil {
		return err
	}
	defer rows.Close()
	r := 2
	for rows.Next() {
		var p, st, t string
		var part int
		if err := rows.Scan(&p, &part, &st, &t); err != nil {
			return err
		}
		cell, _ := excelize.CoordinatesToCellName(1, r)
		_ = sw.SetRow(cell, []any{p, part, st, t})
		r++
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return save(f, path)
}

func save(f *excelize.File, path string) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".tmp-*.xlsx")
	if err != nil {
		return err
	}
	name := tmp.Name()
	if err := f.Write(tmp); err != nil {
		tmp.Close()
		os.Remove(name)
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		os.Remove(name)
		return err
	}
	return os.Rename(name, path)
}
