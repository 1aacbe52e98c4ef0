package yamlpos

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/alaqsa-ira/site/internal/diag"
	"github.com/alaqsa-ira/site/internal/hangtest"
	"gopkg.in/yaml.v3"
)

// FuzzParse parses and decodes any YAML: Parse and the Decoder finish;
// every error is a *diag.Error of the file, on a line of the document
// (after the offset) or, for the whole file, none; every node is on a line
// of the document (or just past its end, where yaml.v3 puts a value left
// empty at the end, as in "?"); suggestions are among the known keys; and the edit
// distance behind them is a distance (zero only for equal texts, the same
// both ways, at most the longer length).
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"title: A\ndate: 2026-01-02\ncategories: [call, news]\n", "title: A\ndescription: \"unclosed\nx: 1\n", "a: 1\n  b: 2\n",
		"a: &a [1]\nb: *a\n", "- {id: x, name: {en: X, ar: س}}\n- id: y\n", "titel: +²\ntitle: +۴\ntitle: x\n", "\t- tab\n", "? [a]\n: b\n",
		"a: !!binary AAAA\nb: !!int x\nc: 1e999\n", "a: \"\\xff\\u202e\"\n", "a: x\u2028y\nb: [\n", "\"\r\r",
		"a: " + strings.Repeat("[", 40) + strings.Repeat("]", 40), "a:\n  " + strings.Repeat("- ", 40) + "x\n", "a: '[[[' # {{{\nb: \"\\\"{{\"\n",
		"a: " + strings.Repeat("{b: ", 34) + "1" + strings.Repeat("}", 34),
	} {
		f.Add([]byte(s), 3)
	}
	known := []string{"title", "date", "categories", "name", "id", "ar", "en"}
	f.Fuzz(func(t *testing.T, data []byte, offset int) {
		offset = abs(offset % 1000)
		// Lines end as YAML reads them: CRLF, CR or LF (the site gives
		// Parse LF only); and the one past the end counts.
		lines := 2 + bytes.Count(bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n")), []byte("\n")) + bytes.Count(bytes.ReplaceAll(data, []byte("\r\n"), nil), []byte("\r"))
		var root *yaml.Node
		var err error
		d := &Decoder{Path: "f.yaml", Offset: offset}
		var suggestions map[string]string
		hangtest.Run(t, fmt.Sprintf("parsing %.60q", data), func() {
			root, err = Parse("f.yaml", data, offset)
			if root == nil {
				return
			}
			m := d.Map(root, "the file")
			suggestions = map[string]string{}
			for _, k := range m.Keys() {
				suggestions[k.Value] = Suggest(k.Value, known)
				v := m.Take(k.Value)
				d.Strings(v, k.Value)
				d.Int(v, k.Value)
				for _, item := range d.List(v, k.Value) {
					d.Map(item, "an item").Unknown("item", known)
				}
			}
			m.Unknown("file", known)
		})
		for _, e := range append(d.Errs, err) {
			if e == nil {
				continue
			}
			var de *diag.Error
			if !errors.As(e, &de) || de.Path != "f.yaml" {
				t.Fatalf("error %v is not a *diag.Error of f.yaml", e)
			}
			if de.Line != 0 && (de.Line <= offset || de.Line > offset+lines) {
				t.Fatalf("error %v on line %d; the document holds lines %d to %d", e, de.Line, offset+1, offset+lines-1)
			}
		}
		if root != nil {
			checkLines(t, root, lines, 0)
		}
		for k, s := range suggestions {
			if s != "" && !slices.Contains(known, s) {
				t.Fatalf("Suggest(%q) = %q, not a known key", k, s)
			}
			for _, c := range known {
				dist, back := distance(k, c), distance(c, k)
				if dist != back || (dist == 0) != (k == c) || dist > max(utf8.RuneCountInString(k), len(c)) {
					t.Fatalf("distance(%q, %q) = %d, back %d", k, c, dist, back)
				}
			}
		}
	})
}

func checkLines(t *testing.T, n *yaml.Node, lines, depth int) {
	t.Helper()
	if n.Line < 1 || n.Line > lines {
		t.Fatalf("node %q on line %d of %d", n.Value, n.Line, lines)
	}
	if depth > 300 {
		return
	}
	for _, c := range n.Content {
		checkLines(t, c, lines, depth+1)
	}
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
