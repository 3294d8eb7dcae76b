// Command gen writes docs/schema.md (make schema-docs).
//
//	go run -tags sqlite_fts5 ./schema/schemadoc/gen -o docs/schema.md
package main

import (
	"flag"
	"fmt"
	"os"

	"policyx/schema/schemadoc"
)

func main() {
	out := flag.String("o", "docs/schema.md", "output file")
	flag.Parse()
	md, err := schemadoc.Markdown()
	if err != nil {
		fmt.Fprintln(os.Stderr, "schema-docs:", err)
		os.Exit(1)
	}
	if err := os.WriteFile(*out, []byte(md), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "schema-docs:", err)
		os.Exit(1)
	}
	if missing, err := schemadoc.Undescribed(); err == nil && len(missing) > 0 {
		fmt.Fprintf(os.Stderr, "schema-docs: %d without a description (add a -- comment in the DDL or a line in schema/descriptions.txt):\n", len(missing))
		for _, m := range missing {
			fmt.Fprintln(os.Stderr, "  ", m)
		}
	}
}
