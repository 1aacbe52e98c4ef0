// Package search makes the search index of a language: one entry per
// published page, with its title, address, date, categories, the start of
// its text, and the same text normalised for matching.
//
// Normalising is what makes Arabic searchable as people type it: the
// diacritics (tashkeel) and tatweel are removed, the forms of alef (أ إ آ ٱ)
// become ا, alef maqsura ى becomes ي, ta marbuta ة becomes ه, and
// Arabic-Indic digits become 0-9 (and the Arabic decimal and thousands
// separators and percent sign . , %), so a number matches in either
// digits; invisible format characters (direction marks and isolates,
// zero-width joiners) are dropped; Latin letters are folded to lower case.
// The page script (static/js/search.js) normalises the query with the same
// rules, so "مِنْحَة" finds "منحة" and "١٤٤٧" finds "1447".
package search

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Normalize applies the matching rules to s: decompose (NFD) and drop every
// combining mark, which removes tashkeel and the hamza and madda of أ إ آ
// (and accents: café matches cafe); drop tatweel; fold ٱ to ا, ى to ي and ة
// to ه; make digits Latin, and ٫ ٬ ٪ . , %; drop format characters (Cf:
// U+200E, U+2066, U+200C, ...); lower-case letter by letter; fold runs of
// space.
// static/js/search.js does the same, step by step. Bytes that are not
// UTF-8 become U+FFFD first, as they would in the page script, so that
// normalising twice changes nothing.
func Normalize(s string) string {
	s = norm.NFD.String(strings.ToValidUTF8(s, "\uFFFD"))
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Mn, r) || r == 0x0640 || unicode.Is(unicode.Cf, r):
			continue
		case r == 'ٱ':
			r = 'ا'
		case r == 'ى':
			r = 'ي'
		case r == 'ة':
			r = 'ه'
		case r >= '٠' && r <= '٩':
			r = '0' + (r - '٠')
		case r >= '۰' && r <= '۹':
			r = '0' + (r - '۰')
		case r == '٫':
			r = '.'
		case r == '٬':
			r = ','
		case r == '٪':
			r = '%'
		case unicode.IsSpace(r):
			if !space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = true
			continue
		default:
			r = unicode.ToLower(r)
		}
		space = false
		b.WriteRune(r)
	}
	return strings.TrimRight(b.String(), " ")
}

// Entry is one page in the index.
type Entry struct {
	Title      string   `json:"t"`
	URL        string   `json:"u"`
	Date       string   `json:"d,omitempty"` // as the page shows it
	Categories []string `json:"c,omitempty"`
	Text       string   `json:"x"`  // the start of the page's text, for the results
	Norm       string   `json:"n"`  // title and every word of the text, normalised
	TitleLen   int      `json:"tl"` // how much of Norm is the title
}

// TextLength is how many characters of a page's text an entry shows.
const TextLength = 600

// NewEntry makes an entry from a page's title and whole text. The entry
// shows the first TextLength characters of the text; its normalised text
// holds those, then each other word of the page once, so that every word
// of the page is found (a query matches words, not phrases) and a long
// page does not make the index long.
func NewEntry(title, url, date string, categories []string, text string) Entry {
	t := Normalize(title)
	shown, rest := cut(text, TextLength)
	ns := Normalize(shown)
	var n strings.Builder
	n.Grow(len(t) + 1 + len(ns) + len(rest)/2)
	n.WriteString(t)
	n.WriteByte(' ')
	n.WriteString(ns)
	if rest != "" {
		nr := Normalize(rest)
		seen := make(map[string]struct{}, 128)
		add := func(w string) { seen[w] = struct{}{} }
		eachWord(t, add)
		eachWord(ns, add)
		eachWord(nr, func(w string) {
			if _, ok := seen[w]; !ok {
				seen[w] = struct{}{}
				n.WriteByte(' ')
				n.WriteString(w)
			}
		})
		shown = strings.TrimRight(shown, " ,.;:،؛") + "…"
	}
	return Entry{Title: title, URL: url, Date: date, Categories: categories, Text: shown, Norm: n.String(), TitleLen: len([]rune(t))}
}

// eachWord calls f with each word of s, a normalised text whose words are
// apart by single spaces.
func eachWord(s string, f func(string)) {
	for s != "" {
		w, more, _ := strings.Cut(s, " ")
		if w != "" {
			f(w)
		}
		s = more
	}
}

// cut splits s after at most max characters, at a space when one is in
// the second half.
func cut(s string, max int) (head, tail string) {
	n := 0
	for i := range s {
		if n == max {
			if sp := strings.LastIndexByte(s[:i], ' '); sp > i/2 {
				i = sp
			}
			return s[:i], s[i:]
		}
		n++
	}
	return s, ""
}
