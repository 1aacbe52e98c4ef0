package site

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/alaqsa-ira/site/internal/diag"
	"github.com/alaqsa-ira/site/internal/hangtest"
)

// FuzzCleanText checks the text check every file goes through: it
// finishes; text it accepts is UTF-8 without NUL or CR and with as many
// lines as the file had; a file it refuses is refused at a line and
// column of the file.
func FuzzCleanText(f *testing.F) {
	for _, s := range []string{"a\r\nb\rc\n", "\xef\xbb\xbf---\r\n", "\xff\xfea", "ok\x00", "سطر\nسطر \xff", "\r\r\n\n\r", "+²\n+۴"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var out []byte
		var err error
		in := bytes.Clone(data)
		hangtest.Run(t, fmt.Sprintf("cleaning %.60q", data), func() { out, err = cleanText("f.md", in) })
		ends := bytes.Count(bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n")), []byte("\n")) + bytes.Count(bytes.ReplaceAll(data, []byte("\r\n"), nil), []byte("\r"))
		if err != nil {
			var de *diag.Error
			if !errors.As(err, &de) || de.Path != "f.md" || de.Line < 1 || de.Line > ends+1 || de.Col < 0 {
				t.Fatalf("cleanText(%q) refused it with %v", data, err)
			}
			return
		}
		if !utf8.Valid(out) || bytes.ContainsAny(out, "\r\x00") || len(out) > len(data) {
			t.Fatalf("cleanText(%q) = %q", data, out)
		}
		if n := bytes.Count(out, []byte("\n")); n != ends {
			t.Fatalf("cleanText(%q) = %q has %d line ends, the file %d", data, out, n, ends)
		}
	})
}

// FuzzParseDate reads dates as editors write them: ParseDate finishes, and
// a date in Arabic-Indic or Extended Arabic-Indic digits reads as the same
// date in 0-9.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2026-03-15", "2026-03-15T10:00:00+02:00", " 2026-03-15 10:00 ", "٢٠٢٦-٠٣-١٥", "۲۰۲۶-۰۳-۱۵", "2026-13-45", "+²", "0000-01-01"} {
		f.Add(s)
	}
	tz, err := time.LoadLocation("Asia/Gaza")
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var latin, arab, persian time.Time
		var errL, errA, errP error
		hangtest.Run(t, fmt.Sprintf("reading the date %.60q", s), func() {
			latin, errL = ParseDate(s, tz)
			arab, errA = ParseDate(digitsIn(s, '٠'), tz)
			persian, errP = ParseDate(digitsIn(s, '۰'), tz)
		})
		if (errL == nil) != (errA == nil) || (errL == nil) != (errP == nil) || !latin.Equal(arab) || !latin.Equal(persian) {
			t.Fatalf("ParseDate(%q) = %v, %v; in other digits %v, %v and %v, %v", s, latin, errL, arab, errA, persian, errP)
		}
	})
}

// digitsIn writes the digits 0-9 of s in the digits starting at zero.
func digitsIn(s string, zero rune) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return zero + r - '0'
		}
		return r
	}, s)
}
