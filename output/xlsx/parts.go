package xlsx

import (
	"archive/zip"
	"bytes"
	"hash/crc32"
	"hash/maphash"
	"sync"
)

// Most parts of a document workbook other than its worksheets are the same
// from one workbook to the next (theme, styles, relationships, content
// types, the workbook part of a file without tables). Deflating them again
// for every workbook, each part a deflate stream of its own with its own
// Huffman tables, was about a third of the workbooks' compression in a
// batch. A part met a second time is deflated once more into the
// DocumentWriter's recurParts and from then on copied into the zip as it is: the same
// bytes as deflating it in place (one deflater, one level), and the same
// zip entry (a data descriptor after it, as zip.Writer.Create writes).

const (
	recurMaxPart    = 32 << 10 // larger parts are not kept
	recurMaxEntries = 128      // parts kept, at most
	recurMaxSeen    = 1 << 14  // parts remembered as seen once, at most
)

// deflatedPart is a part's bytes deflated, with what its zip entry says.
type deflatedPart struct {
	name, content string
	crc           uint32
	data          []byte
}

// recurParts holds the deflated parts that recur, for the workbooks of one
// DocumentWriter (shared by the run's workers). A nil *recurParts keeps
// nothing: every part is deflated in place.
type recurParts struct {
	mu    sync.Mutex
	seed  maphash.Seed
	seen  map[uint64]bool
	parts map[uint64]*deflatedPart
}

func newRecurParts() *recurParts {
	return &recurParts{seed: maphash.MakeSeed(), seen: map[uint64]bool{}, parts: map[uint64]*deflatedPart{}}
}

// get returns the deflated form of part name holding b, nil when the part
// is to be deflated in place (first seen, too large, or no room left).
func (r *recurParts) get(name string, b []byte) *deflatedPart {
	if r == nil || len(b) > recurMaxPart {
		return nil
	}
	var h maphash.Hash
	h.SetSeed(r.seed)
	h.WriteString(name)
	h.WriteByte(0)
	h.Write(b)
	key := h.Sum64()
	r.mu.Lock()
	p, ok := r.parts[key]
	first := !r.seen[key]
	if first && len(r.seen) < recurMaxSeen {
		r.seen[key] = true
	}
	full := len(r.parts) >= recurMaxEntries
	r.mu.Unlock()
	if ok {
		if p.name == name && p.content == string(b) {
			return p
		}
		return nil // a hash collision: deflate in place
	}
	if first || full {
		return nil
	}
	p, err := deflatePart(name, b)
	if err != nil {
		return nil
	}
	r.mu.Lock()
	if _, ok := r.parts[key]; !ok && len(r.parts) < recurMaxEntries {
		r.parts[key] = p
	}
	r.mu.Unlock()
	return p
}

func deflatePart(name string, b []byte) (*deflatedPart, error) {
	var buf bytes.Buffer
	fw, err := fastCompressor(&buf)
	if err != nil {
		return nil, err
	}
	if _, err := fw.Write(b); err != nil {
		fw.Close()
		return nil, err
	}
	if err := fw.Close(); err != nil {
		return nil, err
	}
	return &deflatedPart{name: name, content: string(b), crc: crc32.ChecksumIEEE(b), data: bytes.Clone(buf.Bytes())}, nil
}

// writeDeflated writes p as the zip entry zip.Writer.Create would have made
// of its content.
func writeDeflated(zw *zip.Writer, p *deflatedPart) error {
	out, err := zw.CreateRaw(&zip.FileHeader{Name: p.name, Method: zip.Deflate, Flags: 0x8,
		CreatorVersion: 20, ReaderVersion: 20, CRC32: p.crc,
		UncompressedSize64: uint64(len(p.content)), CompressedSize64: uint64(len(p.data))})
	if err != nil {
		return err
	}
	_, err = out.Write(p.data)
	return err
}
