// Package htmltest lets tests assert on built pages by parsing them with
// golang.org/x/net/html instead of matching strings: find elements by tag
// and attributes, read attributes and text.
package htmltest

import (
	"bytes"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// Doc is a parsed page.
type Doc struct {
	Root *html.Node
}

// Parse parses b, failing the test on error.
func Parse(t testing.TB, b []byte) *Doc {
	t.Helper()
	n, err := html.Parse(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("parse HTML: %v", err)
	}
	return &Doc{Root: n}
}

// Match says whether an element is wanted.
type Match func(*html.Node) bool

// Tag matches elements by name, and by attributes given as name, value
// pairs; a value of "*" only asks that the attribute be present.
func Tag(name string, attrs ...string) Match {
	return func(n *html.Node) bool {
		if n.Type != html.ElementNode || n.Data != name {
			return false
		}
		for i := 0; i+1 < len(attrs); i += 2 {
			v, ok := Attr(n, attrs[i])
			if !ok || (attrs[i+1] != "*" && v != attrs[i+1]) {
				return false
			}
		}
		return true
	}
}

// All returns every element under n that m matches, in document order.
func All(n *html.Node, m Match) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(c *html.Node) {
		if m(c) {
			out = append(out, c)
		}
		for k := c.FirstChild; k != nil; k = k.NextSibling {
			walk(k)
		}
	}
	walk(n)
	return out
}

// All returns every matching element of the page.
func (d *Doc) All(m Match) []*html.Node { return All(d.Root, m) }

// First returns the first matching element, or nil.
func (d *Doc) First(m Match) *html.Node {
	if all := d.All(m); len(all) > 0 {
		return all[0]
	}
	return nil
}

// One returns the single matching element, failing the test when there is
// not exactly one.
func (d *Doc) One(t testing.TB, m Match, what string) *html.Node {
	t.Helper()
	all := d.All(m)
	if len(all) != 1 {
		t.Fatalf("want exactly one %s, found %d", what, len(all))
	}
	return all[0]
}

// Attr returns an attribute's value.
func Attr(n *html.Node, name string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == name {
			return a.Val, true
		}
	}
	return "", false
}

// AttrOf returns an attribute's value or "".
func AttrOf(n *html.Node, name string) string {
	v, _ := Attr(n, name)
	return v
}

// Text returns the text inside n with runs of space folded.
func Text(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(c *html.Node) {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
		for k := c.FirstChild; k != nil; k = k.NextSibling {
			walk(k)
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

// Class matches elements of a tag ("" for any) that have a class token.
func Class(tag, class string) Match {
	return func(n *html.Node) bool {
		if n.Type != html.ElementNode || (tag != "" && n.Data != tag) {
			return false
		}
		for _, c := range strings.Fields(AttrOf(n, "class")) {
			if c == class {
				return true
			}
		}
		return false
	}
}
