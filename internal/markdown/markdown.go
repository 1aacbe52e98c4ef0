// Package markdown converts page bodies to HTML with one shared goldmark
// instance and the extensions this site needs.
//
// The converter is built once (New) and is safe for concurrent use; what
// differs between pages travels in a Doc: the file and line the body starts
// on (for errors), the page's language and direction, and how to resolve
// links. Over CommonMark and GitHub tables, strikethrough and autolinks it:
//
//   - resolves links to other source files ([vision](vision.md)) to the URL
//     of that page in the same language, and puts the site's base path in
//     front of root-relative links (/en/about/), so a site under a sub-path
//     still works;
//   - drops links and images whose scheme is not http, https, mailto or tel
//     (javascript:, data:, ...), keeping their text, and reports each;
//   - drops raw HTML, reporting each place;
//   - gives headings ids made from their text in any script, unique within
//     the page;
//   - gives images loading="lazy", and their width and height when the site
//     has the file;
//   - on right-to-left pages wraps left-to-right runs (Latin names, e-mail
//     addresses, URLs, phone numbers) in <span dir="ltr">, and marks code
//     left-to-right; on left-to-right pages wraps Arabic runs in
//     <span dir="rtl" lang="ar">.
package markdown

import (
	"bytes"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/alaqsa-ira/site/internal/diag"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Doc is what a conversion needs to know about the page.
type Doc struct {
	Path      string // source file, for errors
	Line      int    // file line of the body's first line
	RTL       bool   // the page is right-to-left
	LatinLang string // lang for Latin runs on right-to-left pages ("en")
	RTLLang   string // lang for Arabic runs on left-to-right pages ("ar")
	BasePath  string // the site's path, "/" or "/ira/"
	// Resolve returns the URL of the page a link to a source file names;
	// ref is the link destination without its #fragment.
	Resolve func(ref string) (string, error)
	// TextLimit, when set, asks for the first characters of the page's
	// plain text in Result.Text (for the search index).
	TextLimit int
	// ImageSize returns the size of an image of the site by its URL, so
	// that the page can reserve its place before it loads; ok is false for
	// an image it does not know.
	ImageSize func(url string) (width, height int, ok bool)
}

// Converter converts Markdown to HTML.
type Converter struct {
	md goldmark.Markdown
}

var docKey = parser.NewContextKey()

// New returns a Converter. Build one and share it.
func New() *Converter {
	md := goldmark.New(
		goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.Linkify),
		goldmark.WithParserOptions(
			parser.WithAutoHeadingID(),
			parser.WithAttribute(),
			parser.WithASTTransformers(util.Prioritized(&transformer{}, 100)),
			parser.WithParagraphTransformers(util.Prioritized(limitParagraphs{}, 1)),
		),
		goldmark.WithRendererOptions(
			renderer.WithNodeRenderers(util.Prioritized(&nodeRenderer{}, 100)),
		),
	)
	return &Converter{md: md}
}

// state is the per-conversion data the transformer reads and fills.
type state struct {
	doc *Doc
	src []byte
	res Result
}

// Result is what a conversion found besides the HTML.
type Result struct {
	// Problems are errors (unsafe or broken links) and warnings (dropped
	// raw HTML, images without alt text, headings that skip levels, links
	// that say nothing, bidi controls).
	Problems []error
	// Links are the page's links and images, as written in the output.
	Links []Link
	// Text is the start of the plain text, when Doc.TextLimit asks for it.
	Text string
}

// Link is one link or image of a page.
type Link struct {
	Written  string // as the editor wrote it
	URL      string // as in the output: resolved, with the base path
	Line     int
	External bool // to another site (http, https)
}

// Convert writes the HTML of src to w. The HTML is complete and safe even
// when the result has problems. A page past one of the limits (MaxNesting,
// MaxBrackets, MaxTableCells) is refused: the result has the error, and w
// gets nothing or the page without the part past the limit.
func (c *Converter) Convert(w io.Writer, src []byte, doc Doc) Result {
	if line, msg := checkLines(src); line > 0 {
		return Result{Problems: []error{diag.Errorf(doc.Path, doc.Line+line-1, "%s", msg)}}
	}
	st := &state{doc: &doc, src: src}
	ctx := parser.NewContext(parser.WithIDs(newHeadingIDs()))
	ctx.Set(docKey, st)
	if err := c.md.Convert(src, w, parser.WithContext(ctx)); err != nil {
		st.res.Problems = append(st.res.Problems, err)
	}
	return st.res
}

