package markdown

import (
	"bytes"
	"strconv"
	"strings"

	"github.com/alaqsa-ira/site/internal/locale"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/util"
)

// Footnotes are written as in PHP Markdown Extra (goldmark's Footnote
// extension): a marker [^label] in the text and, anywhere in the page, the
// note "[^label]: text". The notes are listed at the end of the page,
// numbered in the order they are first referred to. This file gives them
// what the extension's own HTML lacks here: numbers in the page's digits,
// ids unique in the page (the heading ids are taken first), labels a screen
// reader reads in the page's language, a back-link arrow that points the
// way the page reads, and links that site check follows like any other.

// FootnoteWords are the words footnotes are read with, in the page's
// language; "{n}" stands for the note's number.
type FootnoteWords struct {
	Notes string // names the list of notes: "Footnotes"
	Ref   string // a marker in the text: "Footnote {n}"
	Back  string // a note's link back to its marker: "Back to the text of footnote {n}"
}

// defaultFootnoteWords are used where a Doc gives none.
var defaultFootnoteWords = FootnoteWords{Notes: "Footnotes", Ref: "Footnote {n}", Back: "Back to the text of footnote {n}"}

// noteRef is a footnote marker in the text, ready to render.
type noteRef struct {
	ast.BaseInline
	id, href, label, number string
}

// noteBack is a note's link back to one of its markers, ready to render.
type noteBack struct {
	ast.BaseInline
	href, label, text string
}

var (
	kindNoteRef  = ast.NewNodeKind("NoteRef")
	kindNoteBack = ast.NewNodeKind("NoteBack")
)

func (n *noteRef) Kind() ast.NodeKind          { return kindNoteRef }
func (n *noteRef) Dump(src []byte, level int)  { ast.DumpHelper(n, src, level, nil, nil) }
func (n *noteBack) Kind() ast.NodeKind         { return kindNoteBack }
func (n *noteBack) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// number writes n in the page's digits.
func (st *state) number(n int) string { return st.digits(strconv.Itoa(n)) }

// withNumber puts a note's number in its words.
func withNumber(words, n string) string { return strings.ReplaceAll(words, "{n}", n) }

// noteID returns an id not yet used in the page, made from base.
func (st *state) noteID(pc parser.Context, base string) string {
	return string(pc.IDs().Generate([]byte(st.doc.IDPrefix+base), east.KindFootnote))
}

// digits writes a number in the page's digits.
func (st *state) digits(n string) string {
	if st.doc.RTL && st.doc.Digits == locale.ArabicIndic {
		return locale.ArabicNumber(n)
	}
	return n
}

// footnotes gives the notes of doc their ids and replaces the markers and
// back-links by nodes that render them, recording each as a link of the
// page.
func (st *state) footnotes(doc *ast.Document, pc parser.Context) {
	list, ok := doc.LastChild().(*east.FootnoteList)
	if !ok {
		st.undefinedNotes(doc, nil)
		return
	}
	words := st.doc.Footnotes
	if words.Notes == "" || words.Ref == "" || words.Back == "" {
		words = defaultFootnoteWords
	}
	list.SetAttributeString("aria-label", []byte(words.Notes))
	noteIDs := map[int]string{}
	labels := map[int]string{}
	for n := list.FirstChild(); n != nil; n = n.NextSibling() {
		f := n.(*east.Footnote)
		id := st.noteID(pc, "fn-"+strconv.Itoa(f.Index))
		f.SetAttributeString("id", []byte(id))
		noteIDs[f.Index] = id
		labels[f.Index] = string(f.Ref)
	}
	st.undefinedNotes(doc, labels)
	var refs []*east.FootnoteLink
	var backs []*east.FootnoteBacklink
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			switch t := n.(type) {
			case *east.FootnoteLink:
				refs = append(refs, t)
			case *east.FootnoteBacklink:
				backs = append(backs, t)
			}
		}
		return ast.WalkContinue, nil
	})
	type key struct{ index, ref int }
	refIDs := map[key]string{}
	for _, r := range refs {
		base := "fnref-" + strconv.Itoa(r.Index)
		if r.RefIndex > 0 {
			base += "-" + strconv.Itoa(r.RefIndex+1)
		}
		num := st.number(r.Index)
		n := &noteRef{id: st.noteID(pc, base), href: "#" + noteIDs[r.Index], label: withNumber(words.Ref, num), number: num}
		refIDs[key{r.Index, r.RefIndex}] = n.id
		st.res.Links = append(st.res.Links, Link{Written: "[^" + labels[r.Index] + "]", URL: n.href, Line: st.line(r)})
		r.Parent().ReplaceChild(r.Parent(), r, n)
	}
	arrow := "↩\uFE0E" // points back along a left-to-right line
	if st.doc.RTL {
		arrow = "↪\uFE0E"
	}
	for _, b := range backs {
		num := st.number(b.Index)
		n := &noteBack{href: "#" + refIDs[key{b.Index, b.RefIndex}], label: withNumber(words.Back, num), text: arrow}
		if b.RefCount > 1 {
			n.text += st.number(b.RefIndex + 1)
			n.label += " (" + st.number(b.RefIndex+1) + ")"
		}
		st.res.Links = append(st.res.Links, Link{Written: "[^" + labels[b.Index] + "]:", URL: n.href, Line: st.line(b.Parent())})
		b.Parent().ReplaceChild(b.Parent(), b, n)
	}
}

