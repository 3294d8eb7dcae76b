package corpus

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
)

// zipArchive is a zip file (DOCX, XLSX) opened under Limits: the number of
// entries is capped when it is opened, and every entry is capped both by
// its declared size (so a zip bomb fails before anything is inflated) and
// by the bytes actually inflated (the declared size can lie).
type zipArchive struct {
	zr     *zip.Reader
	lim    Limits
	byName map[string]*zip.File // exact names
	folded map[string]*zip.File // lower case, forward slashes
}

// errNotZip is returned for data that is not a zip archive at all.
var errNotZip = errors.New("not a zip archive (damaged, or another format with a .docx/.xlsx name)")

// openZip opens data as a zip archive under lim.
func openZip(data []byte, lim Limits) (*zipArchive, error) {
	if len(data) < 4 || !bytes.HasPrefix(data, []byte("PK")) {
		if isOLE(data) {
			if bytes.Contains(data, utf16le("EncryptedPackage")) {
				return nil, errors.New("encrypted: password required (save it without a password)")
			}
			return nil, errors.New("not a zip archive: a legacy Office (OLE2) file, convert it to .docx/.xlsx")
		}
		return nil, errNotZip
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", errNotZip, err)
	}
	if lim.MaxZipEntries > 0 && len(zr.File) > lim.MaxZipEntries {
		return nil, fmt.Errorf("zip has %d entries, more than the limit of %d", len(zr.File), lim.MaxZipEntries)
	}
	z := &zipArchive{zr: zr, lim: lim, byName: map[string]*zip.File{}, folded: map[string]*zip.File{}}
	for _, f := range zr.File {
		if _, ok := z.byName[f.Name]; !ok {
			z.byName[f.Name] = f
		}
		k := foldZipName(f.Name)
		if _, ok := z.folded[k]; !ok {
			z.folded[k] = f
		}
	}
	return z, nil
}

// isOLE reports the OLE2 compound-file signature (.doc, .xls, and Office
// files encrypted with a password).
func isOLE(data []byte) bool {
	return bytes.HasPrefix(data, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1})
}

// utf16le encodes an ASCII string as UTF-16LE (OLE2 stream names).
func utf16le(s string) []byte {
	b := make([]byte, 0, 2*len(s))
	for i := 0; i < len(s); i++ {
		b = append(b, s[i], 0)
	}
	return b
}

func foldZipName(name string) string {
	return strings.ToLower(strings.TrimPrefix(strings.ReplaceAll(name, `\`, "/"), "/"))
}

// file finds an entry by name: exactly, else ignoring case and slash
// direction (some producers write word\document.xml).
func (z *zipArchive) file(name string) *zip.File {
	if f, ok := z.byName[name]; ok {
		return f
	}
	return z.folded[foldZipName(name)]
}

// has reports whether the archive holds name.
func (z *zipArchive) has(name string) bool { return z.file(name) != nil }

// errEntryMissing is wrapped by open for an absent entry.
var errEntryMissing = errors.New("missing")

// open opens one entry for streaming. The returned reader fails with
// "zip entry NAME exceeds N MiB" once more than Limits.MaxZipEntry bytes
// come out of it.
func (z *zipArchive) open(name string) (io.ReadCloser, error) {
	f := z.file(name)
	if f == nil {
		return nil, fmt.Errorf("zip entry %s: %w", name, errEntryMissing)
	}
	max := z.lim.MaxZipEntry
	if max > 0 && f.UncompressedSize64 > uint64(max) {
		return nil, z.tooBig(f.Name)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("zip entry %s: %w", f.Name, err)
	}
	if max <= 0 {
		return rc, nil
	}
	return &cappedReader{r: io.LimitReader(rc, max+1), c: rc, left: max, err: z.tooBig(f.Name)}, nil
}

// readAll reads one whole entry under the cap.
func (z *zipArchive) readAll(name string) ([]byte, error) {
	rc, err := z.open(name)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	data, err := io.ReadAll(rc)
	if err != nil {
		return nil, wrapZipErr(name, err)
	}
	return data, nil
}

// wrapZipErr names the entry in a read error unless the error already does.
func wrapZipErr(name string, err error) error {
	var big *entryTooBig
	if errors.As(err, &big) {
		return err
	}
	return fmt.Errorf("zip entry %s: %w", name, err)
}

func (z *zipArchive) tooBig(name string) error {
	return &entryTooBig{name: name, max: z.lim.MaxZipEntry}
}

// entryTooBig is the error of a zip entry over Limits.MaxZipEntry.
type entryTooBig struct {
	name string
	max  int64
}

func (e *entryTooBig) Error() string {
	return fmt.Sprintf("zip entry %s exceeds %s", e.name, byteSize(e.max))
}

// byteSize prints n as whole MiB/KiB where it divides evenly.
func byteSize(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// cappedReader passes at most left bytes and then fails with err: unlike a
// bare io.LimitReader it does not let a truncated entry pass for a whole one.
type cappedReader struct {
	r    io.Reader
	c    io.Closer
	left int64
	err  error
}

func (c *cappedReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.left -= int64(n)
	if c.left < 0 {
		return 0, c.err
	}
	return n, err
}

func (c *cappedReader) Close() error { return c.c.Close() }
