package locale

import (
	"strings"
	"testing"
	"time"
)

var (
	gazaZone = mustZone("Asia/Gaza")
	english  = &Locale{Code: "en", Digits: Latin}
	arabic   = &Locale{Code: "ar", Digits: ArabicIndic, TimeFormat: "{hour12}:{minute} {period}",
		Months: [12]string{"كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول", "تشرين الأول", "تشرين الثاني", "كانون الأول"},
		Strings: map[string]string{
			"dayRange": "{start}–{end}", "dateRange": "{start} – {end}", "timeRange": "من {start} حتى {end}",
			"dateTime": "{date}، {time}", "timeInZone": "{time} ({zone})", "utcOffset": "بتوقيت غرينتش{offset}",
			"timeAM": "صباحاً", "timeNoon": "ظهراً", "timePM": "مساءً", "timeMidnight": "منتصف الليل",
		}}
)

func mustZone(name string) *time.Location {
	z, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return z
}

// at reads 2026-12-10 or 2026-12-10T09:00 (in Gaza, or with an offset).
func at(t *testing.T, s string) time.Time {
	t.Helper()
	for _, l := range []string{"2006-01-02T15:04Z07:00", "2006-01-02T15:04", "2006-01-02"} {
		if v, err := time.ParseInLocation(l, s, gazaZone); err == nil {
			return v
		}
	}
	t.Fatalf("bad time %q", s)
	return time.Time{}
}

func TestSpanWritesEventsAsShortAsTheyRead(t *testing.T) {
	cases := []struct {
		name, start, end string
		allDay, zone     bool
		en, ar           string
	}{
		{"one day", "2026-12-10", "", true, false, "10 December 2026", "١٠ كانون الأول ٢٠٢٦"},
		{"one day given twice", "2026-12-10", "2026-12-10", true, false, "10 December 2026", "١٠ كانون الأول ٢٠٢٦"},
		{"days of a month", "2026-12-10", "2026-12-12", true, false, "10–12 December 2026", "١٠–١٢ كانون الأول ٢٠٢٦"},
		{"across months", "2026-11-30", "2026-12-02", true, false, "30 November – 2 December 2026", "٣٠ تشرين الثاني – ٢ كانون الأول ٢٠٢٦"},
		{"across years", "2026-12-30", "2027-01-02", true, false, "30 December 2026 – 2 January 2027", "٣٠ كانون الأول ٢٠٢٦ – ٢ كانون الثاني ٢٠٢٧"},
		{"times of one day", "2026-12-10T09:00", "2026-12-10T13:00", false, false, "10 December 2026, 09:00–13:00", "١٠ كانون الأول ٢٠٢٦، من ٩:٠٠ صباحاً حتى ١:٠٠ مساءً"},
		{"start time only", "2026-12-10T09:00", "", false, false, "10 December 2026, 09:00", "١٠ كانون الأول ٢٠٢٦، ٩:٠٠ صباحاً"},
		{"noon", "2026-12-10T12:30", "2026-12-10T18:15", false, false, "10 December 2026, 12:30–18:15", "١٠ كانون الأول ٢٠٢٦، من ١٢:٣٠ ظهراً حتى ٦:١٥ مساءً"},
		{"ends at midnight", "2026-12-10T20:00", "2026-12-11T00:00", false, false, "10 December 2026, 20:00–00:00", "١٠ كانون الأول ٢٠٢٦، من ٨:٠٠ مساءً حتى ١٢:٠٠ منتصف الليل"},
		{"starts at midnight", "2026-12-10T00:00", "2026-12-10T02:00", false, false, "10 December 2026, 00:00–02:00", "١٠ كانون الأول ٢٠٢٦، من ١٢:٠٠ منتصف الليل حتى ٢:٠٠ صباحاً"},
		{"times over days", "2026-12-10T09:00", "2026-12-12T17:00", false, false, "10 December 2026, 09:00 – 12 December 2026, 17:00", "١٠ كانون الأول ٢٠٢٦، ٩:٠٠ صباحاً – ١٢ كانون الأول ٢٠٢٦، ٥:٠٠ مساءً"},
		{"another zone", "2026-12-10T09:00+01:00", "2026-12-10T13:00+01:00", false, true, "10 December 2026, 09:00–13:00 (UTC+1)", "١٠ كانون الأول ٢٠٢٦، من ٩:٠٠ صباحاً حتى ١:٠٠ مساءً (بتوقيت غرينتش+١)"},
		{"a half-hour zone", "2026-12-10T09:00+05:30", "", false, true, "10 December 2026, 09:00 (UTC+5:30)", "١٠ كانون الأول ٢٠٢٦، ٩:٠٠ صباحاً (بتوقيت غرينتش+٥:٣٠)"},
		{"west of UTC", "2026-12-10T09:00-03:00", "2026-12-11T10:00-03:00", false, true, "10 December 2026, 09:00 – 11 December 2026, 10:00 (UTC-3)", "١٠ كانون الأول ٢٠٢٦، ٩:٠٠ صباحاً – ١١ كانون الأول ٢٠٢٦، ١٠:٠٠ صباحاً (بتوقيت غرينتش-٣)"},
	}
	for _, c := range cases {
		s := Span{Start: at(t, c.start), AllDay: c.allDay, Zone: c.zone}
		if c.end != "" {
			s.End = at(t, c.end)
		}
		if got := Text(english.Span(s)); got != c.en {
			t.Errorf("%s: English %q, want %q", c.name, got, c.en)
		}
		if got := Text(arabic.Span(s)); got != c.ar {
			t.Errorf("%s: Arabic %q, want %q", c.name, got, c.ar)
		}
	}
}

