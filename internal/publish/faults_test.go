package publish

import (
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
)

// failingWriter writes half of what it is given, then fails with err, as a
// write to a full disk does.
type failingWriter struct {
	w   io.Writer
	err error
}

func (f failingWriter) Write(b []byte) (int, error) {
	n, _ := f.w.Write(b[:len(b)/2])
	return n, f.err
}

// failAt returns a WrapWriter that fails the nth file written with err.
func failAt(n int64, err error) func(string, io.Writer) io.Writer {
	var count atomic.Int64
	return func(_ string, w io.Writer) io.Writer {
		if count.Add(1) == n {
			return failingWriter{w, err}
		}
		return w
	}
}

// TestFailedWriteRemovesWhatTheBuildStaged fills the disk in the middle of
// a publish, to a new and to an existing destination: the destination is
// left as it was, and nothing the build wrote is left to fill the disk.
func TestFailedWriteRemovesWhatTheBuildStaged(t *testing.T) {
	next := maps.Clone(linkSite)
	for i := range 20 {
		next[fmt.Sprintf("en/news/%d/index.html", i)] = fmt.Sprint("news ", i)
	}
	for _, fault := range []error{syscall.ENOSPC, syscall.EDQUOT, syscall.EIO} {
		for _, existing := range []bool{false, true} {
			for _, at := range []int64{1, 7} {
				name := fmt.Sprintf("%v, existing %v, file %d", fault, existing, at)
				t.Run(name, func(t *testing.T) {
					w := newWorld(t)
					if existing {
						mustPublish(t, w.dest, linkSite, nil)
					}
					before := tree(t, w.root)
					tx, err := Begin(w.dest, Options{WrapWriter: failAt(at, fault)})
					if err != nil {
						t.Fatal(err)
					}
					var werr error
					for _, p := range slices.Sorted(maps.Keys(next)) {
						if werr = tx.Write(p, []byte(next[p])); werr != nil {
							break
						}
					}
					if !errors.Is(werr, fault) {
						t.Fatalf("Write: %v, want %v", werr, fault)
					}
					if fault != syscall.EIO && !strings.Contains(werr.Error(), "full") {
						t.Errorf("the error does not say the disk is full: %v", werr)
					}
					if err := tx.Close(); err != nil {
						t.Fatal(err)
					}
					if after := tree(t, w.root); !maps.Equal(before, after) {
						t.Errorf("a failed publish left:\n%s", diffMaps(before, after))
					}
				})
			}
		}
	}
}
