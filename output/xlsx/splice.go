package xlsx

import (
	"archive/zip"
	"bytes"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"sync"
)

// spliceZip is the zip writer of a new workbook: it fills the empty
// sheetData of every streamed worksheet with its spooled rows (stream.go).
type spliceZip struct {
	zw      *zip.Writer
	sheets  map[string]*sheetPart // by part name
	cur     *sheetPart            // the worksheet being received
	name    string                // its part name
	pending bytes.Buffer          // its XML as excelize writes it
	done    int
	// plain: the part being received is not a worksheet; it waits in
	// pending for recur (parts.go).
	plain bool
	recur *recurParts // the recurring parts of the DocumentWriter, or nil
}

var emptySheetData = []byte("<sheetData></sheetData>")

func (z *spliceZip) Create(name string) (io.Writer, error) {
	if err := z.finish(); err != nil {
		return nil, err
	}
	if p := z.sheets[name]; p != nil {
		z.cur, z.name = p, name
		z.pending.Reset()
		return &z.pending, nil
	}
	if asciiName(name) {
		z.plain, z.name = true, name
		z.pending.Reset()
		return &z.pending, nil
	}
	return z.zw.Create(name)
}

// asciiName: zip.Writer.Create sets no UTF-8 flag for the name.
func asciiName(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// finishPlain writes the part received that is not a worksheet: copied
// deflated when it recurs, else deflated in place.
func (z *spliceZip) finishPlain() error {
	z.plain = false
	b := z.pending.Bytes()
	if p := z.recur.get(z.name, b); p != nil {
		return writeDeflated(z.zw, p)
	}
	out, err := z.zw.Create(z.name)
	if err != nil {
		return err
	}
	_, err = out.Write(b)
	return err
}

func (z *spliceZip) AddFS(fsys fs.FS) error {
	if err := z.finish(); err != nil {
		return err
	}
	return z.zw.AddFS(fsys)
}

func (z *spliceZip) Close() error {
	if err := z.finish(); err != nil {
		return err
	}
	if z.done != len(z.sheets) {
		return fmt.Errorf("%d of %d streamed worksheets written", z.done, len(z.sheets))
	}
	return z.zw.Close()
}

// finish writes the worksheet received: excelize's XML up to its empty
// sheetData, the title and header rows, the spooled rows, the rest.
func (z *spliceZip) finish() error {
	if z.plain {
		return z.finishPlain()
	}
	p := z.cur
	if p == nil {
		return nil
	}
	z.cur = nil
	b := z.pending.Bytes()
	i := bytes.Index(b, emptySheetData)
	if i < 0 {
		return fmt.Errorf("sheet %s: no empty sheetData for its rows", p.name)
	}
	i += len("<sheetData>")
	z.done++
	if p.packed != nil {
		return z.writePacked(p, b[:i], b[i:])
	}
	out, err := z.zw.Create(z.name)
	if err != nil {
		return err
	}
	if _, err := out.Write(b[:i]); err != nil {
		return err
	}
	if _, err := out.Write(p.head); err != nil {
		return err
	}
	if err := p.rows.writeTo(out); err != nil {
		return err
	}
	_, err = out.Write(b[i:])
	return err
}

// A large worksheet's rows are deflated on a goroutine of their own as soon
// as the sheet is complete, while the next sheet is read and written (two
// cores at work on the summary, not one). Deflate blocks end where the
// stream is flushed, so the worksheet's entry is three deflate streams one
// after the other: the start (excelize's XML and the title and header
// rows), flushed; the rows, flushed; the end, closed. A reader inflates
// them as one.

// packMin is the size of rows deflated in the background (a variable so
// that a test can lower it).
var packMin int64 = 1 << 20

// packed is the rows of a worksheet deflated (flushed, not final).
type packed struct {
	done chan struct{}
	data spool
	err  error
}

// packer deflates the rows of finished worksheets in turn.
type packer struct {
	queue chan *sheetPart
	wg    sync.WaitGroup
}

// pack queues the rows of p, complete, for deflating when they are large.
func (w *writer) pack(p *sheetPart) {
	if p.rows.pos() < packMin {
		return
	}
	if w.packer == nil {
		k := &packer{queue: make(chan *sheetPart, 16)}
		k.wg.Add(1)
		go k.run()
		w.packer = k
	}
	p.packed = &packed{done: make(chan struct{})}
	w.packer.queue <- p
}

func (k *packer) run() {
	defer k.wg.Done()
	for p := range k.queue {
		p.packed.err = deflateRows(p)
		close(p.packed.done)
	}
}

// stop waits for the packer to finish its queue.
func (k *packer) stop() {
	if k != nil {
		close(k.queue)
		k.wg.Wait()
	}
}

func deflateRows(p *sheetPart) error {
	fw, err := getFlate(&p.packed.data)
	if err != nil {
		return err
	}
	defer fastFlate.Put(fw)
	if err := p.rows.writeTo(fw); err != nil {
		return err
	}
	if err := fw.Flush(); err != nil {
		return err
	}
	// Both wait for the zip in their files, not in memory (park).
	if err := p.rows.park(); err != nil {
		return err
	}
	return p.packed.data.park()
}

// countWriter counts the bytes written to it.
type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(b []byte) (int, error) {
	n, err := c.w.Write(b)
	c.n += int64(n)
	return n, err
}

// writePacked writes worksheet p, its rows deflated by the packer, as a raw
// zip entry: start and end deflated here around them, the checksum and size
// of the whole read from the rows again.
func (z *spliceZip) writePacked(p *sheetPart, start, end []byte) error {
	<-p.packed.done
	if p.packed.err != nil {
		return fmt.Errorf("sheet %s: %w", p.name, p.packed.err)
	}
	var pre, post bytes.Buffer
	fw, err := getFlate(&pre)
	if err != nil {
		return err
	}
	defer fastFlate.Put(fw)
	fw.Write(start)
	fw.Write(p.head)
	if err := fw.Flush(); err != nil {
		return err
	}
	fw.Reset(&post)
	fw.Write(end)
	if err := fw.Close(); err != nil {
		return err
	}
	crc := crc32.NewIEEE()
	cw := &countWriter{w: crc}
	cw.Write(start)
	cw.Write(p.head)
	if err := p.rows.writeTo(cw); err != nil {
		return err
	}
	cw.Write(end)
	out, err := z.zw.CreateRaw(&zip.FileHeader{Name: z.name, Method: zip.Deflate, CreatorVersion: 20, ReaderVersion: 20,
		CRC32: crc.Sum32(), UncompressedSize64: uint64(cw.n),
		CompressedSize64: uint64(pre.Len()) + uint64(p.packed.data.pos()) + uint64(post.Len())})
	if err != nil {
		return err
	}
	if _, err := out.Write(pre.Bytes()); err != nil {
		return err
	}
	if err := p.packed.data.writeTo(out); err != nil {
		return err
	}
	_, err = out.Write(post.Bytes())
	return err
}
