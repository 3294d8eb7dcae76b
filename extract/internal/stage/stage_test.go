package stage

import (
	"slices"
	"strings"
	"testing"
)

func TestOrder(t *testing.T) {
	cases := []struct {
		name   string
		stages []Info
		want   []string // stage names in order
		err    string   // substring of the error
	}{
		{name: "declared order kept",
			stages: []Info{{Name: "a", Reads: Text, Writes: Meta}, {Name: "b", Reads: Text, Writes: Sections}},
			want:   []string{"a", "b"}},
		{name: "reader after writer",
			stages: []Info{{Name: "tasks", Reads: Sections, Writes: Tasks}, {Name: "sections", Reads: Text, Writes: Sections}},
			want:   []string{"sections", "tasks"}},
		{name: "appender after writer, reader after appender",
			stages: []Info{
				{Name: "pairs", Reads: Targets, Writes: Links},
				{Name: "quotas", Reads: Tables, Appends: Targets},
				{Name: "targets", Reads: Text, Writes: Targets},
				{Name: "tables", Reads: Text, Writes: Tables},
			},
			want: []string{"targets", "tables", "quotas", "pairs"}},
		{name: "appending to the input needs no writer",
			stages: []Info{{Name: "meta", Reads: Text, Writes: Meta, Appends: Diagnostics}},
			want:   []string{"meta"}},
		{name: "missing prerequisite",
			stages: []Info{{Name: "targets", Reads: Text | Sections, Writes: Targets}},
			err:    "stage targets: reads Sections, which no stage writes"},
		{name: "two writers",
			stages: []Info{{Name: "a", Writes: Meta}, {Name: "b", Writes: Meta}},
			err:    "stage b: writes Meta, already written by stage a"},
		{name: "writing the input",
			stages: []Info{{Name: "a", Writes: Text}},
			err:    "stage a: writes Text, which the input already holds"},
		{name: "append without writer",
			stages: []Info{{Name: "quotas", Appends: Targets}},
			err:    "stage quotas: appends to Targets, which no stage writes"},
		{name: "cycle",
			stages: []Info{{Name: "a", Reads: Tasks, Writes: Meta}, {Name: "b", Reads: Meta, Writes: Tasks}},
			err:    "stages a, b depend on each other in a cycle"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			order, err := Order(tc.stages, Input)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("error %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, i := range order {
				got = append(got, tc.stages[i].Name)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("order %v, want %v", got, tc.want)
			}
		})
	}
}

func TestFieldsString(t *testing.T) {
	if got := (Meta | Tables).String(); got != "Meta|Tables" {
		t.Errorf("got %q", got)
	}
	if got := Fields(0).String(); got != "none" {
		t.Errorf("got %q", got)
	}
}
