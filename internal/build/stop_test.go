package build

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
	"testing/fstest"
	"time"

	"github.com/alaqsa-ira/site/internal/shutdown"
)

// stopOld and stopNew are two versions of one site: a build of stopNew
// that is stopped must leave the published stopOld exactly as it was.
const stopOld = incrementalSite

var stopNew = []edit{
	set("content/announcements/call.en.md", announcement("A call, extended", "categories: [call]\n", "Apply by January.")),
	remove("content/announcements/old.en.md"),
	set("content/announcements/fresh.en.md", announcement("Fresh", "categories: [visit]\n", "A visit.")),
	set("static/css/extra.css", "p { margin-block: 1rem; }\n"),
}

// countingFS cancels a context when the nth file is opened, counting from
// 1; with n 0 it only counts. (How many files a build opens varies by one
// or two from run to run: a test that stops at the nth checks reached.)
type countingFS struct {
	fs.FS
	n      int64
	opened atomic.Int64
	cancel context.CancelFunc
}

// reached reports whether the nth file was opened.
func (c *countingFS) reached() bool { return c.n > 0 && c.opened.Load() >= c.n }

func (c *countingFS) Open(name string) (fs.File, error) {
	if c.opened.Add(1) == c.n {
		c.cancel()
	}
	return c.FS.Open(name)
}

