// Package translation says whether a page's translation has kept up with
// the page: a translation is up to date (OK) when it was changed after
// every change to the other language's file, and Outdated when that file
// changed since, by how many commits, since when, and from which commit
// the change to read starts.
//
// The order of changes comes from git history (package gitlog), or from
// lastmod when both files set it, which an editor writes on purpose and so
// decides over the commits. Without either, or when the history is cut (a
// shallow clone) or lacks a file (not committed yet), the state is Unknown.
package translation

import (
	"fmt"
	"strings"
	"time"

	"github.com/alaqsa-ira/site/internal/gitlog"
	"github.com/alaqsa-ira/site/internal/site"
)

// Status is a translation's state, as the report prints it.
type Status string

// The states of a page in a language.
const (
	OK       Status = "ok"       // changed after every change of the other language
	Outdated Status = "outdated" // the other language changed since
	Missing  Status = "missing"  // no file in this language
	Unknown  Status = "unknown"  // the history cannot tell
)

// State is a translation compared with the page it translates (its
// source: the page in another language).
type State struct {
	Status Status
	Source string // the other language's file
	// Commits is how many commits changed Source after the translation's
	// last change; AtLeast says the history is cut (a shallow clone), so
	// there may be more.
	Commits int
	AtLeast bool
	// Since is the first change of Source after the translation's last
	// change, Changed its last change: the date readers are told.
	Since, Changed time.Time
	// ByLastmod says the two files' lastmod decided.
	ByLastmod bool
	// From is the translation's last commit, and FromPath Source's path
	// in it (it may have been renamed since): the change to read is
	// Source's from there to now. "" when the history does not have it.
	From, FromPath string
	// Newer holds the commits of Source after the translation's last
	// change, newest first.
	Newer []string
	// Why says why the state is Unknown.
	Why string
}

// Compare returns the state of translation t of page src. h is the
// history (nil without git); dates, used when h is nil, maps files to their
// last commit's time.
func Compare(h *gitlog.History, dates map[string]time.Time, t, src *site.Page) State {
	st := State{Status: OK, Source: src.Source}
	if h != nil && h.Missing == "" {
		compareHistory(&st, h, t.Source, src.Source)
	} else if a, ok := dates[t.Source]; ok {
		if b, ok := dates[src.Source]; ok && b.After(a) {
			st.Status, st.Commits, st.Since, st.Changed = Outdated, 1, b, b
		}
	} else {
		st.Status, st.Why = Unknown, "there is no git history"
		if h != nil {
			st.Why = h.Missing
		}
	}
	if !t.Lastmod.IsZero() && !src.Lastmod.IsZero() {
		st.ByLastmod, st.Why = true, ""
		st.Status = OK
		if src.Lastmod.After(t.Lastmod) {
			st.Status, st.Changed = Outdated, src.Lastmod
			if st.Since.IsZero() || st.Since.Before(t.Lastmod) {
				st.Since = src.Lastmod
			}
		}
	}
	return st
}

// compareHistory fills st from the commits of the two files, walked from
// the oldest: a commit that changes both files leaves them in step; a
// change to one file while they are in step puts it ahead; a change to
// the file that is behind brings it up to date (the translator caught up);
// a further change to the file ahead keeps it ahead. The translation is
// outdated when its source is ahead at the end.
func compareHistory(st *State, h *gitlog.History, tr, src string) {
	tc, sc := counted(h, h.Changes(tr)), counted(h, h.Changes(src))
	switch {
	case len(tc) == 0:
		st.Status, st.Why = Unknown, tr+" is not committed yet"
		return
	case len(sc) == 0:
		st.Status, st.Why = Unknown, src+" is not committed yet"
		return
	}
	const (
		inStep = iota
		srcAhead
		trAhead
	)
	state, last := inStep, -1 // last: the newest commit before the source went ahead
	ahead := 0                // where in sc the source's run ahead begins
	i, j := len(sc)-1, len(tc)-1
	for i >= 0 || j >= 0 {
		// The older of the next changes of each file (a higher index is older).
		s := i >= 0 && (j < 0 || sc[i].Commit >= tc[j].Commit)
		t := j >= 0 && (i < 0 || tc[j].Commit >= sc[i].Commit)
		commit := 0
		if s {
			commit = sc[i].Commit
		} else {
			commit = tc[j].Commit
		}
		switch {
		case s && t, s && state == trAhead, t && state == srcAhead:
			state = inStep
		case s && state == inStep:
			state, ahead = srcAhead, i
		case t && state == inStep:
			state = trAhead
		}
		if state != srcAhead {
			last = commit
		}
		if s {
			i--
		}
		if t {
			j--
		}
	}
	if last >= 0 {
		st.From = h.Commits[last].Hash
	}
	if state != srcAhead {
		if last >= 0 && h.Commits[last].Grafted {
			st.Status, st.Why = Unknown, "the git history is shallow (a clone with --depth): it needs the full history"
		}
		return
	}
	st.Status = Outdated
	st.Commits = ahead + 1
	st.Since, st.Changed = h.Commits[sc[ahead].Commit].Time, h.Commits[sc[0].Commit].Time
	for _, c := range sc[:ahead+1] {
		st.Newer = append(st.Newer, h.Commits[c.Commit].Hash)
	}
	// The source's path when they were last in step (it may have been
	// renamed since), else when it went ahead (it was new then).
	st.FromPath = sc[ahead].Path
	if ahead+1 < len(sc) {
		st.FromPath = sc[ahead+1].Path
	}
	st.AtLeast = last >= 0 && h.Commits[last].Grafted
}

// counted leaves out of a file's changes (newest first) those of commits
// marked as leaving translations unaffected (gitlog.Commit.Unaffected),
// but for the file's first commit, which made it.
func counted(h *gitlog.History, ch []gitlog.Change) []gitlog.Change {
	out := make([]gitlog.Change, 0, len(ch))
	for i, c := range ch {
		if !h.Commits[c.Commit].Unaffected || i == len(ch)-1 {
			out = append(out, c)
		}
	}
	return out
}

// File is the file a page's version in lang is written in, for a page
// written in source in language from: NAME.LANG.md and a page bundle's
// DIR/index.LANG.md both keep their name and change the language.
func File(source, from, lang string) string {
	return strings.TrimSuffix(source, "."+from+".md") + "." + lang + ".md"
}

// Behind says how far an outdated translation is behind, for a translator:
// "2 commits since 2026-11-20", or "lastmod 2026-02-01".
func Behind(st State) string {
	if st.ByLastmod {
		return "lastmod " + st.Changed.Format(time.DateOnly)
	}
	n := fmt.Sprint(st.Commits)
	if st.AtLeast {
		n = "at least " + n
	}
	noun := "commits"
	if st.Commits == 1 && !st.AtLeast {
		noun = "commit"
	}
	return fmt.Sprintf("%s %s since %s", n, noun, st.Since.Format(time.DateOnly))
}
