package site

import (
	"io/fs"
	"net/url"
	"path"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/alaqsa-ira/site/internal/diag"
	"github.com/alaqsa-ira/site/internal/locale"
	"github.com/alaqsa-ira/site/internal/remote"
	"github.com/alaqsa-ira/site/internal/yamlpos"
	"gopkg.in/yaml.v3"
)

// The data files besides data/site.yaml.
const (
	ObjectivesPath = "data/objectives.yaml"
	PartnersPath   = "data/partners.yaml"
	I18nDir        = "data/i18n"
)

func loadObjectives(fsys fs.FS, c *Config) ([]Objective, []error) {
	d := &yamlpos.Decoder{Path: ObjectivesPath}
	root, ok := readYAML(fsys, d, true)
	if !ok || root == nil {
		return nil, d.Errs
	}
	var out []Objective
	ids := map[string]int{}
	for _, item := range d.List(listOf(d, root, "objectives"), "objectives.yaml") {
		var o Objective
		r := read(d, c, ObjectiveSchema, item, &o)
		if first, dup := ids[o.ID]; dup && o.ID != "" {
			d.Errorf(r.val("id"), "objective id %q is used twice (first on line %d)", o.ID, first)
		} else if o.ID != "" {
			ids[o.ID] = d.Line(item)
		}
		out = append(out, o)
	}
	return out, d.Errs
}

func loadPartners(fsys fs.FS, c *Config) ([]Partner, []error) {
	d := &yamlpos.Decoder{Path: PartnersPath}
	root, ok := readYAML(fsys, d, true)
	if !ok || root == nil {
		return nil, d.Errs
	}
	var out []Partner
	ids := map[string]int{}
	for _, item := range d.List(listOf(d, root, "partners"), "partners.yaml") {
		p := Partner{Line: d.Line(item)}
		r := read(d, c, PartnerSchema, item, &p)
		if first, dup := ids[p.ID]; dup && p.ID != "" {
			d.Errorf(r.val("id"), "partner id %q is used twice (first on line %d)", p.ID, first)
		} else if p.ID != "" {
			ids[p.ID] = d.Line(item)
		}
		out = append(out, p)
	}
	return out, d.Errs
}

// country is an ISO 3166 two-letter country code, in either case; it is
// kept in capitals.
func country[T any](to func(*T) *string) value[T, string] {
	return value[T, string]{typ: TypeChoice, from: FromCountries, to: to, parse: func(r *reading, f *Field, n *yaml.Node) (string, bool) {
		cc, ok := r.Scalar(n, f.Key)
		if !ok {
			return "", false
		}
		if !isCountry(cc) {
			r.Errorf(n, "country %q is not an ISO 3166 two-letter country code (like PS, DE, TR)", cc)
			return "", false
		}
		return strings.ToUpper(cc), true
	}}
}

// sinceYear is the year a partnership began: from MinYear to next year
// (one agreed to start then). A year outside is reported, and kept.
func sinceYear[T any](to func(*T) *int) value[T, int] {
	return value[T, int]{typ: TypeInt, to: to, parse: func(r *reading, f *Field, n *yaml.Node) (int, bool) {
		y, ok := r.Int(n, f.Key)
		if !ok {
			return 0, false
		}
		if last := time.Now().Year() + 1; y < MinYear || y > last {
			r.Errorf(n, "since %d is not a year a partnership can have begun in: write the year it began, from %d to %d, like 2019", y, MinYear, last)
		}
		return y, true
	}}
}

// website is a full https address.
func website[T any](to func(*T) *string) value[T, string] {
	return value[T, string]{typ: TypeURL, to: to, parse: func(r *reading, f *Field, n *yaml.Node) (string, bool) {
		s, ok := r.Scalar(n, f.Key)
		if !ok {
			return "", false
		}
		if u, err := url.Parse(s); err != nil || u.Scheme != "https" || u.Host == "" {
			r.Errorf(n, "url %q must be a full address starting with https://", s)
			return "", false
		}
		return s, true
	}}
}

// logoFile is a logo under static/, written from there; it is kept from
// the site's root (/images/partners/x.png). An address on the web is
// refused: pages load nothing from other sites.
func logoFile[T any](to func(*T) *string) value[T, string] {
	return value[T, string]{typ: TypeImage, to: to, parse: func(r *reading, f *Field, n *yaml.Node) (string, bool) {
		s, ok := r.Scalar(n, f.Key)
		if !ok {
			return "", false
		}
		if host, far := remote.Host(s); far || strings.Contains(s, "://") {
			r.Errorf(n, "logo %q is an address on the web%s, and pages of this site load nothing from other sites: download the logo, save it under static/images/partners/ and write logo: images/partners/%s", s, onHost(host), logoName(s))
			return "", false
		}
		return "/" + strings.TrimPrefix(path.Clean("/"+s), "/"), true
	}}
}

// needsLogoAlt refuses a logo without a description.
func needsLogoAlt(r *reading, _ *Field, p *Partner) {
	if p.Logo != "" && p.LogoAlt == nil {
		r.Errorf(r.node, "a partner with a logo needs logoAlt: a description of the logo in every language, like logoAlt: {en: ..., ar: ...}")
	}
}

