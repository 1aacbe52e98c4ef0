//go:build unix

package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/alaqsa-ira/site/internal/corpus"
	"github.com/alaqsa-ira/site/internal/gittest"
)

// The tests here run the site command as a program and send it signals.

var binary struct {
	once sync.Once
	path string
	err  error
}

// siteBinary builds the command once for the tests of this package.
func siteBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the command and large sites")
	}
	binary.once.Do(func() {
		dir, err := os.MkdirTemp("", "site-cmd-")
		if err != nil {
			binary.err = err
			return
		}
		binary.path = filepath.Join(dir, "site")
		out, err := exec.Command("go", "build", "-o", binary.path, ".").CombinedOutput()
		if err != nil {
			binary.err = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if binary.err != nil {
		t.Fatal(binary.err)
	}
	return binary.path
}

func TestMain(m *testing.M) {
	code := m.Run()
	if sharedCache.path != "" {
		os.RemoveAll(sharedCache.path)
	}
	if binary.path != "" {
		os.RemoveAll(filepath.Dir(binary.path))
	}
	os.Exit(code)
}

// twoSites writes two versions of a large site, which differ on every
// page, and returns their folders.
func twoSites(t *testing.T, n int) (a, b string) {
	t.Helper()
	m, err := corpus.Generate(os.DirFS("../.."), n)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	a, b = filepath.Join(dir, "a"), filepath.Join(dir, "b")
	if err := corpus.WriteDir(a, m); err != nil {
		t.Fatal(err)
	}
	cfg := m["data/site.yaml"]
	cfg.Data = bytes.Replace(cfg.Data, []byte("title: "), []byte("title: Changed "), 1)
	if err := corpus.WriteDir(b, m); err != nil {
		t.Fatal(err)
	}
	return a, b
}

// tree returns the files and folders under dir with the hashes of the
// files: equal trees give equal maps.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if d.IsDir() {
			out[rel+"/"] = ""
			return nil
		}
		b, err := os.ReadFile(p)
		out[rel] = fmt.Sprintf("%x", sha256.Sum256(b))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// started is the command running as a program.
type started struct {
	cmd            *exec.Cmd
	stdout, stderr *bytes.Buffer
}

func startSite(t *testing.T, args ...string) *started {
	t.Helper()
	cmd := exec.Command(siteBinary(t), args...)
	cmd.Env = append(os.Environ(), "SOURCE_DATE_EPOCH=1796500000")
	s := &started{cmd: cmd, stdout: new(bytes.Buffer), stderr: new(bytes.Buffer)}
	cmd.Stdout, cmd.Stderr = s.stdout, s.stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return s
}

// wait waits for the program and returns its exit code, failing the test
// if it panicked. A program that a signal killed before it could handle
// signals (it had not reached main: a loaded machine can take that long)
// gets the code a shell reports for it, 128 plus the signal, with early
// set: it did nothing, and said nothing.
func (s *started) wait(t *testing.T, what string) (code int, early bool) {
	t.Helper()
	err := s.cmd.Wait()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatalf("%s: %v", what, err)
	}
	code = s.cmd.ProcessState.ExitCode()
	if ws, ok := s.cmd.ProcessState.Sys().(syscall.WaitStatus); ok && ws.Signaled() && s.stderr.Len() == 0 && s.stdout.Len() == 0 {
		return 128 + int(ws.Signal()), true
	}
	if code < 0 {
		t.Fatalf("%s: the program was killed by a signal instead of exiting: %v\nstderr:\n%s", what, s.cmd.ProcessState, s.stderr)
	}
	if out := s.stderr.String(); strings.Contains(out, "panic") || strings.Contains(out, "goroutine ") {
		t.Fatalf("%s: the program panicked:\n%s", what, out)
	}
	return code, false
}

func (s *started) signal(t *testing.T, sig syscall.Signal) {
	t.Helper()
	if err := s.cmd.Process.Signal(sig); err != nil && !errors.Is(err, os.ErrProcessDone) {
		t.Fatal(err)
	}
}

