// Package watch reports changes under a site's source folders in batches.
//
// fsnotify watches one folder at a time, so a Watcher adds every folder
// under the roots it is given, adds folders created later (reporting the
// files already in them, which may have been written before the watch was
// in place) and forgets folders that are removed or moved away, with every
// folder under them. It also watches the root itself, so that a source
// folder that is removed and made again, or replaced by another (a git
// checkout of another branch, a backup put back, mv other content), is
// watched again and its files reported; a folder that is removed or moved
// away is reported by its own path, since the files it held are not known. Editors save in many ways
// (writing in place, writing a temporary file and renaming it over the
// original, leaving backup and swap files beside it), so events are
// filtered (by a Skip function, and chmod-only events are dropped) and
// collected until the folders have been quiet for a moment: one save, or a
// checkout that changes a hundred files, gives one Batch.
//
// When the system's limit on watches is reached, the Watcher says which
// setting to raise and falls back to polling the folders.
package watch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Batch is a set of changed paths, relative to the root, slash-separated and
// sorted. All is set when changes may have been missed (the kernel's event
// queue overflowed) and everything must be considered changed.
type Batch struct {
	Paths []string
	All   bool
}

// Options configures a Watcher. Zero values take the defaults.
type Options struct {
	// Quiet is how long the folders must be still before a batch is sent
	// (default 5ms); MaxWait bounds how long a batch is held back while
	// changes keep coming (default 300ms).
	Quiet, MaxWait time.Duration
	// Skip reports names that are never part of the site (editors' swap and
	// backup files, hidden files). It is given the base name.
	Skip func(name string) bool
	// Poll forces polling at this interval instead of fsnotify.
	Poll time.Duration
	// Log receives messages for the person running the server.
	Log io.Writer
}

// Watcher watches folders under a root.
type Watcher struct {
	root    string
	dirs    []string
	opts    Options
	batches chan Batch
	polling bool
	fw      *fsnotify.Watcher
	watched map[string]bool      // the folders under watch, the root's ones
	snap    map[string]fileState // for polling
}

// New returns a Watcher of the folders dirs (relative to root; missing ones
// are skipped). Call Start, then Run.
func New(root string, dirs []string, opts Options) *Watcher {
	if opts.Quiet == 0 {
		opts.Quiet = 5 * time.Millisecond
	}
	if opts.MaxWait == 0 {
		opts.MaxWait = 300 * time.Millisecond
	}
	if opts.Skip == nil {
		opts.Skip = func(string) bool { return false }
	}
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	return &Watcher{root: root, dirs: dirs, opts: opts, batches: make(chan Batch, 1), watched: map[string]bool{}}
}

// Batches delivers the batches of changes.
func (w *Watcher) Batches() <-chan Batch { return w.batches }

// Polling reports whether the watcher fell back to polling.
func (w *Watcher) Polling() bool { return w.polling }

// Start puts the watches in place (or takes the first snapshot when
// polling): changes made after Start returns are reported by Run.
func (w *Watcher) Start() error {
	if w.opts.Poll > 0 {
		w.startPolling()
		return nil
	}
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		if w.limitReached(err) {
			w.startPolling()
			return nil
		}
		return err
	}
	// The root, for its folders coming and going; the events of its other
	// entries are dropped.
	err = fw.Add(w.root)
	for _, d := range w.dirs {
		if err != nil {
			break
		}
		_, err = w.addTree(fw, filepath.Join(w.root, d))
	}
	if err != nil {
		fw.Close()
		if w.limitReached(err) {
			w.startPolling()
			return nil
		}
		return err
	}
	w.fw = fw
	return nil
}

func (w *Watcher) startPolling() {
	w.polling = true
	w.snap = w.snapshot()
}

// Run reports changes on Batches until ctx is done, then closes Batches.
func (w *Watcher) Run(ctx context.Context) error {
	defer close(w.batches)
	if w.fw == nil {
		every := w.opts.Poll
		if every == 0 {
			every = 500 * time.Millisecond
		}
		return w.poll(ctx, every)
	}
	defer w.fw.Close()
	return w.loop(ctx, w.fw)
}

// limitReached tells how to raise the system's limits when err says one
// was reached, and reports whether it did.
func (w *Watcher) limitReached(err error) bool {
	switch {
	case errors.Is(err, syscall.ENOSPC):
		fmt.Fprintln(w.opts.Log, "watch: the system's limit on watched folders is reached; raise it with\n"+
			"  sudo sysctl fs.inotify.max_user_watches=524288\n"+
			"(add the same line to /etc/sysctl.conf to keep it). Polling the folders for now.")
	case errors.Is(err, syscall.EMFILE), errors.Is(err, syscall.ENFILE):
		fmt.Fprintln(w.opts.Log, "watch: the system's limit on file watchers is reached; raise it with\n"+
			"  sudo sysctl fs.inotify.max_user_instances=1024\n"+
			"Polling the folders for now.")
	default:
		return false
	}
	w.polling = true
	return true
}

// addTree watches dir and every folder under it, and returns the files in
// them.
func (w *Watcher) addTree(fw *fsnotify.Watcher, dir string) ([]string, error) {
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		if p != dir && w.opts.Skip(d.Name()) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if err := fw.Add(p); err != nil {
				return err
			}
			w.watched[p] = true
			return nil
		}
		files = append(files, p)
		return nil
	})
	return files, err
}

// forget stops watching dir and the folders under it, which were removed
// or moved away: moved, they would go on reporting changes under their old
// paths.
func (w *Watcher) forget(fw *fsnotify.Watcher, dir string) {
	prefix := dir + string(filepath.Separator)
	for p := range w.watched {
		if p == dir || strings.HasPrefix(p, prefix) {
			_ = fw.Remove(p) // gone already when the folder was removed
			delete(w.watched, p)
		}
	}
}

