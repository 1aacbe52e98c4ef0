package site

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/alaqsa-ira/site/internal/markdown"
)

// TestPartnerValuesOutsideTheSchemaAreRefused loads partners with a type,
// an agreement or a country the schema does not allow, in each form an
// editor might write them, and wants an error at the partner's line that
// names the key; the allowed values pass, in a bare list or under
// partners: as the web editor writes the file.
func TestPartnerValuesOutsideTheSchemaAreRefused(t *testing.T) {
	const good = "  name: {en: X, ar: س}\n  country: DE\n  type: university\n  agreements: [mou, erasmus]\n"
	for _, tc := range []struct {
		name, file, want string
	}{
		{"allowed, bare list", "- id: x\n" + good, ""},
		{"allowed, under partners:", "partners:\n- id: x\n" + good, ""},
		{"allowed, indented under partners:", "partners:\n  - id: x\n  " + strings.ReplaceAll(strings.TrimSuffix(good, "\n"), "\n", "\n  ") + "\n", ""},
		{"lower-case country", "- id: x\n  name: {en: X, ar: س}\n  country: tr\n", ""},
		{"unknown type", "- id: x\n  name: {en: X, ar: س}\n  type: college\n", "type must be one of"},
		{"type that is an agreement", "- id: x\n  name: {en: X, ar: س}\n  type: mou\n", "type must be one of"},
		{"unknown agreement", "- id: x\n  name: {en: X, ar: س}\n  agreements: [mou, exchange]\n", `agreements: "exchange" is not one of`},
		{"agreement written alone", "- id: x\n  name: {en: X, ar: س}\n  agreements: Erasmus\n", `agreements: "Erasmus" is not one of`},
		{"deprecated country code", "- id: x\n  name: {en: X, ar: س}\n  country: UK\n", "not an ISO 3166"},
		{"no such country", "- id: x\n  name: {en: X, ar: س}\n  country: XQ\n", "not an ISO 3166"},
		{"three letters", "- id: x\n  name: {en: X, ar: س}\n  country: DEU\n", "not an ISO 3166"},
		{"mapping without partners:", "people:\n- id: x\n" + good, "hold one key, partners:"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, errs := LoadData(fstest.MapFS{ConfigPath: {Data: []byte(fuzzConfig)}, PartnersPath: {Data: []byte(tc.file)}})
			var msgs []string
			for _, e := range errs {
				var w interface{ Warning() bool }
				if errors.As(e, &w) && w.Warning() {
					continue
				}
				msgs = append(msgs, e.Error())
			}
			all := strings.Join(msgs, "\n")
			if tc.want == "" {
				if all != "" {
					t.Fatalf("errors for an allowed partner:\n%s", all)
				}
				return
			}
			if !strings.Contains(all, tc.want) || !strings.Contains(all, PartnersPath+":") {
				t.Fatalf("errors:\n%s\nwant one at %s saying %q", all, PartnersPath, tc.want)
			}
		})
	}
}

// TestObjectivesUnderTheirKeyLoad loads data/objectives.yaml in the form
// the web editor writes.
func TestObjectivesUnderTheirKeyLoad(t *testing.T) {
	s, errs := LoadData(fstest.MapFS{ConfigPath: {Data: []byte(fuzzConfig)},
		ObjectivesPath: {Data: []byte("objectives:\n- id: a\n  text: {en: A, ar: أ}\n- id: b\n  text: {en: B, ar: ب}\n")}})
	if s == nil || len(errs) > 0 || len(s.Objectives) != 2 || s.Objectives[1].Text["ar"] != "ب" {
		t.Fatalf("objectives %+v, errors %v", s, errs)
	}
}

// TestCountriesAreTheISOCodes checks the country list the checker and the
// web editor share against codes known to be in it and out of it.
func TestCountriesAreTheISOCodes(t *testing.T) {
	cs := Countries()
	if !slices.IsSorted(cs) || len(cs) != 249 {
		t.Fatalf("%d countries, sorted %v; want the 249 ISO 3166-1 codes, sorted", len(cs), slices.IsSorted(cs))
	}
	for _, c := range []string{"PS", "DE", "TR", "GB", "US", "EG", "JO", "MY"} {
		if !isCountry(c) || !isCountry(strings.ToLower(c)) {
			t.Errorf("%s is not a country", c)
		}
	}
	for _, c := range []string{"UK", "SU", "YU", "XK", "AC", "EU", "XX", "ZZ", "QO", "", "D", "DEU", "001"} {
		if isCountry(c) {
			t.Errorf("%q is a country", c)
		}
	}
}

// TestEveryDeclaredFieldHasAKnownType guards the tables themselves: a
// field with no type, a choice with no values, or a key twice.
func TestEveryDeclaredFieldHasAKnownType(t *testing.T) {
	types := []Type{TypeText, TypeLongText, TypeBool, TypeInt, TypeDate, TypeDateTime, TypeURL, TypeList, TypeChoice, TypeChoices, TypeImage, TypePerLang}
	for name, fields := range map[string][]Field{"front matter": FrontMatter, "partner": PartnerFields, "objective": ObjectiveFields} {
		seen := map[string]bool{}
		for _, f := range fields {
			where := fmt.Sprintf("%s key %q", name, f.Key)
			if seen[f.Key] {
				t.Errorf("%s is declared twice", where)
			}
			seen[f.Key] = true
			if !slices.Contains(types, f.Type) {
				t.Errorf("%s has type %q", where, f.Type)
			}
			if (f.Type == TypeChoice || f.Type == TypeChoices) && len(f.Values) == 0 && f.From == "" {
				t.Errorf("%s is a choice with no values", where)
			}
		}
	}
}

// TestBlankOptionalFieldsAreAbsent parses front matter as a form-based
// editor writes it, every optional field left blank in each way (null, "",
// [], {en: "", ar: ""}), and wants no error; a blank title is still one.
func TestBlankOptionalFieldsAreAbsent(t *testing.T) {
	s, errs := LoadData(fstest.MapFS{ConfigPath: {Data: []byte(fuzzConfig)}})
	if s == nil {
		t.Fatal(errs)
	}
	md := markdown.New()
	for _, blank := range []string{"", `""`, "''", "null", "~", "[]"} {
		var fm strings.Builder
		fm.WriteString("---\ntitle: A\ndate: 2026-01-02\n")
		for _, f := range FrontMatter {
			if !f.Required && f.Key != "date" {
				fmt.Fprintf(&fm, "%s: %s\n", f.Key, blank)
			}
		}
		fm.WriteString("---\nBody.\n")
		if p, problems := parsePage("content/announcements/a.en.md", []byte(fm.String()), s.Config, md); p == nil || len(problems) > 0 {
			t.Errorf("blank %q: %v", blank, problems)
		}
	}
	if _, problems := parsePage("content/announcements/a.en.md", []byte("---\ntitle: \"\"\ndate: 2026-01-02\n---\n"), s.Config, md); len(problems) == 0 {
		t.Error("a blank title passed")
	}
	_, errs = LoadData(fstest.MapFS{ConfigPath: {Data: []byte(fuzzConfig)},
		PartnersPath: {Data: []byte("partners:\n- id: x\n  name: {en: X, ar: س}\n  city: {en: '', ar: ''}\n  logo: ''\n  logoAlt: {en: '', ar: ''}\n  since: null\n  agreements: []\n  example: null\n")}})
	if len(errs) > 0 {
		t.Errorf("a partner with blank optional fields: %v", errs)
	}
}