// treeHashes returns the files under dir with a hash of their bytes, and
// the folders, so that two snapshots are equal only if the trees are.
func treeHashes(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if d.IsDir() {
			out[filepath.ToSlash(rel)+"/"] = "folder"
			return nil
		}
		b, err := os.ReadFile(p)
		out[filepath.ToSlash(rel)] = fmt.Sprintf("%x", sha256.Sum256(b))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func sameTree(t *testing.T, what string, got, want map[string]string) {
	t.Helper()
	if maps.Equal(got, want) {
		return
	}
	n := 0
	for p, h := range want {
		if got[p] != h && n < 5 {
			t.Errorf("%s: %s differs or is missing", what, p)
			n++
		}
	}
	for p := range got {
		if _, ok := want[p]; !ok && n < 10 {
			t.Errorf("%s: %s should not be there", what, p)
			n++
		}
	}
	if n == 0 {
		t.Errorf("%s: the trees differ", what)
	}
}

// checkStopped checks that err is the error of a build stopped by its
// context.
func checkStopped(t *testing.T, what string, err error) *StoppedError {
	t.Helper()
	var se *StoppedError
	if !errors.As(err, &se) || !errors.Is(err, context.Canceled) {
		t.Fatalf("%s: the build returned %v, want a *StoppedError wrapping context.Canceled", what, err)
	}
	return se
}

func newStopSites(t *testing.T) (old, new fstest.MapFS) {
	old, new = newSite(t, stopOld), newSite(t, stopOld)
	for _, e := range stopNew {
		e.apply(new)
	}
	return old, new
}

func publishOpts(src fs.FS, dest string) Options {
	return Options{Source: src, Dest: dest, Now: testNow, GitDates: map[string]time.Time{}}
}

// TestStoppedBuildLeavesThePublishedSiteAsItWas stops builds of a changed
// site at the start of every stage and after every file the build opens,
// and checks each time that the destination holds the site published
// before, byte for byte, and that the next build publishes the new site
// exactly, whatever the stopped builds left beside the destination.
func TestStoppedBuildLeavesThePublishedSiteAsItWas(t *testing.T) {
	old, new := newStopSites(t)
	dir := t.TempDir()
	dest := filepath.Join(dir, "public")
	if _, err := Run(context.Background(), publishOpts(old, dest)); err != nil {
		t.Fatal(err)
	}
	before := treeHashes(t, dest)
	fresh := filepath.Join(dir, "fresh")
	if _, err := Run(context.Background(), publishOpts(new, fresh)); err != nil {
		t.Fatal(err)
	}
	want := treeHashes(t, fresh)

	for _, stage := range []string{"load", "assemble", "photos", "render", "check", "write"} {
		ctx, cancel := context.WithCancel(context.Background())
		b := NewBuilder(publishOpts(new, dest))
		b.onStage = func(s string) {
			if s == stage {
				cancel()
			}
		}
		_, err := b.Build(ctx, nil)
		cancel()
		if se := checkStopped(t, "stopped at "+stage, err); se.Stage != stage {
			t.Errorf("stopped at %s: the error names the stage %q", stage, se.Stage)
		}
		sameTree(t, "after a build stopped at "+stage, treeHashes(t, dest), before)
	}

	counter := &countingFS{FS: new}
	if _, err := Run(context.Background(), publishOpts(counter, filepath.Join(dir, "count"))); err != nil {
		t.Fatal(err)
	}
	opened := counter.opened.Load()
	step := max(1, opened/40)
	for n := int64(1); n <= opened; n += step {
		ctx, cancel := context.WithCancel(context.Background())
		src := &countingFS{FS: new, n: n, cancel: cancel}
		_, err := Run(ctx, publishOpts(src, dest))
		cancel()
		if !src.reached() {
			continue
		}
		checkStopped(t, fmt.Sprintf("stopped at file %d of %d", n, opened), err)
		sameTree(t, fmt.Sprintf("after a build stopped at file %d of %d", n, opened), treeHashes(t, dest), before)
	}

	if _, err := Run(context.Background(), publishOpts(new, dest)); err != nil {
		t.Fatalf("the build after the stopped ones: %v", err)
	}
	sameTree(t, "the build after the stopped ones", treeHashes(t, dest), want)
}

// TestStoppedRebuildLeavesTheBuilderAsItWas stops the dev server's kind of
// rebuild (in memory, keeping the site) at every stage and after every
// file, and checks that the next rebuild gives the site a full build gives.
func TestStoppedRebuildLeavesTheBuilderAsItWas(t *testing.T) {
	old, new := newStopSites(t)
	var changed []string
	for _, e := range stopNew {
		changed = append(changed, e.apply(fstest.MapFS{})...)
	}
	want := mustBuild(t, new, func(o *Options) { o.Dev = true }).files

	newBuilder := func() (*Builder, *countingFS) {
		src := &countingFS{FS: old}
		b := NewBuilder(Options{Source: src, Now: testNow, GitDates: map[string]time.Time{}, Dev: true, Keep: true})
		if _, err := b.Build(context.Background(), nil); err != nil {
			t.Fatal(err)
		}
		src.FS = new
		src.opened.Store(0)
		return b, src
	}
	// How many files the rebuild opens.
	b, counter := newBuilder()
	if _, err := b.Build(context.Background(), &Changes{Paths: changed}); err != nil {
		t.Fatal(err)
	}
	opened := counter.opened.Load()

	type stop struct {
		name  string
		stage string
		n     int64
	}
	var stops []stop
	// Without a destination the write stage has nothing to stop: the
	// rebuild is done when it begins.
	for _, s := range []string{"load", "assemble", "photos", "render", "check"} {
		stops = append(stops, stop{name: "at " + s, stage: s})
	}
	for n := int64(1); n <= opened; n += max(1, opened/20) {
		stops = append(stops, stop{name: fmt.Sprintf("at file %d of %d", n, opened), n: n})
	}
	for _, s := range stops {
		b, src := newBuilder()
		ctx, cancel := context.WithCancel(context.Background())
		src.n, src.cancel = s.n, cancel
		if s.stage != "" {
			src.n = 0
			b.onStage = func(stage string) {
				if stage == s.stage {
					cancel()
				}
			}
		}
		_, err := b.Build(ctx, &Changes{Paths: changed})
		cancel()
		b.onStage = nil
		if s.stage != "" || src.reached() {
			checkStopped(t, "rebuild stopped "+s.name, err)
		}
		res, err := b.Build(context.Background(), &Changes{})
		if err != nil {
			t.Fatalf("the rebuild after one stopped %s: %v", s.name, err)
		}
		sameTree(t, "the rebuild after one stopped "+s.name, memSnapshot(res.Outputs), memSnapshot(want))
	}
}

// memSnapshot is snapshot for a site in memory, without its folders.
func memSnapshot(files map[string][]byte) map[string]string {
	out := make(map[string]string, len(files))
	for p, b := range files {
		out[p] = fmt.Sprintf("%x", sha256.Sum256(b))
	}
	return out
}

// TestCommitHoldsTheProgramsGuard checks the build's part in stopping a
// program: once the program is stopping (its Guard stopped) no commit
// begins, so the destination is as it was, and a commit that ran released
// the Guard, which a program stopping waits for.
func TestCommitHoldsTheProgramsGuard(t *testing.T) {
	old, new := newStopSites(t)
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := Run(context.Background(), publishOpts(old, dest)); err != nil {
		t.Fatal(err)
	}
	before := treeHashes(t, dest)

	var stopping shutdown.Guard
	stopping.Stop()
	opts := publishOpts(new, dest)
	opts.Guard = &stopping
	_, err := Run(context.Background(), opts)
	var se *StoppedError
	if !errors.As(err, &se) || se.Stage != "write" || !errors.Is(err, context.Canceled) {
		t.Errorf("a build whose program is stopping returned %v, want a *StoppedError at write", err)
	}
	sameTree(t, "after a build whose program is stopping", treeHashes(t, dest), before)
	if stopping.Granted() {
		t.Error("the Guard was held by a build whose program is stopping")
	}

	var running shutdown.Guard
	opts.Guard = &running
	if _, err := Run(context.Background(), opts); err != nil {
		t.Fatal(err)
	}
	if !running.Granted() {
		t.Error("the commit did not hold the Guard")
	}
	select {
	case <-running.Stop():
	default:
		t.Error("the build left the Guard held")
	}
}
