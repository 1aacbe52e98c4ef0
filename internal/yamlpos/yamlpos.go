// Package yamlpos reads YAML with gopkg.in/yaml.v3 and keeps every value's
// line, so that a mistake in front matter or a data file is reported as
// path:line with a message an editor can act on.
//
// A document is parsed into yaml.Node trees, never decoded straight into Go
// values: a Decoder walks the tree, taking the keys it knows and recording an
// error for each value of the wrong shape, each duplicate key and each unknown
// key, and carries on so that one pass reports every mistake. YAML anchors and
// aliases are refused outright: editors do not need them, and refusing them
// removes "billion laughs" expansion bombs. A document larger than MaxBytes,
// nested deeper than MaxDepth or with a value longer than MaxValue is
// refused too, each with its own message at the line that passes the limit
// (see limits.go).
package yamlpos

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/alaqsa-ira/site/internal/diag"
	"gopkg.in/yaml.v3"
)

// Parse parses data as one YAML document and returns its root node, or nil for
// an empty document. offset is added to every line, for YAML that starts
// further down a file (front matter starts after its "---" line).
func Parse(path string, data []byte, offset int) (root *yaml.Node, err error) {
	defer func() {
		if r := recover(); r != nil {
			root, err = nil, diag.Errorf(path, offset+1, "the YAML parser failed on this file (%v); check its syntax", r)
		}
	}()
	if len(data) > MaxBytes {
		return nil, tooLarge(path, data, offset)
	}
	if err := lineSeparator(path, data, offset); err != nil {
		return nil, err
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, syntaxError(path, data, offset, err)
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return nil, nil
	}
	root = doc.Content[0]
	if bad, why := checkTree(root, 1); bad != nil {
		return nil, &diag.Error{Path: path, Line: bad.Line + offset, Col: bad.Column, Msg: why}
	}
	return root, nil
}

// lineSeparator reports the first of the characters that YAML reads as a
// line break but editors see as nothing or as a space: NEL (U+0085), LINE
// SEPARATOR (U+2028) and PARAGRAPH SEPARATOR (U+2029), which text pasted
// from a word processor may hold. In a value they break it, and every line
// number after them would be off by one.
func lineSeparator(path string, data []byte, offset int) error {
	i := bytes.Index(data, []byte("\u2028"))
	for _, sep := range []string{"\u2029", "\u0085"} {
		if j := bytes.Index(data, []byte(sep)); j >= 0 && (i < 0 || j < i) {
			i = j
		}
	}
	if i < 0 {
		return nil
	}
	r, _ := utf8.DecodeRune(data[i:])
	start := bytes.LastIndexByte(data[:i], '\n') + 1
	return &diag.Error{Path: path, Line: offset + 1 + bytes.Count(data[:i], []byte("\n")), Col: utf8.RuneCount(data[start:i]) + 1,
		Msg: fmt.Sprintf("an invisible line break (U+%04X), pasted with the text, is here: YAML would end the line at it; delete it, or retype the text around it", r)}
}

var lineRE = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// syntaxError turns a yaml.v3 error on data into a positioned *diag.Error
// with a hint.
func syntaxError(path string, data []byte, offset int, err error) error {
	msg := err.Error()
	line := 0
	if m := lineRE.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
	} else {
		msg = strings.TrimPrefix(msg, "yaml: ")
	}
	if isDepthError(msg) {
		return depthError(path, data, offset, line)
	}
	if line == 0 {
		line = 1
	}
	return &diag.Error{Path: path, Line: line + offset, Msg: "YAML: " + msg + hint(msg), Err: err}
}

func hint(msg string) string {
	switch {
	case strings.Contains(msg, "mapping values are not allowed"):
		return ` (a value that contains ": " must be put in quotes, like title: "Note: ...")`
	case strings.Contains(msg, "cannot start any token"):
		return " (indent with spaces, not tabs, and put values starting with @, ` or % in quotes)"
	case strings.Contains(msg, "did not find expected key"), strings.Contains(msg, "did not find expected"):
		return " (check the indentation of this line and the one before, and that every quote is closed)"
	case strings.Contains(msg, "unexpected end of stream"), strings.Contains(msg, "found unexpected end"):
		return " (a quote or bracket is not closed)"
	case strings.Contains(msg, "invalid leading UTF-8"), strings.Contains(msg, "invalid trailing UTF-8"), strings.Contains(msg, "incomplete UTF-8"):
		return " (save the file as UTF-8)"
	}
	return ""
}

// Decoder walks parsed YAML and collects positioned errors.
type Decoder struct {
	Path   string
	Offset int
	Errs   []error
}

// Line returns n's line in the file.
func (d *Decoder) Line(n *yaml.Node) int { return n.Line + d.Offset }

// Errorf records an error at n.
func (d *Decoder) Errorf(n *yaml.Node, format string, args ...any) {
	d.Errs = append(d.Errs, &diag.Error{Path: d.Path, Line: d.Line(n), Col: n.Column, Msg: fmt.Sprintf(format, args...)})
}

// Warnf records a warning at n.
func (d *Decoder) Warnf(n *yaml.Node, format string, args ...any) {
	d.Errs = append(d.Errs, &diag.Error{Path: d.Path, Line: d.Line(n), Col: n.Column, Severity: diag.SevWarning, Msg: fmt.Sprintf(format, args...)})
}

// Map is a YAML mapping whose keys are taken one by one.
type Map struct {
	d     *Decoder
	Node  *yaml.Node
	keys  []*yaml.Node
	vals  map[string]*yaml.Node
	taken map[string]bool
}

