package normalize

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"policyx/lexicon/cjk"
	"policyx/lexicon/outline"
	"policyx/schema"
)

// reContentsLabel is the label of a table of contents: 目录, 目 录, or a
// title ending in it (…应急预案目录).
var reContentsLabel = regexp.MustCompile(`^.{0,30}目录$`)

// reEntryTail is what follows the heading in an entry of a table of
// contents: dot leaders and the page number (………… 3, ...12, ·····5).
var reEntryTail = regexp.MustCompile(`[.．·…_—\-]*\d{0,3}$`)

// reMultilevel is a multilevel number before a heading (1.1编制目的, 2.3.1).
var reMultilevel = regexp.MustCompile(`^\d{1,2}(?:[.．]\d{1,2})+\s*\p{Han}`)

// contentsKey is a line as it is compared between a table of contents and
// the body: no spaces, no dot leaders or page number at the end.
func contentsKey(s string) string {
	return reEntryTail.ReplaceAllString(cjk.RemoveSpace(strings.TrimSpace(s)), "")
}

// DropContents blanks a table of contents: a line that reads 目录 (or ends
// with it) followed by short entries, right after which the body starts
// over with the first entry (1.总则 … 8.附则, then 1.总则), or most of
// which come again later as lines of the body. The
// entries are no sections of their own. A 目录 that heads a list or a table
// of its own (产业指导目录, 重点项目目录) stays: its items are not repeated.
func DropContents(blocks []schema.Block) []schema.Block {
	text := func(i int) (string, bool) {
		b := blocks[i]
		if b.Kind != schema.BlockPara && b.Kind != schema.BlockHeading {
			return "", false
		}
		return strings.TrimSpace(b.Text), true
	}
	for i := range blocks {
		t, ok := text(i)
		if !ok || utf8.RuneCountInString(t) > 40 || !reContentsLabel.MatchString(cjk.RemoveSpace(t)) {
			continue
		}
		var entries []int
		var first string
		restart := false // the body starts over with the first entry
		end := i + 1
		for ; end < len(blocks); end++ {
			e, ok := text(end)
			if !ok {
				break
			}
			if e == "" {
				continue
			}
			k := contentsKey(e)
			if restart = k == first; restart || k == "" || utf8.RuneCountInString(k) > 40 {
				break // the body, or a long line
			}
			if first == "" {
				first = k
			}
			entries = append(entries, end)
		}
		later := keysFrom(blocks, end)
		n := 0
		for _, e := range entries {
			if later[contentsKey(blocks[e].Text)] {
				n++
			}
		}
		if len(entries) < 3 || !restart && 3*n < 2*len(entries) {
			continue
		}
		blocks[i].Text = ""
		for _, e := range entries {
			// an entry has a label, leaders or a page number, or comes
			// again; a line between the contents and the body (the
			// plan's name) stays
			t := strings.TrimSpace(blocks[e].Text)
			if l, _ := outline.Read(t); l.Style != outline.None || reMultilevel.MatchString(t) || contentsKey(t) != cjk.RemoveSpace(t) || later[contentsKey(t)] {
				blocks[e].Text = ""
			}
		}
		return blocks
	}
	return blocks
}

// keysFrom returns the contentsKey of every line from block end on.
func keysFrom(blocks []schema.Block, end int) map[string]bool {
	later := map[string]bool{}
	for _, b := range blocks[end:] {
		if b.Kind == schema.BlockPara || b.Kind == schema.BlockHeading {
			later[contentsKey(b.Text)] = true
		}
	}
	return later
}
