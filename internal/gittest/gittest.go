// Package gittest makes git repositories in temporary folders for tests,
// with fixed names and dates so that every run makes the same commits.
package gittest

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Repo is a git work tree in a temporary folder.
type Repo struct {
	t   testing.TB
	Dir string
}

// New makes an empty repository in a new temporary folder, on branch main;
// it skips the test when git is not installed.
func New(t testing.TB) *Repo {
	t.Helper()
	return Init(t, t.TempDir())
}

// Init makes a repository of the folder dir, on branch main; it skips the
// test when git is not installed.
func Init(t testing.TB, dir string) *Repo {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	r := &Repo{t: t, Dir: dir}
	r.Git("", "init", "-q", "-b", "main")
	return r
}

// Git runs git in the repository, with the commit and author dates set to
// date (RFC 3339) when given, and returns its output.
func (r *Repo) Git(date string, args ...string) string {
	r.t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = r.Dir
	env := []string{"GIT_AUTHOR_NAME=Test", "GIT_AUTHOR_EMAIL=test@example.org", "GIT_COMMITTER_NAME=Test", "GIT_COMMITTER_EMAIL=test@example.org",
		"GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1"}
	if date != "" {
		env = append(env, "GIT_AUTHOR_DATE="+date, "GIT_COMMITTER_DATE="+date)
	}
	cmd.Env = append(os.Environ(), env...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		r.t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// Write writes files, path to text, creating their folders.
func (r *Repo) Write(files map[string]string) {
	r.t.Helper()
	for name, text := range files {
		p := filepath.Join(r.Dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			r.t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			r.t.Fatal(err)
		}
	}
}

// Commit writes files and commits everything in the work tree at date.
func (r *Repo) Commit(date, msg string, files map[string]string) {
	r.t.Helper()
	r.Write(files)
	r.Git("", "add", "-A")
	r.Git(date, "commit", "-q", "--allow-empty", "-m", msg)
}
