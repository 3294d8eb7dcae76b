package schemadoc

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var docPath = filepath.Join("..", "..", "docs", "schema.md")

// TestDocsUpToDate fails when docs/schema.md is not what the DDL and its
// descriptions produce: run `make schema-docs`.
func TestDocsUpToDate(t *testing.T) {
	want, err := Markdown()
	if errors.Is(err, ErrNoFTS5) {
		t.Skip(err)
	}
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(docPath)
	if err != nil {
		t.Fatalf("%v: run `make schema-docs`", err)
	}
	if string(got) != want {
		gl, wl := strings.Split(string(got), "\n"), strings.Split(want, "\n")
		for i := 0; i < len(gl) || i < len(wl); i++ {
			var g, w string
			if i < len(gl) {
				g = gl[i]
			}
			if i < len(wl) {
				w = wl[i]
			}
			if g != w {
				t.Fatalf("docs/schema.md is stale (first difference at line %d):\n have %q\n want %q\nrun `make schema-docs`", i+1, g, w)
			}
		}
	}
}

// TestEveryColumnDescribed: each table, view and column has a description.
func TestEveryColumnDescribed(t *testing.T) {
	missing, err := Undescribed()
	if errors.Is(err, ErrNoFTS5) {
		t.Skip(err)
	}
	if err != nil {
		t.Fatal(err)
	}
	if len(missing) > 0 {
		t.Errorf("no description for %s: add a trailing -- comment in the DDL or a line in schema/descriptions.txt, then `make schema-docs`", strings.Join(missing, ", "))
	}
}

func TestColumnName(t *testing.T) {
	for in, want := range map[string]string{
		"  id            INTEGER PRIMARY KEY,":   "id",
		"  t.document_id,":                       "document_id",
		"  d.title         AS document_title,":   "document_title",
		"  PRIMARY KEY (task_id, role, ordinal)": "",
		"  td.role":                              "role",
	} {
		if got := columnName(in); got != want {
			t.Errorf("columnName(%q) = %q, want %q", in, got, want)
		}
	}
}
