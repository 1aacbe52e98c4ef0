package regular

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

func write(t *testing.T, p, s string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestDirFSReadsATreeAsOSDirFSDoes(t *testing.T) {
	root := t.TempDir()
	write(t, filepath.Join(root, "content", "about.en.md"), "About")
	write(t, filepath.Join(root, "content", "news", "a.en.md"), "A")
	write(t, filepath.Join(root, "data", "site.yaml"), "title: x\n")
	if err := fstest.TestFS(DirFS(root, "content"), "content/about.en.md", "content/news/a.en.md", "data/site.yaml"); err != nil {
		t.Fatal(err)
	}
	b, err := fs.ReadFile(DirFS(root), "content/news/a.en.md")
	if err != nil || string(b) != "A" {
		t.Errorf("ReadFile = %q, %v", b, err)
	}
	for _, bad := range []string{"/etc/passwd", "../x", "content/../x", ""} {
		if _, err := DirFS(root).Open(bad); !errors.Is(err, fs.ErrInvalid) {
			t.Errorf("Open(%q) = %v, want fs.ErrInvalid", bad, err)
		}
	}
}

func TestReadFileReadsFilesOfEverySize(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []int{0, 1, 511, 512, 513, 100_000} {
		p := filepath.Join(dir, "f")
		want := strings.Repeat("x", n)
		write(t, p, want)
		got, err := ReadFile(p, false)
		if err != nil || string(got) != want {
			t.Errorf("%d bytes: got %d bytes, %v", n, len(got), err)
		}
	}
}

func TestSkippedNamesTheFileAndSaysWhatToDo(t *testing.T) {
	for mode, want := range map[fs.FileMode]string{
		fs.ModeNamedPipe:                  "a named pipe (FIFO), not a regular file, and is skipped",
		fs.ModeSocket:                     "a socket, not a regular file",
		fs.ModeDevice | fs.ModeCharDevice: "a device, not a regular file",
		fs.ModeSymlink:                    "symbolic links are not followed",
		fs.ModeIrregular:                  "a special file, not a regular file",
	} {
		got := Skipped("content/x.en.md", mode).Error()
		if !strings.HasPrefix(got, "content/x.en.md: warning: ") || !strings.Contains(got, want) {
			t.Errorf("%v: %q lacks %q", mode, got, want)
		}
	}
	err := &fs.PathError{Op: "open", Path: "content/x.en.md", Err: &NotRegularError{Mode: fs.ModeNamedPipe}}
	if w, ok := SkippedErr("content/x.en.md", err); !ok || !strings.Contains(w.Error(), "named pipe") {
		t.Errorf("SkippedErr = %v, %v", w, ok)
	}
	if !errors.Is(err, ErrNotRegular) {
		t.Error("the error does not match ErrNotRegular")
	}
	if _, ok := SkippedErr("x", fs.ErrNotExist); ok {
		t.Error("SkippedErr takes a missing file for one that is skipped")
	}
}