// loadStrings reads data/i18n/LANG.yaml for every language. Nested mappings
// are flattened into dotted keys (category: {news: ...} is category.news);
// months and hijriMonths are lists of the twelve month names.
func loadStrings(fsys fs.FS, c *Config) []error {
	var errs []error
	for _, l := range c.Languages {
		d := &yamlpos.Decoder{Path: I18nDir + "/" + l.Code + ".yaml"}
		root, ok := readYAML(fsys, d, true)
		l.Locale.Strings = map[string]string{}
		l.Locale.Plurals = map[string]map[string]string{}
		l.Locale.Unread = !ok
		if ok && root != nil {
			flatten(d, root, "", l.Locale, func(key string, months *yaml.Node) {
				names, _ := d.Strings(months, key)
				if len(names) != 12 {
					d.Errorf(months, "%s must list the 12 month names, the first month first (it has %d)", key, len(names))
					return
				}
				if key == "months" {
					copy(l.Locale.Months[:], names)
				} else {
					copy(l.Locale.HijriMonths[:], names)
				}
			})
			l.Locale.HijriEra = l.Locale.Strings["hijriEra"]
			if l.Locale.ShowHijri && l.Locale.HijriMonths[0] == "" {
				d.Errs = append(d.Errs, diag.Errorf(d.Path, 0, "%s shows Hijri dates (hijri: true in data/site.yaml) but has no hijriMonths: list the 12 Hijri month names, Muharram first", l.Name))
			}
		}
		errs = append(errs, d.Errs...)
	}
	return errs
}

func flatten(d *yamlpos.Decoder, n *yaml.Node, prefix string, l *locale.Locale, months func(string, *yaml.Node)) {
	m := d.Map(n, "the interface strings")
	for _, k := range m.Keys() {
		v := m.Take(k.Value)
		key := prefix + k.Value
		switch {
		case key == "months" || key == "hijriMonths":
			months(key, v)
		case isPlural(v):
			l.Plurals[key] = plurals(d, k, v, key, l.Code)
		case v.Kind == yaml.MappingNode:
			flatten(d, v, key+".", l, months)
		default:
			if s, ok := d.Scalar(v, key); ok {
				l.Strings[key] = s
				if key == "quotes" && utf8.RuneCountInString(s) != 4 {
					d.Errorf(v, "quotes must be the four quotation marks of the language, opening and closing double quote then opening and closing single quote, like \"“”‘’\" or \"«»‹›\" (it has %d characters)", utf8.RuneCountInString(s))
				}
			}
		}
	}
}

// StringKeys returns the interface string keys of every language, sorted.
func (c *Config) StringKeys() []string {
	seen := map[string]bool{}
	for _, l := range c.Languages {
		for k := range l.Locale.Strings {
			seen[k] = true
		}
		for k := range l.Locale.Plurals {
			seen[k] = true
		}
	}
	keys := make([]string, 0, len(seen))
	for k := range seen {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// checkStrings reports interface strings that one language has and another
// lacks: a layout using one would fail to render in that language.
func checkStrings(c *Config) []error {
	var errs []error
	for _, k := range c.StringKeys() {
		counted := ""
		for _, l := range c.Languages {
			if _, ok := l.Locale.Plurals[k]; ok && counted == "" {
				counted = l.Name
			}
		}
		for _, l := range c.Languages {
			_, plain := l.Locale.Strings[k]
			_, counts := l.Locale.Plurals[k]
			if !plain && !counts && !l.Locale.Unread {
				errs = append(errs, diag.Warnf(I18nDir+"/"+l.Code+".yaml", 0, "interface string %q is missing: add it in %s (other languages have it)", k, l.Name))
			}
			if plain && counted != "" {
				errs = append(errs, diag.Errorf(I18nDir+"/"+l.Code+".yaml", 0, "interface string %q counts something (%s gives it plural forms) but has one text here: give it the plural forms %s needs (%s), with {n} for the number", k, counted, locale.LanguageName(l.Code), strings.Join(locale.Forms(l.Code), ", ")))
			}
		}
	}
	return errs
}

// listOf returns the list of a data file: the file itself, or the value of
// its one key (partners: or objectives:), the form the web editor writes,
// since it edits a mapping, never a bare list.
func listOf(d *yamlpos.Decoder, root *yaml.Node, key string) *yaml.Node {
	if root.Kind != yaml.MappingNode {
		return root
	}
	m := d.Map(root, key)
	n := m.Take(key)
	m.Unknown(key+" file", []string{key})
	if n == nil {
		d.Errorf(root, "the file must be a list, or hold one key, %s:, with the list", key)
	}
	return n
}

// logoName is the file name a logo downloaded from address s may be saved
// as: the address's own, or logo.png.
func logoName(s string) string {
	if u, err := url.Parse(strings.TrimSpace(s)); err == nil {
		if base := path.Base(u.Path); strings.Contains(base, ".") && !strings.ContainsAny(base, " %") {
			return base
		}
	}
	return "logo.png"
}
