// Package cjk holds the rune-class helpers the extractors share.
package cjk

import "unicode"

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
