package cms

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/alaqsa-ira/site/internal/site"
	"gopkg.in/yaml.v3"
)

// threeLanguages is a site with a third language, to see that every
// language of data/site.yaml reaches the editor.
const threeLanguages = `baseURL: https://example.org/
categories: [call, news, visit]
languages:
  - {code: ar, name: العربية, direction: rtl, title: مكتب}
  - {code: en, name: English, title: Office}
  - {code: fr, name: Français, title: Bureau}
editor: {repo: example/site, authURL: "https://auth.example.org"}
`

type field struct {
	Name     string   `yaml:"name"`
	Widget   string   `yaml:"widget"`
	Required bool     `yaml:"required"`
	I18n     any      `yaml:"i18n"`
	Options  []string `yaml:"options"`
	Multiple bool     `yaml:"multiple"`
	Pattern  []string `yaml:"pattern"`
	Fields   []field  `yaml:"fields"`
}

type collection struct {
	Name   string  `yaml:"name"`
	Folder string  `yaml:"folder"`
	Path   string  `yaml:"path"`
	I18n   bool    `yaml:"i18n"`
	Fields []field `yaml:"fields"`
	Files  []struct {
		File   string  `yaml:"file"`
		Fields []field `yaml:"fields"`
	} `yaml:"files"`
}

type config struct {
	Backend struct {
		Repo    string `yaml:"repo"`
		BaseURL string `yaml:"base_url"`
	} `yaml:"backend"`
	I18n struct {
		Structure string   `yaml:"structure"`
		Locales   []string `yaml:"locales"`
	} `yaml:"i18n"`
	Collections []collection `yaml:"collections"`
}

func load(t *testing.T, siteYAML string) (*site.Config, config) {
	t.Helper()
	s, errs := site.LoadData(fstest.MapFS{site.ConfigPath: {Data: []byte(siteYAML)}})
	if s == nil || len(errs) > 0 {
		t.Fatalf("loading the site: %v", errs)
	}
	b, err := Config(s.Config)
	if err != nil {
		t.Fatal(err)
	}
	var c config
	if err := yaml.Unmarshal(b, &c); err != nil {
		t.Fatalf("config.yml is not YAML: %v\n%s", err, b)
	}
	return s.Config, c
}

func (c config) collection(t *testing.T, name string) collection {
	t.Helper()
	for _, col := range c.Collections {
		if col.Name == name {
			return col
		}
	}
	t.Fatalf("no collection %q", name)
	return collection{}
}

func find(fields []field, name string) (field, bool) {
	for _, f := range fields {
		if f.Name == name {
			return f, true
		}
	}
	return field{}, false
}

// TestEveryKeyTheCheckerKnowsIsInTheEditor walks the schema tables that
// site check enforces and finds each key in the generated configuration,
// with a widget, required when the schema requires it, translated or
// copied to every language as the schema says, and limited to the values
// the checker allows. A key added to the schema without a way to edit it
// fails here.
func TestEveryKeyTheCheckerKnowsIsInTheEditor(t *testing.T) {
	sc, c := load(t, threeLanguages)
	if c.I18n.Structure != "multiple_files" || !slices.Equal(c.I18n.Locales, []string{"ar", "en", "fr"}) {
		t.Errorf("i18n is %+v; want multiple_files in ar, en, fr", c.I18n)
	}
	if c.Backend.Repo != "example/site" || c.Backend.BaseURL != "https://auth.example.org" {
		t.Errorf("backend is %+v; want the repository and sign-in service of data/site.yaml", c.Backend)
	}
	ann, pages := c.collection(t, "announcements"), c.collection(t, "pages")
	if ann.Folder != "content/announcements" || ann.Path != "{{slug}}/index" || !ann.I18n {
		t.Errorf("announcements: folder %q, path %q, i18n %v; want page bundles in every language", ann.Folder, ann.Path, ann.I18n)
	}
	for _, sf := range site.FrontMatter {
		for _, col := range []collection{ann, pages} {
			f, ok := find(col.Fields, sf.Key)
			if sf.Section != "" && col.Name != sf.Section {
				if ok {
					t.Errorf("%s: %q belongs to %s only", col.Name, sf.Key, sf.Section)
				}
				continue
			}
			if !ok {
				t.Errorf("%s: the front matter key %q is not in the editor", col.Name, sf.Key)
				continue
			}
			checkField(t, sc, col.Name, f, sf)
			wantI18n := any("duplicate")
			if sf.Translated {
				wantI18n = true
			}
			if f.I18n != wantI18n {
				t.Errorf("%s: %q has i18n %v; want %v", col.Name, sf.Key, f.I18n, wantI18n)
			}
			if want := sf.Required || sf.Dated && col.Name == "announcements"; f.Required != want {
				t.Errorf("%s: %q required %v; want %v", col.Name, sf.Key, f.Required, want)
			}
		}
	}
	for _, data := range []struct {
		name, file string
		fields     []site.Field
	}{{"partners", site.PartnersPath, site.PartnerFields}, {"objectives", site.ObjectivesPath, site.ObjectiveFields}} {
		col := c.collection(t, data.name)
		if len(col.Files) != 1 || col.Files[0].File != data.file || len(col.Files[0].Fields) != 1 {
			t.Fatalf("%s: files %+v; want %s with its list", data.name, col.Files, data.file)
		}
		list := col.Files[0].Fields[0]
		if list.Name != data.name || list.Widget != "list" {
			t.Fatalf("%s: the file's field is %q (%s); want the list under %s:", data.name, list.Name, list.Widget, data.name)
		}
		for _, sf := range data.fields {
			f, ok := find(list.Fields, sf.Key)
			if !ok {
				t.Errorf("%s: the key %q is not in the editor", data.name, sf.Key)
				continue
			}
			checkField(t, sc, data.name, f, sf)
			if f.Required != sf.Required {
				t.Errorf("%s: %q required %v; want %v", data.name, sf.Key, f.Required, sf.Required)
			}
		}
	}
}

