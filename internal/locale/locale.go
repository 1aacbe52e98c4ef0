// Package locale formats dates and numbers in a language and looks up the
// interface strings that layouts show.
//
// A Locale is built from data/site.yaml (the language's digits and date
// pattern) and data/i18n/LANG.yaml (its strings and month names). Dates are
// written from a pattern with named parts, {day} {month} {year}, because the
// editors who set it are not programmers; digits are Latin (latn) or
// Arabic-Indic (arab), following the CLDR names for numbering systems.
package locale

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Digit styles, named as CLDR names numbering systems.
const (
	Latin       = "latn"
	ArabicIndic = "arab"
)

// DefaultDatePattern is used when a language sets none.
const DefaultDatePattern = "{day} {month} {year}"

// Locale is one language's way of writing dates, numbers and interface text.
type Locale struct {
	Code        string
	Digits      string // Latin or ArabicIndic
	DatePattern string
	Months      [12]string
	Strings     map[string]string
	// ShowHijri adds the Hijri date (see HijriDate) beside Gregorian ones,
	// with these month names and era.
	ShowHijri   bool
	HijriMonths [12]string
	HijriEra    string
}

// Date writes t (already in the site's time zone) in the locale's pattern.
func (l *Locale) Date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	p := l.DatePattern
	if p == "" {
		p = DefaultDatePattern
	}
	month := l.Months[t.Month()-1]
	if month == "" {
		month = t.Month().String()
	}
	r := strings.NewReplacer(
		"{day}", strconv.Itoa(t.Day()),
		"{day2}", fmt.Sprintf("%02d", t.Day()),
		"{month}", month,
		"{monthNumber}", strconv.Itoa(int(t.Month())),
		"{year}", strconv.Itoa(t.Year()),
	)
	return l.Number(r.Replace(p))
}

// Number rewrites the ASCII digits in s in the locale's digits. The decimal
// separator is left alone: Arabic-Indic numbers in running text keep it
// readable, and dates and years have none.
func (l *Locale) Number(s string) string {
	if l.Digits != ArabicIndic {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) * 2)
	for _, r := range s {
		if r >= '0' && r <= '9' {
			r = '٠' + (r - '0')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Int writes n in the locale's digits.
func (l *Locale) Int(n int) string { return l.Number(strconv.Itoa(n)) }

// T returns the interface string for key, or an error naming the file to add
// it to.
func (l *Locale) T(key string) (string, error) {
	if s, ok := l.Strings[key]; ok {
		return s, nil
	}
	return "", fmt.Errorf("interface string %q is missing for language %q: add it to data/i18n/%s.yaml", key, l.Code, l.Code)
}

// ValidDigits reports whether s names a digit style.
func ValidDigits(s string) bool { return s == Latin || s == ArabicIndic }
