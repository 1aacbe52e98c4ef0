package locale

import (
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/alaqsa-ira/site/internal/hangtest"
)

// FuzzDate writes dates in any pattern, month name and digits, on any day
// from year 1 to 9999: Date and Hijri finish; a pattern is written as it is
// but for its parts; Arabic-Indic digits leave no 0-9 behind; UTF-8 stays
// UTF-8; and the Hijri calendar moves on by exactly one day a day.
func FuzzDate(f *testing.F) {
	f.Add("{day} {month} {year}", "نوفمبر", int64(739218), true)
	f.Add("{day2}/{monthNumber}/{year} {", "11", int64(0), false)
	f.Add("{{day}}{month}}{", "+²", int64(3652058), true)
	f.Add("", "", int64(-5), false)
	f.Fuzz(func(t *testing.T, pattern, name string, day int64, arab bool) {
		// day counts from 1 January of year 1, in 0..3652058 (31 December 9999).
		day %= 3652059
		if day < 0 {
			day += 3652059
		}
		date := time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, int(day))
		l := &Locale{Code: "ar", DatePattern: pattern, ShowHijri: true, HijriEra: "هـ"}
		for i := range l.Months {
			l.Months[i], l.HijriMonths[i] = name, name
		}
		if arab {
			l.Digits = ArabicIndic
		}
		var filled, written, hijri string
		var y, m, d, y2, m2, d2 int
		hangtest.Run(t, fmt.Sprintf("writing %v in %.40q", date, pattern), func() {
			filled = fill(pattern, date.Day(), int(date.Month()), date.Year(), name)
			written, hijri = l.Date(date), l.Hijri(date)
			y, m, d = TabularDate(date)
			y2, m2, d2 = TabularDate(date.AddDate(0, 0, 1))
			if uy, um, ud, ok := UmmAlQuraDate(date); ok {
				if vy, vm, vd, ok := UmmAlQuraDate(date.AddDate(0, 0, 1)); ok {
					y, m, d, y2, m2, d2 = uy, um, ud, vy, vm, vd
				}
			}
		})
		if !strings.Contains(pattern, "{") && filled != pattern {
			t.Fatalf("fill(%q) = %q, want the pattern as it is", pattern, filled)
		}
		if limit := len(pattern) + strings.Count(pattern, "{")*(len(name)+20); len(filled) > limit {
			t.Fatalf("fill(%q, %q) made %d bytes", pattern, name, len(filled))
		}
		for _, out := range []string{written, hijri} {
			if arab && strings.ContainsAny(out, "0123456789") {
				t.Fatalf("%q has Latin digits with Arabic-Indic ones asked for", out)
			}
			if utf8.ValidString(pattern) && utf8.ValidString(name) && !utf8.ValidString(out) {
				t.Fatalf("%q is not UTF-8", out)
			}
		}
		if l.Number(written) != written {
			t.Fatalf("Number is not stable on %q", written)
		}
		if m < 1 || m > 12 || d < 1 || d > 30 {
			t.Fatalf("the Hijri date of %v is %d-%d-%d", date, y, m, d)
		}
		next := (y2 == y && m2 == m && d2 == d+1) || (y2 == y && m2 == m+1 && d2 == 1 && d >= 29) || (y2 == y+1 && m == 12 && m2 == 1 && d2 == 1 && d >= 29)
		if !next {
			t.Fatalf("the day after %v (%d-%d-%d) is %d-%d-%d in the Hijri calendar", date, y, m, d, y2, m2, d2)
		}
	})
}
