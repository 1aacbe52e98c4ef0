package site

import (
	"bytes"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/adrg/frontmatter"
	"github.com/alaqsa-ira/site/internal/diag"
	"github.com/alaqsa-ira/site/internal/locale"
	"github.com/alaqsa-ira/site/internal/slug"
	"github.com/alaqsa-ira/site/internal/yamlpos"
	"gopkg.in/yaml.v3"
)

// hasEvent says a page has an event: the keys of its place and status are
// read only then (without one they are reported, by checkEvent).
func hasEvent(p *Page) bool { return !p.EventDate.IsZero() }

// digitStyle is the digits of a page's text: latn or arab.
func digitStyle[T any](to func(*T) *string) value[T, string] {
	return value[T, string]{typ: TypeChoice, values: []string{locale.Latin, locale.ArabicIndic}, to: to, parse: func(r *reading, f *Field, n *yaml.Node) (string, bool) {
		v, ok := r.Scalar(n, f.Key)
		if ok && !locale.ValidDigits(v) {
			r.Errorf(n, "digits must be latn (keep the digits as typed, 0123) or arab (write the numbers of the text in ٠١٢٣), not %q", v)
			return "", false
		}
		return v, ok
	}}
}

// categoryList is a page's categories: a list of those of data/site.yaml,
// each one not there reported at the key's line.
func categoryList(to func(*Page) *[]string) value[Page, []string] {
	x := lines(to)
	x.typ, x.from = TypeChoices, FromCategories
	return x.then(func(r *reading, f *Field, p *Page) {
		cats := r.cfg.Allowed(*f)
		for _, c := range p.Categories {
			if len(cats) > 0 && !slices.Contains(cats, c) {
				hint := ""
				if s := yamlpos.Suggest(c, cats); s != "" {
					hint = "; did you mean " + s + "?"
				}
				r.errAt(f.Key, "unknown category %q (categories: %s)%s", c, strings.Join(cats, ", "), hint)
			}
		}
	})
}

// checkAliases refuses old addresses that cannot lead to the page.
func checkAliases(r *reading, f *Field, p *Page) {
	for _, a := range p.Aliases {
		if _, err := aliasPath(p, a); err != nil {
			r.errAt(f.Key, "%v", err)
		}
	}
}

// checkDeadline refuses a deadline before the page's date.
func checkDeadline(r *reading, f *Field, p *Page) {
	if !p.Deadline.IsZero() && !p.Date.IsZero() && p.Deadline.Before(p.Date) {
		r.errAt(f.Key, "the deadline is before the page's date; check both dates")
	}
}

// checkLayout refuses a layout that is not a layout file's name.
func checkLayout(r *reading, f *Field, p *Page) {
	if p.Layout != "" && slug.Make(p.Layout) != p.Layout {
		r.errAt(f.Key, "layout %q must be a layout file name without folders or .html, like partners", p.Layout)
	}
}

// decodeFrontMatter fills p from the front matter mapping, by FrontMatter.
func decodeFrontMatter(d *yamlpos.Decoder, root *yaml.Node, p *Page, cfg *Config) {
	r := read(d, cfg, FrontMatter, root, p)
	p.KeyLines = make(map[string]int, len(r.written))
	for _, k := range r.written {
		p.KeyLines[k.Value] = d.Line(k)
	}
	checkEvent(r, p)
	if p.Kind == KindPage && p.Section != "" && p.Title != "" {
		for _, key := range r.undated {
			r.Errs = append(r.Errs, diag.Errorf(p.Source, 1, "pages in %s/ are listed newest first and need a date: add %s: YYYY-MM-DD to the front matter", p.Section, key))
		}
	}
}

