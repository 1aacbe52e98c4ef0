package docscheck

import (
	"bytes"
	"html"
	"regexp"
	"sort"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
	xhtml "golang.org/x/net/html"
)

// Page is what the check reads of one Markdown file: its headings, the
// anchors they and its HTML give, and its links and images.
type Page struct {
	Path     string
	Headings []Heading
	Links    []Link
	anchors  map[string]bool
}

// Heading is a heading of a page and the anchor GitHub gives it.
type Heading struct {
	Level int
	Text  string
	ID    string
	Line  int
}

// Link is a link or an image of a page, as written.
type Link struct {
	Dest  string
	Line  int
	Image bool
}

// HasAnchor reports whether #id leads somewhere on the page: a heading's
// anchor, or an id or name of its HTML.
func (p *Page) HasAnchor(id string) bool { return p.anchors[id] }

// Anchors returns the page's anchors, sorted.
func (p *Page) Anchors() []string {
	out := make([]string, 0, len(p.anchors))
	for a := range p.anchors {
		out = append(out, a)
	}
	sort.Strings(out)
	return out
}

// markdown reads pages as GitHub does: tables, strikethrough, task lists,
// web addresses in text made links, and footnotes (so that "[^1]: note"
// is not taken for a link). GitHub makes a link of any web address in
// text, http://localhost:1313/ and http://127.0.0.1/ among them; goldmark
// alone, only of those whose host ends in letters.
var markdown = goldmark.New(goldmark.WithExtensions(
	extension.NewLinkify(extension.WithLinkifyURLRegexp(bareURL)),
	extension.Table, extension.Strikethrough, extension.TaskList, extension.Footnote,
))

// bareURL is a web address written as text, up to a space or a "<"; the
// punctuation that ends a sentence after it is left out of it.
var bareURL = regexp.MustCompile(`^(?:http|https|ftp)://[^\s<]+`)

// Parse reads the Markdown page src, found at path.
func Parse(path string, src []byte) *Page {
	p := &Page{Path: path, anchors: map[string]bool{}}
	lines := lineStarts(src)
	doc := markdown.Parser().Parse(text.NewReader(src))
	var headings ids
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		line := lineOf(lines, position(n))
		switch n := n.(type) {
		case *ast.Heading:
			t := plainText(n, src)
			id := headings.next(t)
			p.anchors[id] = true
			p.Headings = append(p.Headings, Heading{Level: n.Level, Text: t, ID: id, Line: line})
		case *ast.Link:
			p.Links = append(p.Links, Link{Dest: string(n.Destination), Line: line})
		case *ast.Image:
			p.Links = append(p.Links, Link{Dest: string(n.Destination), Line: line, Image: true})
		case *ast.AutoLink:
			p.Links = append(p.Links, autoLink(n, src, line))
		case *ast.RawHTML:
			var b bytes.Buffer
			for i := 0; i < n.Segments.Len(); i++ {
				s := n.Segments.At(i)
				b.Write(s.Value(src))
			}
			p.readHTML(b.Bytes(), line)
		case *ast.HTMLBlock:
			var b bytes.Buffer
			for i := 0; i < n.Lines().Len(); i++ {
				s := n.Lines().At(i)
				b.Write(s.Value(src))
			}
			if n.HasClosure() {
				b.Write(n.ClosureLine.Value(src))
			}
			p.readHTML(b.Bytes(), line)
		}
		return ast.WalkContinue, nil
	})
	return p
}

// autoLink is the link an autolink makes: <https://...>, <a@b.org>, or a
// web address or e-mail address written as text.
func autoLink(n *ast.AutoLink, src []byte, line int) Link {
	u := string(n.URL(src))
	if n.AutoLinkType == ast.AutoLinkEmail && !strings.HasPrefix(u, "mailto:") {
		u = "mailto:" + u
	} else if n.AutoLinkType == ast.AutoLinkURL && !strings.Contains(u, "://") {
		u = "http://" + u // GitHub links www.example.org to http://
	}
	return Link{Dest: u, Line: line}
}

// readHTML takes the links, images and anchors of raw HTML in a page:
// href and src as links (src of <img> as an image), id and name as
// anchors, which GitHub keeps.
func (p *Page) readHTML(b []byte, line int) {
	z := xhtml.NewTokenizer(bytes.NewReader(b))
	for {
		tt := z.Next()
		if tt == xhtml.ErrorToken {
			return
		}
		if tt != xhtml.StartTagToken && tt != xhtml.SelfClosingTagToken {
			continue
		}
		name, hasAttr := z.TagName()
		for hasAttr {
			var k, v []byte
			k, v, hasAttr = z.TagAttr()
			switch string(k) {
			case "href", "src":
				p.Links = append(p.Links, Link{Dest: string(v), Line: line, Image: string(name) == "img"})
			case "id", "name":
				p.anchors[string(v)] = true
			}
		}
	}
}

// plainText returns the text a heading shows: its text, code and the text
// of its links and emphasis; not pictures or HTML tags.
func plainText(n ast.Node, src []byte) string {
	var b strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Image, *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		case *ast.CodeSpan:
			for t := c.FirstChild(); t != nil; t = t.NextSibling() {
				if t, ok := t.(*ast.Text); ok {
					b.Write(t.Value(src))
				}
			}
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			b.WriteString(textOf(c, src))
			if c.SoftLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		case *ast.AutoLink:
			b.Write(c.Label(src))
		}
		return ast.WalkContinue, nil
	})
	return strings.TrimSpace(b.String())
}

// textOf is the text of a text node as shown: backslash escapes and character
// references resolved.
func textOf(n *ast.Text, src []byte) string {
	v := n.Value(src)
	if n.IsRaw() {
		return string(v)
	}
	return html.UnescapeString(string(util.UnescapePunctuations(v)))
}

// position returns the offset in the source where n starts: its own, or
// that of its first line or the nearest node before it that has one.
func position(n ast.Node) int {
	for c := n; c != nil; c = c.Parent() {
		if p := c.Pos(); p >= 0 {
			return p
		}
		if c.Type() == ast.TypeBlock && c.Lines().Len() > 0 {
			return c.Lines().At(0).Start
		}
	}
	return 0
}

// lineStarts returns the offset at which each line of src starts.
func lineStarts(src []byte) []int {
	starts := []int{0}
	for i, c := range src {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// lineOf returns the 1-based line of the offset.
func lineOf(starts []int, offset int) int {
	return sort.Search(len(starts), func(i int) bool { return starts[i] > offset })
}
