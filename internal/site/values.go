package site

import (
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/alaqsa-ira/site/internal/isolate"
	"github.com/alaqsa-ira/site/internal/yamlpos"
	"gopkg.in/yaml.v3"
)

// The kinds of values a key of a schema takes. Each is a value: a way of
// reading one kind of YAML value (parse), with its messages, and the field
// of T it goes in (to), a typed pointer into a Page, Partner or Objective,
// so that a key bound to a field of the wrong type does not compile.

// value is a Value that parses one kind of value into a field of T.
type value[T, V any] struct {
	typ    Type
	values []string // the allowed values, when fixed
	from   string   // where they come from otherwise
	// parse reads n; it reports whether to store what it returns (a
	// value that is not one is reported and not stored).
	parse func(r *reading, f *Field, n *yaml.Node) (V, bool)
	to    func(*T) *V
	// when, if set, says whether to read the key at all, from the keys
	// read before it; need, whether it is required from them (needed in
	// every language, for a value in each).
	when, need func(*T) bool
	checks     []func(r *reading, f *Field, v *T)
}

func (x value[T, V]) describe(f *Field) { f.Type, f.Values, f.From = x.typ, x.values, x.from }

func (x value[T, V]) read(r *reading, f *Field, n *yaml.Node, v *T) {
	if x.when != nil && !x.when(v) {
		return
	}
	if x.need != nil && x.need(v) {
		g := *f
		g.Required = true
		f = &g
	}
	if val, ok := x.parse(r, f, n); ok {
		*x.to(v) = val
	}
}

func (x value[T, V]) check(r *reading, f *Field, v *T) {
	if x.when != nil && !x.when(v) {
		return
	}
	for _, c := range x.checks {
		c(r, f, v)
	}
}

func (x value[T, V]) zero(v *T) bool { return reflect.ValueOf(x.to(v)).Elem().IsZero() }

// onlyIf returns x read only when cond holds of the keys read before it.
func (x value[T, V]) onlyIf(cond func(*T) bool) value[T, V] {
	x.when = cond
	return x
}

// neededIf returns x required in every language when cond holds of the
// keys read before it.
func (x value[T, V]) neededIf(cond func(*T) bool) value[T, V] {
	x.need = cond
	return x
}

// as returns x shown to the web editor as a value of type t.
func (x value[T, V]) as(t Type) value[T, V] {
	x.typ = t
	return x
}

// then returns x with a check of what was read, run once every key is.
func (x value[T, V]) then(c func(r *reading, f *Field, v *T)) value[T, V] {
	x.checks = append(slices.Clip(x.checks), c)
	return x
}

// line is one line of text, trimmed.
func line[T any](to func(*T) *string) value[T, string] {
	return value[T, string]{typ: TypeText, parse: trimmed, to: to}
}

// paragraph is a paragraph of text, trimmed.
func paragraph[T any](to func(*T) *string) value[T, string] {
	return value[T, string]{typ: TypeLongText, parse: trimmed, to: to}
}

// word is a line the site uses as written (an address, a name): not
// trimmed, so that spaces around it are refused where it is checked.
func word[T any](to func(*T) *string) value[T, string] {
	return value[T, string]{typ: TypeText, parse: asWritten, to: to}
}

// visible returns x refusing the invisible characters that change the
// direction of text (isolate.HasControl), which can disguise what it says.
func visible[T any](x value[T, string]) value[T, string] {
	return x.then(func(r *reading, f *Field, v *T) {
		if isolate.HasControl(*x.to(v)) {
			r.errAt(f.Key, "%s has an invisible direction control character (U+202A to U+202E or U+2066 to U+2069), which can disguise what it says; retype it without one", f.Key)
		}
	})
}

// flag is true or false.
func flag[T any](to func(*T) *bool) value[T, bool] {
	return value[T, bool]{typ: TypeBool, to: to, parse: func(r *reading, f *Field, n *yaml.Node) (bool, bool) {
		b, _ := r.Bool(n, f.Key)
		return b, true
	}}
}

// number is a whole number.
func number[T any](to func(*T) *int) value[T, int] {
	return value[T, int]{typ: TypeInt, to: to, parse: func(r *reading, f *Field, n *yaml.Node) (int, bool) {
		i, _ := r.Int(n, f.Key)
		return i, true
	}}
}

