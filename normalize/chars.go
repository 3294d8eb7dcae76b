package normalize

import (
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
	"golang.org/x/text/width"
)

// The character-level steps are golang.org/x/text/transform.Transformers,
// chained by Chars. Each is linear in its input and streams, so 100 MB of
// text never needs to be held twice per step.

// foldable are the full-width forms folded to ASCII: digits, Latin letters
// and the percent sign; and the half-width ideographic full stop and comma
// ｡ ､, folded to 。、. Chinese punctuation （），：；。、 stays as written.
var foldable = &unicode.RangeTable{R16: []unicode.Range16{
	{Lo: 0xFF05, Hi: 0xFF05, Stride: 1},
	{Lo: 0xFF10, Hi: 0xFF19, Stride: 1},
	{Lo: 0xFF21, Hi: 0xFF3A, Stride: 1},
	{Lo: 0xFF41, Hi: 0xFF5A, Stride: 1},
	{Lo: 0xFF61, Hi: 0xFF61, Stride: 1},
	{Lo: 0xFF64, Hi: 0xFF64, Stride: 1},
}}

// smallForms are the small form variants of the label separators, ﹑ and
// ﹒ (1﹒ for 1.), given their compatibility (NFKC) forms 、 and . .
var smallForms = &unicode.RangeTable{R16: []unicode.Range16{
	{Lo: 0xFE51, Hi: 0xFE52, Stride: 1},
}}

// FoldWidth folds full-width digits, Latin letters and ％ to ASCII with
// x/text's width folding, and the small separators ﹑﹒ with NFKC;
// everything else is left alone (NFKC is not wanted for all text: it would
// also rewrite （，：；）).
func FoldWidth() transform.Transformer {
	return runes.If(runes.In(foldable), width.Fold, runes.If(runes.In(smallForms), norm.NFKC, nil))
}

// spaceLike are the white-space characters that become an ASCII space: the
// no-break space, the ideographic space and the typographic spaces.
func spaceLike(r rune) bool {
	switch r {
	case 0x00A0, 0x3000, 0x1680, 0x202F, 0x205F, '\v':
		return true
	}
	return r >= 0x2000 && r <= 0x200A
}

// invisible are format characters that carry no text: zero-width spaces
// and joiners, the BOM, the soft hyphen, the word joiner.
func invisible(r rune) bool {
	switch r {
	case 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD:
		return true
	}
	return false
}

// FoldSpaces maps every Unicode space (no-break, ideographic, typographic)
// to an ASCII space and removes zero-width characters and soft hyphens.
// Tabs and line feeds are kept.
func FoldSpaces() transform.Transformer {
	return transform.Chain(runes.Remove(runes.Predicate(invisible)), runes.Map(func(r rune) rune {
		if spaceLike(r) {
			return ' '
		}
		return r
	}))
}

// isCJK reports whether r is a Han character or CJK/full-width
// punctuation: the characters between which a space is a typesetting
// accident.
func isCJK(r rune) bool {
	switch {
	case r < 0x2010:
		return false
	case r >= 0x2010 && r <= 0x2027: // ‐ – — ‘ ’ “ ” … ‧
		return true
	case r >= 0x2E80 && r <= 0x303F: // radicals, CJK symbols and punctuation 、。〈〉《》「」【】〔〕
		return true
	case r >= 0x3400 && r <= 0x4DBF, r >= 0x4E00 && r <= 0x9FFF, r >= 0xF900 && r <= 0xFAFF:
		return true
	case r >= 0xFE30 && r <= 0xFE4F: // CJK compatibility forms
		return true
	case r >= 0xFF01 && r <= 0xFF0F, r >= 0xFF1A && r <= 0xFF20, r >= 0xFF3B && r <= 0xFF40, r >= 0xFF5B && r <= 0xFF65:
		// full-width punctuation （），：；！？ …
		return true
	case r >= 0x20000 && r <= 0x3134F:
		return unicode.Is(unicode.Han, r)
	}
	return false
}

// maxSpaceRun caps a run of spaces kept in the text (longer runs are
// layout, not content, and the cap keeps the transformer's state small).
const maxSpaceRun = 16

