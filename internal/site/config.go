package site

import (
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"strings"
	"time"

	"github.com/alaqsa-ira/site/internal/diag"
	"github.com/alaqsa-ira/site/internal/locale"
	"github.com/alaqsa-ira/site/internal/regular"
	"github.com/alaqsa-ira/site/internal/remote"
	"github.com/alaqsa-ira/site/internal/slug"
	"github.com/alaqsa-ira/site/internal/yamlpos"
	"golang.org/x/text/language"
	"gopkg.in/yaml.v3"
)

// ConfigPath is the site's settings file.
const ConfigPath = "data/site.yaml"

var (
	configKeys   = []string{"baseURL", "defaultLanguage", "timeZone", "hijriCalendar", "paginate", "categories", "languages", "menus", "contact", "offline", "emblem", "universityURL", "editor"}
	languageKeys = []string{"code", "name", "direction", "digits", "dateFormat", "timeFormat", "hijri", "title", "university", "description"}
	menuKeys     = []string{"name", "page", "url"}
)

// loadConfig reads data/site.yaml. It returns a usable Config even when it
// records errors, so that the rest of the site can still be checked.
func loadConfig(fsys fs.FS, d *yamlpos.Decoder) *Config {
	c := &Config{Paginate: 10, TimeZone: time.UTC, Menus: map[string][]MenuEntry{}}
	root, ok := readYAML(fsys, d, false)
	if !ok {
		return c
	}
	if root == nil {
		d.Errs = append(d.Errs, diag.Errorf(ConfigPath, 1, "the file is empty: it needs at least languages and baseURL"))
		return c
	}
	m := d.Map(root, "site.yaml")
	if s, ok := m.String("baseURL"); ok {
		u, err := ParseBaseURL(s)
		if err != nil {
			d.Errorf(m.Take("baseURL"), "%v", err)
		} else {
			c.BaseURL = u
		}
	} else {
		d.Errs = append(d.Errs, diag.Errorf(ConfigPath, 1, "baseURL is missing: add the address the site is published at, like baseURL: https://example.edu/ira/"))
	}
	if s, ok := m.String("timeZone"); ok {
		loc, err := time.LoadLocation(s)
		if err != nil {
			d.Errorf(m.Take("timeZone"), "unknown time zone %q: use a name like Asia/Gaza", s)
		} else {
			c.TimeZone = loc
		}
	}
	if n, ok := m.Int("paginate"); ok {
		if n < 1 || n > 1000 {
			d.Errorf(m.Take("paginate"), "paginate must be between 1 and 1000 (how many items a list page shows)")
		} else {
			c.Paginate = n
		}
	}
	if cats, ok := m.Strings("categories"); ok {
		for _, cat := range cats {
			if slug.Make(cat) != cat {
				d.Errorf(m.Take("categories"), "category %q must be written in lower case letters, digits and hyphens, like %q", cat, slug.Make(cat))
				continue
			}
			c.Categories = append(c.Categories, cat)
		}
	}
	c.Languages = loadLanguages(d, m.Take("languages"))
	if len(c.Languages) == 0 && len(d.Errs) == 0 {
		d.Errs = append(d.Errs, diag.Errorf(ConfigPath, 1, "languages is missing: list the site's languages with their code, name and direction"))
	}
	if s, ok := m.String("defaultLanguage"); ok {
		c.DefaultLanguage = s
		if c.Language(s) == nil {
			d.Errorf(m.Take("defaultLanguage"), "defaultLanguage %q is not one of the languages listed", s)
			c.DefaultLanguage = ""
		}
	}
	if c.DefaultLanguage == "" && len(c.Languages) > 0 {
		c.DefaultLanguage = c.Languages[0].Code
	}
	c.HijriCalendar = locale.UmmAlQura
	if s, ok := m.String("hijriCalendar"); ok {
		if !locale.ValidHijriCalendar(s) {
			hint := ""
			if g := yamlpos.Suggest(s, []string{locale.UmmAlQura, locale.Tabular}); g != "" {
				hint = "; did you mean " + g + "?"
			}
			d.Errorf(m.Take("hijriCalendar"), "hijriCalendar must be %s (the Umm al-Qura calendar, the default) or %s (the arithmetic calendar), not %q%s", locale.UmmAlQura, locale.Tabular, s, hint)
		} else {
			c.HijriCalendar = s
		}
	}
	for _, l := range c.Languages {
		l.Locale.HijriCalendar = c.HijriCalendar
	}
	loadMenus(d, c, m.Take("menus"))
	c.Contact = loadContact(d, c, m.Take("contact"))
	c.Offline = true
	if on, ok := m.Bool("offline"); ok {
		c.Offline = on
	}
	c.Emblem, _ = m.String("emblem")
	for _, k := range m.Keys() {
		if k.Value == "emblem" {
			c.EmblemLine = d.Line(k)
		}
	}
	if host, far := remote.Host(c.Emblem); far || strings.Contains(c.Emblem, "://") {
		d.Errorf(m.Take("emblem"), "emblem %q is an address on the web%s, and pages of this site load nothing from other sites: download the emblem, save it under static/images/ and write emblem: /images/%s", c.Emblem, onHost(host), logoName(c.Emblem))
		c.Emblem = ""
	} else if c.Emblem != "" && (!strings.HasPrefix(c.Emblem, "/") || strings.Contains(c.Emblem, "..")) {
		d.Errorf(m.Take("emblem"), "emblem %q must be a file under static/, written from the site's root, like /images/emblem.svg", c.Emblem)
		c.Emblem = ""
	}
	if s, ok := m.String("universityURL"); ok {
		if u, err := url.Parse(s); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			d.Errorf(m.Take("universityURL"), "universityURL %q must be a full address starting with https://, like https://www.alaqsa.edu.ps/", s)
		} else {
			c.UniversityURL = s
		}
	}
	c.Editor = loadEditor(d, m.Take("editor"))
	m.Unknown("site.yaml", configKeys)
	if c.BaseURL == nil {
		// Reported above; the rest of the site is checked with a stand-in.
		c.BaseURL = &url.URL{Scheme: "https", Host: "example.invalid", Path: "/"}
	}
	return c
}

