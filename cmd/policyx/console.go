package main

import (
	"bytes"
	"io"
	"sync"
)

// console shares stderr between the progress line and per-file messages so
// that they never share a line: a message first clears a progress line
// that is showing (the next tick redraws it below the message).
type console struct {
	mu    sync.Mutex
	w     io.Writer
	dirty bool // a progress line without newline is showing
}

func newConsole(w io.Writer) *console { return &console{w: w} }

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }

const clearLine = "\r\033[K"

// log is the writer for whole-line messages.
func (c *console) log() io.Writer {
	return writerFunc(func(p []byte) (int, error) {
		c.mu.Lock()
		defer c.mu.Unlock()
		if c.dirty {
			io.WriteString(c.w, clearLine)
			c.dirty = false
		}
		return c.w.Write(p)
	})
}

// progress is the writer for the progress line (\r-redrawn, no newline).
func (c *console) progress() io.Writer {
	return writerFunc(func(p []byte) (int, error) {
		c.mu.Lock()
		defer c.mu.Unlock()
		n, err := c.w.Write(p)
		if len(p) > 0 {
			c.dirty = p[len(p)-1] != '\n' && !bytes.HasSuffix(p, []byte(clearLine))
		}
		return n, err
	})
}
