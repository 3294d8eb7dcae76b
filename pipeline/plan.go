package pipeline

import (
	"context"
	"os"
	"path/filepath"

	"policyx/output/sqlite"
)

// plan decides what becomes of every entry: rows written at once (skipped,
// failed and missing paths, unchanged files, duplicates of stored bytes)
// and files to process, each with the later paths of the same bytes. Files
// are hashed first, in order, so the first path of some bytes is processed
// and the others are duplicates, however the workers are scheduled.
func (p *Pipeline) plan(ctx context.Context, entries []entry, stored map[string]sqlite.StoredFile) ([]sqlite.Item, []*job) {
	var now []sqlite.Item
	var jobs []*job
	groups := map[string][]*entry{}
	walked := map[string]string{} // display path → SHA-256 of the files read
	for i := range entries {
		e := &entries[i]
		if e.status != "" {
			now = append(now, sqlite.Item{Files: []sqlite.FileRow{row(e, e.status, e.message, "")}})
			continue
		}
		if ctx.Err() != nil {
			now = append(now, interruptedItem(&job{e: e}, "interrupted before it was read"))
			e.status = sqlite.FileSkipped
			continue
		}
		if e.size <= p.opt.limits.MaxFileBytes {
			// Over the limit: not read at all; the worker fails it.
			e.sha = hashFile(e.path, p.opt.limits.MaxFileBytes)
		}
		if e.sha != "" {
			groups[e.sha] = append(groups[e.sha], e)
			walked[e.display] = e.sha
		}
	}
	for i := range entries {
		e := &entries[i]
		if e.status != "" {
			continue
		}
		if e.sha == "" {
			jobs = append(jobs, &job{e: e})
			continue
		}
		g := groups[e.sha]
		if g[0] != e {
			continue // handled with the first path of its bytes
		}
		st, ok := stored[e.sha]
		owner := -1
		for k, x := range g {
			if ok && x.display == st.Path {
				owner = k
			}
		}
		if !ok || st.Failed || p.opt.force {
			// Processed again under the path that holds them, if given.
			if owner > 0 {
				g = append(append([]*entry{g[owner]}, g[:owner]...), g[owner+1:]...)
			}
			jobs = append(jobs, &job{e: g[0], dups: g[1:]})
			continue
		}
		switch {
		case owner >= 0:
			o := g[owner]
			others := append(append([]*entry{}, g[:owner]...), g[owner+1:]...)
			if !p.opt.noWorkbooks && !p.workbookExists(st.Workbook) {
				jobs = append(jobs, &job{e: o, dups: others})
				continue
			}
			now = append(now, sqlite.Item{Files: []sqlite.FileRow{row(o, sqlite.FileUnchanged, "", o.sha)}})
			for _, x := range others {
				now = append(now, sqlite.Item{Files: []sqlite.FileRow{row(x, sqlite.FileDuplicate, "same bytes as "+o.display, x.sha)}})
			}
		case walked[st.Path] != "":
			// The path that holds these bytes in the database holds others
			// now: the first of this run's paths takes them over.
			jobs = append(jobs, &job{e: e, dups: g[1:]})
		default:
			// The stored path may be this very file named another way
			// (absolute and relative, a hard link): then it is unchanged.
			same := -1
			if sf, err := os.Stat(st.Path); err == nil {
				for k, x := range g {
					if xf, err := os.Stat(x.path); err == nil && os.SameFile(sf, xf) {
						same = k
						break
					}
				}
			}
			for k, x := range g {
				if k == same && (p.opt.noWorkbooks || p.workbookExists(st.Workbook)) {
					now = append(now, sqlite.Item{Files: []sqlite.FileRow{row(x, sqlite.FileUnchanged, "stored as "+st.Path, x.sha)}})
					continue
				}
				now = append(now, sqlite.Item{Files: []sqlite.FileRow{row(x, sqlite.FileDuplicate, "same bytes as "+st.Path+" (stored before)", x.sha)}})
			}
		}
	}
	return now, jobs
}

func (p *Pipeline) workbookExists(name string) bool {
	if name == "" {
		return false
	}
	_, err := os.Stat(filepath.Join(p.opt.outDir, "xlsx", name))
	return err == nil
}

// row is the files row of e.
func row(e *entry, status, message, docSHA string) sqlite.FileRow {
	return sqlite.FileRow{Path: e.path, Display: e.display, SHA256: e.sha, Status: status, Message: message, DocSHA256: docSHA}
}

// interruptedItem records a job the run stopped before: skipped, nothing
// stored.
func interruptedItem(j *job, why string) sqlite.Item {
	it := sqlite.Item{Files: []sqlite.FileRow{row(j.e, sqlite.FileSkipped, why, "")}}
	for _, d := range j.dups {
		it.Files = append(it.Files, row(d, sqlite.FileSkipped, why, ""))
	}
	return it
}