// checkField checks one field's widget and allowed values against the
// schema's.
func checkField(t *testing.T, sc *site.Config, where string, f field, sf site.Field) {
	t.Helper()
	if f.Widget == "" {
		t.Errorf("%s: %q has no widget", where, sf.Key)
	}
	switch sf.Type {
	case site.TypeChoice, site.TypeChoices:
		if want := sc.Allowed(sf); !slices.Equal(f.Options, want) || f.Multiple != (sf.Type == site.TypeChoices) {
			t.Errorf("%s: %q offers %v (multiple %v); want %v", where, sf.Key, f.Options, f.Multiple, want)
		}
		if len(f.Pattern) != 2 {
			t.Errorf("%s: %q has no pattern refusing other values", where, sf.Key)
		}
	case site.TypePerLang:
		var names []string
		for _, s := range f.Fields {
			names = append(names, s.Name)
		}
		if !slices.Equal(names, []string{"ar", "en", "fr"}) {
			t.Errorf("%s: %q has the languages %v; want ar, en, fr", where, sf.Key, names)
		}
	}
}

// TestCountriesAndCategoriesAreTheCheckersLists checks two lists by their
// contents, not only against the same function: the categories of
// data/site.yaml and the ISO country codes.
func TestCountriesAndCategoriesAreTheCheckersLists(t *testing.T) {
	_, c := load(t, threeLanguages)
	cat, _ := find(c.collection(t, "announcements").Fields, "categories")
	if !slices.Equal(cat.Options, []string{"call", "news", "visit"}) || !strings.Contains(cat.Pattern[0], "visit") {
		t.Errorf("categories: %v, pattern %v", cat.Options, cat.Pattern)
	}
	country, _ := find(c.collection(t, "partners").Files[0].Fields[0].Fields, "country")
	for _, want := range []string{"PS", "DE", "TR", "GB"} {
		if !slices.Contains(country.Options, want) {
			t.Errorf("country offers no %s", want)
		}
	}
	if slices.Contains(country.Options, "UK") || len(country.Options) != 249 {
		t.Errorf("country offers %d codes, UK among them: %v", len(country.Options), slices.Contains(country.Options, "UK"))
	}
}

// TestEditorPageLoadsNothingElseAndIsNotIndexed checks admin/index.html:
// noindex, the pinned script with its hash, and only the site's own files
// besides.
func TestEditorPageLoadsNothingElseAndIsNotIndexed(t *testing.T) {
	sc, _ := load(t, threeLanguages)
	files, err := Files(sc)
	if err != nil {
		t.Fatal(err)
	}
	var html string
	for _, f := range files {
		if f.Name == Dir+"/index.html" {
			html = string(f.Data)
		}
	}
	for _, want := range []string{`<meta name="robots" content="noindex">`, `src="` + ScriptURL + `"`, `integrity="sha384-`, `src="editor.js"`} {
		if !strings.Contains(strings.ReplaceAll(html, "&#43;", "+"), want) {
			t.Errorf("admin/index.html has no %s:\n%s", want, html)
		}
	}
	if n := strings.Count(html, "https://"); n != 1 {
		t.Errorf("admin/index.html names %d other sites; want only the CDN's script:\n%s", n, html)
	}
}
