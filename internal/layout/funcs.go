package layout

import (
	"cmp"
	"fmt"
	"html/template"
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
//	T "key"        the interface string (data/i18n/LANG.yaml); missing is an error
//	TL "ar" "key"  the interface string of another language (bilingual pages)
//	date t         a date in the language's words and digits ("" for none)
//	hijri t        the same date in the Hijri calendar, where the language
//	               shows it (hijri: true in data/site.yaml), else ""
//	isodate t      2006-01-02, for <time datetime>
//	num n          a number in the language's digits
//	ltr s          s escaped, with runs of the other direction isolated:
//	               Latin in Arabic pages, Arabic in English ones
//	country "DE"   a country's name in the language
//	add a b        a + b
//	seq n          1..n (at most 100,000)
//
// Every language also has partialCached "partials/x.html" DATA KEYS..., which
// renders a partial once per build for each set of keys (see partialCache).
func Funcs(l *site.Language, all []*site.Language, otherLatin string) template.FuncMap {
	rtlLang := ""
	for _, o := range all {
		if o.Dir == "rtl" {
			rtlLang = o.Code
			break
		}
	}
	countries := display.Regions(language.Make(l.Code))
	rtl := l.Dir == "rtl"
	return template.FuncMap{
		"T": l.Locale.T,
		"TL": func(lang, key string) (string, error) {
			for _, o := range all {
				if o.Code == lang {
					return o.Locale.T(key)
				}
			}
			return "", fmt.Errorf("TL: unknown language %q", lang)
		},
		"date": func(t time.Time) string {
			return l.Locale.Date(t)
		},
		"hijri": l.Locale.Hijri,
		"isodate": func(t time.Time) string {
			if t.IsZero() {
				return ""
			}
			return t.Format("2006-01-02")
		},
		"num": func(v any) string { return l.Locale.Number(fmt.Sprint(v)) },
		"ltr": func(s string) template.HTML {
			if !rtl {
				return template.HTML(isolate.HTMLInLTR(s, rtlLang))
			}
			return template.HTML(isolate.HTML(s, otherLatin))
		},
		"country": func(code string) string {
			r, err := language.ParseRegion(code)
			if err != nil {
				return code
			}
			if n := countries.Name(r); n != "" {
				return n
			}
			return code
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
}

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
