// Package gitlog reads the history of a site's files from git, in one git
// process for the whole tree.
//
// The history gives each file's last change, which makes a page's "last
// updated" line the same on every clone of a commit (the files'
// modification times are not), and the commits that changed a page in one
// language after its translation was last changed, which say how far a
// translation has fallen behind.
//
// A file is followed across renames: a rename that keeps the text (git's
// similarity 100%) is not a change of the text, and the file's changes
// before it count. A shallow clone (git clone --depth) has only the newest
// commits; the oldest of them is marked Grafted, and what it shows of a
// file is only that the file was there.
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

// Commit is one commit of the history.
type Commit struct {
	Hash string
	Time time.Time // the committer's date
	// Grafted marks a commit whose parents the clone does not have (a
	// shallow clone): what it shows of a file is that the file was there,
	// not that the commit changed it.
	Grafted bool
	// Unaffected marks a commit whose changes leave translations as they
	// were (a typo, the wording of one language): its message has the
	// trailer "Translation: unaffected", or a later commit's has
	// "Translation: unaffected HASH..." naming it.
	Unaffected bool
}

// Change is a commit that changed a file's text.
type Change struct {
	Commit int    // index in History.Commits
	Path   string // the file's path in that commit (it may have been renamed since)
}

// History is what git knows of the files under a folder. The zero value,
// and a nil *History, are an empty history: no git, or no repository.
type History struct {
	// Commits is every commit that changed a file under the folder,
	// newest first, children before their parents.
	Commits []Commit
	// Shallow is set when the clone lacks older history (git clone
	// --depth): a file's changes before its oldest commit are not known.
	Shallow bool
	// Missing says why there is no history ("" when there is one): git is
	// not installed, or the folder is not in a git work tree.
	Missing string
	// files maps a file's path now to its changes, newest first.
	files map[string][]Change
}

// Changes returns the commits that changed the text of the file at path
// (relative to the folder, with forward slashes), newest first; none when
// the file was never committed.
func (h *History) Changes(path string) []Change {
	if h == nil {
		return nil
	}
	return h.files[path]
}

// Last returns the newest commit that changed the file's text.
func (h *History) Last(path string) (Commit, bool) {
	ch := h.Changes(path)
	if len(ch) == 0 {
		return Commit{}, false
	}
	return h.Commits[ch[0].Commit], true
}

// Dates returns, for every file the history knows, the time of the last
// commit that changed its text, keyed by the path relative to the folder.
func (h *History) Dates() map[string]time.Time {
	out := map[string]time.Time{}
	if h == nil {
		return out
	}
	for p, ch := range h.files {
		out[p] = h.Commits[ch[0].Commit].Time
	}
	return out
}

// Read returns the history of the files under dir. A dir outside a git work
// tree, a repository without commits, or a machine without git give an
// empty history that says why (Missing), and no error: the history is a
// refinement.
func Read(ctx context.Context, dir string) (*History, error) {
	if _, err := exec.LookPath("git"); err != nil {
		return &History{Missing: "git is not installed"}, nil
	}
	cmd := exec.CommandContext(ctx, "git", "-C", dir, "-c", "core.quotePath=false", "-c", "log.showSignature=false",
		"log", "--topo-order", "--format="+logFormat, "--name-status", "-M", "--relative", "-z")
	cmd.WaitDelay = waitDelay
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		var exit *exec.ExitError
		msg := stderr.String()
		switch {
		case errors.As(err, &exit) && strings.Contains(msg, "not a git repository"):
			return &History{Missing: dir + " is not in a git repository"}, nil
		case errors.As(err, &exit) && strings.Contains(msg, "does not have any commits"):
			return &History{Missing: "the git repository has no commits yet"}, nil
		}
		return nil, fmt.Errorf("git log in %s: %v: %s", dir, err, strings.TrimSpace(msg))
	}
	return Parse(out)
}

// LastCommits returns History.Dates of the files under dir (see Read).
func LastCommits(ctx context.Context, dir string) (map[string]time.Time, error) {
	h, err := Read(ctx, dir)
	if err != nil {
		return nil, err
	}
	return h.Dates(), nil
}

// logFormat is git log's format of a commit: its hash, time, decorations
// and the values of its Translation trailers. Read lists every commit, not
// only those that change a file of the folder, so that an empty commit
// (git commit --allow-empty) can say, after the fact, that earlier commits
// left translations as they were.
const logFormat = "%x01%H %ct%x02%D%x02%(trailers:key=Translation,valueonly,separator=%x20)"

// TrailerKey is the trailer of a commit message that says a commit's
// changes need no translation: "Translation: unaffected" for the commit
// itself, "Translation: unaffected 1a2b3c4 5d6e7f8" for earlier commits.
const TrailerKey = "Translation"

