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
	"archive/zip"
	"compress/flate"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"sync"

	"github.com/xuri/excelize/v2"
)

// save writes the workbook of w to path through replaceFile. The zip is
// written straight into the file: excelize's Write builds the whole zip in a
// bytes.Buffer first (WriteToBuffer) and copies it out, hundreds of MB and
// the buffer's doublings for the summary of a large batch (peak RSS 691 MB
// on a 1 GB batch). WriteToBuffer hands its buffer to the zip writer
// function; the one set here writes to the file instead, so the buffer
// stays empty, and puts the spooled rows of every streamed worksheet in
// place (spliceZip). The bytes are excelize's, except its marking of zip64
// entries, parts over 4 GiB (far past a sheet's 1,048,576 rows).
func save(w *writer, path string) error {
	sheets := map[string]*sheetPart{}
	ids := map[string]int{}
	for id, name := range w.f.GetSheetMap() {
		ids[name] = id
	}
	for _, p := range w.parts {
		id, ok := ids[p.name]
		if !ok {
			return fmt.Errorf("%s: sheet %s: not in the workbook", path, p.name)
		}
		// the part of a sheet added to a new workbook (excelize's NewSheet)
		sheets["xl/worksheets/sheet"+strconv.Itoa(id)+".xml"] = p
	}
	return replaceFile(path, func(out io.Writer) error {
		z := &spliceZip{zw: fastZip(out), sheets: sheets, recur: w.recur}
		w.f.SetZipWriter(func(io.Writer) excelize.ZipWriter { return z })
		buf, err := w.f.WriteToBuffer()
		if err == nil && buf.Len() > 0 {
			err = errors.New("workbook bytes outside the zip")
		}
		return err
	})
}

// replaceFile writes path through a temporary file in its folder, filled by
// write and renamed into place, so a reader never sees half a workbook.
func replaceFile(path string, write func(w io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".tmp-*.xlsx")
	if err != nil {
		return err
	}
	name := tmp.Name()
	// CreateTemp makes the file private; a workbook is for others to read.
	err = tmp.Chmod(0o644)
	if err == nil {
		err = write(tmp)
	}
	if err != nil {
		tmp.Close()
		os.Remove(name)
		return fmt.Errorf("%s: %w", path, err)
	}
	err = tmp.Close()
	if err == nil {
		err = os.Rename(name, path)
	}
	if err != nil {
		os.Remove(name)
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// Workbooks are deflated at flate.BestSpeed, not the default level: in a
// batch, compressing the workbooks took about a tenth of the whole run's CPU
// at the default level, and BestSpeed roughly halves that time for files
// somewhat larger (XML compresses well either way). The parts are the same.
var fastFlate sync.Pool // of *flate.Writer

type pooledFlate struct {
	fw *flate.Writer
}

func (p *pooledFlate) Write(b []byte) (int, error) { return p.fw.Write(b) }

func (p *pooledFlate) Close() error {
	if p.fw == nil {
		return nil
	}
	err := p.fw.Close()
	fastFlate.Put(p.fw)
	p.fw = nil
	return err
}

func fastCompressor(out io.Writer) (io.WriteCloser, error) {
	fw, err := getFlate(out)
	if err != nil {
		return nil, err
	}
	return &pooledFlate{fw}, nil
}

// getFlate is a BestSpeed deflater writing to out, from the pool (give it
// back with fastFlate.Put).
func getFlate(out io.Writer) (*flate.Writer, error) {
	if fw, ok := fastFlate.Get().(*flate.Writer); ok {
		fw.Reset(out)
		return fw, nil
	}
	return flate.NewWriter(out, flate.BestSpeed)
}

// fastZip is the workbooks' zip writer.
func fastZip(w io.Writer) *zip.Writer {
	zw := zip.NewWriter(w)
	zw.RegisterCompressor(zip.Deflate, fastCompressor)
	return zw
}
