// Package search makes the search index of a language: what a page
// shows in the results (title, address, date, categories, the start of its
// text) and the terms that find it, split into files so that a query
// fetches only the few it needs (index.go).
//
// A text becomes terms in three steps, which the page script
// (static/js/search.js) repeats on the query, step by step; the shared
// table testdata/terms.txt is run through both.
//
// Normalising (Normalize) is what makes Arabic searchable as people type
// it: the diacritics (tashkeel) and tatweel are removed, the forms of alef
// (أ إ آ ٱ) become ا, alef maqsura ى becomes ي, ta marbuta ة becomes ه, and
// Arabic-Indic digits become 0-9 (and the Arabic decimal and thousands
// separators and percent sign . , %), so a number matches in either
// digits; invisible format characters (direction marks and isolates,
// zero-width joiners) are dropped; Latin letters are folded to lower case.
// So "مِنْحَة" finds "منحة" and "١٤٤٧" finds "1447".
//
// Cutting into words (Terms) keeps runs of letters, digits and marks, and
// cuts where Arabic meets another script ("و2027" is و and 2027); an
// address such as apply@example.org is the words apply, example and org.
//
// Stemming (Stem) joins the forms of a word: a light Arabic stemmer takes
// off the article and the conjunctions and prepositions attached to it and
// common suffixes ("منحة دكتوراه" finds "منح الدكتوراه"), and the first
// and last steps of Porter's stemmer undo English inflection ("studies"
// finds "study").
package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

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
	Title      string
	URL        string
	Date       string // as the page shows it
	Categories []string
	Text       string   // the start of the page's text, for the results
	Terms      []string // each term of the title, then each other term of the page, once
	TitleTerms int      // how many of Terms are the title's
}

// TextLength is how many characters of a page's text an entry shows.
const TextLength = 300

// NewEntry makes an entry from a page's title and whole text. The entry
// shows the first TextLength characters of the text, cut between words;
// its terms are every term of the page, once.
func NewEntry(title, url, date string, categories []string, text string) Entry {
	e := Entry{Title: title, URL: url, Date: date, Categories: categories}
	seen := make(map[string]struct{}, 128)
	add := func(t string) {
		if _, ok := seen[t]; !ok {
			seen[t] = struct{}{}
			e.Terms = append(e.Terms, t)
		}
	}
	eachTerm(Normalize(title), add)
	e.TitleTerms = len(e.Terms)
	eachTerm(Normalize(text), add)
	shown, rest := cut(text, TextLength)
	if rest != "" {
		shown = strings.TrimRight(shown, " \t\n,.;:،؛-–—") + "…"
	}
	e.Text = shown
	return e
}

// cut splits s after at most max characters, between two words: at the
// last space before the limit, else at the first after it (a long address
// is not cut), else, for a text of one word longer than twice the limit,
// where no character is cut from its marks.
func cut(s string, max int) (head, tail string) {
	n, limit := 0, -1
	for i := range s {
		if n == max {
			limit = i
			break
		}
		n++
	}
	if limit < 0 {
		return s, ""
	}
	if r, _ := utf8.DecodeRuneInString(s[limit:]); unicode.IsSpace(r) {
		return s[:limit], s[limit:]
	}
	if sp := strings.LastIndexFunc(s[:limit], unicode.IsSpace); sp > 0 {
		return s[:sp], s[sp:]
	}
	n = 0
	for i, r := range s {
		if i > limit && unicode.IsSpace(r) {
			return s[:i], s[i:]
		}
		if n > 2*max && graphemeStart(s, i) {
			return s[:i], s[i:]
		}
		n++
	}
	return s, ""
}

// graphemeStart reports whether a character begins at i that is not
// joined to the one before: not a mark, a joiner, a variation selector or
// a skin tone, and not after a joiner.
func graphemeStart(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	p, _ := utf8.DecodeLastRuneInString(s[:i])
	return !unicode.IsMark(r) && r != 0x200D && p != 0x200D && !(r >= 0x1F3FB && r <= 0x1F3FF) && !(r >= 0xFE00 && r <= 0xFE0F)
}
