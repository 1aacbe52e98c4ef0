package locale

import (
	"testing"
	"time"
)

// TestHijriDatesMatchICU checks the conversion against the islamic-civil
// calendar of ICU (the Unicode consortium's library, as Node.js 20 ships
// it: new Intl.DateTimeFormat("en-u-ca-islamic-civil", ...)), which
// publishes the same tabular calendar.
func TestHijriDatesMatchICU(t *testing.T) {
	cases := []struct {
		date    string
		y, m, d int
	}{
		{"2024-07-07", 1445, 12, 30},
		{"2024-03-11", 1445, 9, 1},
		{"2023-07-19", 1445, 1, 1},
		{"2022-07-30", 1444, 1, 1},
		{"2026-11-29", 1448, 6, 18},
		{"2027-03-15", 1448, 10, 6},
		{"2026-02-18", 1447, 9, 1},
		{"2030-01-01", 1451, 8, 25},
		{"2000-01-01", 1420, 9, 24},
		{"1990-05-15", 1410, 10, 19},
		{"2020-04-24", 1441, 9, 1},
		{"2025-06-26", 1446, 12, 29},
		{"2029-12-31", 1451, 8, 24},
		{"2035-08-20", 1457, 6, 15},
		{"2046-02-12", 1468, 4, 5},
	}
	for _, c := range cases {
		d, _ := time.Parse("2006-01-02", c.date)
		if y, m, day := HijriDate(d); y != c.y || m != c.m || day != c.d {
			t.Errorf("%s: %d-%d-%d, want %d-%d-%d", c.date, y, m, day, c.y, c.m, c.d)
		}
	}
}

func TestHijriDateWrittenInArabic(t *testing.T) {
	ar := &Locale{Digits: ArabicIndic, ShowHijri: true, HijriEra: "هـ",
		HijriMonths: [12]string{"محرم", "صفر", "ربيع الأول", "ربيع الآخر", "جمادى الأولى", "جمادى الآخرة", "رجب", "شعبان", "رمضان", "شوال", "ذو القعدة", "ذو الحجة"}}
	d := time.Date(2027, 3, 15, 0, 0, 0, 0, time.UTC)
	if got, want := ar.Hijri(d), "٦ شوال ١٤٤٨ هـ"; got != want {
		t.Errorf("Hijri = %q, want %q", got, want)
	}
	ar.ShowHijri = false
	if ar.Hijri(d) != "" {
		t.Error("a locale without Hijri dates shows one")
	}
}