// lines is a list of lines; one line alone is a list of one. The lines
// that can be read are kept when others cannot.
func lines[T any](to func(*T) *[]string) value[T, []string] {
	return value[T, []string]{typ: TypeList, to: to, parse: strs}
}

// day is a date, with or without a time of day, from MinYear to MaxYear;
// without a zone it is in the site's.
func day[T any](to func(*T) *time.Time) value[T, time.Time] {
	return value[T, time.Time]{typ: TypeDate, to: to, parse: func(r *reading, f *Field, n *yaml.Node) (time.Time, bool) {
		s, ok := r.Scalar(n, f.Key)
		if !ok {
			return time.Time{}, false
		}
		t, err := ParseDate(s, r.cfg.TimeZone)
		if err != nil {
			r.Errorf(n, "%s", dateError(f.Key, s, err, "2026-03-15, or with a time, like 2026-03-15T10:00:00+02:00"))
			return time.Time{}, false
		}
		return t, true
	}}
}

// choice is one of values.
func choice[T any](to func(*T) *string, values []string) value[T, string] {
	return value[T, string]{typ: TypeChoice, values: values, to: to, parse: func(r *reading, f *Field, n *yaml.Node) (string, bool) {
		return oneOf(r.Decoder, n, f.Key, values)
	}}
}

// choices is a list of values; those that are not are reported and left
// out.
func choices[T any](to func(*T) *[]string, values []string) value[T, []string] {
	return value[T, []string]{typ: TypeChoices, values: values, to: to, parse: func(r *reading, f *Field, n *yaml.Node) ([]string, bool) {
		return allowedList(r.Decoder, n, f.Key, values), true
	}}
}

// perLang is a line in each of the site's languages, as a mapping of
// language codes; a required one needs every language.
func perLang[T any](to func(*T) *map[string]string) value[T, map[string]string] {
	return value[T, map[string]string]{typ: TypePerLang, to: to, parse: func(r *reading, f *Field, n *yaml.Node) (map[string]string, bool) {
		return localized(r.Decoder, r.cfg, n, f.Key, f.Required), true
	}}
}

func trimmed(r *reading, f *Field, n *yaml.Node) (string, bool) {
	s, _ := r.Scalar(n, f.Key)
	return strings.TrimSpace(s), true
}

func asWritten(r *reading, f *Field, n *yaml.Node) (string, bool) {
	s, _ := r.Scalar(n, f.Key)
	return s, true
}

func strs(r *reading, f *Field, n *yaml.Node) ([]string, bool) {
	l, _ := r.Strings(n, f.Key)
	return l, true
}

// oneOf reads a value that must be one of values, recording an error that
// lists them (and suggests the nearest) otherwise.
func oneOf(d *yamlpos.Decoder, n *yaml.Node, what string, values []string) (string, bool) {
	s := text(d, n, what)
	if slices.Contains(values, s) {
		return s, true
	}
	hint := ""
	if g := yamlpos.Suggest(s, values); g != "" {
		hint = "; did you mean " + g + "?"
	}
	d.Errorf(n, "%s must be one of %s, not %q%s", what, strings.Join(values, ", "), s, hint)
	return "", false
}

// allowedList reads n as a list of strings and reports, at the list, each
// item that is not one of values.
func allowedList(d *yamlpos.Decoder, n *yaml.Node, key string, values []string) []string {
	items, _ := d.Strings(n, key)
	var out []string
	for _, s := range items {
		if !slices.Contains(values, s) {
			hint := ""
			if g := yamlpos.Suggest(s, values); g != "" {
				hint = "; did you mean " + g + "?"
			}
			d.Errorf(n, "%s: %q is not one of %s%s", key, s, strings.Join(values, ", "), hint)
			continue
		}
		out = append(out, s)
	}
	return out
}

// text reads a single value, trimmed.
func text(d *yamlpos.Decoder, n *yaml.Node, what string) string {
	if n == nil {
		return ""
	}
	s, _ := d.Scalar(n, what)
	return strings.TrimSpace(s)
}
