// Package gitlog reads when each file of a site last changed from git
// history, in one git process for the whole tree.
//
// The dates make a page's "last updated" line the same on every clone of a
// commit, which the files' modification times are not.
package gitlog

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strconv"
	"strings"
	"time"
)

// LastCommits returns, for every file under dir that git history knows, the
// commit time of the last commit that changed it, keyed by the path relative
// to dir with forward slashes. A dir outside a git work tree, or a machine
// without git, gives an empty map and no error: the dates are a refinement.
func LastCommits(ctx context.Context, dir string) (map[string]time.Time, error) {
	if _, err := exec.LookPath("git"); err != nil {
		return map[string]time.Time{}, nil
	}
	cmd := exec.CommandContext(ctx, "git", "-C", dir, "-c", "core.quotePath=false",
		"log", "--format=%x01%ct", "--name-only", "--no-renames", "--relative", "-z", "--", ".")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		var exit *exec.ExitError
		if errors.As(err, &exit) && (strings.Contains(stderr.String(), "not a git repository") || strings.Contains(stderr.String(), "does not have any commits")) {
			return map[string]time.Time{}, nil
		}
		return nil, fmt.Errorf("git log in %s: %v: %s", dir, err, strings.TrimSpace(stderr.String()))
	}
	return Parse(out)
}

// Parse reads the output of git log --format=%x01%ct --name-only -z. The
// newest commit comes first, so a file's first appearance is its last change.
func Parse(out []byte) (map[string]time.Time, error) {
	dates := map[string]time.Time{}
	var current time.Time
	for _, tok := range bytes.Split(out, []byte{0}) {
		tok = bytes.TrimLeft(tok, "\n")
		if len(tok) == 0 {
			continue
		}
		if tok[0] == 1 {
			sec, err := strconv.ParseInt(string(tok[1:]), 10, 64)
			if err != nil {
				return nil, fmt.Errorf("git log: unexpected commit time %q", tok[1:])
			}
			current = time.Unix(sec, 0).UTC()
			continue
		}
		name := string(tok)
		if _, seen := dates[name]; !seen && !current.IsZero() {
			dates[name] = current
		}
	}
	return dates, nil
}
