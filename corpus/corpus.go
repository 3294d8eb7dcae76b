// Package corpus finds input files and reads them into schema.Documents:
// walking folders, detecting the format, hashing, and decoding text, HTML,
// PDF, DOCX and XLSX into blocks with page numbers.
//
// Readers return a best-effort result plus positioned diagnostics; an error
// is for input that cannot be read at all. Every entry point caps its input
// and recovers a panic into that file's error.
package corpus

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"policyx/schema"
)

// ErrUnsupported marks a file whose type policyx does not read. Such files
// are skipped and listed, not failed.
var ErrUnsupported = errors.New("unsupported file type")

// Limits caps what a reader accepts from one untrusted file.
type Limits struct {
	MaxFileBytes  int64 // whole input file
	MaxPages      int   // PDF pages read
	MaxZipEntry   int64 // uncompressed size of one zip entry (DOCX/XLSX)
	MaxZipEntries int   // entries in a zip
	MaxDepth      int   // XML/HTML nesting depth
	MaxLineBytes  int   // one line of text
}

// DefaultLimits are generous for real policies and small enough to keep a
// hostile file from exhausting memory.
var DefaultLimits = Limits{
	MaxFileBytes:  256 << 20,
	MaxPages:      2000,
	MaxZipEntry:   64 << 20,
	MaxZipEntries: 10000,
	MaxDepth:      512,
	MaxLineBytes:  8 << 20,
}

// withDefaults returns l with every limit that is not set (zero or
// negative) taken from DefaultLimits.
func (l Limits) withDefaults() Limits {
	d := DefaultLimits
	return Limits{
		MaxFileBytes:  orDefault(l.MaxFileBytes, d.MaxFileBytes),
		MaxPages:      orDefault(l.MaxPages, d.MaxPages),
		MaxZipEntry:   orDefault(l.MaxZipEntry, d.MaxZipEntry),
		MaxZipEntries: orDefault(l.MaxZipEntries, d.MaxZipEntries),
		MaxDepth:      orDefault(l.MaxDepth, d.MaxDepth),
		MaxLineBytes:  orDefault(l.MaxLineBytes, d.MaxLineBytes),
	}
}

func orDefault[T int | int64](v, d T) T {
	if v > 0 {
		return v
	}
	return d
}

// Reader reads input files. It holds no mutable state and is safe for
// concurrent use.
type Reader struct {
	limits Limits
	noOCR  bool
}

// Option configures a Reader.
type Option func(*Reader)

// WithLimits replaces the default limits.
func WithLimits(l Limits) Option { return func(r *Reader) { r.limits = l } }

// WithoutOCR turns OCR of scanned PDF pages off, as if tesseract were not
// installed.
func WithoutOCR() Option { return func(r *Reader) { r.noOCR = true } }

// New returns a Reader.
func New(opts ...Option) *Reader {
	r := &Reader{limits: DefaultLimits}
	for _, o := range opts {
		o(r)
	}
	return r
}

// Limits returns the reader's limits.
func (r *Reader) Limits() Limits { return r.limits }

// Input is one file found by Walk.
type Input struct {
	Path   string
	Format schema.Format // "" when unsupported
	Size   int64
}

// Skipped is a path Walk did not take, with the reason.
type Skipped struct {
	Path   string
	Reason string
}

// FormatOf guesses the format from the file name alone. It returns
// ErrUnsupported for types policyx does not read.
func FormatOf(path string) (schema.Format, error) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".txt", ".text":
		return schema.FormatTXT, nil
	case ".md", ".markdown":
		return schema.FormatMD, nil
	case ".html", ".htm", ".xhtml", ".shtml":
		return schema.FormatHTML, nil
	case ".pdf":
		return schema.FormatPDF, nil
	case ".docx":
		return schema.FormatDOCX, nil
	case ".xlsx", ".xlsm":
		return schema.FormatXLSX, nil
	case ".doc", ".wps", ".dot":
		return schema.FormatDOC, nil
	case ".ofd":
		return schema.FormatOFD, nil
	}
	return "", ErrUnsupported
}