// ParseBaseURL checks a base URL: absolute http or https, with a path that
// ends in a slash.
func ParseBaseURL(s string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("baseURL %q must be a full address starting with https:// (or http://), like https://example.edu/ira/", s)
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("baseURL %q must not have a query or fragment", s)
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
		u.RawPath = ""
	}
	return u, nil
}

func loadLanguages(d *yamlpos.Decoder, n *yaml.Node) []*Language {
	var out []*Language
	seen := map[string]bool{}
	for _, item := range d.List(n, "languages") {
		m := d.Map(item, "a language")
		l := &Language{Locale: &locale.Locale{Digits: locale.Latin}}
		code, ok := m.String("code")
		if !ok {
			d.Errorf(item, "a language needs a code, like code: ar")
			continue
		}
		tag, err := language.Parse(code)
		if err != nil || tag.String() != code || strings.ContainsAny(code, "/._") {
			d.Errorf(m.Take("code"), "language code %q is not a BCP 47 code like ar or en", code)
			continue
		}
		if seen[code] {
			d.Errorf(m.Take("code"), "language %q is listed twice", code)
			continue
		}
		seen[code] = true
		l.Code, l.Locale.Code = code, code
		l.Name, _ = m.String("name")
		if l.Name == "" {
			l.Name = code
		}
		l.Dir = "ltr"
		if dir, ok := m.String("direction"); ok {
			if dir != "ltr" && dir != "rtl" {
				d.Errorf(m.Take("direction"), "direction must be rtl or ltr, not %q", dir)
			} else {
				l.Dir = dir
			}
		}
		if dg, ok := m.String("digits"); ok {
			if !locale.ValidDigits(dg) {
				d.Errorf(m.Take("digits"), "digits must be latn (0123) or arab (٠١٢٣), not %q", dg)
			} else {
				l.Locale.Digits = dg
			}
		}
		if p, ok := m.String("dateFormat"); ok {
			if !strings.Contains(p, "{") {
				d.Errorf(m.Take("dateFormat"), "dateFormat must use {day}, {month} and {year}, like \"{day} {month} {year}\"")
			}
			l.Locale.DatePattern = p
		}
		if f, ok := m.String("timeFormat"); ok {
			if !strings.Contains(f, "{minute}") || !strings.Contains(f, "{hour") {
				d.Errorf(m.Take("timeFormat"), "timeFormat must use an hour ({hour}, {hour2} or {hour12}) and {minute}, like \"{hour2}:{minute}\" or \"{hour12}:{minute} {period}\"")
			}
			l.Locale.TimeFormat = f
		}
		l.Locale.ShowHijri, _ = m.Bool("hijri")
		l.Title, _ = m.String("title")
		l.University, _ = m.String("university")
		l.Description, _ = m.String("description")
		if l.Title == "" {
			d.Errorf(item, "language %q needs a title (the office's name in that language)", code)
		}
		m.Unknown("language", languageKeys)
		out = append(out, l)
	}
	return out
}

