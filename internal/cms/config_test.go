package cms

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"html"
	"os"
	"regexp"
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
	Label    string   `yaml:"label"`
	Comment  string   `yaml:"comment"`
	Hint     string   `yaml:"hint"`
	Accept   string   `yaml:"accept"`
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
		Name    string `yaml:"name"`
		Repo    string `yaml:"repo"`
		BaseURL string `yaml:"base_url"`
	} `yaml:"backend"`
	PublishMode string `yaml:"publish_mode"`
	I18n        struct {
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
	if c.Backend.Name != "github" || c.Backend.Repo != "example/site" || c.Backend.BaseURL != "https://auth.example.org" {
		t.Errorf("backend is %+v; want the GitHub repository and sign-in service of data/site.yaml", c.Backend)
	}
	if c.PublishMode != "editorial_workflow" {
		t.Errorf("publish_mode is %q; want editorial_workflow: a save opens a pull request", c.PublishMode)
	}
	ann, pages := c.collection(t, "announcements"), c.collection(t, "pages")
	if ann.Folder != "content/announcements" || ann.Path != "{{slug}}/index" || !ann.I18n {
		t.Errorf("announcements: folder %q, path %q, i18n %v; want page bundles in every language", ann.Folder, ann.Path, ann.I18n)
	}
	for _, sf := range site.FrontMatter.Fields() {
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
	}{{"partners", site.PartnersPath, site.PartnerSchema.Fields()}, {"objectives", site.ObjectivesPath, site.ObjectiveSchema.Fields()}} {
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
	// Labelled in Arabic, with the English name beside it and the help in
	// both languages.
	if !strings.Contains(f.Label, sf.LabelAr) || !strings.Contains(f.Comment, sf.Label) || !strings.Contains(f.Hint, sf.HintAr) || !strings.Contains(f.Hint, sf.Hint) {
		t.Errorf("%s: %q is labelled %q (%q), with the help %q; want %q (%q), %q, %q", where, sf.Key, f.Label, f.Comment, f.Hint, sf.LabelAr, sf.Label, sf.HintAr, sf.Hint)
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

// TestEveryFieldIsLabelledInArabicAndEnglish checks the schema tables: every
// field has a label in English and in Arabic (in Arabic letters), and help
// in both languages or in neither.
func TestEveryFieldIsLabelledInArabicAndEnglish(t *testing.T) {
	arabic := regexp.MustCompile(`\p{Arabic}`)
	for name, fields := range map[string][]site.Field{"FrontMatter": site.FrontMatter.Fields(), "PartnerSchema": site.PartnerSchema.Fields(), "ObjectiveSchema": site.ObjectiveSchema.Fields()} {
		for _, f := range fields {
			if f.Label == "" || !arabic.MatchString(f.LabelAr) || arabic.MatchString(f.Label) {
				t.Errorf("%s: %q is labelled %q and %q; want English and Arabic", name, f.Key, f.Label, f.LabelAr)
			}
			if (f.Hint == "") != (f.HintAr == "") || f.HintAr != "" && (!arabic.MatchString(f.HintAr) || arabic.MatchString(f.Hint)) {
				t.Errorf("%s: %q has the help %q and %q; want both languages or neither", name, f.Key, f.Hint, f.HintAr)
			}
		}
	}
	// The body and the collections are labelled in both too.
	_, c := load(t, threeLanguages)
	for _, col := range c.Collections {
		body, _ := find(col.Fields, "body")
		if col.Name == "announcements" && (!arabic.MatchString(body.Label) || body.Comment == "") {
			t.Errorf("the body is labelled %q (%q); want Arabic and English", body.Label, body.Comment)
		}
	}
}

// TestCoverPhotosAreThePhotosTheCheckerAccepts checks that the editor
// offers as a cover photo only the kinds of file site check publishes.
func TestCoverPhotosAreThePhotosTheCheckerAccepts(t *testing.T) {
	_, c := load(t, threeLanguages)
	img, _ := find(c.collection(t, "announcements").Fields, "image")
	accepted := strings.Split(img.Accept, ",")
	if img.Accept == "" {
		t.Fatal("the cover photo accepts any file")
	}
	for _, x := range accepted {
		if !strings.HasPrefix(x, ".") || !site.RasterExt("x"+x) {
			t.Errorf("the cover photo accepts %q, which site check refuses", x)
		}
	}
	for _, x := range []string{".jpg", ".jpeg", ".png", ".webp"} {
		if !slices.Contains(accepted, x) {
			t.Errorf("the cover photo does not accept %s files, which site check publishes", x)
		}
	}
}

// TestCountriesAndCategoriesAreTheCheckersLists checks two lists by their
// contents, not only against the same function: the categories of
// data/site.yaml and the ISO country codes.
func TestCountriesAndCategoriesAreTheCheckersLists(t *testing.T) {
	_, c := load(t, threeLanguages)
	cat, _ := find(c.collection(t, "announcements").Fields, "categories")
	if !slices.Equal(cat.Options, []string{"call", "news", "visit"}) || len(cat.Pattern) != 2 || !strings.Contains(cat.Pattern[0], "visit") {
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
// noindex; the pinned script with its hash; a policy that lets scripts run
// only from the site, the pinned script and modules and the page's import
// map (by its hash); that import map, with the hash of every pinned
// module; and no other site named. editor.js carries every pinned file's
// hash.
func TestEditorPageLoadsNothingElseAndIsNotIndexed(t *testing.T) {
	sc, _ := load(t, threeLanguages)
	files, err := Files(sc)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, f := range files {
		got[f.Name] = string(f.Data)
	}
	html := html.UnescapeString(got[Dir+"/index.html"])
	for _, want := range []string{`<meta name="robots" content="noindex">`, `src="` + ScriptURL + `" integrity="` + Integrity + `" crossorigin="anonymous"`, `<script src="editor.js"></script>`} {
		if !strings.Contains(html, want) {
			t.Errorf("admin/index.html has no %s:\n%s", want, html)
		}
	}
	// editor.js runs before the CMS, which it starts.
	if strings.Index(html, `src="editor.js"`) > strings.Index(html, `src="`+ScriptURL) {
		t.Error("admin/index.html runs editor.js after the CMS")
	}
	m := regexp.MustCompile(`<script type="importmap">(.*?)</script>`).FindStringSubmatch(html)
	if m == nil {
		t.Fatalf("admin/index.html has no import map:\n%s", html)
	}
	var imports struct{ Integrity map[string]string }
	if err := json.Unmarshal([]byte(m[1]), &imports); err != nil {
		t.Fatalf("the import map is not JSON: %v", err)
	}
	sum := sha256.Sum256([]byte(m[1]))
	scripts := []string{"'self'", ScriptURL, "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"}
	named := map[string]bool{ScriptURL: true}
	modules := 0
	for _, p := range Lazy {
		named[p.URL] = true
		if !strings.HasPrefix(p.URL, CDN) || !strings.HasPrefix(p.Integrity, "sha384-") {
			t.Errorf("%s: pinned as %q, not a file of the CDN with its SHA-384", p.URL, p.Integrity)
		}
		if !strings.Contains(got[Dir+"/editor.js"], p.Integrity) {
			t.Errorf("editor.js does not carry the hash of %s", p.URL)
		}
		if p.Load == LoadModule {
			modules++
			scripts = append(scripts, p.URL)
			if imports.Integrity[p.URL] != p.Integrity {
				t.Errorf("the import map pins %s as %q; want %q", p.URL, imports.Integrity[p.URL], p.Integrity)
			}
		}
	}
	if len(imports.Integrity) != modules {
		t.Errorf("the import map pins %d modules; want the %d of Lazy", len(imports.Integrity), modules)
	}
	policy := regexp.MustCompile(`<meta http-equiv="Content-Security-Policy" content="([^"]*)">`).FindStringSubmatch(html)
	if policy == nil {
		t.Fatalf("admin/index.html has no Content-Security-Policy:\n%s", html)
	}
	var scriptSrc []string
	for _, d := range strings.Split(policy[1], ";") {
		if f := strings.Fields(d); len(f) > 0 && f[0] == "script-src" {
			scriptSrc = f[1:]
		}
	}
	slices.Sort(scripts)
	slices.Sort(scriptSrc)
	if !slices.Equal(scriptSrc, scripts) {
		t.Errorf("the policy lets scripts run from %q; want %q", scriptSrc, scripts)
	}
	for _, u := range regexp.MustCompile(`https://[^\s"']+`).FindAllString(html, -1) {
		if !named[u] {
			t.Errorf("admin/index.html names %s, which is not pinned", u)
		}
	}
}

// TestCIInstallsEveryPinnedPackage checks that .ci/run installs, for the
// browser tests, the npm package of the script and of every file it loads
// once running, at the pinned versions.
func TestCIInstallsEveryPinnedPackage(t *testing.T) {
	b, err := os.ReadFile("../../.ci/run")
	if err != nil {
		t.Fatal(err)
	}
	urls := []string{ScriptURL}
	for _, p := range Lazy {
		urls = append(urls, p.URL)
	}
	for _, u := range urls {
		parts := strings.Split(strings.TrimPrefix(u, CDN), "/")
		pkg := parts[0]
		if strings.HasPrefix(pkg, "@") {
			pkg += "/" + parts[1]
		}
		if !regexp.MustCompile(`\s` + regexp.QuoteMeta(pkg) + `(\s|;)`).Match(b) {
			t.Errorf(".ci/run does not install %s, whose file %s the editor loads", pkg, u)
		}
	}
}
