package publish

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/alaqsa-ira/site/internal/diag"
)

// finding is a fault of a manifest at a line (0 for the whole file).
type finding struct {
	line int
	msg  string
}

// checkBlock checks the records of one folder: each a path of the site
// (pathProblem) with a size that can be, none twice, and none naming a
// folder that other records are inside. It returns the records, or the
// faults.
func checkBlock(bl block) (manifest, []finding) {
	var found []finding
	at := make(map[string]int, len(bl.recs)) // path → line of its record
	for _, e := range bl.recs {
		switch first, twice := at[e.path]; {
		case pathProblem(e.path) != "":
			found = append(found, finding{e.line, fmt.Sprintf("the path %q of the record %s", clip(e.path), pathProblem(e.path))})
		case e.rec.Size < 0:
			found = append(found, finding{e.line, fmt.Sprintf("the record of %q has a negative size", e.path)})
		case twice:
			found = append(found, finding{e.line, fmt.Sprintf("the record of %q repeats that of line %d", e.path, first)})
		default:
			at[e.path] = e.line
		}
	}
	// A record is of a file: a folder that has records inside it has none.
	named := map[string]bool{}
	for _, e := range bl.recs {
		if at[e.path] != e.line {
			continue
		}
		for q := range ancestors(e.path) {
			if l, ok := at[q]; ok && !named[q] {
				named[q] = true
				found = append(found, finding{l, fmt.Sprintf("the record of %q is of a file, yet line %d records %q inside it, as in a folder", q, e.line, e.path)})
			}
		}
	}
	if len(found) > 0 {
		return nil, found
	}
	m := make(manifest, len(bl.recs))
	for _, e := range bl.recs {
		m[e.path] = e.rec
	}
	return m, nil
}

// badManifest is the refusal of a manifest that failed a check: a
// *diag.Error (path:line: message) for each fault found, up to maxFindings,
// each saying what to do.
type badManifest struct {
	shown string
	found []finding
	errs  []error
}

func newBadManifest(shown string, found []finding) *badManifest {
	const todo = "site build trusts no record of this manifest and changed nothing: " +
		"if you did not expect this, find out who wrote it; then build with --force, which sets it aside " +
		"(no file is removed on its word) and writes a new one, or delete it"
	bad := &badManifest{shown: shown, found: found}
	for i, f := range found {
		if i == maxFindings {
			bad.errs = append(bad.errs, diag.Errorf(shown, 0, "%d more faults not shown; %s", len(found)-maxFindings, todo))
			break
		}
		bad.errs = append(bad.errs, diag.Errorf(shown, f.line, "%s; %s", f.msg, todo))
	}
	return bad
}

// setAside is the note of a manifest refused, and set aside with --force,
// in publishing to dest.
func (b *badManifest) setAside(dest string) string {
	pos := diag.Errorf(b.shown, b.found[0].line, "%s", b.found[0].msg)
	more := ""
	switch n := len(b.found) - 1; {
	case n == 1:
		more = " (and 1 more fault)"
	case n > 1:
		more = fmt.Sprintf(" (and %d more faults)", n)
	}
	return fmt.Sprintf("%v%s; set aside (--force): none of its records was used, %s was taken over with none of its files known as the build's, and a new manifest was written", pos, more, dest)
}

func (b *badManifest) Error() string {
	var s []string
	for _, e := range b.errs {
		s = append(s, e.Error())
	}
	return strings.Join(s, "\n")
}

// Unwrap returns the faults one by one (see diag.Flatten).
func (b *badManifest) Unwrap() []error { return slices.Clone(b.errs) }

// printable reports whether s is valid UTF-8 with no control character.
func printable(s string) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if unicode.IsControl(r) {
			return false
		}
	}
	return true
}

// clip shortens s for a message.
func clip(s string) string {
	const most = 200
	if len(s) <= most {
		return s
	}
	cut := most
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}
