package tables

import "policyx/schema"

// fillBreaks finds, in a table of a PDF, the rows where a vertically merged
// label cell continues past a page break (see fillAcrossBreak). The PDF
// reader joins the pages of a table into one block, so the break shows only
// as the empty cells: a label that two rows repeat (a merged cell the reader
// expanded) followed by an empty cell in the same column.
func (v *vocab) fillBreaks(rows []schema.TableRow) {
	for k := 2; k < len(rows); k++ {
		a, b, r := rows[k-2], rows[k-1], rows[k]
		for c := 0; c < len(r.Cells) && c < len(a.Cells) && c < len(b.Cells); c++ {
			if v.isValue(b.Cells[c]) {
				break
			}
			if r.Cells[c] == "" && b.Cells[c] != "" && a.Cells[c] == b.Cells[c] {
				v.fillAcrossBreak(rows, k)
				break
			}
		}
	}
}

// fillAcrossBreak fills the label cells of the rows from k on that a
// vertically merged cell covers when it continues on the next page: the
// reader repeats a merged cell in every row of its page, but the rows of
// the next page show it empty. A column is filled where the two rows above
// the break hold the same label and the rows below leave it empty, down to
// the first row that has its own label there or a new label in a column to
// its left.
func (v *vocab) fillAcrossBreak(rows []schema.TableRow, k int) {
	if k < 2 {
		return
	}
	a, b := rows[k-2], rows[k-1]
	if a.IsTotal || b.IsTotal {
		return
	}
	for c := 0; c < len(b.Cells) && c < len(a.Cells); c++ {
		lab := b.Cells[c]
		if lab == "" || a.Cells[c] != lab || v.isValue(lab) {
			if v.isValue(lab) {
				return // labels stand left of the figures
			}
			continue
		}
		for j := k; j < len(rows); j++ {
			r := &rows[j]
			if c >= len(r.Cells) || r.Cells[c] != "" || r.IsTotal && c > 0 {
				break
			}
			left := true
			for c2 := 0; c2 < c; c2++ {
				if c2 < len(r.Cells) && r.Cells[c2] != rows[k-1].Cells[c2] && !(j > k && r.Cells[c2] == rows[j-1].Cells[c2]) {
					left = false
				}
			}
			if !left || len(nonEmpty(r.Cells)) == 0 {
				break
			}
			r.Cells[c] = lab
		}
	}
}

// continuesTable reports whether the table block at ls[j] continues the table
// ending at ls[last] (a page break: nothing but artefacts between).
func continuesTable(ls []line, last, j int) bool {
	gap := 0
	for k := last + 1; k < j; k++ {
		if reArtefact.MatchString(ls[k].text) {
			continue
		}
		// a line or two the reader lost at the page break
		if gap++; gap > 2 || runeLen(ls[k].text) > 60 || ls[k].heading {
			return false
		}
	}
	return true
}
