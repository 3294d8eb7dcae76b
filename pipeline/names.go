package pipeline

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"unicode/utf8"
)

// The workbook file names of a run's files.

var unsafeName = regexp.MustCompile(`[\x00-\x1f/\\:*?"<>|]+`)

// maxNameBytes bounds the base of a workbook name, cut on a character.
const maxNameBytes = 150

// workbookBase is the workbook name a path would like: its base name with
// the extension dropped, unsafe characters replaced, cut to maxNameBytes
// on a character boundary.
func workbookBase(display string) string {
	base := filepath.Base(display)
	base = strings.TrimSuffix(base, filepath.Ext(base))
	base = unsafeName.ReplaceAllString(base, "_")
	base = strings.Trim(base, ". ")
	if len(base) > maxNameBytes {
		cut := maxNameBytes
		for cut > 0 && !utf8.RuneStart(base[cut]) {
			cut--
		}
		base = strings.TrimRight(base[:cut], ". ")
	}
	if base == "" {
		base = "document"
	}
	return base
}

// nameWorkbooks gives every job the workbook file name of its path: the one
// stored for it, else its base name, with a short hash of the path when
// another path has that name (stored or earlier in the run). Names stay
// with their paths across runs.
func (p *Pipeline) nameWorkbooks(db store, jobs []*job) error {
	sps, err := db.StoredPaths()
	if err != nil {
		return err
	}
	byPath := map[string]string{}
	used := map[string]string{"summary.xlsx": "\x00"}
	for _, sp := range sps {
		if sp.Workbook != "" {
			byPath[sp.Display] = sp.Workbook
			used[sp.Workbook] = sp.Display
		}
	}
	names := workbookNames(jobs, byPath, used)
	for i, j := range jobs {
		j.workbook = names[i]
	}
	return nil
}

func workbookNames(jobs []*job, byPath, used map[string]string) []string {
	out := make([]string, len(jobs))
	for i, j := range jobs {
		d := j.e.display
		if n := byPath[d]; n != "" && (used[n] == d || used[n] == "") {
			used[n] = d
			out[i] = n
			continue
		}
		base := workbookBase(d)
		name := base + ".xlsx"
		h := sha256.Sum256([]byte(j.e.path))
		hx := hex.EncodeToString(h[:])
		for k := 8; used[name] != "" && used[name] != d; k += 8 {
			if k > len(hx) {
				name = fmt.Sprintf("%s-%s-%d.xlsx", base, hx[:8], i)
				break
			}
			name = base + "-" + hx[:k] + ".xlsx"
		}
		used[name] = d
		out[i] = name
	}
	return out
}
