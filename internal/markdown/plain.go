package markdown

import (
	"bytes"
	"html"
	"io"

	"github.com/alaqsa-ira/site/internal/locale"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Summary returns the plain text of the first paragraph of src, cut at a
// word boundary to at most max characters: what lists, feeds and the meta
// description show of a page. The first paragraph is the first top-level
// paragraph, whatever inline markup it starts with; headings, lists,
// quotes, code, tables, HTML blocks and paragraphs holding only images are
// skipped. Footnote markers and raw HTML tags are left out; on a
// right-to-left page with Arabic-Indic digits its numbers are written in
// them, as on the page.
//
// Only the start of src is parsed: the shortest part ending at a blank
// line that holds the paragraph. A blank line ends every paragraph, and
// nothing after it changes what came before, but for the definitions of
// link references and footnotes, which are read from the whole of src.
func (c *Converter) Summary(src []byte, max int, doc Doc) string {
	if len(bytes.TrimSpace(src)) == 0 {
		return ""
	}
	if line, _ := checkLines(src); line > 0 {
		return "" // Convert reports a page past the limits
	}
	defs := definitions(src)
	for size := 256; ; size *= 2 {
		part, whole := upToBlankLine(src, size)
		in := part
		if len(defs) > 0 {
			in = append(append(defs[:len(defs):len(defs)], '\n'), part...)
		}
		root := c.md.Parser().Parse(text.NewReader(in))
		if p := summaryParagraph(root, in); p != nil || whole {
			if p == nil {
				return ""
			}
			typography(p, in, doc.Quotes)
			w := &plainWriter{src: in, limit: max}
			if doc.RTL && doc.Digits == locale.ArabicIndic {
				w.digits = true
			}
			w.walk(p)
			return plainText(w.b.Bytes(), max)
		}
	}
}

// Text returns the plain text of the whole of src as the page shows it,
// cut at a word boundary to at most max characters: what the search index
// holds of a page. It converts src as Convert does, with the same doc.
func (c *Converter) Text(src []byte, max int, doc Doc) string {
	doc.TextLimit = max
	return c.Convert(io.Discard, src, doc).Text
}

// summaryParagraph returns the first top-level paragraph of root that is
// not only images, or nil.
func summaryParagraph(root ast.Node, src []byte) ast.Node {
	for n := root.FirstChild(); n != nil; n = n.NextSibling() {
		if n.Kind() == ast.KindParagraph && !onlyImages(n, src) {
			return n
		}
	}
	return nil
}

// onlyImages reports a paragraph holding images (linked or not) and
// nothing else but space.
func onlyImages(p ast.Node, src []byte) bool {
	images := 0
	ok := true
	_ = ast.Walk(p, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || n == p {
			return ast.WalkContinue, nil
		}
		switch t := n.(type) {
		case *ast.Image:
			images++
			return ast.WalkSkipChildren, nil
		case *ast.Link:
			return ast.WalkContinue, nil
		case *ast.Text:
			if len(bytes.TrimSpace(t.Segment.Value(src))) == 0 {
				return ast.WalkContinue, nil
			}
		}
		ok = false
		return ast.WalkStop, nil
	})
	return ok && images > 0
}

// upToBlankLine returns src up to the end of the first blank line at or
// after size bytes, or all of src; whole reports the latter.
func upToBlankLine(src []byte, size int) (part []byte, whole bool) {
	for i := size; i < len(src); {
		nl := bytes.IndexByte(src[i:], '\n')
		if nl < 0 {
			break
		}
		start := i + nl + 1
		end := bytes.IndexByte(src[start:], '\n')
		if end < 0 {
			break
		}
		if len(bytes.TrimSpace(src[start:start+end])) == 0 {
			return src[:start+end+1], false
		}
		i = start
	}
	return src, true
}

