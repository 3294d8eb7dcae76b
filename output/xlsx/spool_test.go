package xlsx

import (
	"bytes"
	"fmt"
	"testing"
)

// A finished sheet's rows past spoolKeep move to the temporary file and
// leave memory (park); the rows read back are the rows written, in order,
// whether they stayed in memory, spilled while being written, or were
// parked. A small sheet stays in memory.
func TestSpoolPark(t *testing.T) {
	for _, n := range []int{10, spoolKeep/40 + 1000, spoolMem/40 + 1000} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			var s spool
			defer s.close()
			var want bytes.Buffer
			for i := 0; i < n; i++ {
				row := fmt.Sprintf("<row r=\"%d\"><c>%030d</c></row>", i, i)
				want.WriteString(row)
				s.buf = append(s.buf, row...)
				if err := s.sync(); err != nil {
					t.Fatal(err)
				}
			}
			if err := s.park(); err != nil {
				t.Fatal(err)
			}
			inMem := s.mem + len(s.buf)
			if want.Len() > spoolKeep && (inMem != 0 || s.tmp == nil) {
				t.Errorf("%d bytes of rows: %d left in memory after park", want.Len(), inMem)
			}
			if want.Len() <= spoolKeep && s.tmp != nil {
				t.Errorf("%d bytes of rows: a small sheet parked in a file", want.Len())
			}
			var got bytes.Buffer
			if err := s.writeTo(&got); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got.Bytes(), want.Bytes()) {
				t.Errorf("rows read back differ: %d bytes, want %d", got.Len(), want.Len())
			}
		})
	}
}
