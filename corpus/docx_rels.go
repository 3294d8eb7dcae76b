package corpus

import (
	"encoding/xml"
	"io"
	"path"
	"strings"
)

func relsPath(part string) string {
	return path.Join(path.Dir(part), "_rels", path.Base(part)+".rels")
}

type rel struct{ id, typ, target string }

// readRels reads the relationships file at p: the target part of each
// relationship type by the last element of the type (styles, numbering,
// …), and of each relationship id.
func readRels(z *zipArchive, lim Limits, p string) (byType, byID map[string]string) {
	byType, byID = map[string]string{}, map[string]string{}
	if !z.has(p) {
		return
	}
	rc, err := z.open(p)
	if err != nil {
		return
	}
	defer rc.Close()
	base := path.Dir(path.Dir(p)) // word/_rels/x.rels → word
	for _, r := range parseRels(rc, base, lim) {
		k := r.typ[strings.LastIndexByte(r.typ, '/')+1:]
		if _, ok := byType[k]; !ok {
			byType[k] = r.target
		}
		byID[r.id] = r.target
	}
	return
}

func parseRels(r io.Reader, base string, lim Limits) []rel {
	var out []rel
	w := &xmlWalk{part: "relationships", depth: lim.MaxDepth, start: func(t xml.StartElement) error {
		if len(out) > 10000 {
			return errStopWalk
		}
		if t.Name.Local == "Relationship" && attr(t, "TargetMode") != "External" {
			out = append(out, rel{id: attr(t, "Id"), typ: attr(t, "Type"), target: relTarget(base, attr(t, "Target"))})
		}
		return nil
	}}
	w.run(r) // a broken relationships part gives what was read before the damage
	return out
}

// relTarget resolves a relationship target against the folder of its
// source part; a leading slash makes it absolute in the package.
func relTarget(base, target string) string {
	if strings.HasPrefix(target, "/") {
		return strings.TrimPrefix(target, "/")
	}
	return path.Join(base, target)
}
