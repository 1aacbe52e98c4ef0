package site

import (
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/alaqsa-ira/site/internal/diag"
	"github.com/alaqsa-ira/site/internal/markdown"
	"github.com/alaqsa-ira/site/internal/yamlpos"
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
	types := []Type{TypeText, TypeLongText, TypeBool, TypeInt, TypeDate, TypeDateTime, TypeURL, TypeList, TypeChoice, TypeChoices, TypeImage, TypePerLang, TypeTimeZone}
	for name, fields := range map[string][]Field{"front matter": FrontMatter.Fields(), "partner": PartnerSchema.Fields(), "objective": ObjectiveSchema.Fields()} {
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
		for _, f := range FrontMatter.Fields() {
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

// TestEveryKeyIsDeclaredWithAValue guards the declarations: every key of
// every schema has a Value (how it is read and where it goes), and a
// required key says what is missing.
func TestEveryKeyIsDeclaredWithAValue(t *testing.T) {
	check := func(name string, key string, hasValue bool, f Field) {
		t.Helper()
		if !hasValue {
			t.Errorf("%s key %q is declared without a Value: nothing would read it", name, key)
		}
		if f.Required != (f.Missing != "") {
			t.Errorf("%s key %q: required %v, with the message %q; a required key says what is missing, and only it", name, key, f.Required, f.Missing)
		}
	}
	for _, k := range FrontMatter.keys {
		check("front matter", k.Key, k.Value != nil, k.Field)
	}
	for _, k := range PartnerSchema.keys {
		check("partner", k.Key, k.Value != nil, k.Field)
	}
	for _, k := range ObjectiveSchema.keys {
		check("objective", k.Key, k.Value != nil, k.Field)
	}
}

// samples returns two values of the field f that are not alike, each
// valid, generated from its declaration: its type and allowed values.
func samples(t *testing.T, c *Config, f Field) [2]string {
	t.Helper()
	switch f.Type {
	case TypeText, TypeLongText:
		return [2]string{"alpha", "beta"}
	case TypeBool:
		return [2]string{"true", "false"}
	case TypeInt:
		return [2]string{"2019", "2020"}
	case TypeDate:
		return [2]string{"2026-01-02", "2026-01-03"}
	case TypeDateTime:
		return [2]string{"2026-12-10T09:00", "2026-12-10T17:00"}
	case TypeURL:
		return [2]string{"https://example.org/alpha", "https://example.org/beta"}
	case TypeList:
		return [2]string{"[/en/alpha/]", "[/en/beta/]"}
	case TypeImage:
		return [2]string{"alpha.jpg", "beta.jpg"}
	case TypeTimeZone:
		return [2]string{"Europe/Rome", "Asia/Gaza"}
	case TypeChoice, TypeChoices:
		v := c.Allowed(f)
		if len(v) < 2 {
			t.Fatalf("%q allows %v: too few to change", f.Key, v)
		}
		if f.Type == TypeChoices {
			return [2]string{"[" + v[0] + "]", "[" + v[1] + "]"}
		}
		return [2]string{v[0], v[1]}
	case TypePerLang:
		var a, b []string
		for _, l := range c.Languages {
			a = append(a, l.Code+": alpha-"+l.Code)
			b = append(b, l.Code+": beta-"+l.Code)
		}
		return [2]string{"{" + strings.Join(a, ", ") + "}", "{" + strings.Join(b, ", ") + "}"}
	}
	t.Fatalf("%q has type %q, which samples does not know", f.Key, f.Type)
	return [2]string{}
}

// withKey returns the YAML mapping base with key set to value, in place
// of base's own line for key.
func withKey(base, key, value string) string {
	var out []string
	for _, l := range strings.Split(strings.TrimSuffix(base, "\n"), "\n") {
		if !strings.HasPrefix(l, key+":") {
			out = append(out, l)
		}
	}
	return strings.Join(append(out, key+": "+value), "\n") + "\n"
}

// TestEveryFrontMatterKeyReachesTheMetaHash writes every key of the front
// matter schema with two different values, generated from its
// declaration, and wants both pages accepted and their Meta to differ: a
// key read into no field, or into one the rebuild does not see, fails
// here.
func TestEveryFrontMatterKeyReachesTheMetaHash(t *testing.T) {
	s, errs := LoadData(fstest.MapFS{ConfigPath: {Data: []byte(fuzzConfig)}})
	if s == nil {
		t.Fatal(errs)
	}
	md := markdown.New()
	const base = "title: Base\ndate: 2020-01-01\neventDate: 2026-12-01T08:00\n"
	for _, f := range FrontMatter.Fields() {
		var meta [2]uint64
		for i, v := range samples(t, s.Config, f) {
			src := "---\n" + withKey(base, f.Key, v) + "---\nBody.\n"
			p, problems := parsePage("content/announcements/a.en.md", []byte(src), s.Config, md)
			if bad, _ := diag.Split(problems); p == nil || len(bad) > 0 {
				t.Fatalf("%s: %v", src, problems)
			}
			p.Updated = updated(p, nil)
			meta[i] = p.metaHash()
		}
		if meta[0] == meta[1] {
			t.Errorf("front matter key %q: changing its value leaves Meta as it was", f.Key)
		}
	}
}

// TestEveryDataKeyIsReadIntoItsEntry writes every key of the partner and
// objective schemas with two different values, generated from the
// declaration, and wants both accepted and read into different entries.
func TestEveryDataKeyIsReadIntoItsEntry(t *testing.T) {
	s, errs := LoadData(fstest.MapFS{ConfigPath: {Data: []byte(fuzzConfig)}})
	if s == nil {
		t.Fatal(errs)
	}
	readAs := func(base string, f Field, v string, into any) {
		t.Helper()
		src := withKey(base, f.Key, v)
		root, err := yamlpos.Parse("data.yaml", []byte(src), 0)
		if err != nil {
			t.Fatal(err)
		}
		d := &yamlpos.Decoder{Path: "data.yaml"}
		switch into := into.(type) {
		case *Partner:
			read(d, s.Config, PartnerSchema, root, into)
		case *Objective:
			read(d, s.Config, ObjectiveSchema, root, into)
		}
		if bad, _ := diag.Split(d.Errs); len(bad) > 0 {
			t.Fatalf("%s: %v", src, d.Errs)
		}
	}
	const partner = "id: base\nname: {ar: أساس, en: base}\nlogoAlt: {ar: شعار, en: logo}\n"
	for _, f := range PartnerSchema.Fields() {
		var got [2]Partner
		for i, v := range samples(t, s.Config, f) {
			readAs(partner, f, v, &got[i])
		}
		if reflect.DeepEqual(got[0], got[1]) {
			t.Errorf("partner key %q: changing its value leaves the partner as it was: %+v", f.Key, got[0])
		}
	}
	const objective = "id: base\ntext: {ar: نص, en: text}\n"
	for _, f := range ObjectiveSchema.Fields() {
		var got [2]Objective
		for i, v := range samples(t, s.Config, f) {
			readAs(objective, f, v, &got[i])
		}
		if reflect.DeepEqual(got[0], got[1]) {
			t.Errorf("objective key %q: changing its value leaves the objective as it was: %+v", f.Key, got[0])
		}
	}
}