// watchedRoot reports whether p is one of the folders watched under the
// root (content, data, ...), and so reports nothing else of the root.
func (w *Watcher) watchedRoot(p string) bool {
	if filepath.Dir(p) != filepath.Clean(w.root) {
		return false
	}
	return slices.Contains(w.dirs, filepath.Base(p))
}

func (w *Watcher) loop(ctx context.Context, fw *fsnotify.Watcher) error {
	b := newBatcher(w.opts.Quiet, w.opts.MaxWait)
	for {
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-fw.Events:
			if !ok {
				return nil
			}
			w.event(fw, ev, b)
		case err, ok := <-fw.Errors:
			if !ok {
				return nil
			}
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				b.all = true
				b.touch()
				continue
			}
			fmt.Fprintln(w.opts.Log, "watch:", err)
		case <-b.timer():
			if !w.send(ctx, b.take()) {
				return nil
			}
		}
	}
}

func (w *Watcher) event(fw *fsnotify.Watcher, ev fsnotify.Event, b *batcher) {
	if filepath.Clean(ev.Name) == filepath.Clean(w.root) && (ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename)) {
		fmt.Fprintf(w.opts.Log, "watch: the site folder %s was removed or moved away; start the server again in the new one\n", w.root)
		return
	}
	if ev.Op == fsnotify.Chmod || w.skipPath(ev.Name) {
		return
	}
	if filepath.Dir(ev.Name) == filepath.Clean(w.root) && !w.watchedRoot(ev.Name) {
		return // another entry of the root: public/, README.md, ...
	}
	if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
		w.forget(fw, ev.Name)
	}
	if ev.Has(fsnotify.Create) {
		if info, err := os.Lstat(ev.Name); err == nil && info.IsDir() {
			files, err := w.addTree(fw, ev.Name)
			if err != nil && w.limitReached(err) {
				b.all = true
			}
			for _, f := range files {
				b.add(w.rel(f))
			}
		}
	}
	b.add(w.rel(ev.Name))
}

// skipPath reports paths with a skipped name in them, and paths outside
// the root or the root itself.
func (w *Watcher) skipPath(p string) bool {
	rel, err := filepath.Rel(w.root, p)
	if err != nil || rel == "." || strings.HasPrefix(rel, "..") {
		return true
	}
	for _, part := range strings.Split(filepath.ToSlash(rel), "/") {
		if w.opts.Skip(part) {
			return true
		}
	}
	return false
}

func (w *Watcher) rel(p string) string {
	rel, _ := filepath.Rel(w.root, p)
	return filepath.ToSlash(rel)
}

func (w *Watcher) send(ctx context.Context, batch Batch) bool {
	if len(batch.Paths) == 0 && !batch.All {
		return true
	}
	select {
	case w.batches <- batch:
		return true
	case <-ctx.Done():
		return false
	}
}

// poll compares the folders' files with what they were every interval.
func (w *Watcher) poll(ctx context.Context, every time.Duration) error {
	prev := w.snap
	b := newBatcher(w.opts.Quiet, w.opts.MaxWait)
	tick := time.NewTicker(every)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-tick.C:
			cur := w.snapshot()
			for p, st := range cur {
				if prev[p] != st {
					b.add(p)
				}
			}
			for p := range prev {
				if _, ok := cur[p]; !ok {
					b.add(p)
				}
			}
			prev = cur
		case <-b.timer():
			if !w.send(ctx, b.take()) {
				return nil
			}
		}
	}
}

type fileState struct {
	size    int64
	modTime time.Time
	mode    fs.FileMode
}

func (w *Watcher) snapshot() map[string]fileState {
	out := map[string]fileState{}
	for _, d := range w.dirs {
		_ = filepath.WalkDir(filepath.Join(w.root, d), func(p string, e fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if w.opts.Skip(e.Name()) && e.IsDir() && p != filepath.Join(w.root, d) {
				return filepath.SkipDir
			}
			if e.IsDir() || w.opts.Skip(e.Name()) {
				return nil
			}
			if info, err := e.Info(); err == nil {
				out[w.rel(p)] = fileState{info.Size(), info.ModTime(), info.Mode()}
			}
			return nil
		})
	}
	return out
}

// batcher collects paths until changes have been quiet for a while.
type batcher struct {
	quiet, maxWait time.Duration
	paths          map[string]bool
	all            bool
	first, last    time.Time
	t              *time.Timer
}

func newBatcher(quiet, maxWait time.Duration) *batcher {
	t := time.NewTimer(time.Hour)
	t.Stop()
	return &batcher{quiet: quiet, maxWait: maxWait, paths: map[string]bool{}, t: t}
}

func (b *batcher) add(p string) {
	b.paths[p] = true
	b.touch()
}

// touch restarts the quiet period, within the longest wait.
func (b *batcher) touch() {
	now := time.Now()
	if b.first.IsZero() {
		b.first = now
	}
	b.last = now
	wait := min(b.quiet, b.first.Add(b.maxWait).Sub(now))
	b.t.Reset(max(wait, 0))
}

func (b *batcher) timer() <-chan time.Time { return b.t.C }

func (b *batcher) take() Batch {
	out := Batch{All: b.all}
	for p := range b.paths {
		out.Paths = append(out.Paths, p)
	}
	slices.Sort(out.Paths)
	b.paths, b.all, b.first = map[string]bool{}, false, time.Time{}
	return out
}
