package markdown

import (
	"strconv"

	"github.com/alaqsa-ira/site/internal/isolate"
	"github.com/alaqsa-ira/site/internal/slug"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// nodeRenderer renders left-to-right runs and code blocks, and renders raw
// HTML as nothing.
type nodeRenderer struct{}

// RegisterFuncs implements renderer.NodeRenderer.
func (r *nodeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindDirRun, renderDirRun)
	reg.Register(ast.KindCodeBlock, renderCodeBlock)
	reg.Register(ast.KindFencedCodeBlock, renderCodeBlock)
	reg.Register(ast.KindRawHTML, renderNothing)
	reg.Register(ast.KindHTMLBlock, renderNothing)
	reg.Register(kindNoteRef, renderNoteRef)
	reg.Register(kindNoteBack, renderNoteBack)
	reg.Register(east.KindFootnoteList, renderFootnoteList)
	reg.Register(east.KindFootnote, renderFootnote)
	registerPhotos(reg)
}

func renderDirRun(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		r := n.(*dirRun)
		_, _ = w.WriteString(isolate.Tag(r.dir, r.lang))
	} else {
		_, _ = w.WriteString("</span>")
	}
	return ast.WalkContinue, nil
}

func renderCodeBlock(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString(`<pre dir="ltr"><code`)
	if f, ok := n.(*ast.FencedCodeBlock); ok {
		if lang := f.Language(src); lang != nil {
			_, _ = w.WriteString(` class="language-`)
			_, _ = w.Write(util.EscapeHTML(lang))
			_ = w.WriteByte('"')
		}
	}
	_ = w.WriteByte('>')
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		_, _ = w.Write(util.EscapeHTML(seg.Value(src)))
	}
	_, _ = w.WriteString("</code></pre>\n")
	return ast.WalkSkipChildren, nil
}

func renderNothing(util.BufWriter, []byte, ast.Node, bool) (ast.WalkStatus, error) {
	return ast.WalkSkipChildren, nil
}

// headingIDs makes heading ids from heading text in any script, unique
// within a page: the second "Eligibility" is eligibility-1, the third
// eligibility-2.
type headingIDs struct {
	used map[string]bool
	// next is the last suffix given to each base: the search for a free id
	// goes on from there, not from 1, so that a page of n equal headings
	// costs n steps, not n².
	next map[string]int
}

func newHeadingIDs() *headingIDs {
	return &headingIDs{used: map[string]bool{}, next: map[string]int{}}
}

// Generate implements parser.IDs.
func (h *headingIDs) Generate(value []byte, _ ast.NodeKind) []byte {
	base := slug.Make(string(value))
	if base == "" {
		base = "section"
	}
	id := base
	i := h.next[base]
	for h.used[id] {
		i++
		id = base + "-" + strconv.Itoa(i)
	}
	h.next[base] = i
	h.used[id] = true
	return []byte(id)
}

// Put implements parser.IDs.
func (h *headingIDs) Put(value []byte) { h.used[string(value)] = true }