// Summary returns the plain text of the first paragraph of src, cut at a
// word boundary to at most max characters. Only the first block is parsed.
func (c *Converter) Summary(src []byte, max int) string {
	return c.plain(firstParagraph(src), max)
}

// Text returns the plain text of the whole of src, cut at a word boundary to
// at most max characters: what the search index holds of a page.
func (c *Converter) Text(src []byte, max int) string {
	return c.plain(src, max)
}

func (c *Converter) plain(para []byte, max int) string {
	if line, _ := checkLines(para); len(para) == 0 || line > 0 {
		return "" // Convert reports a page past the limits
	}
	doc := c.md.Parser().Parse(text.NewReader(para))
	var b bytes.Buffer
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if n.Type() == ast.TypeBlock && b.Len() > 0 {
			b.WriteByte(' ')
		}
		switch t := n.(type) {
		case *ast.Text:
			b.Write(t.Segment.Value(para))
			if t.SoftLineBreak() || t.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(t.Value)
		case *ast.AutoLink:
			b.Write(t.Label(para))
		case *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return plainText(b.Bytes(), max)
}

// firstParagraph returns the lines of the first block that is not a heading,
// a list, a quote, a code block, a table or an HTML block.
func firstParagraph(src []byte) []byte {
	var out [][]byte
	for len(src) > 0 {
		i := bytes.IndexByte(src, '\n')
		var line []byte
		if i < 0 {
			line, src = src, nil
		} else {
			line, src = src[:i], src[i+1:]
		}
		t := bytes.TrimSpace(line)
		if len(t) == 0 {
			if len(out) > 0 {
				break
			}
			continue
		}
		if len(out) == 0 && !startsParagraph(t, line) {
			// Skip the whole block.
			for len(src) > 0 && len(bytes.TrimSpace(firstLineOf(src))) > 0 {
				_, src, _ = bytes.Cut(src, []byte("\n"))
			}
			continue
		}
		out = append(out, line)
	}
	return bytes.Join(out, []byte("\n"))
}

func firstLineOf(b []byte) []byte {
	line, _, _ := bytes.Cut(b, []byte("\n"))
	return line
}

func startsParagraph(t, line []byte) bool {
	if bytes.HasPrefix(line, []byte("    ")) || bytes.HasPrefix(line, []byte("\t")) {
		return false
	}
	switch t[0] {
	case '#', '>', '|', '<', '`', '~', '-', '*', '+', '!':
		return false
	}
	if t[0] >= '0' && t[0] <= '9' {
		j := 0
		for j < len(t) && t[j] >= '0' && t[j] <= '9' {
			j++
		}
		if j < len(t) && (t[j] == '.' || t[j] == ')') {
			return false
		}
	}
	return true
}

// plainText is s with its runs of white space made one space, cut at a word
// boundary to at most max characters.
func plainText(s []byte, max int) string {
	return Truncate(collapseSpace(s, max), max)
}

// collapseSpace returns s with each run of white space made one space and
// none at either end, strings.Join(strings.Fields(s), " ") in one pass,
// stopping after limit+1 characters when limit > 0: all that Truncate needs
// to cut at limit.
func collapseSpace(s []byte, limit int) string {
	var b strings.Builder
	b.Grow(min(len(s), 4*limit+4))
	space := false
	n := 0
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRune(s[i:])
		}
		if unicode.IsSpace(r) {
			space = b.Len() > 0
		} else {
			if limit > 0 && n > limit {
				break
			}
			if space {
				b.WriteByte(' ')
				space = false
				n++
			}
			b.Write(s[i : i+size])
			n++
		}
		i += size
	}
	return b.String()
}

// Truncate cuts s to at most max characters at a word boundary, adding an
// ellipsis when it cut.
func Truncate(s string, max int) string {
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	n := 0
	cut := len(s)
	for i := range s {
		if n == max {
			cut = i
			break
		}
		n++
	}
	if sp := strings.LastIndexByte(s[:cut], ' '); sp > cut/2 {
		cut = sp
	}
	return strings.TrimRight(s[:cut], " ,.;:،؛") + "…"
}
