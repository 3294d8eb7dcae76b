package normalize

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"

	"policyx/lexicon/cjk"
	"policyx/lexicon/outline"
	"policyx/schema"
)

// The block-level steps take and return []schema.Block in reading order. An
// empty BlockPara stands for a blank line: readers of plain text keep them,
// and JoinWrapped needs to know where they were. The steps expect text
// already folded by FoldSpaces and FoldWidth (Document does that first).

var mdHeadingLine = regexp.MustCompile(`^ {0,3}(#{1,6})[ \t]+(.*?)[ \t#]*$`)

// Headings turns paragraphs written as Markdown headings ("# 标题",
// "## 一、总体要求") into BlockHeadings with the marker removed and Level set.
func Headings(blocks []schema.Block) []schema.Block {
	for i := range blocks {
		b := &blocks[i]
		if b.Kind != schema.BlockPara || !strings.Contains(b.Text, "#") || len(b.Text) > 4096 {
			continue
		}
		if m := mdHeadingLine.FindStringSubmatch(b.Text); m != nil && strings.TrimSpace(m[2]) != "" {
			b.Kind, b.Level, b.Text = schema.BlockHeading, len(m[1]), m[2]
		}
	}
	return blocks
}

var pageArtefact = regexp.MustCompile(`^(?:` +
	`[-—–－―~～_]{1,3}\s*(\d{1,4})\s*[-—–－―~～_]{1,3}` + // — 21 —, - 3 -
	`|第\s*(\d{1,4})\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?` + // 第 3 页, 第3页 共12页
	`|共\s*\d{1,4}\s*页\s*[,，]?\s*第\s*(\d{1,4})\s*页` + // 共12页 第3页
	`|(\d{1,4})\s*/\s*\d{1,4}` + // 3/12
	`|[Pp]age\s*(\d{1,4})(?:\s*of\s*\d{1,4})?` +
	`)$`)

// PageNumber reports whether line is a page artefact — a page number alone
// on a line: "— 21 —", "- 3 -", "第 3 页", "第3页 共12页", "3/12" — and which
// page it names.
func PageNumber(line string) (int, bool) {
	line = strings.TrimSpace(line)
	if len(line) > 48 || line == "" {
		return 0, false
	}
	m := pageArtefact.FindStringSubmatch(line)
	if m == nil {
		return 0, false
	}
	for _, g := range m[1:] {
		if g != "" {
			n, err := strconv.Atoi(g)
			return n, err == nil
		}
	}
	return 0, false
}

// DropPageArtefacts blanks the paragraphs that are page numbers alone on a
// line (they become empty blocks, so a paragraph broken by a page break can
// still be re-joined across them). When the blocks carry no page numbers of
// their own (plain text) and two or more page numbers are found in
// increasing order, they are recorded: the blocks before a footer "— n —" are on page n, the
// blocks after the last footer on the page after it.
func DropPageArtefacts(blocks []schema.Block) []schema.Block {
	type mark struct{ idx, num int }
	var marks []mark
	hasPages := false
	for i := range blocks {
		b := &blocks[i]
		if b.Page > 0 {
			hasPages = true
		}
		if b.Kind != schema.BlockPara {
			continue
		}
		if n, ok := PageNumber(b.Text); ok {
			b.Text = ""
			marks = append(marks, mark{i, n})
		}
	}
	if hasPages || len(marks) < 2 {
		return blocks
	}
	for k := 1; k < len(marks); k++ {
		if marks[k].num <= marks[k-1].num {
			return blocks // not a page sequence
		}
	}
	prev := 0
	for _, m := range marks {
		for i := prev; i <= m.idx; i++ {
			blocks[i].Page = m.num
		}
		prev = m.idx + 1
	}
	for i := prev; i < len(blocks); i++ {
		blocks[i].Page = marks[len(marks)-1].num + 1
	}
	return blocks
}

// paraLabel reads the outline or list label that opens s (一、 （一） (一)
// 1． 1. 1、 (1) （1） ① ⑴ ⒈ 附件 附表 第一章 第一条 …, or the （此件 of a
// publication note) and returns the text after it. The styles a wrapped
// line may start with as the rest of a sentence (1） closing a bracket,
// 1.2. of a version, 第三项) open no paragraph here.
func paraLabel(s string) (rest string, ok bool) {
	for _, p := range [...]string{"（此件", "(此件"} {
		if strings.HasPrefix(s, p) {
			return s[len(p):], true
		}
	}
	l, n := outline.Read(s)
	switch l.Style {
	case outline.None, outline.Item, outline.Multilevel, outline.ArabicClose:
		return s, false
	}
	return s[n:], true
}

// StartsWithLabel reports whether s (after leading spaces) starts with an
// outline or list label.
func StartsWithLabel(s string) bool {
	_, ok := paraLabel(strings.TrimLeft(s, " "))
	return ok
}

// terminal are the characters that end a sentence or a clause introducing
// what follows.
func terminal(r rune) bool {
	switch r {
	case '。', '；', '：', '！', '？', '!', '?', ';', ':', '…':
		return true
	}
	return false
}

// endsSentence reports whether s ends with a terminal character, possibly
// followed by closing quotes.
func endsSentence(s string) bool {
	s = strings.TrimRight(s, " ")
	for s != "" {
		r, size := utf8.DecodeLastRuneInString(s)
		switch r {
		case '”', '’', '"', '\'', '」', '』':
			s = s[:len(s)-size]
			continue
		}
		return terminal(r)
	}
	return false
}

// displayWidth is the width of s in columns: 2 for East Asian wide and
// full-width characters, 1 for the rest.
func displayWidth(s string) int {
	w := 0
	for _, r := range s {
		if r < 0x1100 {
			w++
			continue
		}
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth:
			w += 2
		default:
			w++
		}
	}
	return w
}

func hasCJK(s string) bool {
	for _, r := range s {
		if r >= 0x3400 && unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// tail returns about the last n bytes of s, starting at a rune boundary.
func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i := len(s) - n
	for i < len(s) && !utf8.RuneStart(s[i]) {
		i++
	}
	return s[i:]
}

// head returns about the first n bytes of s, ending at a rune boundary.
func head(s string, n int) string { return cjk.Head(s, n) }

func startsHan(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return r >= 0x3400 && unicode.Is(unicode.Han, r)
}

// without returns blocks without those marked in drop, in place.
func without(blocks []schema.Block, drop []bool) []schema.Block {
	out := blocks[:0]
	for i, b := range blocks {
		if !drop[i] {
			out = append(out, b)
		}
	}
	return out
}
