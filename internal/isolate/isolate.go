// Package isolate finds the left-to-right runs inside right-to-left text that
// must be isolated so the Unicode bidi algorithm does not scramble them.
//
// In an Arabic paragraph a Latin name followed by punctuation ("Erasmus+"),
// an e-mail address, a URL, or a phone number written as groups of digits
// ("+970 8 264 1881") is displayed in the wrong order unless it is wrapped in
// an element with dir="ltr". Runs finds those spans: a run starts at a strong
// left-to-right letter and ends at the last left-to-right letter or digit
// before the next right-to-left letter, taking with it the closing marks that
// belong to it (+, #, %, a closing bracket it opened); a number run is a
// group of digits with a leading + or with more groups after spaces.
// Sentence punctuation after a run stays outside it, in the paragraph's
// direction.
package isolate

import (
	"html"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/bidi"
)

// Run is a byte range [Start, End) of left-to-right text. Latin is set when
// it holds letters, not only digits.
type Run struct {
	Start, End int
	Latin      bool
}

// Runs returns the runs in s that need isolating in right-to-left text.
func Runs(s string) []Run {
	var runs []Run
	start, end := -1, -1
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch class(r) {
		case bidi.L:
			if start < 0 {
				start = i
			}
			end = i + size
		case bidi.EN, bidi.AN:
			if start >= 0 {
				end = i + size
			} else if b, e := numberRun(s, i); e > i {
				// e > i: every turn of the loop moves on.
				runs = append(runs, Run{Start: b, End: e})
				i = e
				continue
			}
		case bidi.R, bidi.AL:
			if start >= 0 {
				runs = append(runs, finish(s, start, end))
				start = -1
			}
		}
		i += size
	}
	if start >= 0 {
		runs = append(runs, finish(s, start, end))
	}
	return runs
}

// RTLRuns returns the right-to-left runs in s, for left-to-right text: an
// Arabic name inside an English sentence, from its first right-to-left
// letter to its last, with the digits and spaces between.
func RTLRuns(s string) []Run {
	var runs []Run
	start, end := -1, -1
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch class(r) {
		case bidi.R, bidi.AL:
			if start < 0 {
				start = i
			}
			end = i + size
		case bidi.AN:
			if start >= 0 {
				end = i + size
			}
		case bidi.L:
			if start >= 0 {
				runs = append(runs, Run{Start: start, End: end})
				start = -1
			}
		}
		i += size
	}
	if start >= 0 {
		runs = append(runs, Run{Start: start, End: end})
	}
	return runs
}

func class(r rune) bidi.Class {
	if r < utf8.RuneSelf {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z':
			return bidi.L
		case r >= '0' && r <= '9':
			return bidi.EN
		}
		return bidi.ON
	}
	p, _ := bidi.LookupRune(r)
	return p.Class()
}

// finish extends a letter run over the marks attached to its start (.ics,
// .NET, #tag, @name: marks a space, a bracket or the start of the text
// comes before) and to its end, and over a bracket pair around it.
func finish(s string, start, end int) Run {
	j := start
	for j > 0 && strings.IndexByte(leadingMarks, s[j-1]) >= 0 {
		j--
	}
	if j < start && (j == 0 || strings.IndexByte(" \t\n([{\"'", s[j-1]) >= 0) {
		start = j
	}
	open := strings.Count(s[start:end], "(") - strings.Count(s[start:end], ")")
	for end < len(s) {
		c := s[end]
		if c == '+' || c == '#' || c == '%' || (c == ')' && open > 0) {
			if c == ')' {
				open--
			}
			end++
			continue
		}
		break
	}
	if start > 0 && s[start-1] == '(' && end < len(s) && s[end] == ')' {
		start--
		end++
	}
	return Run{Start: start, End: end, Latin: true}
}

// leadingMarks may start a Latin name or an address.
const leadingMarks = ".#@$_~-+/\\"

// numberRun returns the span of a number that needs isolating at the digit
// at i, or an end of 0: groups of digits joined by single spaces, hyphens or
// dots, isolated when it has a leading + or a space between groups. A digit
// is any character the bidi algorithm treats as a number (classes EN and
// AN): 0-9 and the Arabic-Indic digits, and also the Extended Arabic-Indic
// and full-width digits, superscripts, the Arabic decimal separator... The
// test is the one that sent Runs here, so the character at i is always
// part of the number and the span never ends at i.
func numberRun(s string, i int) (start, end int) {
	start = i
	if i > 0 && s[i-1] == '+' {
		start = i - 1
	}
	end, spaced := i, false
	for {
		for end < len(s) {
			n := numberLen(s, end)
			if n == 0 {
				break
			}
			end += n
		}
		if end+1 < len(s) && (s[end] == ' ' || s[end] == '-' || s[end] == '.') && numberLen(s, end+1) > 0 {
			spaced = spaced || s[end] == ' '
			end++
			continue
		}
		break
	}
	if end == i || (start == i && !spaced) {
		return 0, 0
	}
	return start, end
}

// numberLen returns the length in bytes of the character at i when the bidi
// algorithm treats it as a number, else 0.
func numberLen(s string, i int) int {
	r, n := utf8.DecodeRuneInString(s[i:])
	if c := class(r); c == bidi.EN || c == bidi.AN {
		return n
	}
	return 0
}

// HTML escapes s and wraps its left-to-right runs in <span dir="ltr">, with
// lang set to latinLang on runs of letters. It is for right-to-left pages.
func HTML(s, latinLang string) string {
	return wrap(s, Runs(s), func(r Run) string { return Open(r.Latin, latinLang) })
}

// HTMLInLTR escapes s and wraps its right-to-left runs in <span dir="rtl">
// with lang set to rtlLang. It is for left-to-right pages.
func HTMLInLTR(s, rtlLang string) string {
	return wrap(s, RTLRuns(s), func(Run) string { return Tag("rtl", rtlLang) })
}

// wrap escapes s and wraps each run in the tag open gives it.
func wrap(s string, runs []Run, open func(Run) string) string {
	if len(runs) == 0 {
		return html.EscapeString(s)
	}
	var b strings.Builder
	last := 0
	for _, r := range runs {
		b.WriteString(html.EscapeString(s[last:r.Start]))
		b.WriteString(open(r))
		b.WriteString(html.EscapeString(s[r.Start:r.End]))
		b.WriteString("</span>")
		last = r.End
	}
	b.WriteString(html.EscapeString(s[last:]))
	return b.String()
}

// Open returns the opening tag for a left-to-right run.
func Open(latin bool, latinLang string) string {
	if latin {
		return Tag("ltr", latinLang)
	}
	return Tag("ltr", "")
}

// Tag returns an opening span with a direction and, when set, a language.
func Tag(dir, lang string) string {
	if lang != "" {
		return `<span dir="` + dir + `" lang="` + html.EscapeString(lang) + `">`
	}
	return `<span dir="` + dir + `">`
}

// HasControl reports the embedding, override and isolate controls (U+202A
// to U+202E, U+2066 to U+2069), which can make text display differently
// from how it is stored. The marks Arabic text uses (U+200E, U+200F,
// U+061C) are not among them.
func HasControl(s string) bool {
	for _, r := range s {
		if (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069) {
			return true
		}
	}
	return false
}
