package ical

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func TestCalendarFollowsRFC5545(t *testing.T) {
	d := time.Date(2027, 1, 31, 0, 0, 0, 0, time.UTC)
	out := string(Write("Calls", []Event{{
		UID: "https://example.org/en/a/#deadline", Summary: "Deadline: Erasmus+, staff; 2027",
		Description: strings.Repeat("منحة دراسية للطلبة ", 10), URL: "https://example.org/en/a/",
		Start: d, AllDay: true, Stamp: d,
	}}))
	for _, want := range []string{
		"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n",
		"DTSTART;VALUE=DATE:20270131\r\nDTEND;VALUE=DATE:20270201\r\n",
		`SUMMARY:Deadline: Erasmus+\, staff\; 2027` + "\r\n",
		"UID:https://example.org/en/a/#deadline\r\n",
		"DTSTAMP:20270131T000000Z\r\n",
		"END:VCALENDAR\r\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("calendar lacks %q:\n%s", want, out)
		}
	}
	for _, line := range strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n") {
		if len(line) > 75 {
			t.Errorf("line of %d octets: %q", len(line), line)
		}
		if !utf8.ValidString(line) {
			t.Errorf("folding split a character: %q", line)
		}
	}
	if strings.Contains(strings.ReplaceAll(out, "\r\n", ""), "\n") {
		t.Error("a bare LF")
	}
	unfolded := strings.ReplaceAll(out, "\r\n ", "")
	if !strings.Contains(unfolded, "DESCRIPTION:"+strings.Repeat("منحة دراسية للطلبة ", 10)) {
		t.Error("the folded description does not unfold to the original")
	}
}

func TestTimedEventsAreWrittenInUTCAndAStartAloneIsAMoment(t *testing.T) {
	rome := time.FixedZone("", 3600)
	start := time.Date(2026, 12, 10, 9, 0, 0, 0, rome)
	out := string(Write("Events", []Event{
		{UID: "a", Summary: "Timed", Start: start, End: start.Add(4 * time.Hour), Stamp: start},
		{UID: "b", Summary: "Start only", Start: start, Stamp: start, Cancelled: true},
	}))
	a, b, _ := strings.Cut(out, "UID:b")
	if !strings.Contains(a, "DTSTART:20261210T080000Z\r\nDTEND:20261210T120000Z\r\n") {
		t.Errorf("the timed event:\n%s", a)
	}
	if !strings.Contains(b, "DTSTART:20261210T080000Z\r\n") || strings.Contains(b, "DTEND") || !strings.Contains(b, "STATUS:CANCELLED\r\n") {
		t.Errorf("the start-only cancelled event:\n%s", b)
	}
	if strings.Contains(a, "STATUS") {
		t.Error("a scheduled event has a status")
	}
}
