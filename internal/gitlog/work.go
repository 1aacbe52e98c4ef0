package gitlog

import (
	"bytes"
	"context"
	"fmt"
	"os/exec"
	"strings"
	"time"
)

// waitDelay is how long the output of a git stopped by its context may
// stay open: a process git started (a hook, a helper) can hold it, and
// would keep the caller waiting for ever.
const waitDelay = time.Second

// git runs git in dir with args and returns its output.
func git(ctx context.Context, dir string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, "git", append([]string{"-C", dir, "-c", "core.quotePath=false"}, args...)...)
	cmd.WaitDelay = waitDelay
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("git %s: %v: %s", args[0], err, strings.TrimSpace(stderr.String()))
	}
	return out, nil
}

// Diff returns the change to a file's text from commit from to the last
// commit (HEAD), as a unified diff. oldPath is the file's path at from and
// path its path now, both relative to dir: a file renamed since is
// compared with what it was.
func Diff(ctx context.Context, dir, from, oldPath, path string) (string, error) {
	args := []string{"diff", "--no-color", "--no-ext-diff", "-M", "--relative", from, "HEAD", "--", path}
	if oldPath != "" && oldPath != path {
		args = append(args, oldPath)
	}
	out, err := git(ctx, dir, args...)
	return string(out), err
}

// Uncommitted returns the files under dir (paths relative to it) whose
// text in the work tree or the index differs from the last commit, and
// those git does not track yet, ignored files left out.
func Uncommitted(ctx context.Context, dir string) (map[string]bool, error) {
	out := map[string]bool{}
	for _, args := range [][]string{
		{"diff", "--name-only", "--relative", "-z", "HEAD", "--", "."},
		{"ls-files", "--others", "--exclude-standard", "-z", "--", "."},
	} {
		b, err := git(ctx, dir, args...)
		if err != nil {
			return nil, err
		}
		for _, p := range bytes.Split(b, []byte{0}) {
			if len(p) > 0 {
				out[string(p)] = true
			}
		}
	}
	return out, nil
}

// Since returns the commits of HEAD's history that base's does not have
// (git rev-list base..HEAD): the commits of a pull request. base is tried
// as the remote's branch (origin/base) first.
func Since(ctx context.Context, dir, base string) (map[string]bool, error) {
	var firstErr error
	for _, ref := range []string{"origin/" + base, base} {
		b, err := git(ctx, dir, "rev-list", ref+"..HEAD", "--")
		if err != nil {
			if firstErr == nil {
				firstErr = err
			}
			continue
		}
		out := map[string]bool{}
		for _, h := range strings.Fields(string(b)) {
			out[h] = true
		}
		return out, nil
	}
	return nil, fmt.Errorf("cannot find the base branch %s (%v): fetch it, or check out with full history (fetch-depth: 0)", base, firstErr)
}