// TestInterruptedBuildKeepsThePublishedSite interrupts builds at many
// moments, with SIGINT, SIGTERM and two SIGINTs in a row, each time
// building the version of the site that is not published. Each build
// either finishes (exit 0, the new site published) or stops (130 for
// SIGINT, 143 for SIGTERM, the old site untouched): never a panic, never a
// mix of the two sites.
func TestInterruptedBuildKeepsThePublishedSite(t *testing.T) {
	a, b := twoSites(t, 300)
	dest := filepath.Join(t.TempDir(), "public")
	sites := map[string]map[string]string{}
	for _, src := range []string{b, a} { // a is published last
		s := startSite(t, "build", "-s", src, "-d", dest)
		if code, _ := s.wait(t, "build "+src); code != 0 {
			t.Fatalf("build of %s: exit %d\n%s", src, code, s.stderr)
		}
		sites[src] = tree(t, dest)
	}
	if maps.Equal(sites[a], sites[b]) {
		t.Fatal("the two versions of the site build the same files")
	}
	published, other := a, b
	stops := 0
	tries := []struct {
		delay time.Duration
		sigs  []syscall.Signal
	}{
		{100 * time.Millisecond, []syscall.Signal{syscall.SIGINT}},
		{150 * time.Millisecond, []syscall.Signal{syscall.SIGTERM}},
		{200 * time.Millisecond, []syscall.Signal{syscall.SIGINT, syscall.SIGINT}},
		{300 * time.Millisecond, []syscall.Signal{syscall.SIGINT}},
		{500 * time.Millisecond, []syscall.Signal{syscall.SIGINT}},
		{800 * time.Millisecond, []syscall.Signal{syscall.SIGTERM}},
		{1200 * time.Millisecond, []syscall.Signal{syscall.SIGINT}},
		{2 * time.Second, []syscall.Signal{syscall.SIGINT}},
	}
	for _, try := range tries {
		what := fmt.Sprintf("build interrupted by %v after %v", try.sigs, try.delay)
		s := startSite(t, "build", "-s", other, "-d", dest)
		time.Sleep(try.delay)
		for _, sig := range try.sigs {
			s.signal(t, sig)
		}
		code, early := s.wait(t, what)
		got := tree(t, dest)
		switch code {
		case 0:
			if !maps.Equal(got, sites[other]) {
				t.Fatalf("%s: exit 0 but the new site is not what was published", what)
			}
			published, other = other, published
		case 128 + int(try.sigs[0]):
			if !early {
				stops++
			}
			if !maps.Equal(got, sites[published]) {
				t.Fatalf("%s: exit %d but the published site changed", what, code)
			}
			if !early && !strings.Contains(s.stderr.String(), "nothing was published") {
				t.Errorf("%s: stderr does not say nothing was published:\n%s", what, s.stderr)
			}
		default:
			t.Fatalf("%s: exit %d, want %d or 0\n%s", what, code, 128+int(try.sigs[0]), s.stderr)
		}
	}
	if stops == 0 {
		t.Error("no build stopped by handling its signal")
	}
	// What the stopped builds left beside the destination does not get in
	// the way of the next build.
	s := startSite(t, "build", "-s", other, "-d", dest)
	if code, _ := s.wait(t, "the build after the interrupted ones"); code != 0 {
		t.Fatalf("the build after the interrupted ones: exit %d\n%s", code, s.stderr)
	}
	if !maps.Equal(tree(t, dest), sites[other]) {
		t.Error("the build after the interrupted ones did not publish its site exactly")
	}
}

func TestInterruptedCheckStopsCleanly(t *testing.T) {
	a, _ := twoSites(t, 300)
	stops := 0
	for _, delay := range []time.Duration{100 * time.Millisecond, 300 * time.Millisecond, 700 * time.Millisecond, 1500 * time.Millisecond} {
		what := fmt.Sprintf("check interrupted after %v", delay)
		s := startSite(t, "check", "-s", a)
		time.Sleep(delay)
		s.signal(t, syscall.SIGINT)
		code, early := s.wait(t, what)
		switch code {
		case 0:
		case 130:
			if !early {
				stops++
			}
			if !early && !strings.Contains(s.stderr.String(), "interrupted") {
				t.Errorf("%s: stderr does not say it was interrupted:\n%s", what, s.stderr)
			}
		default:
			t.Fatalf("%s: exit %d, want 130 or 0\n%s%s", what, code, s.stdout, s.stderr)
		}
	}
	if stops == 0 {
		t.Error("no check stopped by handling its signal")
	}
}