// Walk expands paths (files or folders, folders recursively, in lexical
// order) into inputs. Unsupported files are returned as skipped. Symbolic
// links to folders are not followed, so a link loop cannot trap the walk.
func Walk(paths []string) ([]Input, []Skipped, error) {
	var ins []Input
	var skipped []Skipped
	seen := map[string]bool{}
	add := func(p string, size int64) {
		if seen[p] {
			return
		}
		seen[p] = true
		f, err := FormatOf(p)
		if errors.Is(err, ErrUnsupported) {
			skipped = append(skipped, Skipped{Path: p, Reason: err.Error()})
			return
		}
		ins = append(ins, Input{Path: p, Format: f, Size: size})
	}
	for _, root := range paths {
		st, err := os.Stat(root)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", root, err)
		}
		if !st.IsDir() {
			add(root, st.Size())
			continue
		}
		err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				skipped = append(skipped, Skipped{Path: p, Reason: err.Error()})
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				if p != root && strings.HasPrefix(d.Name(), ".") {
					return fs.SkipDir
				}
				return nil
			}
			if strings.HasPrefix(d.Name(), ".") {
				return nil
			}
			if IsFolderNote(d.Name()) {
				skipped = append(skipped, Skipped{Path: p, Reason: "folder description (README), not a policy"})
				return nil
			}
			if d.Type()&fs.ModeSymlink != 0 {
				st, err := os.Stat(p)
				if err != nil {
					skipped = append(skipped, Skipped{Path: p, Reason: "broken symbolic link"})
					return nil
				}
				if st.IsDir() {
					skipped = append(skipped, Skipped{Path: p, Reason: "symbolic link to a folder (not followed)"})
					return nil
				}
				add(p, st.Size())
				return nil
			}
			if !d.Type().IsRegular() {
				skipped = append(skipped, Skipped{Path: p, Reason: "not a regular file"})
				return nil
			}
			info, err := d.Info()
			if err != nil {
				skipped = append(skipped, Skipped{Path: p, Reason: err.Error()})
				return nil
			}
			add(p, info.Size())
			return nil
		})
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", root, err)
		}
	}
	sort.SliceStable(ins, func(i, j int) bool { return ins[i].Path < ins[j].Path })
	return ins, skipped, nil
}

// IsFolderNote reports whether a file found while walking a folder describes
// the folder (README.md, readme.txt …) rather than being a policy. A README
// named explicitly on the command line is still read.
func IsFolderNote(name string) bool {
	base := strings.ToUpper(strings.TrimSuffix(name, filepath.Ext(name)))
	return base == "README" || base == "LICENSE" || base == "CHANGELOG"
}

// ReadBytes reads a whole file, refusing files larger than the limit.
func (r *Reader) ReadBytes(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	// Refuse a file known to be too big before reading any of it; the
	// capped read below still holds if it grows meanwhile.
	if st, err := f.Stat(); err == nil && st.Mode().IsRegular() && st.Size() > r.limits.MaxFileBytes {
		return nil, fmt.Errorf("%s: file exceeds %s", path, byteSize(r.limits.MaxFileBytes))
	}
	data, err := io.ReadAll(io.LimitReader(f, r.limits.MaxFileBytes+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if int64(len(data)) > r.limits.MaxFileBytes {
		return nil, fmt.Errorf("%s: file exceeds %s", path, byteSize(r.limits.MaxFileBytes))
	}
	return data, nil
}

// Hash returns the hex SHA-256 of data.
func Hash(data []byte) string {
	h := sha256.Sum256(data)
	return hex.EncodeToString(h[:])
}

// decoder turns file bytes into blocks.
type decoder func(ctx context.Context, data []byte, lim Limits) ([]schema.Block, []schema.Diagnostic, error)

// Decode reads data (the bytes of path) in the given format into a Document
// holding raw blocks; normalize.Document turns them into normalized text. The
// context carries the time budget. A panic inside a reader is recovered and
// becomes the error.
func (r *Reader) Decode(ctx context.Context, path string, format schema.Format, data []byte) (doc *schema.Document, err error) {
	doc = &schema.Document{Path: path, SHA256: Hash(data), Part: 1, Format: format}
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("%s: reader panic (a bug, please report it): %v", path, p)
		}
	}()
	if max := r.limits.MaxFileBytes; max > 0 && int64(len(data)) > max {
		return doc, fmt.Errorf("%s: file exceeds %s", path, byteSize(max))
	}
	var dec decoder
	switch format {
	case schema.FormatTXT:
		dec = decodePlain
	case schema.FormatMD:
		dec = decodeText
	case schema.FormatHTML:
		dec = decodeHTML
	case schema.FormatPDF:
		dec = r.decodePDF
	case schema.FormatDOCX:
		dec = decodeDOCX
	case schema.FormatXLSX:
		dec = decodeXLSX
	case schema.FormatDOC:
		dec = decodeDOC
	case schema.FormatOFD:
		dec = r.decodeOFDWithOCR
	default:
		return doc, fmt.Errorf("%s: %w", path, ErrUnsupported)
	}
	if len(data) == 0 {
		return doc, fmt.Errorf("%s: empty file", path)
	}
	if kind, ext := sniffFormat(data); kind != "" && !sameFamily(format, kind, ext) {
		return doc, fmt.Errorf("%s: not %s: %s%s", path, formatName(format), kind, renameHint(path, ext))
	}
	if format != schema.FormatTXT && format != schema.FormatMD && format != schema.FormatHTML && isWebPage(data) {
		// Typically an error or login page saved under the name of the
		// file that was meant to be downloaded.
		return doc, fmt.Errorf("%s: not %s: a web page (HTML), rename it .html", path, formatName(format))
	}
	blocks, diags, err := dec(ctx, data, r.limits)
	doc.Blocks = blocks
	doc.Diagnostics = diags
	if err != nil {
		if ctx.Err() != nil && (errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled)) {
			return doc, fmt.Errorf("%s: timeout", path)
		}
		return doc, fmt.Errorf("%s: %w", path, err)
	}
	if ctx.Err() != nil {
		return doc, fmt.Errorf("%s: timeout", path)
	}
	if !hasText(blocks) {
		if format == schema.FormatPDF {
			return doc, fmt.Errorf("%s: no extractable text (scanned image?)", path)
		}
		return doc, fmt.Errorf("%s: no extractable text", path)
	}
	return doc, nil
}

