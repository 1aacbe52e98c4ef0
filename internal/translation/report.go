package translation

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/alaqsa-ira/site/internal/gitlog"
)

// ReportOptions configures Report.
type ReportOptions struct {
	Dir     string          // the site root on disk, where git runs
	History *gitlog.History // the history the rows were compared by (nil: none)
	Langs   []string        // the languages' codes, in the table's order
	Diff    bool            // show the change to each outdated page's source
}

// Report writes the table a translator works from: for each section, every
// page and its state in each language; under an outdated page, how many
// commits changed the other language's file since, and from when (with
// Diff, the change itself); under an unknown one, why. Notes first say
// what limits the report: no git history, a shallow clone, files changed
// and not committed. Git failing is written in the report, never returned.
func Report(ctx context.Context, w io.Writer, rows []Row, o ReportOptions) {
	h := o.History
	var uncommitted map[string]bool
	switch {
	case h == nil || h.Missing != "":
		why := "there is no git history"
		if h != nil {
			why = h.Missing
		}
		fmt.Fprintf(w, "\nnote: %s: translations are compared only by lastmod, where both files set it, and the rest are unknown; run site check in a clone of the repository, with git installed\n", why)
	default:
		if h.Shallow {
			fmt.Fprintln(w, "\nnote: the git history is shallow (a clone made with --depth): the report needs the full history; run git fetch --unshallow, or in GitHub Actions check out with fetch-depth: 0")
		}
		var err error
		if uncommitted, err = gitlog.Uncommitted(ctx, o.Dir); err != nil {
			fmt.Fprintf(w, "\nnote: cannot tell which files have changes not committed yet: %v\n", err)
		}
	}
	width := 4
	for _, row := range rows {
		width = max(width, len(row.Key))
	}
	section := "\x00"
	for _, row := range rows {
		if row.Section != section {
			section = row.Section
			name := section
			if name == "" {
				name = "(pages)"
			}
			fmt.Fprintf(w, "\n%s\n", name)
			fmt.Fprintf(w, "  %-*s", width, "page")
			for _, l := range o.Langs {
				fmt.Fprintf(w, " %-8s", l)
			}
			fmt.Fprintln(w)
		}
		fmt.Fprintf(w, "  %-*s", width, row.Key)
		var todo []string
		for _, l := range o.Langs {
			fmt.Fprintf(w, " %-8s", row.Status[l])
			if row.Status[l] != string(OK) {
				todo = append(todo, l)
			}
		}
		if len(todo) > 0 {
			fmt.Fprintf(w, "  to do: %s", strings.Join(todo, ", "))
		}
		fmt.Fprintln(w)
		for _, l := range o.Langs {
			for _, st := range row.States[l] {
				writeState(ctx, w, l, st, o)
			}
		}
		for _, l := range o.Langs {
			if src := row.Sources[l]; uncommitted[src] {
				fmt.Fprintf(w, "    %s has changes not committed yet: the states above are the last commit's; commit it to count them\n", src)
			}
		}
	}
	fmt.Fprintln(w)
}

// writeState writes the lines under a page about its state in lang.
func writeState(ctx context.Context, w io.Writer, lang string, st State, o ReportOptions) {
	if st.Status == Unknown {
		fmt.Fprintf(w, "    %s: unknown: %s\n", lang, st.Why)
		return
	}
	last := ""
	if !st.Changed.Equal(st.Since) {
		last = ", last on " + st.Changed.Format(time.DateOnly)
	}
	if st.ByLastmod {
		fmt.Fprintf(w, "    %s: outdated: %s has a later lastmod (%s)\n", lang, st.Source, st.Changed.Format(time.DateOnly))
	} else {
		fmt.Fprintf(w, "    %s: outdated: %s to %s%s\n", lang, Behind(st), st.Source, last)
	}
	if !o.Diff {
		return
	}
	if st.From == "" {
		fmt.Fprintf(w, "      (no commit of the translation to compare from: commit it)\n")
		return
	}
	if st.Commits == 0 {
		return
	}
	d, err := gitlog.Diff(ctx, o.Dir, st.From, st.FromPath, st.Source)
	if err != nil {
		fmt.Fprintf(w, "      (cannot show the change: %v)\n", err)
		return
	}
	fmt.Fprintf(w, "      the change to %s since commit %.12s, when the two were last in step:\n", st.Source, st.From)
	for _, line := range strings.Split(strings.TrimRight(d, "\n"), "\n") {
		fmt.Fprintf(w, "      %s\n", line)
	}
}
