// Package mdline holds the line helpers the extractors share.
package mdline

import "strings"

// Clean strips Markdown markers (#, **, >, a "- " list mark) and white space
// around a line, and ** inside it.
func Clean(s string) string {
	s = strings.TrimSpace(s)
	for {
		t := strings.TrimLeft(s, "#*> \t\u3000")
		if strings.HasPrefix(t, "- ") {
			t = t[2:]
		}
		if t == s {
			break
		}
		s = t
	}
	s = strings.TrimRight(s, "#* \t\u3000")
	return strings.ReplaceAll(s, "**", "")
}
