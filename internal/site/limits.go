package site

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"time"

	"github.com/alaqsa-ira/site/internal/diag"
)

// The limits of a content file. Each is many times what a page needs, and
// each is reported as itself, at the line that passes it, naming the front
// matter key or the body that holds it: a page past one would otherwise
// fail later and elsewhere (a 50 MB description made every page showing
// it too large, and the layout was blamed). The other limits of what
// editors write are those of YAML (yamlpos: MaxBytes, MaxDepth, MaxValue)
// and of Markdown (markdown: MaxNesting, MaxBrackets, MaxTableCells,
// MaxHTML), and the years of dates (MinYear, MaxYear, below).
const (
	// MaxPageBytes is the largest content file: a long report is 200 KB
	// of Markdown. A page is read whole, and its HTML is kept in memory.
	MaxPageBytes = 4 << 20
	// MaxFrontMatterBytes is the largest front matter: a page's title,
	// dates and a few short lines take 1 KB.
	MaxFrontMatterBytes = 64 << 10
)

// keyLine matches a line of front matter that starts a top-level key.
var keyLine = regexp.MustCompile(`^([A-Za-z_][A-Za-z0-9_-]*)\s*:`)

// passesAt returns the line of src at which it passes limit bytes, and
// what that line is part of: the front matter key written on or above it
// (in front matter closed on line fmEnd, 0 when unknown), or the body.
func passesAt(src []byte, limit, fmEnd int) (line int, in string) {
	line = 1 + bytes.Count(src[:limit], []byte("\n"))
	if fmEnd > 0 && line > fmEnd {
		return line, "its text"
	}
	lines := bytes.Split(src[:limit], []byte("\n"))
	for i := len(lines) - 1; i >= 0; i-- {
		if m := keyLine.FindSubmatch(lines[i]); m != nil {
			return line, string(m[1])
		}
	}
	return line, "its front matter"
}

// pageTooLarge is the error of a content file over MaxPageBytes. A file
// without front matter is all text.
func pageTooLarge(file string, src []byte) error {
	head := bytes.TrimPrefix(src[:min(len(src), MaxPageBytes)], utf8BOM)
	fmEnd := 0
	end, ok, _ := findFrontMatter(head, func([]byte, int, int) error { return nil })
	if ok {
		fmEnd = bytes.Count(head[:end], []byte("\n"))
	}
	line, in := passesAt(src, MaxPageBytes, fmEnd)
	if _, first := firstLine(head); !ok && first != "---" {
		in = "its text"
	}
	fix := "shorten " + in + ": a front matter value is a line or a few sentences, and long text goes in the page's body"
	if in == "its text" {
		fix = "split the page into several, or publish a long document as a PDF in the page's folder and link to it"
	}
	return diag.Errorf(file, line, "this page is %s, more than the %s a page may be; it passes that here, in %s: %s", size(len(src)), size(MaxPageBytes), in, fix)
}

// frontMatterTooLarge is the error of front matter over
// MaxFrontMatterBytes; fm is the file up to the front matter's end.
func frontMatterTooLarge(file string, fm []byte) error {
	line, in := passesAt(fm, MaxFrontMatterBytes, 0)
	return diag.Errorf(file, line, "the front matter is %s, more than the %s it may be; it passes that here, in %s: "+
		"front matter holds a page's title, dates and a few short lines; shorten %s, and put long text in the page's body", size(len(fm)), size(MaxFrontMatterBytes), in, in)
}

// size writes a number of bytes for people, in KB (rounded up) below
// 10 MB, so that a size just past a limit does not read as the limit.
func size(n int) string {
	if n >= 10<<20 {
		return fmt.Sprintf("%d MB", n>>20)
	}
	if n%(1<<20) == 0 {
		return fmt.Sprintf("%d MB", n>>20)
	}
	return fmt.Sprintf("%d KB", (n+1023)>>10)
}

// The years a date may be in, in every date an editor writes (a page's
// date, lastmod, publishDate, expiryDate and deadline, an event's start
// and end, a partner's since). The university was founded in 1955, and
// the office's history and its partnerships begin after 1900; a deadline
// or an event is planned a few years ahead, never past 2100. Inside this
// range every date has its Hijri date in the Umm al-Qura table (1882 to
// 2174), and a year written with too few or too many digits (0026, 20026)
// or a typo (2206) is caught instead of published as "1 January 0".
const (
	MinYear = 1900
	MaxYear = 2100
)

// YearError is the error of a date outside MinYear to MaxYear.
type YearError struct{ Year int }

func (e *YearError) Error() string {
	return fmt.Sprintf("the year %d is outside the years a date may be in, %d to %d", e.Year, MinYear, MaxYear)
}

// checkYear returns a *YearError when t's year (as written) is outside
// MinYear to MaxYear.
func checkYear(t time.Time) error {
	if y := t.Year(); y < MinYear || y > MaxYear {
		return &YearError{Year: y}
	}
	return nil
}

// dateError is the message for key's value s that is not a date (err from
// ParseDate or parseEventTime), telling a year out of range from a date
// not written as one; example is a date as it should be written.
func dateError(key, s string, err error, example string) string {
	var ye *YearError
	if errors.As(err, &ye) {
		return fmt.Sprintf("%s %q is in the year %d, and dates must be from %d to %d: check the year, written with four digits, like %s", key, s, ye.Year, MinYear, MaxYear, example)
	}
	return fmt.Sprintf("%s %q is not a date: write it as YYYY-MM-DD, like %s", key, s, example)
}
