package watch

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

func skipSwap(name string) bool {
	return strings.HasSuffix(name, ".swp") || strings.HasPrefix(name, ".")
}

func started(t *testing.T, opts Options) (string, *Watcher) {
	t.Helper()
	root := t.TempDir()
	if err := os.MkdirAll(filepath.Join(root, "content", "a"), 0o755); err != nil {
		t.Fatal(err)
	}
	opts.Skip = skipSwap
	w := New(root, []string{"content", "missing"}, opts)
	if err := w.Start(); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	go func() { _ = w.Run(ctx) }()
	return root, w
}

func next(t *testing.T, w *Watcher) Batch {
	t.Helper()
	select {
	case b := <-w.Batches():
		return b
	case <-time.After(5 * time.Second):
		t.Fatal("no batch within 5s")
	}
	return Batch{}
}

func TestBatchesNameChangedFilesAndSkipTheRest(t *testing.T) {
	for _, mode := range []string{"notify", "poll"} {
		t.Run(mode, func(t *testing.T) {
			opts := Options{Quiet: 30 * time.Millisecond}
			if mode == "poll" {
				opts.Poll = 20 * time.Millisecond
			}
			root, w := started(t, opts)
			write := func(p string) {
				full := filepath.Join(root, p)
				if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(full, []byte(p), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			write("content/a/x.md")
			write("content/a/.x.md.swp")
			write("content/new/deep/y.md") // a folder made after the watch
			b := next(t, w)
			for _, want := range []string{"content/a/x.md", "content/new/deep/y.md"} {
				if !slices.Contains(b.Paths, want) {
					t.Errorf("batch %v lacks %s", b.Paths, want)
				}
			}
			for _, p := range b.Paths {
				if strings.Contains(p, ".swp") {
					t.Errorf("batch %v has a swap file", b.Paths)
				}
			}
			if mode == "notify" {
				if err := os.Chmod(filepath.Join(root, "content/a/x.md"), 0o600); err != nil {
					t.Fatal(err)
				}
				select {
				case b := <-w.Batches():
					t.Errorf("a chmod gave a batch: %v", b.Paths)
				case <-time.After(200 * time.Millisecond):
				}
			}
			write("content/new/deep/z.md")
			if b := next(t, w); !slices.Equal(b.Paths, []string{"content/new/deep/z.md"}) {
				t.Errorf("a file in the new folder: batch %v", b.Paths)
			}
		})
	}
}

func TestWatchLimitSaysWhatToRaiseAndPolls(t *testing.T) {
	var log bytes.Buffer
	w := New(t.TempDir(), nil, Options{Log: &log})
	if !w.limitReached(fmt.Errorf("adding a watch: %w", syscall.ENOSPC)) {
		t.Fatal("ENOSPC is not taken for the watch limit")
	}
	if !strings.Contains(log.String(), "sudo sysctl fs.inotify.max_user_watches=") || !w.Polling() {
		t.Errorf("message %q, polling %v", log.String(), w.Polling())
	}
	if w.limitReached(fmt.Errorf("other: %w", syscall.EACCES)) {
		t.Error("another error is taken for the watch limit")
	}
}

// collect gathers the paths of the batches that come until want is among
// them, or fails.
func collect(t *testing.T, w *Watcher, want string) []string {
	t.Helper()
	var paths []string
	for !slices.Contains(paths, want) {
		paths = append(paths, next(t, w).Paths...)
	}
	return paths
}

func TestFoldersRemovedMovedAndMadeAgainAreWatched(t *testing.T) {
	for _, mode := range []string{"notify", "poll"} {
		t.Run(mode, func(t *testing.T) {
			opts := Options{Quiet: 30 * time.Millisecond}
			if mode == "poll" {
				opts.Poll = 20 * time.Millisecond
			}
			root, w := started(t, opts)
			content := filepath.Join(root, "content")
			write := func(p string) {
				t.Helper()
				full := filepath.Join(root, filepath.FromSlash(p))
				if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(full, []byte(p), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			write("content/a/old.md")
			collect(t, w, "content/a/old.md")

			// Removed and made again: the files in the new folder are
			// reported, and so are later edits in it.
			must(t, os.RemoveAll(content))
			write("content/a/x.md")
			collect(t, w, "content/a/x.md")
			write("content/a/y.md")
			collect(t, w, "content/a/y.md")

			// Moved away and replaced: edits in the folder moved away are
			// not reported under the old path.
			write("other/b/z.md")
			if mode == "notify" {
				// other/ is not a watched folder: nothing to report yet.
				select {
				case b := <-w.Batches():
					t.Errorf("a folder beside the watched ones gave a batch: %v", b.Paths)
				case <-time.After(200 * time.Millisecond):
				}
			}
			must(t, os.Rename(content, filepath.Join(root, "content.bak")))
			must(t, os.Rename(filepath.Join(root, "other"), content))
			collect(t, w, "content/b/z.md")
			write("content.bak/a/moved.md")
			write("content/b/after.md")
			for _, p := range collect(t, w, "content/b/after.md") {
				if strings.HasSuffix(p, "moved.md") {
					t.Errorf("an edit in the folder moved away was reported as %s", p)
				}
			}
		})
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