// cjkSpaces removes a single space between two CJK characters (广西壮族自治区
// 人民政府 → 广西壮族自治区人民政府) and shrinks a longer run of spaces between two
// CJK characters to one space (a deliberate gap, such as between two issuing
// organs side by side). Spaces next to digits and Latin letters stay: table
// rows written as "柳州市 422 701" need them.
type cjkSpaces struct {
	prev    rune // last rune written, 0 at the start
	pending int  // spaces read but not yet written
}

// RemoveCJKSpaces returns the stray-space step.
func RemoveCJKSpaces() transform.Transformer { return &cjkSpaces{} }

func (t *cjkSpaces) Reset() { *t = cjkSpaces{} }

func (t *cjkSpaces) Transform(dst, src []byte, atEOF bool) (nDst, nSrc int, err error) {
	for nSrc < len(src) {
		c := src[nSrc]
		if c == ' ' {
			if t.pending < maxSpaceRun {
				t.pending++
			}
			nSrc++
			continue
		}
		r, size := rune(c), 1
		if c >= utf8.RuneSelf {
			if !atEOF && !utf8.FullRune(src[nSrc:]) {
				return nDst, nSrc, transform.ErrShortSrc
			}
			r, size = utf8.DecodeRune(src[nSrc:])
		}
		keep := t.pending
		if keep > 0 && isCJK(t.prev) && isCJK(r) {
			keep = min(keep-1, 1)
		}
		if nDst+keep+size > len(dst) {
			return nDst, nSrc, transform.ErrShortDst
		}
		for i := 0; i < keep; i++ {
			dst[nDst] = ' '
			nDst++
		}
		nDst += copy(dst[nDst:], src[nSrc:nSrc+size])
		nSrc += size
		t.pending = 0
		t.prev = r
		if r == '\n' || r == '\t' {
			t.prev = 0
		}
	}
	if atEOF && t.pending > 0 {
		if nDst+t.pending > len(dst) {
			return nDst, nSrc, transform.ErrShortDst
		}
		for ; t.pending > 0; t.pending-- {
			dst[nDst] = ' '
			nDst++
		}
	}
	return nDst, nSrc, nil
}

// prefold is the character chain applied before the block-level steps:
// spaces and widths, so that labels and page numbers are recognised in any
// width.
func prefold() transform.Transformer { return transform.Chain(FoldSpaces(), FoldWidth()) }

// Chars returns the whole character-level chain: space folding, width
// folding, stray CJK space removal.
func Chars() transform.Transformer {
	return transform.Chain(FoldSpaces(), FoldWidth(), RemoveCJKSpaces())
}

// apply runs t over s, returning s unchanged on a transformer error (which
// the steps here never produce on valid input).
func apply(t transform.Transformer, s string) string {
	if s == "" {
		return s
	}
	out, _, err := transform.String(t, s)
	if err != nil {
		return s
	}
	return out
}

// untouched reports whether the character steps leave s as it is: valid
// UTF-8 with no character any of them rewrites (Unicode spaces, invisible
// characters, foldable full-width forms, a vertical tab) and, unless
// spaces is true, no ASCII space either (the stray-space step looks at
// those). Most lines of Chinese prose are so; the transformers, which
// decode and copy every rune, are then skipped. Spaces may be true only
// for a chain without RemoveCJKSpaces (prefold).
func untouched(s string, spaces bool) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c == '\v' || c == ' ' && !spaces {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || spaceLike(r) || invisible(r) || unicode.Is(foldable, r) || unicode.Is(smallForms, r) {
			return false
		}
		i += size
	}
	return true
}

// applyPre is apply(prefold chain, s) without the work when s is untouched.
func applyPre(pre transform.Transformer, s string) string {
	if untouched(s, true) {
		return s
	}
	return apply(pre, s)
}

// applyChars is apply(Chars chain, s) without the work when s is untouched.
func applyChars(chars transform.Transformer, s string) string {
	if untouched(s, false) {
		return s
	}
	return apply(chars, s)
}