// splitFrontMatter separates the YAML front matter between "---" lines
// from the Markdown body: github.com/adrg/frontmatter finds it, with a
// format that parses it with yamlpos so that every key keeps its line in
// the file. src must be clean text. The library copies what it reads: it
// is given src a line at a time, and nothing past the closing line, so
// that it copies the front matter but not the body, which can be long.
func splitFrontMatter(path string, src []byte) (root *yaml.Node, openLine int, body []byte, bodyLine int, err error) {
	end, found, err := findFrontMatter(src, func(data []byte, open, end int) error {
		if end > MaxFrontMatterBytes {
			return frontMatterTooLarge(path, src[:end])
		}
		var perr error
		openLine = open
		root, perr = yamlpos.Parse(path, data, open)
		return perr
	})
	if err != nil {
		return nil, 0, nil, 0, err
	}
	if !found {
		line, first := firstLine(src)
		switch first {
		case "+++":
			err = diag.Errorf(path, line, "TOML front matter (+++) is not supported: write the front matter in YAML between --- lines")
		case "---":
			err = diag.Errorf(path, line, "the front matter that starts here is never closed: add a line with just --- after the last key")
		default:
			err = diag.Errorf(path, line, "the file has no front matter: start it with a --- line, then title: ..., then another --- line")
		}
		return nil, 0, nil, 0, err
	}
	return root, openLine, src[end:], 1 + bytes.Count(src[:end], []byte("\n")), nil
}

// findFrontMatter finds the front matter of src with
// github.com/adrg/frontmatter: the lines between a first line "---" (after
// blank lines) and the next line "---". It calls decode with the lines
// between, the line of the first "---" and the offset just past the
// closing one, and returns that offset, or found false when src has no
// front matter or it is never closed.
func findFrontMatter(src []byte, decode func(data []byte, open, end int) error) (end int, found bool, err error) {
	lr := &lineReader{src: src}
	format := frontmatter.NewFormat("---", "---", func(data []byte, _ any) error {
		found, end = true, lr.off
		lr.done = true // the body is not read: the library would copy it
		start := lr.last - len(data)
		return decode(data, bytes.Count(src[:start], []byte("\n")), end)
	})
	if _, err := frontmatter.Parse(lr, nil, format); err != nil {
		return 0, false, err
	}
	return end, found, nil
}

// lineReader gives src a line at a time, so that the reader the library
// buffers it with holds nothing past the line last read: when the
// library finds the closing line, off is just past it and last where it
// starts.
type lineReader struct {
	src       []byte
	off, last int
	done      bool
}

func (l *lineReader) Read(b []byte) (int, error) {
	if l.done || l.off >= len(l.src) {
		return 0, io.EOF
	}
	if l.off == 0 || l.src[l.off-1] == '\n' {
		l.last = l.off
	}
	end := len(l.src)
	if i := bytes.IndexByte(l.src[l.off:], '\n'); i >= 0 {
		end = l.off + i + 1
	}
	n := copy(b, l.src[l.off:end])
	l.off += n
	return n, nil
}

// firstLine returns the first line that is not blank, trimmed, and its
// number: what a file without front matter starts with, for its message.
func firstLine(src []byte) (int, string) {
	line := 1
	for len(src) > 0 {
		i := bytes.IndexByte(src, '\n')
		var l []byte
		if i < 0 {
			l, src = src, nil
		} else {
			l, src = src[:i], src[i+1:]
		}
		if t := bytes.TrimSpace(l); len(t) > 0 {
			return line, string(t)
		}
		line++
	}
	return line, ""
}

var dateLayouts = []string{
	"2006-01-02",
	time.RFC3339,
	"2006-01-02T15:04:05",
	"2006-01-02T15:04",
	"2006-01-02T15:04Z07:00",
	"2006-01-02 15:04Z07:00",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
	"2006-01-02 15:04:05Z07:00",
}

// ParseDate reads a date as editors write it: ISO 8601, with or without a
// time, in Latin or Arabic-Indic digits. A date without a zone is in tz.
// A date whose year, as written, is outside MinYear to MaxYear is refused
// with a *YearError.
func ParseDate(s string, tz *time.Location) (time.Time, error) {
	s = strings.TrimSpace(latinDigits(s))
	var err error
	for _, l := range dateLayouts {
		var t time.Time
		t, err = time.ParseInLocation(l, s, tz)
		if err == nil {
			if err := checkYear(t); err != nil {
				return time.Time{}, err
			}
			return t.In(tz), nil
		}
	}
	return time.Time{}, err
}

func latinDigits(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '٠' && r <= '٩':
			return '0' + (r - '٠')
		case r >= '۰' && r <= '۹':
			return '0' + (r - '۰')
		}
		return r
	}, s)
}
