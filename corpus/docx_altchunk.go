package corpus

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"path"
	"strings"

	"policyx/schema"
)

// altChunk reads the content a w:altChunk imports from another part: a
// web page (HTML, or MHT as Word saves it), plain text. Systems that
// export policies to Word sometimes put the whole text there.
func altChunk(ctx context.Context, z *zipArchive, lim Limits, target string) ([]docxItem, error) {
	if target == "" || !z.has(target) {
		return nil, fmt.Errorf("imported content (altChunk) %q missing", target)
	}
	data, err := z.readAll(target)
	if err != nil {
		return nil, err
	}
	var blocks []schema.Block
	switch strings.ToLower(path.Ext(target)) {
	case ".htm", ".html", ".xhtml", ".xml":
		blocks, _, err = decodeHTML(ctx, data, lim)
	case ".mht", ".mhtml":
		var html []byte
		if html, err = mhtHTML(data, lim); err == nil {
			blocks, _, err = decodeHTML(ctx, html, lim)
		}
	case ".txt":
		blocks, _, err = decodeText(ctx, data, lim)
	default:
		return nil, fmt.Errorf("imported content (altChunk) %s not read: unknown type", target)
	}
	if err != nil {
		return nil, fmt.Errorf("imported content (altChunk) %s: %v", target, err)
	}
	items := make([]docxItem, 0, len(blocks))
	for _, b := range blocks {
		items = append(items, docxItem{kind: b.Kind, text: b.Text, level: b.Level, rows: b.Rows})
	}
	return items, nil
}

// mhtHTML returns the first HTML part of a MIME web archive (or the body of
// a single-part one), transfer encoding undone.
func mhtHTML(data []byte, lim Limits) ([]byte, error) {
	msg, err := mail.ReadMessage(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("MHT: %v", err)
	}
	decode := func(enc string, r io.Reader) ([]byte, error) {
		switch strings.ToLower(strings.TrimSpace(enc)) {
		case "quoted-printable":
			r = quotedprintable.NewReader(r)
		case "base64":
			r = base64.NewDecoder(base64.StdEncoding, r)
		}
		return io.ReadAll(io.LimitReader(r, max(lim.MaxZipEntry, 1<<20)))
	}
	mt, params, _ := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if !strings.HasPrefix(mt, "multipart/") {
		return decode(msg.Header.Get("Content-Transfer-Encoding"), msg.Body)
	}
	mr := multipart.NewReader(msg.Body, params["boundary"])
	for i := 0; i < 1000; i++ {
		part, err := mr.NextPart()
		if err != nil {
			return nil, fmt.Errorf("MHT: no HTML part (%v)", err)
		}
		if ct, _, _ := mime.ParseMediaType(part.Header.Get("Content-Type")); ct == "text/html" {
			return decode(part.Header.Get("Content-Transfer-Encoding"), part)
		}
	}
	return nil, errors.New("MHT: no HTML part")
}
