//go:build unix

package gittest

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// StuckGit writes a program named git that never answers, as a git whose
// hook or helper hangs: it starts a process that keeps its output open and
// waits for it, so that even killing it leaves the output open. It returns
// the folder to put first in PATH, and a function that reports whether the
// program has started. What it started is ended, by process id, when the
// test ends.
func StuckGit(t testing.TB) (dir string, started func() bool) {
	t.Helper()
	dir = t.TempDir()
	pids := filepath.Join(dir, "pids")
	script := "#!/bin/sh\nsleep 600 &\necho $! >> '" + pids + "'\necho $$ >> '" + pids + "'\nwait\n"
	if err := os.WriteFile(filepath.Join(dir, "git"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		b, _ := os.ReadFile(pids)
		for _, f := range strings.Fields(string(b)) {
			if pid, err := strconv.Atoi(f); err == nil && pid > 1 {
				_ = syscall.Kill(pid, syscall.SIGKILL)
			}
		}
	})
	return dir, func() bool {
		b, _ := os.ReadFile(pids)
		return len(strings.Fields(string(b))) >= 2
	}
}