// Parse reads the output of
//
//	git log --topo-order --format=LOGFORMAT --name-status -M -z
//
// (see logFormat).
// Commits come newest first; each is followed by its files, a status
// letter (R with a similarity for a rename, followed by the old and the new
// path) and the path.
func Parse(out []byte) (*History, error) {
	h := &History{files: map[string][]Change{}}
	// now maps a path as the walk back in time meets it to the file's path
	// today; "" for a path whose file is gone (deleted, or replaced by an
	// addition or a rename seen later).
	now := map[string]string{}
	resolve := func(p string) string {
		if n, ok := now[p]; ok {
			return n
		}
		return p
	}
	toks := bytes.Split(out, []byte{0})
	current := -1
	var named []string // commits named unaffected by a later commit
	for i := 0; i < len(toks); i++ {
		tok := bytes.TrimLeft(toks[i], "\n")
		if len(tok) == 0 {
			continue
		}
		if tok[0] == 1 {
			c, refs, err := parseCommit(tok[1:])
			if err != nil {
				return nil, err
			}
			named = append(named, refs...)
			h.Commits = append(h.Commits, c)
			h.Shallow = h.Shallow || c.Grafted
			current = len(h.Commits) - 1
			continue
		}
		if current < 0 {
			return nil, fmt.Errorf("git log: a file before any commit")
		}
		status := tok[0]
		if status == 'R' || status == 'C' {
			if i+2 >= len(toks) {
				return nil, fmt.Errorf("git log: a rename without its paths")
			}
			old, nu := string(toks[i+1]), string(toks[i+2])
			i += 2
			if status == 'C' {
				h.add(resolve(nu), current, nu)
				now[nu] = ""
				continue
			}
			file := resolve(nu)
			if score, _ := strconv.Atoi(string(tok[1:])); score < 100 {
				h.add(file, current, nu)
			}
			now[nu] = ""
			now[old] = file
			continue
		}
		if i+1 >= len(toks) {
			return nil, fmt.Errorf("git log: a status without its path")
		}
		p := string(toks[i+1])
		i++
		switch status {
		case 'D':
			if _, seen := now[p]; !seen {
				now[p] = "" // deleted since: not a file of today
			}
		case 'A':
			h.add(resolve(p), current, p)
			now[p] = "" // before this, the path was another file's
		default:
			h.add(resolve(p), current, p)
		}
	}
	for i, c := range h.Commits {
		for _, ref := range named {
			if strings.HasPrefix(c.Hash, ref) {
				h.Commits[i].Unaffected = true
			}
		}
	}
	return h, nil
}

// add records that commit c changed the file known today as file, then at
// path p.
func (h *History) add(file string, c int, p string) {
	if file == "" {
		return
	}
	ch := h.files[file]
	if len(ch) > 0 && ch[len(ch)-1].Commit == c {
		return
	}
	h.files[file] = append(ch, Change{Commit: c, Path: p})
}

// parseCommit reads a commit's line; refs are the (abbreviated) hashes of
// the earlier commits its Translation trailer says are unaffected.
func parseCommit(tok []byte) (c Commit, refs []string, err error) {
	head, rest, _ := bytes.Cut(tok, []byte{2})
	deco, trailer, _ := bytes.Cut(rest, []byte{2})
	hash, secs, ok := bytes.Cut(head, []byte(" "))
	sec, err := strconv.ParseInt(string(secs), 10, 64)
	if !ok || err != nil || len(hash) == 0 {
		return Commit{}, nil, fmt.Errorf("git log: unexpected commit line %q", head)
	}
	c = Commit{Hash: string(hash), Time: time.Unix(sec, 0).UTC()}
	for _, d := range strings.Split(string(deco), ", ") {
		if d == "grafted" {
			c.Grafted = true
		}
	}
	words := strings.Fields(string(trailer))
	for i := 0; i < len(words); i++ {
		if !strings.EqualFold(words[i], "unaffected") {
			continue
		}
		if i+1 == len(words) || !isHash(words[i+1]) {
			c.Unaffected = true
		}
		for i+1 < len(words) && isHash(words[i+1]) {
			refs = append(refs, strings.ToLower(words[i+1]))
			i++
		}
	}
	return c, refs, nil
}

// isHash reports an abbreviated commit hash: 7 to 40 hexadecimal digits.
func isHash(s string) bool {
	if len(s) < 7 || len(s) > 40 {
		return false
	}
	for _, r := range s {
		if !strings.ContainsRune("0123456789abcdefABCDEF", r) {
			return false
		}
	}
	return true
}
