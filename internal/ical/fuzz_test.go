package ical

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/alaqsa-ira/site/internal/hangtest"
)

// checkCalendar writes one event with the given texts and checks the
// calendar's form: CRLF line ends and no other CR or LF, lines of at most
// 75 octets of UTF-8 with whole characters, and texts that unfold and
// unescape to what was given (line ends as LF, control characters dropped,
// bytes that are not UTF-8 as U+FFFD).
func checkCalendar(t *testing.T, name, summary, description, location string) {
	t.Helper()
	d := time.Date(2027, 1, 31, 0, 0, 0, 0, time.UTC)
	var out []byte
	hangtest.Run(t, fmt.Sprintf("writing a calendar with %.60q", summary), func() {
		out = Write(name, []Event{{UID: "u", Summary: summary, Description: description, Location: location, Start: d, AllDay: true, Stamp: d}})
	})
	s := string(out)
	in := len(name) + len(summary) + len(description) + len(location)
	// Escaping at most triples a text (a byte that is not UTF-8 becomes
	// U+FFFD), and folding adds 3 octets in 71.
	if len(s) > 500+3*in+in/10 {
		t.Fatalf("%d bytes of text made a calendar of %d bytes", in, len(s))
	}
	if !strings.HasSuffix(s, "END:VCALENDAR\r\n") {
		t.Fatalf("the calendar does not end with END:VCALENDAR and CRLF: %q", s)
	}
	lines := strings.Split(strings.TrimSuffix(s, "\r\n"), "\r\n")
	for _, l := range lines {
		if len(l) > 75 {
			t.Fatalf("line of %d octets: %q", len(l), l)
		}
		if strings.ContainsAny(l, "\r\n") {
			t.Fatalf("a bare CR or LF in %q", l)
		}
		if !utf8.ValidString(l) {
			t.Fatalf("a line that is not UTF-8 (or folding split a character): %q", l)
		}
	}
	unfolded := strings.ReplaceAll(s, "\r\n ", "")
	for prop, v := range map[string]string{"X-WR-CALNAME": name, "SUMMARY": summary, "DESCRIPTION": description, "LOCATION": location} {
		if v == "" && prop != "SUMMARY" && prop != "X-WR-CALNAME" {
			continue
		}
		i := strings.Index(unfolded, "\r\n"+prop+":")
		if i < 0 {
			t.Fatalf("no %s in %q", prop, unfolded)
		}
		got, _, _ := strings.Cut(unfolded[i+len(prop)+3:], "\r\n")
		if want := plain(v); unescape(got) != want {
			t.Fatalf("%s reads back as %q, want %q", prop, unescape(got), want)
		}
	}
}

// plain is what a calendar can hold of s: line ends as LF, no other
// control characters.
func plain(s string) string {
	s = strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(s)
	return strings.Map(func(r rune) rune {
		if (r < ' ' && r != '\t' && r != '\n') || r == 0x7f {
			return -1
		}
		return r
	}, s)
}

func unescape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
			if s[i] == 'n' {
				b.WriteByte('\n')
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func TestCalendarTextOfAnyBytesIsWellFormed(t *testing.T) {
	for _, s := range []string{
		strings.Repeat("\x80", 100), strings.Repeat("\xbf", 75) + "منحة", "منحة" + strings.Repeat("\x80", 200), strings.Repeat("\xf0\x9f", 60),
		"line\rbreak", "a\r\r\nb\n\rc", "\xd9" + strings.Repeat("\x9d", 300), strings.Repeat("\x9d\xd9"+strings.Repeat("\x9d", 73), 5), "bell\x07 and del\x7f and nul\x00 and tab\t", strings.Repeat("،", 100), strings.Repeat("𝟙", 40),
		strings.Repeat(`\;,`, 50), strings.Repeat("x", 74) + "\\", "",
	} {
		checkCalendar(t, s, s, s, s)
	}
}

// FuzzWrite writes calendars of any text.
func FuzzWrite(f *testing.F) {
	f.Add("Calls", "Deadline: Erasmus+, staff; 2027", strings.Repeat("منحة دراسية للطلبة ", 10), "Gaza")
	f.Add("\x80\x80", strings.Repeat("\x80", 100), "a\rb", "\x00")
	f.Fuzz(func(t *testing.T, name, summary, description, location string) {
		checkCalendar(t, name, summary, description, location)
	})
}

func TestFoldMovesOnThroughBytesThatAreNotUTF8(t *testing.T) {
	for _, s := range []string{
		strings.Repeat("\x80", 300), "\xd9" + strings.Repeat("\x9d", 300), strings.Repeat("\x9d\xd9"+strings.Repeat("\x9d", 73), 5),
		strings.Repeat("x", 74) + "\xf0\x9f\x98\x80" + strings.Repeat("\x80", 80), strings.Repeat("منحة", 60),
	} {
		var b bytes.Buffer
		hangtest.Run(t, fmt.Sprintf("folding %.40q", s), func() { fold(&b, s) })
		lines := strings.Split(strings.TrimSuffix(b.String(), "\r\n"), "\r\n")
		if got := strings.ReplaceAll(b.String(), "\r\n ", ""); got != s+"\r\n" {
			t.Errorf("folding %q lost or added text: %q", s, got)
		}
		for i, l := range lines {
			if len(l) > 75 || (i < len(lines)-1 && len(l) < 72) {
				t.Errorf("folding %q made a line of %d octets: %q", s, len(l), l)
			}
		}
	}
}