// TestInterruptedServerStopsCleanly stops the dev server while it rebuilds
// after an edit, and while it is idle.
func TestInterruptedServerStopsCleanly(t *testing.T) {
	a, _ := twoSites(t, 300)
	for _, delay := range []time.Duration{-1, 0, 20 * time.Millisecond, 100 * time.Millisecond, 300 * time.Millisecond} {
		for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
			what := fmt.Sprintf("server stopped by %v %v after an edit", sig, delay)
			if delay < 0 {
				what = fmt.Sprintf("idle server stopped by %v", sig)
			}
			cmd := exec.Command(siteBinary(t), "serve", "-s", a, "--port", "0")
			stdout, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			lines := bufio.NewScanner(stdout)
			if !lines.Scan() || !strings.HasPrefix(lines.Text(), "serving the site at ") {
				cancel()
				_ = cmd.Process.Kill()
				t.Fatalf("%s: the server did not start: %q\n%s", what, lines.Text(), stderr.String())
			}
			rest := make(chan string, 1)
			go func() { b, _ := io.ReadAll(stdout); rest <- string(b) }()
			if delay >= 0 {
				page := filepath.Join(a, "content", "about.en.md")
				text, err := os.ReadFile(page)
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(page, append(text, fmt.Sprintf("\nEdited %v.\n", delay)...), 0o644); err != nil {
					t.Fatal(err)
				}
				time.Sleep(delay)
			}
			if err := cmd.Process.Signal(sig); err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			select {
			case <-done:
			case <-ctx.Done():
				_ = cmd.Process.Kill()
				t.Fatalf("%s: the server did not stop within a minute", what)
			}
			cancel()
			out := <-rest
			if code := cmd.ProcessState.ExitCode(); code != 128+int(sig) {
				t.Errorf("%s: exit %d, want %d\n%s", what, code, 128+int(sig), stderr.String())
			}
			if strings.Contains(stderr.String(), "panic") || strings.Contains(stderr.String(), "goroutine ") {
				t.Fatalf("%s: the server panicked:\n%s", what, stderr.String())
			}
			// It stops by itself, or, when its rebuild takes longer than
			// the program gives it, is stopped without it.
			if !strings.Contains(out, "stopped") && !strings.Contains(stderr.String(), "stopped without waiting") {
				t.Errorf("%s: the server did not say it stopped:\n%s%s", what, out, stderr.String())
			}
		}
	}
}

// waiting is a command started with a git that never answers (the first
// thing a command waits on; its output stays open even once it is
// killed), once that git has started.
type waiting struct {
	cmd    *exec.Cmd
	done   chan struct{}
	stderr *strings.Builder
	dir    string            // the folder of the site and the destination
	before map[string]string // dir before the command
}