func loadMenus(d *yamlpos.Decoder, c *Config, n *yaml.Node) {
	if n == nil {
		return
	}
	m := d.Map(n, "menus")
	for _, k := range m.Keys() {
		if c.Language(k.Value) == nil {
			d.Errorf(k, "menus has %q, which is not one of the languages", k.Value)
		}
		for _, item := range d.List(m.Take(k.Value), "menus."+k.Value) {
			im := d.Map(item, "a menu entry")
			e := MenuEntry{Line: d.Line(item)}
			e.Name, _ = im.String("name")
			e.Page, _ = im.String("page")
			e.URL, _ = im.String("url")
			if (e.Page == "") == (e.URL == "") {
				d.Errorf(item, "a menu entry needs either page: (a page's translation key, like about) or url:, not both")
			}
			if e.URL != "" && e.Name == "" {
				d.Errorf(item, "a menu entry with url: needs a name:")
			}
			im.Unknown("menu entry", menuKeys)
			c.Menus[k.Value] = append(c.Menus[k.Value], e)
		}
	}
}

// localized reads a {LANG: text} mapping. With required set, every language
// of the site must have a text.
func localized(d *yamlpos.Decoder, c *Config, n *yaml.Node, what string, required bool) map[string]string {
	if n == nil {
		return nil
	}
	out := map[string]string{}
	m := d.Map(n, what)
	for _, k := range m.Keys() {
		if c.Language(k.Value) == nil {
			d.Errorf(k, "%s has %q, which is not one of the site's languages", what, k.Value)
			continue
		}
		if s, ok := d.Scalar(m.Take(k.Value), what+"."+k.Value); ok {
			out[k.Value] = strings.TrimSpace(s)
		}
	}
	if required {
		for _, l := range c.Languages {
			if out[l.Code] == "" {
				d.Errorf(n, "%s has no %s text: add %s: ...", what, l.Name, l.Code)
			}
		}
	}
	return out
}

// readYAML reads and parses the file d names. A missing optional file is
// empty, and so is one that is not a regular file (a named pipe), with a
// warning; a required one that is not a regular file is an error.
func readYAML(fsys fs.FS, d *yamlpos.Decoder, optional bool) (*yaml.Node, bool) {
	data, err := fs.ReadFile(fsys, d.Path)
	if optional && errors.Is(err, fs.ErrNotExist) {
		return nil, true
	}
	if nr := (*regular.NotRegularError)(nil); errors.As(err, &nr) {
		if optional {
			d.Errs = append(d.Errs, regular.Skipped(d.Path, nr.Mode))
			return nil, true
		}
		d.Errs = append(d.Errs, diag.Errorf(d.Path, 0, "this is %s, not a regular file, so the site cannot be read: the site reads only regular files; put the file itself in its place", regular.Kind(nr.Mode)))
		return nil, false
	}
	if err != nil {
		d.Errs = append(d.Errs, &diag.Error{Path: d.Path, Msg: "cannot read the file: " + errText(err), Err: err})
		return nil, false
	}
	data, err = cleanText(d.Path, data)
	if err != nil {
		d.Errs = append(d.Errs, err)
		return nil, false
	}
	root, err := yamlpos.Parse(d.Path, data, 0)
	if err != nil {
		d.Errs = append(d.Errs, err)
		return nil, false
	}
	return root, true
}