// Map returns n as a mapping, recording an error (and returning an empty Map)
// when it is something else. what names the value in messages. Duplicate keys
// are errors that name both lines.
func (d *Decoder) Map(n *yaml.Node, what string) *Map {
	m := &Map{d: d, Node: n, vals: map[string]*yaml.Node{}, taken: map[string]bool{}}
	if n == nil {
		return m
	}
	if n.Kind != yaml.MappingNode {
		d.Errorf(n, "%s must be a list of key: value lines, not %s", what, describe(n))
		return m
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if prev, dup := m.vals[k.Value]; dup {
			d.Errorf(k, "%q is given twice (first on line %d); keep only one", k.Value, d.Line(prevKey(m, prev)))
			continue
		}
		m.keys = append(m.keys, k)
		m.vals[k.Value] = v
	}
	return m
}

func prevKey(m *Map, v *yaml.Node) *yaml.Node {
	for _, k := range m.keys {
		if m.vals[k.Value] == v {
			return k
		}
	}
	return v
}

// Take returns the value of key (nil if absent) and marks it known.
func (m *Map) Take(key string) *yaml.Node {
	m.taken[key] = true
	return m.vals[key]
}

// Keys returns the keys in document order.
func (m *Map) Keys() []*yaml.Node { return m.keys }

// Unknown records a warning for every key not taken, suggesting the nearest
// known key when one is close enough to be a typo.
func (m *Map) Unknown(what string, known []string) {
	for _, k := range m.keys {
		if m.taken[k.Value] {
			continue
		}
		if s := Suggest(k.Value, known); s != "" {
			m.d.Warnf(k, "unknown %s key %q; did you mean %q?", what, k.Value, s)
		} else {
			m.d.Warnf(k, "unknown %s key %q is ignored (known keys: %s)", what, k.Value, strings.Join(known, ", "))
		}
	}
}

// String takes key as a string. Absent keys give "", false.
func (m *Map) String(key string) (string, bool) {
	n := m.Take(key)
	if n == nil {
		return "", false
	}
	return m.d.Scalar(n, key)
}

// Scalar returns n's text, recording an error when n is a list or a mapping.
func (d *Decoder) Scalar(n *yaml.Node, what string) (string, bool) {
	if n.Kind != yaml.ScalarNode {
		d.Errorf(n, "%s must be a single value, not %s", what, describe(n))
		return "", false
	}
	if n.Tag == "!!null" {
		return "", false
	}
	return n.Value, true
}

// Bool takes key as true/false.
func (m *Map) Bool(key string) (bool, bool) {
	n := m.Take(key)
	if n == nil {
		return false, false
	}
	return m.d.Bool(n, key)
}

// Bool returns n as true or false, recording an error otherwise.
func (d *Decoder) Bool(n *yaml.Node, what string) (bool, bool) {
	if n.Kind != yaml.ScalarNode || n.Tag != "!!bool" {
		d.Errorf(n, "%s must be true or false, not %s", what, describe(n))
		return false, false
	}
	v, _ := strconv.ParseBool(n.Value)
	return v, true
}

// Int takes key as a whole number.
func (m *Map) Int(key string) (int, bool) {
	n := m.Take(key)
	if n == nil {
		return 0, false
	}
	return m.d.Int(n, key)
}

// Int returns n as a whole number, recording an error otherwise.
func (d *Decoder) Int(n *yaml.Node, what string) (int, bool) {
	if n.Kind == yaml.ScalarNode && n.Tag == "!!int" {
		if v, err := strconv.Atoi(n.Value); err == nil {
			return v, true
		}
	}
	d.Errorf(n, "%s must be a whole number, not %s", what, describe(n))
	return 0, false
}

// Strings takes key as a list of strings; a single value is accepted as a
// list of one.
func (m *Map) Strings(key string) ([]string, bool) {
	n := m.Take(key)
	if n == nil {
		return nil, false
	}
	return m.d.Strings(n, key)
}

// Strings returns n as a list of strings.
func (d *Decoder) Strings(n *yaml.Node, what string) ([]string, bool) {
	switch n.Kind {
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return nil, true
		}
		return []string{n.Value}, true
	case yaml.SequenceNode:
		out := make([]string, 0, len(n.Content))
		ok := true
		for _, c := range n.Content {
			s, good := d.Scalar(c, "each item of "+what)
			ok = ok && good
			if good {
				out = append(out, s)
			}
		}
		return out, ok
	}
	d.Errorf(n, "%s must be a list like [a, b], not %s", what, describe(n))
	return nil, false
}

// List returns the items of a sequence, recording an error otherwise.
func (d *Decoder) List(n *yaml.Node, what string) []*yaml.Node {
	if n == nil {
		return nil
	}
	if n.Kind != yaml.SequenceNode {
		d.Errorf(n, "%s must be a list of items starting with \"- \", not %s", what, describe(n))
		return nil
	}
	return n.Content
}

func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a set of key: value lines"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return "empty"
		}
		v := n.Value
		if len(v) > 40 {
			v = v[:40] + "..."
		}
		return strconv.Quote(v)
	}
	return "something else"
}

// Suggest returns the candidate closest to s when it is within a small edit
// distance (a typo), or "".
func Suggest(s string, candidates []string) string {
	best, bestD := "", 3
	for _, c := range candidates {
		if d := distance(strings.ToLower(s), strings.ToLower(c)); d < bestD {
			best, bestD = c, d
		}
	}
	if bestD > len([]rune(s))/2 {
		return ""
	}
	return best
}

// distance is the Damerau-Levenshtein distance (with adjacent swaps) in runes.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}
