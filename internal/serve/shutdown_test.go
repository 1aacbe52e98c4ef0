package serve

import (
	"context"
	"net"
	"os"
	"testing"
	"time"

	"github.com/alaqsa-ira/site/internal/corpus"
)

// TestShutdownDuringARebuild stops the server at moments during the first
// build and during rebuilds after an edit: Serve must return cleanly each
// time, and the stopped rebuild must not be reported as a failed build.
func TestShutdownDuringARebuild(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a large site many times")
	}
	m, err := corpus.Generate(os.DirFS("../.."), 100)
	must(t, err)
	root := t.TempDir()
	must(t, corpus.WriteDir(root, m))
	for i, delay := range []time.Duration{0, 2 * time.Millisecond, 20 * time.Millisecond, 100 * time.Millisecond} {
		for _, first := range []bool{true, false} {
			ln, err := net.Listen("tcp", "127.0.0.1:0")
			must(t, err)
			s := New(Options{Root: root, Drafts: true, Log: testLog(t)}, ln)
			s.Rebuilds = make(chan Rebuild, 64)
			ctx, cancel := context.WithCancel(context.Background())
			done := make(chan error, 1)
			go func() { done <- s.Serve(ctx, ln) }()
			if !first {
				if rb := (&running{t: t, s: s}).nextRebuild(); rb.Err != nil {
					t.Fatal(rb.Err)
				}
				must(t, writeFile(root, "content/about.en.md", "---\ntitle: About\n---\nEdit "+time.Duration(i).String()+".\n"))
			}
			time.Sleep(delay)
			cancel()
			select {
			case err := <-done:
				if err != nil {
					t.Errorf("stopped %v after start (first build %v): Serve: %v", delay, first, err)
				}
			case <-time.After(time.Minute):
				t.Fatalf("stopped %v after start: Serve did not return within a minute", delay)
			}
			for len(s.Rebuilds) > 0 {
				if rb := <-s.Rebuilds; rb.Err != nil {
					t.Errorf("stopped %v after start: a rebuild reported %v", delay, rb.Err)
				}
			}
		}
	}
}