// startWaiting starts the command in a copy of the site, through sh with
// the signals in ignore ignored (as nohup, or a shell without job control,
// starts a program), and returns once it waits on git.
func startWaiting(t *testing.T, command string, ignore ...syscall.Signal) *waiting {
	t.Helper()
	bin, started := gittest.StuckGit(t)
	w := &waiting{done: make(chan struct{}), stderr: new(strings.Builder), dir: t.TempDir()}
	src := filepath.Join(w.dir, "site")
	if err := os.Rename(copySite(t), src); err != nil {
		t.Fatal(err)
	}
	args := map[string][]string{
		"build": {"build", "-s", src, "-d", filepath.Join(w.dir, "public")},
		"check": {"check", "-s", src},
		"serve": {"serve", "-s", src, "--port", "0"},
	}[command]
	w.before = lstatTree(t, w.dir)
	trap := ""
	for _, sig := range ignore {
		trap += fmt.Sprintf("trap '' %d; ", int(sig))
	}
	w.cmd = exec.Command("sh", append([]string{"-c", trap + `exec "$0" "$@"`, siteBinary(t)}, args...)...)
	w.cmd.Env = append(os.Environ(), "SOURCE_DATE_EPOCH=1796500000", "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	w.cmd.Stderr = w.stderr
	if err := w.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { _ = w.cmd.Wait(); close(w.done) }()
	t.Cleanup(func() {
		select {
		case <-w.done:
		default:
			_ = w.cmd.Process.Kill()
			<-w.done
		}
	})
	limit := time.After(exitLimit)
	for !started() {
		select {
		case <-w.done:
			t.Fatalf("the command ended before git started: %v\n%s", w.cmd.ProcessState, w.stderr.String())
		case <-limit:
			t.Fatal("git was never started")
		case <-time.After(10 * time.Millisecond):
		}
	}
	return w
}

// stopsAt sends sig and checks that the command ends with 128 plus its
// number, saying it was stopped, having changed nothing.
func (w *waiting) stopsAt(t *testing.T, sig syscall.Signal) {
	t.Helper()
	sent := time.Now()
	if err := w.cmd.Process.Signal(sig); err != nil {
		t.Fatal(err)
	}
	select {
	case <-w.done:
	case <-time.After(exitLimit):
		t.Fatalf("the command did not stop within %v of the first %v\n%s", exitLimit, sig, w.stderr.String())
	}
	t.Logf("stopped %v after the signal", time.Since(sent).Round(time.Millisecond))
	if code := w.cmd.ProcessState.ExitCode(); code != 128+int(sig) {
		t.Errorf("exit %d, want %d (%v)\n%s", code, 128+int(sig), w.cmd.ProcessState, w.stderr.String())
	}
	word := (&interrupted{sig: sig}).Error()
	if out := w.stderr.String(); !strings.HasPrefix(out, word+": ") || strings.Contains(out, "panic") {
		t.Errorf("stderr does not begin %q:\n%s", word, out)
	}
	if after := lstatTree(t, w.dir); !maps.Equal(w.before, after) {
		t.Errorf("the stopped command changed its folder")
	}
}

// TestFirstSignalStopsACommandThatWaits runs build, check and serve waiting
// on a git that never answers, and sends one SIGINT, SIGTERM or SIGHUP:
// each command ends with 128 plus the signal's number, having published
// nothing and changed nothing. The program gives a command half a second
// to stop by itself; exitLimit here only tells a stop from a hang, and the
// time taken is logged.
func TestFirstSignalStopsACommandThatWaits(t *testing.T) {
	for _, command := range []string{"build", "check", "serve"} {
		for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP} {
			t.Run(command+"/"+sig.String(), func(t *testing.T) {
				w := startWaiting(t, command)
				w.stopsAt(t, sig)
				if command == "build" && !strings.Contains(w.stderr.String(), "nothing was published") {
					t.Errorf("stderr does not say nothing was published:\n%s", w.stderr.String())
				}
			})
		}
	}
}

// TestSignalsIgnoredAtStart starts a build as a shell without job control
// starts a background job (SIGINT ignored) and as nohup does (SIGHUP
// ignored): SIGINT still stops it, as a script that sends it means, while
// SIGHUP stays ignored.
func TestSignalsIgnoredAtStart(t *testing.T) {
	w := startWaiting(t, "build", syscall.SIGINT)
	w.stopsAt(t, syscall.SIGINT)

	w = startWaiting(t, "build", syscall.SIGHUP)
	if err := w.cmd.Process.Signal(syscall.SIGHUP); err != nil {
		t.Fatal(err)
	}
	select {
	case <-w.done:
		t.Fatalf("a build started under nohup stopped at SIGHUP: %v\n%s", w.cmd.ProcessState, w.stderr.String())
	case <-time.After(2 * stopGrace):
	}
	w.stopsAt(t, syscall.SIGTERM)
}
