package site

import (
	"slices"
	"strings"
	"time"

	"github.com/alaqsa-ira/site/internal/diag"
	"github.com/alaqsa-ira/site/internal/yamlpos"
	"golang.org/x/text/language"
	"gopkg.in/yaml.v3"
)

// Schema is the keys of one kind of mapping editors write, in the order
// the web editor shows them.
type Schema[T any] struct {
	// noun names the mapping in "unknown partner key", article in "a
	// partner must be a list of key: value lines".
	noun, article string
	keys          []Key[T]
	names         []string
}

// Key is one key of a schema for T: what an editor is told of it, and
// what its value is and where it goes in T.
type Key[T any] struct {
	Field
	Value Value[T]
}

// Value is what the value of a key is, and where it goes in a T. The
// kinds of values are in values.go.
type Value[T any] interface {
	// describe sets the Type, Values and From of the key's Field.
	describe(f *Field)
	// read takes the key's value n into v, recording what is wrong with
	// it at n.
	read(r *reading, f *Field, n *yaml.Node, v *T)
	// check checks the value read against the rest of v, once every key
	// is read.
	check(r *reading, f *Field, v *T)
	// zero reports whether v has no value for the key.
	zero(v *T) bool
}

// newSchema returns the schema of keys, each Field completed by its
// Value's description.
func newSchema[T any](noun, article string, keys []Key[T]) *Schema[T] {
	s := &Schema[T]{noun: noun, article: article, keys: keys}
	for i := range keys {
		if keys[i].Value != nil {
			keys[i].Value.describe(&keys[i].Field)
		}
		s.names = append(s.names, keys[i].Key)
	}
	return s
}

// Fields returns what an editor is told of each key, in order.
func (s *Schema[T]) Fields() []Field {
	out := make([]Field, len(s.keys))
	for i, k := range s.keys {
		out[i] = k.Field
	}
	return out
}

// reading is the state of reading one mapping by a schema.
type reading struct {
	*yamlpos.Decoder
	cfg     *Config
	node    *yaml.Node   // the mapping; nil when empty
	written []*yaml.Node // its keys, in order
	names   []string     // the schema's keys
	vals    []*yaml.Node // the value of each, when written
	// The zone of an event's times written without one (eventTimeZone,
	// else nil for the site's), and which of them had a time of day.
	eventZone *time.Location
	timed     map[string]bool
	// undated holds the Dated keys not written.
	undated []string
}

// early is implemented by the Values that others are read with (an
// event's time zone): they are read before the other keys.
type early interface{ early() }

// read takes the mapping n into v by the schema s: every declared key's
// value read where it goes, then each written key's checks and each
// required key's presence; keys s does not declare are reported, with the
// nearest known key. A blank optional key is dropped first (dropEmpty).
// The caller checks what involves several keys with the reading returned.
func read[T any](d *yamlpos.Decoder, cfg *Config, s *Schema[T], n *yaml.Node, v *T) *reading {
	dropEmpty(n, s)
	m := d.Map(n, s.article)
	r := &reading{Decoder: d, cfg: cfg, node: m.Node, written: m.Keys(), names: s.names, vals: make([]*yaml.Node, len(s.keys))}
	for i, k := range s.keys {
		if n := m.Take(k.Key); n != nil && k.Value != nil {
			r.vals[i] = n
		}
	}
	for _, first := range [2]bool{true, false} {
		for i := range s.keys {
			k := &s.keys[i]
			_, e := k.Value.(early)
			if n := r.vals[i]; n != nil && e == first {
				k.Value.read(r, &k.Field, n, v)
			}
		}
	}
	for i := range s.keys {
		k := &s.keys[i]
		switch {
		case r.vals[i] != nil:
			k.Value.check(r, &k.Field, v)
		case k.Dated && r.key(k.Key) == nil:
			r.undated = append(r.undated, k.Key)
		}
		if k.Required && r.node != nil && (k.Value == nil || k.Value.zero(v)) {
			r.Errorf(r.node, "%s", k.Missing)
		}
	}
	m.Unknown(s.noun, s.names)
	return r
}

// key returns the key node of key, or nil when it is not written.
func (r *reading) key(key string) *yaml.Node {
	for _, k := range r.written {
		if k.Value == key {
			return k
		}
	}
	return nil
}

// val returns the value of the declared key, or nil when it is not
// written.
func (r *reading) val(key string) *yaml.Node {
	if i := slices.Index(r.names, key); i >= 0 {
		return r.vals[i]
	}
	return nil
}

// line returns the file line of key, or 1 when it is not written.
func (r *reading) line(key string) int {
	if k := r.key(key); k != nil {
		return r.Line(k)
	}
	return 1
}

// errAt records an error at the line of key.
func (r *reading) errAt(key, format string, args ...any) {
	r.Errs = append(r.Errs, diag.Errorf(r.Path, r.line(key), format, args...))
}

// Allowed returns the values f allows, or nil for any value.
func (c *Config) Allowed(f Field) []string {
	switch f.From {
	case FromCategories:
		return c.Categories
	case FromCountries:
		return Countries()
	}
	return f.Values
}

// Countries returns the 249 ISO 3166-1 alpha-2 country codes, sorted: the
// codes golang.org/x/text/language knows as countries under their own name
// and an M.49 number, less the codes ISO withdrew that it still knows
// (withdrawnCodes) and Kosovo's XK, which is not an ISO code.
func Countries() []string {
	var out []string
	for a := 'A'; a <= 'Z'; a++ {
		for b := 'A'; b <= 'Z'; b++ {
			s := string([]rune{a, b})
			r, err := language.ParseRegion(s)
			if err == nil && r.IsCountry() && r.M49() != 0 && r.Canonicalize().String() == s && !strings.Contains(withdrawnCodes, s) {
				out = append(out, s)
			}
		}
	}
	return out
}

// withdrawnCodes are the codes that golang.org/x/text/language keeps as
// their own countries but ISO 3166-1 no longer has.
const withdrawnCodes = "AN CS NT SU YU XK"

// isCountry reports whether s is one of Countries, in any case.
func isCountry(s string) bool {
	_, found := slices.BinarySearch(Countries(), strings.ToUpper(s))
	return found && len(s) == 2
}

// dropEmpty removes from the mapping n the keys of s that are not
// required and have no value: null, "", [] or a mapping of such values
// ({en: "", ar: ""}). A form-based editor such as the one at /admin/ writes
// the fields an editor left blank that way, and a blank optional field
// means the same as an absent one. Required keys stay, so that their
// messages say what is missing.
func dropEmpty[T any](n *yaml.Node, s *Schema[T]) {
	if n == nil || n.Kind != yaml.MappingNode {
		return
	}
	kept := n.Content[:0:0]
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if j := slices.Index(s.names, k.Value); j >= 0 && !s.keys[j].Required && isEmptyValue(v) {
			continue
		}
		kept = append(kept, k, v)
	}
	n.Content = kept
}

func isEmptyValue(v *yaml.Node) bool {
	switch v.Kind {
	case yaml.ScalarNode:
		return v.Tag == "!!null" || v.Tag == "!!str" && strings.TrimSpace(v.Value) == ""
	case yaml.SequenceNode:
		return len(v.Content) == 0
	case yaml.MappingNode:
		for i := 1; i < len(v.Content); i += 2 {
			if !isEmptyValue(v.Content[i]) {
				return false
			}
		}
		return true
	}
	return false
}
