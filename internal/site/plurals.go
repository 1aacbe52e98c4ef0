package site

import (
	"fmt"
	"slices"
	"strings"

	"github.com/alaqsa-ira/site/internal/diag"
	"github.com/alaqsa-ira/site/internal/locale"
	"github.com/alaqsa-ira/site/internal/yamlpos"
	"gopkg.in/yaml.v3"
)

// An interface string that counts something is a mapping of its plural
// forms (zero, one, two, few, many, other: see locale.FormNames), each a
// text with {n} where the number goes:
//
//	partnerCount:
//	  one: "{n} partner institution"
//	  other: "{n} partner institutions"
//
// A mapping is read as plural forms when one of its keys is a form's name.

// isPlural reports a mapping of plural forms.
func isPlural(n *yaml.Node) bool {
	if n.Kind != yaml.MappingNode {
		return false
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if locale.IsForm(n.Content[i].Value) {
			return true
		}
	}
	return false
}

// plurals reads the plural forms of key for lang and reports a form that
// does not exist, a form the language needs and the string lacks, a form
// the language never uses, and a form for many numbers without {n}. Any
// language may give a zero text, which is written for 0.
func plurals(d *yamlpos.Decoder, at, n *yaml.Node, key, lang string) map[string]string {
	out := map[string]string{}
	m := d.Map(n, key)
	name := locale.LanguageName(lang)
	needs := locale.Forms(lang)
	for _, k := range m.Keys() {
		v := m.Take(k.Value)
		if !locale.IsForm(k.Value) {
			hint := ""
			if s := yamlpos.Suggest(k.Value, locale.FormNames); s != "" {
				hint = fmt.Sprintf(" (did you mean %q?)", s)
			}
			d.Errorf(k, "%q is not a plural form%s: the forms are %s, and %s uses %s", k.Value, hint, strings.Join(locale.FormNames, ", "), name, strings.Join(needs, ", "))
			continue
		}
		s, ok := d.Scalar(v, key+"."+k.Value)
		if !ok {
			continue
		}
		out[k.Value] = s
		switch {
		// zero is written for 0 in any language (locale.Plural).
		case !slices.Contains(needs, k.Value) && k.Value != "zero":
			d.Warnf(k, "%q has the plural form %q, which %s never uses: remove it (%s uses %s)", key, k.Value, name, name, strings.Join(needs, ", "))
		case !locale.HasCount(s) && len(formExamples(lang, k.Value, 2)) > 1:
			d.Warnf(v, "%q in the form %q does not write the number, but stands for %s: put {n} where the number goes", key, k.Value, describeForm(lang, k.Value))
		}
	}
	for _, f := range needs {
		if _, ok := out[f]; !ok {
			d.Errs = append(d.Errs, diag.Errorf(d.Path, d.Line(at), "%q lacks the plural form %q that %s needs: add %s: with the text for %s", key, f, name, f, describeForm(lang, f)))
		}
	}
	return out
}

// formExamples returns up to k whole numbers, from 0, that take form in
// lang.
func formExamples(lang, form string, k int) []int {
	var out []int
	for n := 0; n < 10000 && len(out) < k; n++ {
		if locale.FormOf(lang, n) == form {
			out = append(out, n)
		}
	}
	return out
}

// describeForm names the numbers of a form: "1", or "3, 4, 5, ...".
func describeForm(lang, form string) string {
	ex := formExamples(lang, form, 4)
	parts := make([]string, 0, len(ex))
	for _, n := range ex[:min(len(ex), 3)] {
		parts = append(parts, fmt.Sprint(n))
	}
	s := strings.Join(parts, ", ")
	if len(ex) > 3 {
		s += ", ..."
	}
	return s
}
