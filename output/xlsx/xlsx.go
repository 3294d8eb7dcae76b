// Package xlsx writes the analysts' workbooks: one per input file
// (WriteDocument, from the documents in memory) and summary.xlsx across the
// batch (WriteSummary, streamed from the SQLite database).
//
// Every sheet is written with the excelize StreamWriter, a tabular sheet has
// a frozen header row, an autofilter and column widths measured in display
// units (a CJK character counts as two, capped, long text wrapped). Text is
// always written as text, never as a formula; text a spreadsheet would read
// as a formula when edited (=, +, -, @) gets the text number format. The
// output is deterministic: the same input gives the same cells and styles.
package xlsx

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/xuri/excelize/v2"
)

// save writes f to a temporary file in path's folder and renames it into
// place, so a reader never sees half a workbook.
func save(f *excelize.File, path string) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".tmp-*.xlsx")
	if err != nil {
		return err
	}
	name := tmp.Name()
	// CreateTemp makes the file private; a workbook is for others to read.
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		os.Remove(name)
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := f.Write(tmp); err != nil {
		tmp.Close()
		os.Remove(name)
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		os.Remove(name)
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := os.Rename(name, path); err != nil {
		os.Remove(name)
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}
