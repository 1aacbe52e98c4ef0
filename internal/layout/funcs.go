package layout

import (
	"cmp"
	"encoding/json"
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
//	T "key"        the interface string (data/i18n/LANG.yaml); missing is an error;
//	               T "key" "name" value ... fills {name} in it with value
//	plural "key" n the interface string that counts n, in n's plural form, with
//	               {n} in the language's digits (locale.Count: {{.Before}},
//	               {{.Number}}, {{.After}} set the number apart)
//	pluralForms "key"  the plural forms of a string as JSON, for scripts
//	TL "ar" "key"  the interface string of another language (bilingual pages)
//	date t         a date in the language's words and digits ("" for none)
//	hijri t        the same date in the Hijri calendar, where the language
//	               shows it (hijri: true in data/site.yaml), else ""
//	hijriNote      the sentence saying which Hijri calendar the dates follow
//	               and that they may differ from local sighting of the moon,
//	               where the language shows Hijri dates, else ""; a layout
//	               that shows a Hijri date shows it too
//	isodate t      2006-01-02, for <time datetime>
//	num n          a number in the language's digits
//	ltr s          s escaped, with runs of the other direction isolated:
//	               Latin in Arabic pages, Arabic in English ones
//	country "DE"   a country's name in the language
//	add a b        a + b
//	seq n          1..n
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
		"T": func(key string, fill ...any) (string, error) {
			s, err := l.Locale.T(key)
			if err != nil || len(fill) == 0 {
				return s, err
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
			return s, nil
		},
		"plural": l.Locale.Plural,
		"pluralForms": func(key string) (string, error) {
			forms, ok := l.Locale.Plurals[key]
			if !ok {
				_, err := l.Locale.Plural(key, 0)
				return "", err
			}
			b, err := json.Marshal(forms)
			return string(b), err
		},
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
		"hijri":     l.Locale.Hijri,
		"hijriNote": l.Locale.HijriNote,
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
		"seq": func(n int) []int {
			out := make([]int, max(n, 0))
			for i := range out {
				out[i] = i + 1
			}
			return out
		},
		"lower": strings.ToLower,
	}
}

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
