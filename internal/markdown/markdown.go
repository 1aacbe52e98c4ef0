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
//   - drops images from other sites (https://host/..., //host/..., however
//     spelled) and heading styles that load from one, reporting each: a
//     page loads nothing from other sites (see remote.go);
//   - drops raw HTML, reporting each place;
//   - gives headings ids made from their text in any script, unique within
//     the page;
//   - gives images loading="lazy", and their width and height when the site
//     has the file;
//   - writes the quotation marks of the page's language (Doc.Quotes) in
//     place of straight quotes, and ’ for an apostrophe;
//   - on right-to-left pages wraps left-to-right runs (Latin names, e-mail
//     addresses, URLs, phone numbers) in <span dir="ltr">, and marks code
//     left-to-right; on left-to-right pages wraps Arabic runs in
//     <span dir="rtl" lang="ar">.
package markdown

import (
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/alaqsa-ira/site/internal/diag"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// Doc is what a conversion needs to know about the page.
type Doc struct {
	Path      string // source file, for errors
	Line      int    // file line of the body's first line
	RTL       bool   // the page is right-to-left
	LatinLang string // lang for Latin runs on right-to-left pages ("en")
	RTLLang   string // lang for Arabic runs on left-to-right pages ("ar")
	// Digits are the digits of the page's prose: on a right-to-left page,
	// locale.ArabicIndic writes its numbers in Arabic-Indic digits (see
	// locale.ProseNumbers for which numbers are prose).
	Digits string
	// Footnotes are the words footnotes are read with, in the page's
	// language; without them the English words are used.
	Footnotes FootnoteWords
	// IDPrefix goes in front of the ids of footnotes, for a page that shows
	// several documents.
	IDPrefix string
	BasePath string // the site's path, "/" or "/ira/"
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
	// Photo returns the photo an image's or link's destination names, as
	// written (a JPEG, PNG or WebP file of the page's bundle, "group.jpg",
	// or of static/, "/images/group.jpg"); ok is false for any other
	// destination, and err says why a photo cannot be published (reported
	// at the link's line). An image of a photo becomes the photo's
	// <picture>, in a <figure> with its title as caption when it is alone
	// in its paragraph; a link to a photo leads to its largest derivative.
	Photo func(dest string) (p Photo, ok bool, err error)
	// Bundle is the folder of the page's bundle (content/x/name), where
	// its photos are saved; "" for a page of one file.
	Bundle string
	// EagerFirst lets the page's first photo load at once when it is in
	// the first blocks of the body (the page has no cover photo above it).
	EagerFirst bool
	// Quotes are the quotation marks of the page's language, put in place
	// of the straight quotes editors type: opening and closing double,
	// opening and closing single ("“”‘’", "«»‹›"); "" leaves the straight
	// quotes (see quotes.go).
	Quotes string
}

// Converter converts Markdown to HTML.
type Converter struct {
	md goldmark.Markdown
}

var docKey = parser.NewContextKey()

// New returns a Converter. Build one and share it.
func New() *Converter {
	md := goldmark.New(
		goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.Linkify, extension.Footnote),
		goldmark.WithParserOptions(
			parser.WithAutoHeadingID(),
			parser.WithAttribute(),
			// After the Footnote extension's transformer (999), which
			// lists the notes at the end and adds their back-links.
			parser.WithASTTransformers(util.Prioritized(&transformer{}, 1000)),
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
	doc    *Doc
	src    []byte
	res    Result
	photos bool // a photo has been placed
	// newlines are the offsets of src's line breaks, found when a first
	// line is asked for (see lineAt).
	newlines []int
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
	Image    bool // an image's source, not a link
}

// Convert writes the HTML of src to w. The HTML is complete and safe even
// when the result has problems. A page past one of the limits (MaxNesting,
// MaxBrackets, MaxTableCells, MaxHTML) is refused: the result has the
// error, and w gets nothing or the page without the part past the limit.
func (c *Converter) Convert(w io.Writer, src []byte, doc Doc) Result {
	return c.convert(w, src, doc, MaxHTML)
}

// convert is Convert, with maxHTML in place of MaxHTML.
func (c *Converter) convert(w io.Writer, src []byte, doc Doc, maxHTML int) Result {
	if line, msg := checkLines(src); line > 0 {
		return Result{Problems: []error{diag.Errorf(doc.Path, doc.Line+line-1, "%s", msg)}}
	}
	st := &state{doc: &doc, src: src}
	ctx := parser.NewContext(parser.WithIDs(newHeadingIDs()))
	ctx.Set(docKey, st)
	lw := &limitWriter{w: w, max: maxHTML}
	if err := c.md.Convert(src, lw, parser.WithContext(ctx)); lw.over {
		st.res.Problems = append(st.res.Problems, diag.Errorf(doc.Path, doc.Line, "%s", htmlLimitMsg(src, maxHTML)))
	} else if err != nil {
		st.res.Problems = append(st.res.Problems, err)
	}
	return st.res
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
