package pipeline

// Every path a run is given or walks becomes one entry, and every entry one
// row of the files table: read, or skipped, failed or missing with the
// reason. Nothing found is left unaccounted for.

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"

	"policyx/corpus"
	"policyx/output/sqlite"
	"policyx/schema"
)

// entry is one path of a run.
type entry struct {
	path    string // as walked or given: the name's bytes
	display string // valid UTF-8 form (displayPath)
	status  string // "" for a file to read; else sqlite.FileSkipped, FileFailed or FileMissing
	message string
	format  schema.Format
	size    int64
	sha     string // SHA-256 of the bytes, "" when not (yet) read
}

// displayPath returns p as valid UTF-8: p itself when it is, else p with
// every byte that is not part of a UTF-8 sequence written as \xHH, so two
// names that differ in such bytes stay two names.
func displayPath(p string) string {
	if utf8.ValidString(p) {
		return p
	}
	var b strings.Builder
	for len(p) > 0 {
		r, n := utf8.DecodeRuneInString(p)
		if r == utf8.RuneError && n == 1 {
			fmt.Fprintf(&b, `\x%02x`, p[0])
		} else {
			b.WriteString(p[:n])
		}
		p = p[n:]
	}
	return b.String()
}

// walker expands the paths of a run into entries.
type walker struct {
	outDir  string      // absolute OUTDIR
	outInfo os.FileInfo // OUTDIR, nil when it does not exist
	// readDir lists a folder (os.ReadDir; tests replace it).
	readDir func(string) ([]fs.DirEntry, error)
	seen    map[string]bool
	out     []entry
}

func newWalker(outDir string) *walker {
	w := &walker{readDir: os.ReadDir, seen: map[string]bool{}}
	if abs, err := filepath.Abs(outDir); err == nil {
		w.outDir = abs
	}
	w.outInfo, _ = os.Stat(outDir)
	return w
}

func (w *walker) add(e entry) {
	if w.seen[e.path] {
		return
	}
	w.seen[e.path] = true
	e.display = displayPath(e.path)
	w.out = append(w.out, e)
}

// walk returns one entry per path given and per path found in the folders
// given, sorted by path. Symbolic links to folders are not followed, so a
// link loop cannot trap the walk; hidden names are skipped.
func (w *walker) walk(paths []string) []entry {
	for _, root := range paths {
		root = filepath.Clean(root)
		if why := w.ownOutput(root, nil); why != "" {
			w.add(entry{path: root, status: sqlite.FileSkipped, message: why})
			continue
		}
		st, err := os.Stat(root)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			if _, lerr := os.Lstat(root); lerr == nil {
				w.add(entry{path: root, status: sqlite.FileFailed, message: "broken symbolic link: " + err.Error()})
			} else {
				w.add(entry{path: root, status: sqlite.FileMissing, message: err.Error()})
			}
		case err != nil:
			w.add(entry{path: root, status: sqlite.FileFailed, message: err.Error()})
		case st.IsDir():
			w.dir(root, st)
		default:
			w.file(root, st, false)
		}
	}
	sort.SliceStable(w.out, func(i, j int) bool { return w.out[i].path < w.out[j].path })
	return w.out
}

func (w *walker) dir(dir string, st os.FileInfo) {
	if why := w.ownOutput(dir, st); why != "" {
		w.add(entry{path: dir, status: sqlite.FileSkipped, message: why})
		return
	}
	ents, err := w.readDir(dir)
	if err != nil {
		// What was listed before the error is still walked; the folder
		// itself fails, so the run says some of it was not read.
		w.add(entry{path: dir, status: sqlite.FileFailed, message: "folder not read: " + err.Error()})
	}
	for _, d := range ents {
		p := filepath.Join(dir, d.Name())
		name := d.Name()
		if strings.HasPrefix(name, ".") {
			w.add(entry{path: p, status: sqlite.FileSkipped, message: "hidden name, not read"})
			continue
		}
		if d.Type()&fs.ModeSymlink != 0 {
			st, err := os.Stat(p)
			switch {
			case err != nil:
				w.add(entry{path: p, status: sqlite.FileFailed, message: "symbolic link not followed: " + err.Error()})
			case st.IsDir():
				w.add(entry{path: p, status: sqlite.FileSkipped, message: "symbolic link to a folder (not followed)"})
			default:
				w.file(p, st, true)
			}
			continue
		}
		if d.IsDir() {
			st, err := os.Lstat(p)
			if err != nil {
				w.add(entry{path: p, status: sqlite.FileFailed, message: err.Error()})
				continue
			}
			w.dir(p, st)
			continue
		}
		st, err := os.Lstat(p)
		if err != nil {
			w.add(entry{path: p, status: sqlite.FileFailed, message: err.Error()})
			continue
		}
		w.file(p, st, true)
	}
}

// file adds a file; walked says it was found in a folder (not named).
func (w *walker) file(p string, st os.FileInfo, walked bool) {
	if !st.Mode().IsRegular() {
		w.add(entry{path: p, status: sqlite.FileSkipped, message: "not a regular file"})
		return
	}
	if walked && corpus.IsFolderNote(filepath.Base(p)) {
		w.add(entry{path: p, status: sqlite.FileSkipped, message: "folder description (README), not a policy"})
		return
	}
	if why := w.ownOutput(filepath.Dir(p), nil); !walked && why != "" {
		w.add(entry{path: p, status: sqlite.FileSkipped, message: why})
		return
	}
	f, err := corpus.FormatOf(p)
	if errors.Is(err, corpus.ErrUnsupported) {
		w.add(entry{path: p, status: sqlite.FileSkipped, message: err.Error()})
		return
	}
	w.add(entry{path: p, format: f, size: st.Size()})
}

// ownOutput says why dir is not read when it is policyx output: this run's
// OUTDIR or a folder inside it, or a folder holding a policy.db that
// policyx wrote.
func (w *walker) ownOutput(dir string, st os.FileInfo) string {
	if w.outDir != "" {
		if abs, err := filepath.Abs(dir); err == nil && (abs == w.outDir || strings.HasPrefix(abs, w.outDir+string(filepath.Separator))) {
			return "the output folder of this run (OUTDIR), not read"
		}
	}
	if st == nil {
		return ""
	}
	if w.outInfo != nil && os.SameFile(st, w.outInfo) {
		return "the output folder of this run (OUTDIR), not read"
	}
	if isPolicyxDB(filepath.Join(dir, "policy.db")) {
		return "holds policy.db written by policyx: output, not read"
	}
	return ""
}

// isPolicyxDB reports whether path is a SQLite file written by policyx: its
// header's application_id, or (older policyx) user_version 1 beside an
// xlsx folder.
func isPolicyxDB(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	var h [100]byte
	if _, err := io.ReadFull(f, h[:]); err != nil || !bytes.HasPrefix(h[:], []byte("SQLite format 3\x00")) {
		return false
	}
	if binary.BigEndian.Uint32(h[68:72]) == schema.ApplicationID {
		return true
	}
	if binary.BigEndian.Uint32(h[60:64]) == schema.UserVersion {
		st, err := os.Stat(filepath.Join(filepath.Dir(path), "xlsx"))
		return err == nil && st.IsDir()
	}
	return false
}

// hashFile returns the SHA-256 of a file's bytes, "" when it cannot be read
// or is over the size limit (reading it then fails with the reason).
func hashFile(path string, max int64) string {
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, io.LimitReader(f, max+1))
	if err != nil || n > max {
		return ""
	}
	return hex.EncodeToString(h.Sum(nil))
}
