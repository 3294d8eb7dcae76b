// Package lexicon reads the word-list data files of the extractors and
// normalizers: one format, one loader, validated at load.
//
// The format: a "[name]" line opens a list; every other non-blank line is
// one entry of the current list (leading and trailing white space removed);
// lines starting with "#" are comments. A file with no header at all is one
// unnamed list, returned under the name "". A list may not be opened twice.
package lexicon

import (
	"fmt"
	"strings"
)

// Parse reads the lists of data; name is the file name used in errors.
func Parse(name, data string) (map[string][]string, error) {
	lists := map[string][]string{}
	sec, headed := "", false
	for i, line := range strings.Split(data, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if strings.HasPrefix(line, "[") || strings.HasSuffix(line, "]") {
			s, ok := strings.CutPrefix(line, "[")
			s, ok2 := strings.CutSuffix(s, "]")
			s = strings.TrimSpace(s)
			if !ok || !ok2 || s == "" || strings.ContainsAny(s, "[]") {
				return nil, fmt.Errorf("%s: line %d: bad header %q", name, i+1, line)
			}
			if len(lists[""]) > 0 {
				return nil, fmt.Errorf("%s: line %d: header [%s] after entries outside any [list]", name, i+1, s)
			}
			if _, dup := lists[s]; dup {
				return nil, fmt.Errorf("%s: line %d: list [%s] opened twice", name, i+1, s)
			}
			lists[s] = []string{}
			sec, headed = s, true
			continue
		}
		if !headed {
			sec = ""
		}
		lists[sec] = append(lists[sec], line)
	}
	return lists, nil
}

// Bind stores each list of lists in dst under the same name. It fails when
// lists holds a list dst does not name, or when a list of dst is missing or
// empty; name is the file name used in errors.
func Bind(name string, lists map[string][]string, dst map[string]*[]string) error {
	for k := range lists {
		if _, ok := dst[k]; !ok {
			if k == "" {
				return fmt.Errorf("%s: entries outside any [list]", name)
			}
			return fmt.Errorf("%s: unknown list [%s]", name, k)
		}
	}
	for k, p := range dst {
		if len(lists[k]) == 0 {
			return fmt.Errorf("%s: list [%s] is missing or empty", name, k)
		}
		*p = lists[k]
	}
	return nil
}

// Load parses data and binds its lists to dst (Parse then Bind).
func Load(name, data string, dst map[string]*[]string) error {
	lists, err := Parse(name, data)
	if err != nil {
		return err
	}
	return Bind(name, lists, dst)
}

// ContainsAny reports whether s contains any of ws.
func ContainsAny(s string, ws []string) bool {
	for _, w := range ws {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// HasSuffixAny reports whether s ends with any of ws.
func HasSuffixAny(s string, ws []string) bool {
	for _, w := range ws {
		if strings.HasSuffix(s, w) {
			return true
		}
	}
	return false
}

// EqualsAny reports whether s is one of ws.
func EqualsAny(s string, ws []string) bool {
	for _, w := range ws {
		if s == w {
			return true
		}
	}
	return false
}