// TestSpanPartsCarryTheirMachineReadableValues: every date and time in a
// written span has its ISO value, for <time datetime>.
func TestSpanPartsCarryTheirMachineReadableValues(t *testing.T) {
	cases := []struct {
		s    Span
		want []string
	}{
		{Span{Start: at(t, "2026-12-10"), End: at(t, "2026-12-12"), AllDay: true}, []string{"2026-12-10", "2026-12-12"}},
		{Span{Start: at(t, "2026-11-30"), End: at(t, "2027-01-02"), AllDay: true}, []string{"2026-11-30", "2027-01-02"}},
		{Span{Start: at(t, "2026-12-10T09:00"), End: at(t, "2026-12-10T13:00")}, []string{"2026-12-10", "2026-12-10T09:00+02:00", "2026-12-10T13:00+02:00"}},
		{Span{Start: at(t, "2026-12-10T09:00+01:00"), Zone: true}, []string{"2026-12-10", "2026-12-10T09:00+01:00"}},
		{Span{Start: at(t, "2026-12-10T09:00Z"), End: at(t, "2026-12-11T09:00Z"), Zone: true}, []string{"2026-12-10", "2026-12-10T09:00Z", "2026-12-11", "2026-12-11T09:00Z"}},
	}
	for _, c := range cases {
		for _, l := range []*Locale{english, arabic} {
			var got []string
			for _, p := range l.Span(c.s) {
				if p.DateTime != "" {
					got = append(got, p.DateTime)
				}
			}
			if strings.Join(got, " ") != strings.Join(c.want, " ") {
				t.Errorf("%s %v: values %v, want %v", l.Code, c.s, got, c.want)
			}
		}
	}
	if english.Span(Span{}) != nil {
		t.Error("an empty span is written")
	}
}

func TestSpanFollowsOtherDatePatterns(t *testing.T) {
	l := &Locale{Code: "en", Digits: Latin, DatePattern: "{day2}/{monthNumber}/{year}"}
	s := Span{Start: at(t, "2026-12-10"), End: at(t, "2026-12-12"), AllDay: true}
	if got, want := Text(l.Span(s)), "10/12/2026 – 12/12/2026"; got != want {
		t.Errorf("numeric pattern: %q, want %q", got, want)
	}
	l = &Locale{Code: "en", Digits: Latin, DatePattern: "{month} {day}, {year}", TimeFormat: "{hour12}:{minute} {period}"}
	if got, want := Text(l.Span(s)), "December 10 – December 12, 2026"; got != want {
		t.Errorf("month-first pattern: %q, want %q", got, want)
	}
	s = Span{Start: at(t, "2026-11-30"), End: at(t, "2026-12-02"), AllDay: true}
	if got, want := Text(l.Span(s)), "November 30 – December 2, 2026"; got != want {
		t.Errorf("month-first pattern across months: %q, want %q", got, want)
	}
	s = Span{Start: at(t, "2026-12-10T09:00"), End: at(t, "2026-12-10T13:00")}
	if got, want := Text(l.Span(s)), "December 10, 2026, 9:00 am–1:00 pm"; got != want {
		t.Errorf("12-hour English: %q, want %q", got, want)
	}
}
