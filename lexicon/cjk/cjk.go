// Package cjk holds the rune-class helpers the extractors share.
package cjk

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// IsHan reports whether r is a Chinese character (unicode.Han).
func IsHan(r rune) bool { return unicode.Is(unicode.Han, r) }

// HasHan reports whether s holds at least one Chinese character.
func HasHan(s string) bool {
	for _, r := range s {
		if IsHan(r) {
			return true
		}
	}
	return false
}

// RemoveSpace drops the white space in s: Chinese writes no spaces between
// words, so a space inside a name or a cell is layout.
func RemoveSpace(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// Head returns about the first n bytes of s, cut back to a rune boundary.
func Head(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
