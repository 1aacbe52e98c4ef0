package gitlog

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

func TestParseTakesEachFilesNewestCommit(t *testing.T) {
	out := "\x00\x011700000200\x00\ncontent/a.md\x00\x00\x011700000100\x00\ncontent/a.md\x00content/منحة.ar.md\x00"
	got, err := Parse([]byte(out))
	if err != nil {
		t.Fatal(err)
	}
	if !got["content/a.md"].Equal(time.Unix(1700000200, 0)) || !got["content/منحة.ar.md"].Equal(time.Unix(1700000100, 0)) || len(got) != 2 {
		t.Errorf("Parse = %v", got)
	}
}

func TestLastCommitsInARepository(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := t.TempDir()
	site := filepath.Join(dir, "site")
	run := func(env []string, args ...string) {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), env...)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	ident := []string{"GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@t", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@t"}
	run(nil, "init", "-q")
	if err := os.MkdirAll(filepath.Join(site, "content"), 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(site, "content", name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.en.md", "1")
	write("منحة.ar.md", "1")
	run(nil, "add", ".")
	run(append(ident, "GIT_COMMITTER_DATE=2026-01-01T00:00:00Z"), "commit", "-qm", "one")
	write("a.en.md", "2")
	run(append(ident, "GIT_COMMITTER_DATE=2026-02-01T00:00:00Z"), "commit", "-qam", "two")

	got, err := LastCommits(context.Background(), site)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]time.Time{
		"content/a.en.md":    time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC),
		"content/منحة.ar.md": time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC),
	}
	for k, v := range want {
		if !got[k].Equal(v) {
			t.Errorf("%s: %v, want %v (all: %v)", k, got[k], v, got)
		}
	}
	none, err := LastCommits(context.Background(), t.TempDir())
	if err != nil || len(none) != 0 {
		t.Errorf("outside a repository: %v, %v; want empty and no error", none, err)
	}
}
