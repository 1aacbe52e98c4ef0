package view

import (
	"cmp"
	"encoding/json"
	"fmt"
	"html/template"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/alaqsa-ira/site/internal/isolate"
	"github.com/alaqsa-ira/site/internal/site"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// Funcs returns the template functions for a language:
//
//	T "key"        the interface string (data/i18n/LANG.yaml), isolated as
//	               ltr does; missing is an error; T "key" "name" value ...
//	               fills {name} in it with value
//	plural "key" n the interface string that counts n, in n's plural form, with
//	               {n} in the language's digits, isolated (a Count: {{.Before}},
//	               {{.Number}}, {{.After}} set the number apart, {{.HTML}} is
//	               the whole)
//	pluralForms "key"  the plural forms of a string as JSON, for scripts
//	Tlink "key" URL LANG "name" value ...
//	               the interface string with its [bracketed] text a link to
//	               URL, a page in LANG, and {name} filled as T does (a date
//	               in the language's words and digits)
//	TL "ar" "key"  the interface string of another language (bilingual
//	               pages), isolated for that language's direction
//	Tplain "key", TLplain "ar" "key"
//	               the same as plain text, for <title>, where no markup goes
//	date t         a date in the language's words and digits ("" for none),
//	               isolated as ltr does
//	hijri t        the same date in the Hijri calendar, where the language
//	               shows it (hijri: true in data/site.yaml), else ""
//	hijriNote      the sentence saying which Hijri calendar the dates follow
//	               and that they may differ from local sighting of the moon,
//	               where the language shows Hijri dates, else ""; a layout
//	               that shows a Hijri date shows it too
//	isodate t      2006-01-02, for <time datetime>
//	num n          a number in the language's digits
//	ltr s          s escaped, with runs of the other direction isolated:
//	               Latin in Arabic pages, Arabic in English ones; every
//	               text a layout writes from the site's data goes through
//	               it (or through T), as page text goes through the
//	               Markdown converter's isolation
//	ltrIn "ar" s   the same for text in another language (bilingual pages)
//	country "DE"   a country's name in the language, isolated
//	add a b        a + b
//	seq n          1..n (at most 100,000)
//	closesIn, officeHours, officeDays, localPhone, telURI, weekday
//	               the office's calls and details (see officeFuncs)
//
// Every language also has partialCached "partials/x.html" DATA KEYS..., which
// renders a partial once per build for each set of keys (see package layout).
func Funcs(l *site.Language, all []*site.Language, otherLatin string) template.FuncMap {
	countries := display.Regions(language.Make(l.Code))
	isolated := func(lang *site.Language, s string) template.HTML { return isolateIn(lang, all, otherLatin, s) }
	find := func(code string) (*site.Language, error) {
		for _, o := range all {
			if o.Code == code {
				return o, nil
			}
		}
		return nil, fmt.Errorf("unknown language %q", code)
	}
	fm := template.FuncMap{
		"date": func(t time.Time) template.HTML {
			return isolated(l, l.Locale.Date(t))
		},
		"hijri": func(t time.Time) template.HTML {
			return isolated(l, l.Locale.Hijri(t))
		},
		"hijriNote": func() template.HTML { return isolated(l, l.Locale.HijriNote()) },
		"isodate": func(t time.Time) string {
			if t.IsZero() {
				return ""
			}
			return t.Format("2006-01-02")
		},
		"num": func(v any) string { return l.Locale.Number(fmt.Sprint(v)) },
		"ltr": func(s string) template.HTML { return isolated(l, s) },
		"ltrIn": func(code, s string) (template.HTML, error) {
			o, err := find(code)
			if err != nil {
				return "", err
			}
			return isolated(o, s), nil
		},
		"country": func(code string) template.HTML {
			r, err := language.ParseRegion(code)
			if err != nil {
				return isolated(l, code)
			}
			if n := countries.Name(r); n != "" {
				return isolated(l, n)
			}
			return isolated(l, code)
		},
		"add": func(a, b int) int { return a + b },
		"seq": func(n int) ([]int, error) {
			if n > maxSeq {
				return nil, fmt.Errorf("seq %d: at most %d numbers; to count further, range over the number: {{range $i := %d}}", n, maxSeq, n)
			}
			out := make([]int, max(n, 0))
			for i := range out {
				out[i] = i + 1
			}
			return out, nil
		},
		"lower": strings.ToLower,
	}
	maps.Copy(fm, stringFuncs(l, isolated, find))
	maps.Copy(fm, officeFuncs(l, isolated))
	return fm
}

// stringFuncs are the template functions of interface strings: T, Tlink,
// plural, pluralForms, TL, Tplain and TLplain (see Funcs).
func stringFuncs(l *site.Language, isolated func(*site.Language, string) template.HTML, find func(code string) (*site.Language, error)) template.FuncMap {
	tl := func(code, key string) (string, error) {
		o, err := find(code)
		if err != nil {
			return "", err
		}
		return o.Locale.T(key)
	}
	return template.FuncMap{
		"T": func(key string, fill ...any) (template.HTML, error) {
			s, err := l.Locale.T(key)
			if err != nil || len(fill) == 0 {
				return isolated(l, s), err
			}
			if len(fill)%2 != 0 {
				return "", fmt.Errorf("T %q: give each {name} to fill and its value, in pairs", key)
			}
			for i := 0; i < len(fill); i += 2 {
				v := fmt.Sprint(fill[i+1])
				if n, ok := fill[i+1].(int); ok {
					v = l.Locale.Int(n)
				}
				s = strings.ReplaceAll(s, "{"+fmt.Sprint(fill[i])+"}", v)
			}
			return isolated(l, s), nil
		},
		"Tlink": func(key, href, hreflang string, fill ...any) (template.HTML, error) {
			s, err := l.Locale.T(key)
			if err != nil {
				return "", err
			}
			if len(fill)%2 != 0 {
				return "", fmt.Errorf("Tlink %q: give each {name} to fill and its value, in pairs", key)
			}
			for i := 0; i < len(fill); i += 2 {
				s = strings.ReplaceAll(s, "{"+fmt.Sprint(fill[i])+"}", fillText(l, fill[i+1]))
			}
			before, rest, ok1 := strings.Cut(s, "[")
			text, after, ok2 := strings.Cut(rest, "]")
			if (!ok1 || !ok2) && l.Locale.Unread {
				// The strings file failed, and is reported where it is
				// loaded: the key stands in for the text, as T writes it.
				return isolated(l, s), nil
			}
			if !ok1 || !ok2 {
				return "", fmt.Errorf("Tlink %q: mark the text of the link with [ ] in data/i18n/%s.yaml", key, l.Code)
			}
			return isolated(l, before) + template.HTML(`<a href="`+template.HTMLEscapeString(href)+`" hreflang="`+template.HTMLEscapeString(hreflang)+`">`) +
				isolated(l, text) + "</a>" + isolated(l, after), nil
		},
		"plural": func(key string, n int) (Count, error) {
			c, err := l.Locale.Plural(key, n)
			if err != nil {
				return Count{}, err
			}
			return Count{Before: isolated(l, c.Before), Number: isolated(l, c.Number), After: isolated(l, c.After), text: c.String()}, nil
		},
		"pluralForms": func(key string) (string, error) {
			forms, ok := l.Locale.Plurals[key]
			if !ok {
				_, err := l.Locale.Plural(key, 0)
				return "", err
			}
			b, err := json.Marshal(forms)
			return string(b), err
		},
		"TL": func(code, key string) (template.HTML, error) {
			s, err := tl(code, key)
			if err != nil {
				return "", err
			}
			o, _ := find(code)
			return isolated(o, s), nil
		},
		"Tplain":  l.Locale.T,
		"TLplain": tl,
	}
}

// isolateIn escapes s and isolates its runs of the direction other than
// lang's: Latin runs (marked as language otherLatin) in right-to-left
// text, runs of the first right-to-left language of all in left-to-right
// text.
func isolateIn(lang *site.Language, all []*site.Language, otherLatin, s string) template.HTML {
	if lang.Dir == "rtl" {
		return template.HTML(isolate.HTML(s, otherLatin))
	}
	rtlLang := ""
	for _, o := range all {
		if o.Dir == "rtl" {
			rtlLang = o.Code
			break
		}
	}
	return template.HTML(isolate.HTMLInLTR(s, rtlLang))
}

// fillText is a value to fill into an interface string: numbers and dates
// in the language's digits and words.
func fillText(l *site.Language, v any) string {
	switch v := v.(type) {
	case int:
		return l.Locale.Int(v)
	case time.Time:
		return l.Locale.Date(v)
	}
	return fmt.Sprint(v)
}

// Count is an interface string that counts (locale.Count) as a layout
// writes it, each part isolated as ltr does: {{.Before}}, {{.Number}} and
// {{.After}} set the number apart, {{.HTML}} is the whole; printed as it
// is, it is the plain text.
type Count struct {
	Before, Number, After template.HTML
	text                  string
}

// HTML is the whole count, isolated.
func (c Count) HTML() template.HTML { return c.Before + c.Number + c.After }

// String is the whole count as plain text, for T's {name} fills.
func (c Count) String() string { return c.text }

// maxSeq bounds seq, which makes a list of the numbers.
const maxSeq = 100_000

func sortByWeightTitle(ps []*site.Page) []*site.Page {
	slices.SortFunc(ps, func(a, b *site.Page) int {
		if a.Weight != b.Weight {
			if a.Weight == 0 {
				return 1
			}
			if b.Weight == 0 {
				return -1
			}
			return cmp.Compare(a.Weight, b.Weight)
		}
		if c := strings.Compare(a.Title, b.Title); c != 0 {
			return c
		}
		return strings.Compare(a.Source, b.Source)
	})
	return ps
}
