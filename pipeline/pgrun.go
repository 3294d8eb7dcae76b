package pipeline

import (
	"fmt"

	"policyx/corpus"
	"policyx/output/sqlite"
)

// claimed wraps the work of the run's jobs for a store that several
// processes share: each file is claimed by its SHA-256 before it is read,
// so overlapping batches of several processes extract each file once. A
// file another process has (or finished during this run) is left to it:
// its files row says unchanged, linked to the documents that process
// stores. The plan already decided the file needs processing, so a claim
// finished before this run started is taken again (redo).
func (p *Pipeline) claimed(db store, jobs []*job, work func(i int) FileResult) func(i int) FileResult {
	c, ok := db.(claimer)
	if !ok {
		return work
	}
	return func(i int) FileResult {
		j := jobs[i]
		if j.e.sha == "" { // not read (over the size limit): fails at once
			return work(i)
		}
		got, err := c.Claim(j.e.sha, true)
		if err != nil {
			fmt.Fprintf(p.opt.log, "%s: %v\n", j.e.display, err)
			return work(i) // the write fails too if the database is gone
		}
		if got {
			return work(i)
		}
		return FileResult{job: j, Input: corpus.Input{Path: j.e.path, Format: j.e.format, Size: j.e.size}, SHA256: j.e.sha, elsewhere: true}
	}
}

// elsewhereItem is the files rows of a job another process stores.
func elsewhereItem(j *job) sqlite.Item {
	it := sqlite.Item{Files: []sqlite.FileRow{row(j.e, sqlite.FileUnchanged, "processed by another policyx process", j.e.sha)}}
	for _, d := range j.dups {
		it.Files = append(it.Files, row(d, sqlite.FileDuplicate, "same bytes as "+j.e.display, j.e.sha))
	}
	return it
}
