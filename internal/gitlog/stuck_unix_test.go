//go:build unix

package gitlog

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/alaqsa-ira/site/internal/gittest"
	"github.com/alaqsa-ira/site/internal/hangtest"
)

// TestAStuckGitDoesNotHoldAStop runs a git that never answers and keeps its
// output open even once killed: Read and the commands of work.go return
// soon after their context ends, instead of waiting for the output to
// close.
func TestAStuckGitDoesNotHoldAStop(t *testing.T) {
	for name, call := range map[string]func(ctx context.Context) error{
		"Read":        func(ctx context.Context) error { _, err := Read(ctx, t.TempDir()); return err },
		"Uncommitted": func(ctx context.Context) error { _, err := Uncommitted(ctx, t.TempDir()); return err },
	} {
		t.Run(name, func(t *testing.T) {
			bin, started := gittest.StuckGit(t)
			t.Setenv("PATH", bin+string(os.PathListSeparator)+os.Getenv("PATH"))
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			go func() {
				for !started() {
					time.Sleep(10 * time.Millisecond)
				}
				cancel()
			}()
			var err error
			hangtest.Run(t, name+" with a stuck git, stopped", func() { err = call(ctx) })
			if err == nil {
				t.Error("a git stopped before it answered gave no error")
			}
		})
	}
}
