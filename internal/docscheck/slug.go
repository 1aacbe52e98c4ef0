package docscheck

import (
	"strconv"
	"strings"
	"unicode"
)

// HeadingID returns the anchor GitHub gives a heading whose text is text,
// before any suffix for a repeated heading: the text in lower case, with
// every character left out but letters, marks (Arabic's harakat among
// them), decimal and letter digits, connector punctuation (_), hyphens and
// spaces, and each space made a hyphen. "المحرر على الويب (/admin/)" is
// "المحرر-على-الويب-admin", "`site serve`" is "site-serve". These are
// GitHub's rules as the github-slugger package writes them down; Go's
// Unicode tables are newer than its, which differs only for characters
// Unicode had not assigned then.
func HeadingID(text string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(text) {
		switch {
		case r == ' ':
			b.WriteByte('-')
		case r == '-' || keptInID(r):
			b.WriteRune(r)
		}
	}
	return b.String()
}

// keptInID reports whether a heading's anchor keeps r: letters, marks,
// decimal and letter numbers, connector punctuation, and the other
// alphabetic characters (circled letters, which are symbols).
func keptInID(r rune) bool {
	return unicode.In(r, unicode.L, unicode.M, unicode.Nd, unicode.Nl, unicode.Pc, unicode.Other_Alphabetic)
}

// ids gives the headings of one page their anchors in order, as GitHub
// does: a heading whose anchor is taken gets the first free "-1", "-2"...
type ids struct {
	taken map[string]int // anchor given, and how many repeats of it were numbered
}

// next returns the anchor of the next heading, whose text is text.
func (s *ids) next(text string) string {
	if s.taken == nil {
		s.taken = map[string]int{}
	}
	id := HeadingID(text)
	base := id
	for {
		if _, ok := s.taken[id]; !ok {
			break
		}
		s.taken[base]++
		id = base + "-" + strconv.Itoa(s.taken[base])
	}
	s.taken[id] = 0
	return id
}