// sniffBinary reports whether data is binary rather than text, and the byte
// offset of the first sign of it: a known binary file signature (PDF, zip,
// OLE2, images, archives, executables) at offset 0, else a NUL byte or a
// run of control characters (see binaryAt). Readers of text formats (text,
// Markdown, HTML) call it before decoding and fail with
// "not text (binary data at byte N)".
func sniffBinary(data []byte) (int, bool) {
	if kind, _ := sniffFormat(data); kind != "" {
		return 0, true
	}
	n := binaryAt(data)
	return n, n >= 0
}

// magic numbers of the binary formats a policy folder may hold under a
// wrong name. ext is the extension to rename to, "" when policyx does not
// read the format.
var magic = []struct {
	sig       string
	kind, ext string
}{
	{"%PDF-", "a PDF file", ".pdf"},
	{"PK\x03\x04", "a zip archive", ".docx"},
	{"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", "a legacy Office (OLE2) file: convert it to .docx/.xlsx", ""},
	{"\x89PNG", "a PNG image", ""},
	{"\xFF\xD8\xFF", "a JPEG image", ""},
	{"GIF8", "a GIF image", ""},
	{"\x1F\x8B", "a gzip archive", ""},
	{"Rar!", "a RAR archive", ""},
	{"7z\xBC\xAF", "a 7-Zip archive", ""},
	{"\x7FELF", "an executable", ""},
	{"{\\rtf", "an RTF file: convert it to .docx", ""},
}

// sniffFormat names the binary format data starts with, "" for none, and
// the extension policyx reads it under ("" when it does not read it).
func sniffFormat(data []byte) (kind, ext string) {
	for _, m := range magic {
		if !bytes.HasPrefix(data, []byte(m.sig)) {
			continue
		}
		if m.ext == ".docx" {
			head := data[:min(len(data), 4096)]
			switch {
			case bytes.Contains(head, []byte("word/")):
				return "a zip archive (a Word document?)", ".docx"
			case bytes.Contains(head, []byte("xl/")):
				return "a zip archive (an Excel workbook?)", ".xlsx"
			}
			return "a zip archive", ""
		}
		return m.kind, m.ext
	}
	return "", ""
}

// isWebPage reports data that starts (after a BOM and white space) like
// an HTML page.
func isWebPage(data []byte) bool {
	head := bytes.TrimLeft(trimBOM(data[:min(len(data), 512)]), " \t\r\n")
	head = bytes.ToLower(head[:min(len(head), 14)])
	return bytes.HasPrefix(head, []byte("<!doctype html")) || bytes.HasPrefix(head, []byte("<html"))
}

// sameFamily reports whether a file of format f may legitimately start
// with the signature sniffFormat found.
func sameFamily(f schema.Format, kind, ext string) bool {
	switch f {
	case schema.FormatPDF:
		return ext == ".pdf"
	case schema.FormatDOC:
		return strings.Contains(kind, "OLE2")
	case schema.FormatOFD:
		return strings.HasPrefix(kind, "a zip archive")
	case schema.FormatDOCX, schema.FormatXLSX:
		// Any zip goes to the zip reader, and so does OLE2 (which it
		// explains: legacy or encrypted).
		return strings.HasPrefix(kind, "a zip archive") || strings.Contains(kind, "OLE2")
	}
	return false
}

func formatName(f schema.Format) string {
	switch f {
	case schema.FormatTXT, schema.FormatMD, schema.FormatHTML:
		return "text"
	case schema.FormatPDF:
		return "a PDF"
	}
	return "a " + strings.ToUpper(string(f)) + " file"
}

func renameHint(path, ext string) string {
	if ext == "" || strings.EqualFold(filepath.Ext(path), ext) {
		return ""
	}
	return ", rename it " + ext
}

func hasText(blocks []schema.Block) bool {
	for _, b := range blocks {
		if strings.TrimSpace(b.Text) != "" || len(b.Rows) > 0 {
			return true
		}
	}
	return false
}

// ReadFile reads and decodes one file.
func (r *Reader) ReadFile(ctx context.Context, in Input) (*schema.Document, error) {
	if in.Format == "" {
		if _, err := FormatOf(in.Path); err != nil {
			return &schema.Document{Path: in.Path, Part: 1}, fmt.Errorf("%s: %w", in.Path, err)
		}
	}
	data, err := r.ReadBytes(in.Path)
	if err != nil {
		return &schema.Document{Path: in.Path, Part: 1, Format: in.Format}, err
	}
	return r.Decode(ctx, in.Path, in.Format, data)
}

// errNotYet marks formats whose reader has not landed.
var errNotYet = errors.New("not supported yet")

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

func trimBOM(b []byte) []byte { return bytes.TrimPrefix(b, utf8BOM) }
