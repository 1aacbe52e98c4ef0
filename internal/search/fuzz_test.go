package search

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/alaqsa-ira/site/internal/hangtest"
)

// FuzzNormalize normalises any text: Normalize finishes, gives UTF-8 for
// UTF-8 without marks, tatweel, upper case, other digits or doubled
// spaces, is stable (normalising twice changes nothing, so a query and a
// page meet), and grows the text by a bounded amount; NewEntry's title
// terms are the title's and it shows the start of the text.
func FuzzNormalize(f *testing.F) {
	for _, s := range []string{
		"مِنْحَةٌ", "أحمد وإبراهيم وآمال", "ٱلرحمن", "العـــربية", "عام ١٤٤٧ و۱۴۴۸", "Erasmus+  KA171\n", "İstanbul", "Café Ümraniye",
		"سؤال ومسئول", "+²", "+۴ ४ ４ ⅷ ① ½ ٫", "ǅ ß ﬃ Ω K Å", "한국어", "\xff\xfe", "  \u00a0\u2003 x \u3000",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var out, again string
		var e Entry
		hangtest.Run(t, fmt.Sprintf("normalising %.60q", s), func() {
			out = Normalize(s)
			again = Normalize(out)
			e = NewEntry(s, "/x/", "", nil, s)
		})
		if again != out {
			t.Fatalf("Normalize is not stable: %q -> %q -> %q", s, out, again)
		}
		if len(out) > 4*len(s) {
			t.Fatalf("Normalize made %d bytes of %d", len(out), len(s))
		}
		if e.TitleTerms > len(e.Terms) || strings.Join(e.Terms[:e.TitleTerms], " ") != strings.Join(uniq(Terms(s)), " ") {
			t.Fatalf("entry of %q: %d title terms of %q", s, e.TitleTerms, e.Terms)
		}
		if len(e.Text) > len(s) || !strings.HasPrefix(s, strings.TrimSuffix(e.Text, "…")) && utf8.ValidString(s) {
			t.Fatalf("entry of %q shows %q", s, e.Text)
		}
		if !utf8.ValidString(s) {
			return
		}
		if !utf8.ValidString(out) {
			t.Fatalf("Normalize(%q) = %q is not UTF-8", s, out)
		}
		if strings.Contains(out, "  ") || strings.HasPrefix(out, " ") || strings.HasSuffix(out, " ") {
			t.Fatalf("Normalize(%q) = %q has spaces to fold", s, out)
		}
		for _, r := range out {
			switch {
			case unicode.Is(unicode.Mn, r), r == 0x0640, r == 'ٱ', r == 'ى', r == 'ة', r >= '٠' && r <= '٩', r >= '۰' && r <= '۹':
				t.Fatalf("Normalize(%q) = %q keeps %q", s, out, r)
			case unicode.IsSpace(r) && r != ' ':
				t.Fatalf("Normalize(%q) = %q keeps the space %q", s, out, r)
			}
		}
	})
}

func uniq(ts []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, t := range ts {
		if !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	return out
}

// FuzzTerms cuts, stems and indexes any two texts: Terms finishes, gives
// words of letters, digits and marks only, never longer than the text,
// the same for the text and its normalised form, and a stem never longer
// than its word; an index of the two texts, read back, leads from every
// term of each to its page.
func FuzzTerms(f *testing.F) {
	for _, s := range [][2]string{
		{"منحة دكتوراه", "منح الدكتوراه"}, {"والطلبة وبالجامعة فللجامعة", "و ال لل بال وال"}, {"منحتها طالباتهم", "و٢٠٢٧"},
		{"Erasmus+ KA171", "apply@example.org"}, {"caresses ponies ties studying hoped planned", "yyy eed ing sses ies"},
		{"\xff\xfeو", "ـــ"}, {"\"quoted\" \\ \u2028", ""},
	} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		texts := []string{a, b}
		for _, s := range texts {
			checkTerms(t, s)
		}
		files := map[string][]byte{}
		ix := NewIndex(func(name string, data []byte) error { files[name] = data; return nil })
		for i, s := range texts {
			stored, err := NewEntry(s, fmt.Sprintf("/p%d/", i), "", nil, s).Marshal()
			if err == nil {
				err = ix.Add(stored)
			}
			if err != nil {
				t.Fatal(err)
			}
		}
		m, err := ix.Finish()
		if err != nil {
			t.Fatal(err)
		}
		r, err := ReadIndex(m, files)
		if err != nil {
			t.Fatal(err)
		}
		for i, s := range texts {
			for _, term := range Terms(s) {
				if !slices.Contains(r.Find(term), i) || !slices.Contains(r.InTitle(term), i) {
					t.Fatalf("%q does not lead to page %d (%q): %v", term, i, s, r.Find(term))
				}
			}
			if d, err := r.Doc(i); err != nil || d.URL != fmt.Sprintf("/p%d/", i) {
				t.Fatalf("page %d reads back as %+v, %v", i, d, err)
			}
		}
	})
}

func checkTerms(t *testing.T, s string) {
	var terms, again []string
	hangtest.Run(t, fmt.Sprintf("the terms of %.60q", s), func() {
		terms = Terms(s)
		again = Terms(Normalize(s))
	})
	if strings.Join(terms, " ") != strings.Join(again, " ") {
		t.Fatalf("Terms(%q) = %q, of the normalised text %q", s, terms, again)
	}
	n := 0
	for _, term := range terms {
		if term == "" {
			t.Fatalf("Terms(%q) has an empty term", s)
		}
		for _, r := range term {
			if !isWordRune(r) {
				t.Fatalf("Terms(%q) has %q in %q", s, r, term)
			}
		}
		if st := Stem(term); len(st) > len(term) {
			t.Fatalf("Stem(%q) = %q is longer", term, st)
		}
		n += len(term)
	}
	if n > 4*len(s) {
		t.Fatalf("Terms made %d bytes of %d", n, len(s))
	}
}
