package markdown

import (
	"html"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// Photo is a photo of the site as a page shows it: its derivatives in
// several widths and formats (see Doc.Photo).
type Photo interface {
	// Picture returns the <picture> element showing the photo with the
	// alt text; eager asks for it to load at once (the first photo near
	// the top of a page) rather than when scrolled to.
	Picture(alt string, eager bool) string
	// URL is the address of the photo's largest derivative, where a link
	// to the photo itself leads.
	URL() string
}

// eagerBlocks is how many of a page's first blocks may hold a photo that
// loads at once: a photo further down is off the first screen.
const eagerBlocks = 2

// picture is an image of a photo: it renders as the photo's <picture>,
// and keeps the image's alt text as its children for the page's plain text.
type picture struct {
	ast.BaseInline
	html string
}

var kindPicture = ast.NewNodeKind("Picture")

func (n *picture) Kind() ast.NodeKind { return kindPicture }

func (n *picture) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// figure is a paragraph that holds only a photo: it renders as <figure>,
// with the image's title as its caption.
type figure struct {
	ast.BaseBlock
	caption string
	dir     string
}

var kindFigure = ast.NewNodeKind("Figure")

func (n *figure) Kind() ast.NodeKind { return kindFigure }

func (n *figure) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// photo replaces an image of a photo by its picture, in a figure when the
// image is alone in its paragraph, or points a link to a photo at its
// largest derivative. It reports whether dest named a photo.
func (st *state) photo(n ast.Node, dest string) bool {
	if st.doc.Photo == nil {
		return false
	}
	ph, ok, err := st.doc.Photo(dest)
	if err != nil {
		st.fail(n, "%v", err)
		unwrap(n, st.src)
		return true
	}
	if !ok {
		return false
	}
	_, image := n.(*ast.Image)
	if ph.URL() != "" {
		st.res.Links = append(st.res.Links, Link{Written: dest, URL: ph.URL(), Line: st.line(n), Image: image})
	}
	l, isLink := n.(*ast.Link)
	if isLink {
		l.Destination = []byte(ph.URL())
		return true
	}
	img := n.(*ast.Image)
	eager := false
	if st.doc.EagerFirst && !st.photos {
		eager = topIndex(n) < eagerBlocks
	}
	st.photos = true
	pic := &picture{html: ph.Picture(typographicString(string(nodeText(img, st.src)), st.doc.Quotes), eager)}
	for c := img.FirstChild(); c != nil; {
		next := c.NextSibling()
		pic.AppendChild(pic, c)
		c = next
	}
	parent := img.Parent()
	parent.ReplaceChild(parent, img, pic)
	if p, ok := parent.(*ast.Paragraph); ok && p.ChildCount() == 1 && p.Parent() != nil {
		dir := "ltr"
		if st.doc.RTL {
			dir = "rtl"
		}
		f := &figure{caption: typographicString(string(img.Title), st.doc.Quotes), dir: dir}
		f.SetLines(p.Lines())
		p.Parent().ReplaceChild(p.Parent(), p, f)
		f.AppendChild(f, pic)
	}
	return true
}

// topIndex returns the place of n's top-level block among the document's
// blocks.
func topIndex(n ast.Node) int {
	for n.Parent() != nil && n.Parent().Kind() != ast.KindDocument {
		n = n.Parent()
	}
	i := 0
	for c := n.PreviousSibling(); c != nil; c = c.PreviousSibling() {
		i++
	}
	return i
}

// registerPhotos adds the renderers of pictures and figures.
func registerPhotos(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindPicture, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString(n.(*picture).html)
		}
		return ast.WalkSkipChildren, nil
	})
	reg.Register(kindFigure, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		f := n.(*figure)
		if entering {
			_, _ = w.WriteString("<figure>")
			return ast.WalkContinue, nil
		}
		if f.caption != "" {
			_, _ = w.WriteString(`<figcaption dir="` + f.dir + `">` + html.EscapeString(f.caption) + "</figcaption>")
		}
		_, _ = w.WriteString("</figure>\n")
		return ast.WalkContinue, nil
	})
}
