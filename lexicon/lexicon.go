// Package lexicon reads the word-list data files of the extractors and
// normalizers: one format, one loader, validated at load.
//
// The format: a "[name]" line opens a list; every other non-blank line is
// one entry of the current list (leading and trailing white space removed);
// lines starting with "#" are comments. A file with no header at all is one
// unnamed list, returned under the name "". A list may not be opened twice.
// An entry that is a record (a row of columns: a unit and its factor, an
// organ and its canonical names) writes its columns separated by TABs; Rows
// reads such a file.
package lexicon

import (
	"fmt"
	"strings"
)

// Entry is one entry of a list: its text and its line in the file.
type Entry struct {
	Line int
	Text string
}

// Fields returns the TAB-separated columns of a record entry.
func (e Entry) Fields() []string { return strings.Split(e.Text, "\t") }

// Parse reads the lists of data; name is the file name used in errors.
func Parse(name, data string) (map[string][]string, error) {
	entries, err := Entries(name, data)
	if err != nil {
		return nil, err
	}
	lists := make(map[string][]string, len(entries))
	for k, es := range entries {
		lists[k] = make([]string, len(es))
		for i, e := range es {
			lists[k][i] = e.Text
		}
	}
	return lists, nil
}

// Entries is Parse keeping the line of every entry, for loaders that check
// each entry and name its line in errors.
func Entries(name, data string) (map[string][]Entry, error) {
	lists := map[string][]Entry{}
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
			lists[s] = []Entry{}
			sec, headed = s, true
			continue
		}
		if !headed {
			sec = ""
		}
		lists[sec] = append(lists[sec], Entry{Line: i + 1, Text: line})
	}
	return lists, nil
}

// Rows reads a file of records without [list] headers: fn is called with
// the columns of every entry in file order, and an error it returns is
// given the file name and line. A file with headers or without entries is
// an error.
func Rows(name, data string, fn func(cols []string) error) error {
	lists, err := Entries(name, data)
	if err != nil {
		return err
	}
	for k := range lists {
		if k != "" {
			return fmt.Errorf("%s: a file of records has no [list] headers, found [%s]", name, k)
		}
	}
	return each(name, lists[""], fn)
}

// each calls fn with the columns of every entry of a list in order; an error
// fn returns is given the file name and line. An empty list is an error.
func each(name string, list []Entry, fn func(cols []string) error) error {
	if len(list) == 0 {
		return fmt.Errorf("%s: no entries", name)
	}
	for _, e := range list {
		if err := fn(e.Fields()); err != nil {
			return fmt.Errorf("%s: line %d: %w", name, e.Line, err)
		}
	}
	return nil
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

// Must returns v, and panics when err is not nil: the MustLoad of a package
// whose data is embedded and tested, where a failure is a build defect.
func Must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
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