// definitions returns a line "[label]: x" for each line of src that
// defines a link reference or a footnote, so that a part of src parsed
// alone resolves the references it makes. What they define does not
// matter to the plain text.
func definitions(src []byte) []byte {
	if !bytes.Contains(src, []byte("]:")) {
		return nil
	}
	var out []byte
	for len(src) > 0 {
		line := src
		if i := bytes.IndexByte(src, '\n'); i >= 0 {
			line, src = src[:i], src[i+1:]
		} else {
			src = nil
		}
		t := bytes.TrimLeft(line, " ")
		if len(line)-len(t) > 3 || len(t) < 4 || t[0] != '[' {
			continue
		}
		end := bytes.Index(t, []byte("]:"))
		if end < 2 || bytes.ContainsAny(t[1:end], "[]") {
			continue
		}
		out = append(out, t[:end+2]...)
		out = append(out, " x\n"...)
	}
	return out
}

// plainWriter writes the text of a Markdown tree as a reader sees it:
// text, code, the text of links and the addresses of autolinks, with a
// space between blocks; not raw HTML, footnote markers or the footnotes'
// back-links.
type plainWriter struct {
	src    []byte
	b      bytes.Buffer
	limit  int  // stop after about this many characters (0: no limit)
	digits bool // write the numbers of prose in Arabic-Indic digits
	alt    bool // write images' descriptions
}

func (w *plainWriter) full() bool { return w.limit > 0 && w.b.Len() >= 4*w.limit }

func (w *plainWriter) space() {
	if w.b.Len() > 0 {
		w.b.WriteByte(' ')
	}
}

// walk writes the text of n and its children.
func (w *plainWriter) walk(n ast.Node) {
	if w.full() {
		return
	}
	block := n.Type() == ast.TypeBlock
	if block {
		w.space()
	}
	switch t := n.(type) {
	case *ast.Text:
		if w.digits && !t.IsRaw() {
			t = mergeText(t)
		}
		v := t.Segment.Value(w.src)
		if !t.IsRaw() {
			if w.digits {
				v = []byte(locale.ProseDigits(string(v)))
			}
			v = unescape(v)
		}
		w.b.Write(v)
		if t.SoftLineBreak() || t.HardLineBreak() {
			w.b.WriteByte(' ')
		}
		return
	case *ast.String:
		v := t.Value
		if !t.IsCode() && !t.IsRaw() {
			v = unescape(v)
		}
		w.b.Write(v)
		return
	case *ast.CodeSpan:
		for c := t.FirstChild(); c != nil; c = c.NextSibling() {
			if s, ok := c.(*ast.Text); ok {
				w.b.Write(s.Segment.Value(w.src))
			}
		}
		return
	case *ast.AutoLink:
		w.b.Write(t.Label(w.src))
		return
	case *ast.CodeBlock, *ast.FencedCodeBlock:
		lines := n.Lines()
		for i := 0; i < lines.Len(); i++ {
			seg := lines.At(i)
			w.b.Write(seg.Value(w.src))
		}
		w.space()
		return
	case *ast.Image, *picture:
		if !w.alt {
			return
		}
	case *figure:
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			w.walk(c)
		}
		w.space()
		w.b.WriteString(t.caption)
		w.space()
		return
	case *ast.RawHTML, *ast.HTMLBlock, *east.FootnoteLink, *east.FootnoteBacklink:
		return
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		w.walk(c)
	}
	if block {
		w.space()
	}
}

// unescape resolves backslash escapes and character references, as the
// HTML of the text shows them.
func unescape(v []byte) []byte {
	if bytes.IndexByte(v, '\\') < 0 && bytes.IndexByte(v, '&') < 0 {
		return v
	}
	var out []byte
	for i := 0; i < len(v); i++ {
		c := v[i]
		switch {
		case c == '\\' && i+1 < len(v) && util.IsPunct(v[i+1]):
			out = append(out, v[i+1])
			i++
		case c == '&':
			end := i + 1
			for end < len(v) && end-i < 40 && (v[end] == '#' || isAlnum(v[end])) {
				end++
			}
			if end < len(v) && v[end] == ';' && end > i+1 {
				out = append(out, html.UnescapeString(string(v[i:end+1]))...)
				i = end
				continue
			}
			out = append(out, c)
		default:
			out = append(out, c)
		}
	}
	return out
}

func isAlnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}
