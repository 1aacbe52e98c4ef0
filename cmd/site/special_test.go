//go:build unix

package main

import (
	"bufio"
	"context"
	"crypto/sha256"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/alaqsa-ira/site/internal/regular/regulartest"
)

// The tests here plant files that are not regular files in a site and
// run the site command on it as a program.

// exitLimit bounds how long a command of these tests (and of the tests of
// stopping, in interrupt_test.go) may run before it is taken to hang: far
// above what any takes, far below for ever.
const exitLimit = 2 * time.Minute

// runLimited runs the command to its end, killing it and failing the test
// if it runs past exitLimit.
func runLimited(t *testing.T, env []string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), exitLimit)
	defer cancel()
	cmd := exec.CommandContext(ctx, siteBinary(t), args...)
	cmd.Env = append(append(os.Environ(), "SOURCE_DATE_EPOCH=1796500000"), env...)
	var out, errOut strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("site %s did not end within %v: it hangs\nstderr:\n%s", strings.Join(args, " "), exitLimit, errOut.String())
	}
	if _, ok := err.(*exec.ExitError); err != nil && !ok {
		t.Fatal(err)
	}
	return cmd.ProcessState.ExitCode(), out.String(), errOut.String()
}

// lstatTree describes everything under dir without following links or
// reading anything but regular files, so that it can hold named pipes.
func lstatTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		info, err := d.Info()
		if err != nil {
			return err
		}
		switch {
		case d.IsDir():
			out[rel+"/"] = "folder"
		case d.Type().IsRegular():
			b, err := os.ReadFile(p)
			out[rel] = fmt.Sprintf("%x %d", sha256.Sum256(b), info.ModTime().UnixNano())
			return err
		default:
			out[rel] = info.Mode().String()
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// specialPlaces are where the tests plant a file that is not a regular
// file: in every folder the commands read.
var specialPlaces = []string{
	"content/announcements/f.en.md",                     // a page
	"content/announcements/2026-delegation-visit/x.jpg", // a page bundle
	"data/redirects.yaml",                               // a data file
	"layouts/extra.html",
	"layouts/partials/extra.html",
	"static/files/form.pdf",
}

// plant makes a file of the kind at every place of the site at root; it
// skips the test when it cannot.
func plant(t *testing.T, sp regulartest.Special, root string) {
	t.Helper()
	for _, p := range specialPlaces {
		full := filepath.Join(root, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Remove(full); err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		if !sp.Make(t, full) {
			t.Skip("cannot make one here")
		}
	}
}

func warnsAboutEach(t *testing.T, what, out string) {
	t.Helper()
	for _, p := range specialPlaces {
		if !strings.Contains(out, p+": warning: this is ") {
			t.Errorf("%s does not warn about %s:\n%s", what, p, out)
		}
	}
}

// TestSpecialFilesDoNotStopACommand plants a named pipe, a socket and a
// device (where this user may make one) in every folder a command reads,
// and runs build, check and new: each ends, names every planted file in a
// warning, does its work, and changes nothing but what it makes.
func TestSpecialFilesDoNotStopACommand(t *testing.T) {
	for _, sp := range regulartest.Specials {
		t.Run(sp.Name, func(t *testing.T) {
			src := copySite(t)
			plant(t, sp, src)
			dest := filepath.Join(t.TempDir(), "public")
			before := lstatTree(t, src)

			code, _, stderr := runLimited(t, nil, "build", "-s", src, "-d", dest)
			if code != 0 {
				t.Fatalf("build: exit %d\n%s", code, stderr)
			}
			warnsAboutEach(t, "build", stderr)
			if _, err := os.Stat(filepath.Join(dest, "en", "index.html")); err != nil {
				t.Errorf("the site was not built: %v", err)
			}
			if after := lstatTree(t, src); !maps.Equal(before, after) {
				t.Errorf("build changed its source folder")
			}

			code, stdout, stderr := runLimited(t, nil, "check", "-s", src)
			if code != 0 {
				t.Fatalf("check: exit %d\n%s%s", code, stdout, stderr)
			}
			warnsAboutEach(t, "check", stdout)

			code, stdout, stderr = runLimited(t, nil, "new", "announcement", "A pipe in the way", "-s", src)
			if code != 0 || !strings.Contains(stdout, "created content/announcements/a-pipe-in-the-way.") {
				t.Fatalf("new: exit %d\n%s%s", code, stdout, stderr)
			}
			after := lstatTree(t, src)
			for p := range after {
				if strings.HasPrefix(p, "content/announcements/a-pipe-in-the-way.") {
					delete(after, p)
				}
			}
			if !maps.Equal(before, after) {
				t.Errorf("new changed more than its new page")
			}
		})
	}
}

// reloadEvents connects to the reload stream of the server at url, as a
// page of it does, and returns a function that returns the next event, or
// "" once the stream ends.
func reloadEvents(t *testing.T, url string) (next func() string) {
	t.Helper()
	resp, err := http.Get(url + "_site/events")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	events := bufio.NewScanner(resp.Body)
	return func() string {
		for events.Scan() {
			if ev, ok := strings.CutPrefix(events.Text(), "event: "); ok {
				return ev
			}
		}
		return ""
	}
}

// TestSpecialFileMadeWhileServingIsSkipped starts the dev server, makes a
// named pipe among the pages, and edits a page: the edit is rebuilt,
// served and announced to the browser with a reload, and the pipe named in
// a warning.
func TestSpecialFileMadeWhileServingIsSkipped(t *testing.T) {
	src := copySite(t)
	cmd := exec.Command(siteBinary(t), "serve", "-s", src, "--port", "0")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		_ = cmd.Process.Signal(syscall.SIGINT)
		_ = cmd.Wait()
	}()
	lines := bufio.NewScanner(stdout)
	if !lines.Scan() || !strings.HasPrefix(lines.Text(), "serving the site at ") {
		t.Fatalf("the server did not start: %q\n%s", lines.Text(), stderr.String())
	}
	url := strings.Fields(strings.TrimPrefix(lines.Text(), "serving the site at "))[0]
	log := make(chan string, 1024)
	go func() {
		for lines.Scan() {
			log <- lines.Text()
		}
		close(log)
	}()
	next := reloadEvents(t, url)
	if ev := next(); ev != "hello" {
		t.Fatalf("first event %q", ev)
	}
	regulartest.FIFO(t, filepath.Join(src, "content", "announcements", "f.en.md"))
	page := filepath.Join(src, "content", "about.en.md")
	text, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(page, append(text, "\nEdited after a named pipe was made.\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	got := make(chan string, 1)
	go func() {
		for ev := next(); ev != ""; ev = next() {
			if ev == "reload" {
				got <- ev
				return
			}
		}
		got <- ""
	}()
	select {
	case ev := <-got:
		if ev != "reload" {
			t.Fatalf("the reload stream ended without a reload\n%s", stderr.String())
		}
	case <-time.After(exitLimit):
		t.Fatalf("no reload within %v of an edit made after a named pipe", exitLimit)
	}
	r, err := http.Get(url + "en/about/")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(r.Body)
	r.Body.Close()
	if !strings.Contains(string(body), "Edited after a named pipe was made.") {
		t.Error("the edit is not served")
	}
	deadline := time.After(exitLimit)
	for {
		select {
		case l := <-log:
			if strings.Contains(l, "content/announcements/f.en.md: warning: this is a named pipe (FIFO)") {
				return
			}
		case <-deadline:
			t.Fatal("the server did not warn about the named pipe")
		}
	}
}
