package locale

import (
	"testing"
	"time"
)

func officeLocales() (ar, en *Locale) {
	ar = &Locale{Code: "ar", Digits: ArabicIndic, Strings: map[string]string{
		"dayPart.morning": "صباحاً", "dayPart.noon": "ظهراً", "dayPart.afternoon": "عصراً", "dayPart.evening": "مساءً",
		"openHours": "من {opens} حتى {closes}", "openDays": "من {from} إلى {to}",
		"weekday.saturday": "السبت", "weekday.thursday": "الخميس",
	}}
	en = &Locale{Code: "en", Digits: Latin, Strings: map[string]string{
		"dayPart.morning": "am", "dayPart.noon": "pm", "dayPart.afternoon": "pm", "dayPart.evening": "pm",
		"openHours": "{opens} to {closes}", "openDays": "{from} to {to}",
	}}
	return ar, en
}

func TestClockTimeWritesHoursAsNoticesDo(t *testing.T) {
	ar, en := officeLocales()
	for _, tc := range []struct {
		min    int
		ar, en string
	}{
		{0, "١٢ صباحاً", "12 am"},
		{8 * 60, "٨ صباحاً", "8 am"},
		{8*60 + 5, "٨:٠٥ صباحاً", "8:05 am"},
		{12 * 60, "١٢ ظهراً", "12 pm"},
		{14 * 60, "٢ ظهراً", "2 pm"},
		{15*60 + 30, "٣:٣٠ عصراً", "3:30 pm"},
		{20 * 60, "٨ مساءً", "8 pm"},
		{24*60 + 60, "١ صباحاً", "1 am"},
		{-60, "١١ مساءً", "11 pm"},
	} {
		if got := ar.ClockTime(tc.min); got != tc.ar {
			t.Errorf("ar %d: %q, want %q", tc.min, got, tc.ar)
		}
		if got := en.ClockTime(tc.min); got != tc.en {
			t.Errorf("en %d: %q, want %q", tc.min, got, tc.en)
		}
	}
	if got := ar.OpenHours(8*60, 14*60); got != "من ٨ صباحاً حتى ٢ ظهراً" {
		t.Errorf("ar hours %q", got)
	}
	if got := en.OpenHours(8*60, 14*60); got != "8 am to 2 pm" {
		t.Errorf("en hours %q", got)
	}
	if got := ar.OpenDays(time.Saturday, time.Thursday); got != "من السبت إلى الخميس" {
		t.Errorf("ar days %q", got)
	}
	if got := en.OpenDays(time.Sunday, time.Sunday); got != "Sunday" {
		t.Errorf("en one day %q (a missing weekday name falls back to English)", got)
	}
}

func TestDaysBetweenCountsCalendarDaysInTheSiteZone(t *testing.T) {
	gaza, err := time.LoadLocation("Asia/Gaza")
	if err != nil {
		t.Skip(err)
	}
	deadline := time.Date(2026, 11, 30, 0, 0, 0, 0, gaza)
	for _, tc := range []struct {
		now  time.Time
		want int
	}{
		{time.Date(2026, 11, 29, 21, 59, 0, 0, time.UTC), 1}, // 23:59 in Gaza
		{time.Date(2026, 11, 29, 22, 30, 0, 0, time.UTC), 0}, // already the 30th in Gaza
		{time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC), 5},
		{time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC), 274}, // across a change of summer time
	} {
		if got := DaysBetween(tc.now, deadline, gaza); got != tc.want {
			t.Errorf("from %v: %d days, want %d", tc.now, got, tc.want)
		}
	}
}
