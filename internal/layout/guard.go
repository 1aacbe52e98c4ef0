package layout

import (
	"errors"
	"io"
	"sync/atomic"
)

// A render can be stopped from outside: Abort makes every render of the
// set in progress stop at its next write, and every render started
// afterwards fail at once, with the given error, until Reset.
type guard struct {
	aborted atomic.Pointer[error]
}

// Abort stops the renders in progress and refuses new ones until Reset.
func (s *Set) Abort(err error) {
	if err == nil {
		err = errAborted
	}
	s.guard.aborted.CompareAndSwap(nil, &err)
}

// Reset forgets what partialCached rendered and a past Abort, for a new
// build.
func (s *Set) Reset() {
	s.ResetCache()
	s.guard.aborted.Store(nil)
}

var errAborted = errors.New("the render was stopped")

// stopErr returns the error renders must stop with, or nil.
func (g *guard) stopErr() error {
	if p := g.aborted.Load(); p != nil {
		return *p
	}
	return nil
}

// guardedWriter fails a write once the set is aborted, which ends the
// execution that writes.
type guardedWriter struct {
	w io.Writer
	g *guard
}

func (w guardedWriter) Write(b []byte) (int, error) {
	if err := w.g.stopErr(); err != nil {
		return 0, err
	}
	return w.w.Write(b)
}
