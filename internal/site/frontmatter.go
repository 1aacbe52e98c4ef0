package site

import (
	"bytes"
	"strings"
	"time"

	"github.com/adrg/frontmatter"
	"github.com/alaqsa-ira/site/internal/diag"
	"github.com/alaqsa-ira/site/internal/locale"
	"github.com/alaqsa-ira/site/internal/yamlpos"
	"gopkg.in/yaml.v3"
)

// FrontMatterKeys are the keys a page's front matter may hold: those of
// the FrontMatter schema.
var FrontMatterKeys = Keys(FrontMatter)

// splitFrontMatter separates the YAML front matter between "---" lines from
// the Markdown body, using github.com/adrg/frontmatter with a format that
// decodes with yaml.v3 and keeps file line numbers. src must be clean text.
func splitFrontMatter(path string, src []byte) (root *yaml.Node, openLine int, body []byte, bodyLine int, err error) {
	openLine, first := firstLine(src)
	switch first {
	case "---":
	case "+++":
		return nil, 0, nil, 0, diag.Errorf(path, openLine, "TOML front matter (+++) is not supported: write the front matter in YAML between --- lines")
	default:
		return nil, 0, nil, 0, diag.Errorf(path, openLine, "the file has no front matter: start it with a --- line, then title: ..., then another --- line")
	}
	// Only the front matter goes through the parser: it copies what it
	// reads, and a page's body can be long.
	end := closingLine(src, openLine)
	if end < 0 {
		return nil, 0, nil, 0, diag.Errorf(path, openLine, "the front matter that starts here is never closed: add a line with just --- after the last key")
	}
	if end > MaxFrontMatterBytes {
		return nil, 0, nil, 0, frontMatterTooLarge(path, src[:end])
	}
	decoded := false
	format := frontmatter.NewFormat("---", "---", func(data []byte, _ any) error {
		decoded = true
		var perr error
		root, perr = yamlpos.Parse(path, data, openLine)
		return perr
	})
	var sink struct{}
	if _, err := frontmatter.Parse(bytes.NewReader(src[:end]), &sink, format); err != nil {
		return nil, 0, nil, 0, err
	}
	if !decoded {
		return nil, 0, nil, 0, diag.Errorf(path, openLine, "the front matter that starts here is never closed: add a line with just --- after the last key")
	}
	return root, openLine, src[end:], 1 + bytes.Count(src[:end], []byte("\n")), nil
}

// closingLine returns the offset just past the line "---" that closes the
// front matter opened on line open, or -1.
func closingLine(src []byte, open int) int {
	off, line := 0, 1
	for off < len(src) {
		i := bytes.IndexByte(src[off:], '\n')
		next := len(src)
		if i >= 0 {
			next = off + i + 1
		}
		if line > open && string(bytes.TrimSpace(src[off:next])) == "---" {
			return next
		}
		off, line = next, line+1
	}
	return -1
}

// firstLine returns the first line that is not blank, trimmed, and its number.
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

// decodeFrontMatter fills p from the front matter mapping.
func decodeFrontMatter(d *yamlpos.Decoder, root *yaml.Node, p *Page, tz *time.Location) {
	dropEmpty(root, FrontMatter)
	m := d.Map(root, "the front matter")
	p.KeyLines = make(map[string]int, len(m.Keys()))
	for _, k := range m.Keys() {
		p.KeyLines[k.Value] = d.Line(k)
	}
	p.Title, _ = m.String("title")
	p.Title = strings.TrimSpace(p.Title)
	p.Description, _ = m.String("description")
	p.Description = strings.TrimSpace(p.Description)
	p.Layout, _ = m.String("layout")
	p.Draft, _ = m.Bool("draft")
	p.Example, _ = m.Bool("example")
	p.Weight, _ = m.Int("weight")
	p.TranslationKey, _ = m.String("translationKey")
	p.Slug, _ = m.String("slug")
	p.Aliases, _ = m.Strings("aliases")
	p.Image, _ = m.String("image")
	p.Image = strings.TrimSpace(p.Image)
	p.ImageAlt, _ = m.String("imageAlt")
	p.ImageAlt = strings.TrimSpace(p.ImageAlt)
	p.Categories, _ = m.Strings("categories")
	if n := m.Take("digits"); n != nil {
		if v, ok := d.Scalar(n, "digits"); ok {
			if !locale.ValidDigits(v) {
				d.Errorf(n, "digits must be latn (keep the digits as typed, 0123) or arab (write the numbers of the text in ٠١٢٣), not %q", v)
			} else {
				p.Digits = v
			}
		}
	}
	for _, k := range []struct {
		name string
		dst  *time.Time
	}{{"date", &p.Date}, {"lastmod", &p.Lastmod}, {"publishDate", &p.PublishDate}, {"expiryDate", &p.ExpiryDate}, {"deadline", &p.Deadline}} {
		n := m.Take(k.name)
		if n == nil {
			continue
		}
		s, ok := d.Scalar(n, k.name)
		if !ok {
			continue
		}
		t, err := ParseDate(s, tz)
		if err != nil {
			d.Errorf(n, "%s", dateError(k.name, s, err, "2026-03-15, or with a time, like 2026-03-15T10:00:00+02:00"))
			continue
		}
		*k.dst = t
	}
	decodeEvent(d, m, p, tz)
	if p.Title == "" && m.Node != nil {
		d.Errorf(m.Node, "the page has no title: add title: ... to the front matter")
	}
	m.Unknown("front matter", FrontMatterKeys)
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