// undefinedNotes warns of each marker [^label] left as text because no
// note "[^label]: ..." defines it.
func (st *state) undefinedNotes(doc *ast.Document, labels map[int]string) {
	if !bytes.Contains(st.src, []byte("[^")) {
		return
	}
	defined := map[string]bool{}
	for _, l := range labels {
		defined[l] = true
	}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || n.Type() != ast.TypeBlock || n.Lines().Len() == 0 || n.Kind() == ast.KindCodeBlock || n.Kind() == ast.KindFencedCodeBlock || n.Kind() == ast.KindHTMLBlock {
			return ast.WalkContinue, nil
		}
		lines := n.Lines()
		for i := 0; i < lines.Len(); i++ {
			seg := lines.At(i)
			line := seg.Value(st.src)
			for j := 0; j+2 < len(line); j++ {
				if line[j] != '[' || line[j+1] != '^' || (j > 0 && line[j-1] == '\\') {
					continue
				}
				end := bytes.IndexByte(line[j:], ']')
				if end < 0 {
					break
				}
				label := string(line[j+2 : j+end])
				if label != "" && !strings.ContainsAny(label, " \t[") && !defined[label] {
					st.warn(n, "the footnote marker [^%s] has no note, so it is shown as it is: add a line \"[^%s]: the note\" at the end of the page", label, label)
				}
				j += end
			}
		}
		return ast.WalkContinue, nil
	})
}

func renderNoteRef(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		r := n.(*noteRef)
		_, _ = w.WriteString(`<sup class="footnote-ref"><a id="` + attr(r.id) + `" href="` + attr(r.href) + `" role="doc-noteref" aria-label="` + attr(r.label) + `">` + attr(r.number) + `</a></sup>`)
	}
	return ast.WalkSkipChildren, nil
}

func renderNoteBack(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		b := n.(*noteBack)
		_, _ = w.WriteString("\u00a0<a class=\"footnote-back\" href=\"" + attr(b.href) + `" role="doc-backlink" aria-label="` + attr(b.label) + `">` + attr(b.text) + `</a>`)
	}
	return ast.WalkSkipChildren, nil
}

func renderFootnoteList(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		_, _ = w.WriteString(`<section class="footnotes" role="doc-endnotes" aria-label="` + attr(attrOf(n, "aria-label")) + "\">\n<ol>\n")
	} else {
		_, _ = w.WriteString("</ol>\n</section>\n")
	}
	return ast.WalkContinue, nil
}

func renderFootnote(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		_, _ = w.WriteString(`<li id="` + attr(attrOf(n, "id")) + "\">\n")
	} else {
		_, _ = w.WriteString("</li>\n")
	}
	return ast.WalkContinue, nil
}

// attrOf returns an attribute the transformer set on n, or "".
func attrOf(n ast.Node, name string) string {
	v, _ := n.AttributeString(name)
	b, _ := v.([]byte)
	return string(b)
}

// attr escapes s for HTML text and attribute values.
func attr(s string) string { return string(util.EscapeHTML([]byte(s))) }
