// Package search makes the search index of a language: one entry per
// published page, with its title, address, date, categories, the start of
// its text, and the same text normalised for matching.
//
// Normalising is what makes Arabic searchable as people type it: the
// diacritics (tashkeel) and tatweel are removed, the forms of alef (أ إ آ ٱ)
// become ا, alef maqsura ى becomes ي, ta marbuta ة becomes ه, and
// Arabic-Indic digits become 0-9; Latin letters are folded to lower case.
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
// to ه; make digits Latin; lower-case letter by letter; fold runs of space.
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
		case unicode.Is(unicode.Mn, r) || r == 0x0640:
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
	Text       string   `json:"x"`  // the start of the page's text
	Norm       string   `json:"n"`  // title and text, normalised
	TitleLen   int      `json:"tl"` // how much of Norm is the title
}

// NewEntry makes an entry, normalising its title and text.
func NewEntry(title, url, date string, categories []string, text string) Entry {
	t := Normalize(title)
	return Entry{Title: title, URL: url, Date: date, Categories: categories, Text: text, Norm: t + " " + Normalize(text), TitleLen: len([]rune(t))}
}
