package main

import (
	"context"
	"errors"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestMissingSourceFolderIsACommandLineMistake gives every command a
// source folder that does not exist, or a file: each must say so and exit
// 2, not report a git error or a missing file of the site.
func TestMissingSourceFolderIsACommandLineMistake(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "notes.txt")
	must(t, os.WriteFile(file, []byte("x"), 0o644))
	sources := map[string]string{
		filepath.Join(dir, "nowhere"):         "does not exist",
		filepath.Join(dir, "nowhere", "deep"): "does not exist",
		file:                                  "not a folder",
	}
	commands := [][]string{
		{"build"}, {"build", "--dry-run"}, {"check"}, {"serve", "--port", "0"},
		{"new", "page", "A title"}, {"new", "announcement", "A call"},
	}
	for src, want := range sources {
		for _, cmd := range commands {
			args := append(append([]string{}, cmd...), "-s", src)
			_, errOut, err := runSite(args...)
			var u usageError
			if !errors.As(err, &u) || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), src) {
				t.Errorf("site %s: err = %v (stderr %q), want a usage error (exit 2) saying the folder %s", strings.Join(args, " "), err, errOut, want)
			}
			if strings.Contains(err.Error(), "git") {
				t.Errorf("site %s: reported as a git error: %v", strings.Join(args, " "), err)
			}
		}
	}
}

func TestPortOutOfRangeIsACommandLineMistake(t *testing.T) {
	site := copySite(t)
	for _, port := range []string{"99999", "65536", "-1", "100000", "4294967297"} {
		_, _, err := runSite("serve", "-s", site, "--port", port)
		var u usageError
		if !errors.As(err, &u) {
			t.Errorf("--port %s: err = %v, want a usage error (exit 2)", port, err)
			continue
		}
		if strings.Contains(err.Error(), "100000") && port != "100000" {
			t.Errorf("--port %s: %v suggests a port out of range", port, err)
		}
	}
}

// TestPortInUseSuggestsAPortThatExists takes ports, the highest among
// them, and checks that the server suggests another port in range.
func TestPortInUseSuggestsAPortThatExists(t *testing.T) {
	site := copySite(t)
	for _, want := range []int{65535, 65534, 0} {
		ln, err := net.Listen("tcp", "127.0.0.1:"+strconv.Itoa(want))
		if err != nil {
			t.Logf("port %d: %v", want, err)
			continue
		}
		port := ln.Addr().(*net.TCPAddr).Port
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		_, _, err = runSiteContext(ctx, "serve", "-s", site, "--port", strconv.Itoa(port))
		cancel()
		ln.Close()
		if err == nil {
			t.Errorf("port %d is taken, yet the server started", port)
			continue
		}
		suggested := port + 1
		if port == 65535 {
			suggested = 65534
		}
		if !strings.Contains(err.Error(), "try --port "+strconv.Itoa(suggested)+")") {
			t.Errorf("port %d taken: %v, want a suggestion of %d", port, err, suggested)
		}
		if strings.Contains(err.Error(), "65536") {
			t.Errorf("port %d taken: %v suggests a port out of range", port, err)
		}
	}
}

func runSiteContext(ctx context.Context, args ...string) (stdout, stderr string, err error) {
	var out, errOut strings.Builder
	err = run(ctx, args, &out, &errOut)
	return out.String(), errOut.String(), err
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
