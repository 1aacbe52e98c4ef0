package markdown

import (
	"bytes"
	"html"
	"strconv"
	"strings"

	"github.com/alaqsa-ira/site/internal/diag"
	"github.com/alaqsa-ira/site/internal/isolate"
	"github.com/alaqsa-ira/site/internal/locale"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// transformer rewrites the parsed document: links, raw HTML and, on
// right-to-left pages, left-to-right runs.
type transformer struct{}

// Transform implements parser.ASTTransformer.
func (t *transformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	st, _ := pc.Get(docKey).(*state)
	if st == nil {
		return
	}
	st.src = reader.Source()
	st.footnotes(doc, pc)
	var links, raws, texts []ast.Node
	level := 1 // the page's title is its h1
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if n.Attributes() != nil {
			st.remoteStyle(n)
		}
		switch n.Kind() {
		case ast.KindHeading:
			level = st.heading(n.(*ast.Heading), level)
		case ast.KindLink, ast.KindImage, ast.KindAutoLink:
			links = append(links, n)
			st.linkText(n)
		case ast.KindRawHTML, ast.KindHTMLBlock:
			raws = append(raws, n)
			return ast.WalkSkipChildren, nil
		case ast.KindCodeSpan:
			n.SetAttributeString("dir", []byte("ltr"))
			return ast.WalkSkipChildren, nil
		case ast.KindText:
			texts = append(texts, n)
		}
		return ast.WalkContinue, nil
	})
	if len(links) > 0 && !st.checkLinkBytes(doc, links) {
		return
	}
	for _, n := range links {
		st.link(n)
	}
	for _, n := range raws {
		st.warn(n, "raw HTML is not allowed in pages and was left out; write it in Markdown instead")
		n.Parent().RemoveChild(n.Parent(), n)
	}
	for _, n := range texts {
		if t := n.(*ast.Text); isolate.HasControl(string(t.Segment.Value(st.src))) {
			st.warn(n, "the text has an invisible direction control character (U+202A to U+202E or U+2066 to U+2069), which can make text read differently from how it is stored; delete it (the marks U+200E, U+200F and U+061C are fine)")
		}
	}
	if !st.doc.RTL && st.doc.RTLLang != "" {
		for _, n := range texts {
			if n.Parent() != nil {
				st.isolate(mergeText(n.(*ast.Text)))
			}
		}
	}
	if st.doc.RTL {
		for _, n := range links {
			if al, ok := n.(*ast.AutoLink); ok && al.Parent() != nil {
				al.SetAttributeString("dir", []byte("ltr"))
			}
		}
		for _, n := range texts {
			if n.Parent() != nil {
				st.isolate(mergeText(n.(*ast.Text)))
			}
		}
	}
	typography(doc, st.src, st.doc.Quotes)
	if st.doc.TextLimit > 0 {
		w := &plainWriter{src: st.src, limit: st.doc.TextLimit, alt: true}
		w.b.Grow(min(len(st.src), 4*st.doc.TextLimit))
		w.walk(doc)
		st.res.Text = plainText(w.b.Bytes(), st.doc.TextLimit)
	}
}

// mergeText joins t with the text nodes that follow it directly in the
// source. The inline parser cuts text at every character that might start
// something (a space, a bracket), and a left-to-right run must be found in
// the whole text, not in pieces of it.
func mergeText(t *ast.Text) *ast.Text {
	for !t.SoftLineBreak() && !t.HardLineBreak() && !t.IsRaw() {
		next, ok := t.NextSibling().(*ast.Text)
		if !ok || next.IsRaw() || next.Segment.Start != t.Segment.Stop || next.Segment.Padding != 0 || t.Segment.Padding != 0 {
			break
		}
		t.Segment = t.Segment.WithStop(next.Segment.Stop)
		t.SetSoftLineBreak(next.SoftLineBreak())
		t.SetHardLineBreak(next.HardLineBreak())
		t.Parent().RemoveChild(t.Parent(), next)
	}
	return t
}

var allowedSchemes = map[string]bool{"http": true, "https": true, "mailto": true, "tel": true}

// scheme returns the lower-cased URL scheme of dest as a browser would see
// it (after entity decoding, with control characters and spaces removed),
// or "" for a relative URL.
func scheme(dest string) string {
	s := strings.Map(func(r rune) rune {
		if r <= ' ' || r == 0x7f {
			return -1
		}
		return r
	}, html.UnescapeString(dest))
	i := strings.IndexAny(s, ":/?#")
	if i <= 0 || s[i] != ':' {
		return ""
	}
	sc := strings.ToLower(s[:i])
	for j, c := range sc {
		if !(c >= 'a' && c <= 'z' || j > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.')) {
			return ""
		}
	}
	return sc
}

// link checks and rewrites one link, image or autolink.
func (st *state) link(n ast.Node) {
	var dest []byte
	switch l := n.(type) {
	case *ast.Link:
		dest = l.Destination
	case *ast.Image:
		dest = l.Destination
	case *ast.AutoLink:
		dest = l.URL(st.src)
		if l.AutoLinkType == ast.AutoLinkEmail {
			return
		}
	}
	written, d := string(dest), string(dest)
	_, auto := n.(*ast.AutoLink)
	if !auto {
		// Read as the renderer writes it, and the browser then reads it.
		d = effective(dest)
	}
	if img, ok := n.(*ast.Image); ok && st.remoteImage(img, d) {
		return
	}
	if !auto && scheme(d) == "" && st.photo(n, d) {
		return
	}
	if sc := scheme(d); sc != "" {
		if !allowedSchemes[sc] {
			if _, img := n.(*ast.Image); img {
				st.fail(n, "the image %q cannot be published: an image is a photo of the site, a file beside the page or in static/; save the picture as a file there and write its name, such as ![...](photo.jpg) or ![...](/images/photo.jpg)", short(d))
			} else {
				st.fail(n, "the link to %q cannot be published: only http, https, mailto and tel links are allowed; change it to one of those or remove it, keeping its text", short(d))
			}
			unwrap(n, st.src)
			return
		}
		if sc == "http" || sc == "https" {
			st.res.Links = append(st.res.Links, Link{Written: written, URL: d, Line: st.line(n), External: true})
		}
		return
	}
	out, err := st.resolve(d)
	if err != nil {
		st.fail(n, "%v", err)
		return
	}
	if out != "" && !strings.HasPrefix(out, "//") {
		_, image := n.(*ast.Image)
		st.res.Links = append(st.res.Links, Link{Written: written, URL: out, Line: st.line(n), Image: image})
	}
	switch l := n.(type) {
	case *ast.Link:
		l.Destination = renderable(out)
	case *ast.Image:
		l.Destination = renderable(out)
		l.SetAttributeString("loading", []byte("lazy"))
		l.SetAttributeString("decoding", []byte("async"))
		if st.doc.ImageSize != nil {
			if w, h, ok := st.doc.ImageSize(out); ok {
				l.SetAttributeString("width", []byte(strconv.Itoa(w)))
				l.SetAttributeString("height", []byte(strconv.Itoa(h)))
			}
		}
	}
}

// resolve maps a relative or root-relative destination to a URL.
func (st *state) resolve(d string) (string, error) {
	switch {
	case d == "" || strings.HasPrefix(d, "#") || strings.HasPrefix(d, "//"):
		return d, nil
	case strings.HasPrefix(d, "/"):
		return strings.TrimSuffix(st.doc.BasePath, "/") + d, nil
	}
	ref, frag, _ := strings.Cut(d, "#")
	if !strings.HasSuffix(ref, ".md") || st.doc.Resolve == nil {
		return d, nil
	}
	u, err := st.doc.Resolve(ref)
	if err != nil {
		return "", err
	}
	if frag != "" {
		u += "#" + frag
	}
	return u, nil
}

// unwrap replaces a link by its text, or an image by its alt text.
func unwrap(n ast.Node, src []byte) {
	parent := n.Parent()
	if img, ok := n.(*ast.Image); ok {
		alt := ast.NewString(nodeText(img, src))
		parent.ReplaceChild(parent, n, alt)
		return
	}
	if al, ok := n.(*ast.AutoLink); ok {
		parent.ReplaceChild(parent, n, ast.NewString(al.Label(src)))
		return
	}
	for c := n.FirstChild(); c != nil; {
		next := c.NextSibling()
		parent.InsertBefore(parent, n, c)
		c = next
	}
	parent.RemoveChild(parent, n)
}

func nodeText(n ast.Node, src []byte) []byte {
	var b bytes.Buffer
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			b.Write(t.Segment.Value(src))
		}
		return ast.WalkContinue, nil
	})
	return b.Bytes()
}

func short(s string) string {
	if len(s) > 60 {
		return s[:60] + "..."
	}
	return s
}

// line returns the file line of n.
func (st *state) line(n ast.Node) int {
	pos := -1
	for c := n; c != nil && pos < 0; c = c.Parent() {
		pos = nodePos(c)
	}
	if pos < 0 {
		return st.doc.Line
	}
	return st.lineAt(pos)
}

func nodePos(n ast.Node) int {
	if p := n.Pos(); p >= 0 {
		return p
	}
	if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
		return n.Lines().At(0).Start
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if p := nodePos(c); p >= 0 {
			return p
		}
	}
	return -1
}

func (st *state) fail(n ast.Node, format string, args ...any) {
	st.res.Problems = append(st.res.Problems, diag.Errorf(st.doc.Path, st.line(n), format, args...))
}

func (st *state) warn(n ast.Node, format string, args ...any) {
	st.res.Problems = append(st.res.Problems, diag.Warnf(st.doc.Path, st.line(n), format, args...))
}

// dirRun is an inline node holding text of the other direction than the
// page's (Latin on a right-to-left page, Arabic on a left-to-right one); it
// renders as <span dir="...">.
type dirRun struct {
	ast.BaseInline
	dir  string
	lang string // set on runs of letters
}

var kindDirRun = ast.NewNodeKind("DirRun")

func (n *dirRun) Kind() ast.NodeKind { return kindDirRun }

func (n *dirRun) Dump(src []byte, level int) { ast.DumpHelper(n, src, level, nil, nil) }

// isolate splits a text node around its runs of the other direction and,
// on a right-to-left page with Arabic-Indic digits, around the numbers of
// its prose, which it writes in those digits.
func (st *state) isolate(t *ast.Text) {
	seg := t.Segment
	s := string(seg.Value(st.src))
	var runs []isolate.Run
	var nums []locale.Range
	if st.doc.RTL {
		runs = isolate.Runs(s)
		if st.doc.Digits == locale.ArabicIndic && !t.IsRaw() {
			nums = locale.ProseNumbers(s)
		}
	} else {
		runs = isolate.RTLRuns(s)
	}
	if len(runs) == 0 && len(nums) == 0 {
		return
	}
	parent := t.Parent()
	soft, hard, raw := t.SoftLineBreak(), t.HardLineBreak(), t.IsRaw()
	piece := func(from, to int) *ast.Text {
		p := ast.NewTextSegment(text.NewSegment(seg.Start+from, seg.Start+to))
		p.SetRaw(raw)
		return p
	}
	var last ast.Node
	add := func(n ast.Node) {
		parent.InsertBefore(parent, t, n)
		last = n
	}
	prev := 0
	for len(runs) > 0 || len(nums) > 0 {
		if len(nums) > 0 && (len(runs) == 0 || nums[0].Start < runs[0].Start) {
			n := nums[0]
			nums = nums[1:]
			if n.Start > prev {
				add(piece(prev, n.Start))
			}
			add(ast.NewString([]byte(locale.ArabicNumber(s[n.Start:n.End]))))
			prev = n.End
			continue
		}
		r := runs[0]
		runs = runs[1:]
		if r.Start > prev {
			add(piece(prev, r.Start))
		}
		run := &dirRun{dir: "ltr"}
		switch {
		case !st.doc.RTL:
			run.dir, run.lang = "rtl", st.doc.RTLLang
		case r.Latin:
			run.lang = st.doc.LatinLang
		}
		run.AppendChild(run, piece(r.Start, r.End))
		add(run)
		prev = r.End
	}
	if prev < len(s) {
		add(piece(prev, len(s)))
	}
	parent.RemoveChild(parent, t)
	var lt *ast.Text
	switch l := last.(type) {
	case *ast.Text:
		lt = l
	case *dirRun:
		lt = l.FirstChild().(*ast.Text)
	default: // a number ends the text: the line break goes after it
		lt = piece(len(s), len(s))
		parent.InsertAfter(parent, last, lt)
	}
	lt.SetSoftLineBreak(soft)
	lt.SetHardLineBreak(hard)
}

// heading reports a heading that skips a level, or a second h1, and returns
// the level the next heading may go one deeper than.
func (st *state) heading(h *ast.Heading, prev int) int {
	switch {
	case h.Level == 1:
		st.warn(h, "a heading with one # is a second title: the page's title is already its h1; use ## for sections")
	case h.Level > prev+1:
		st.warn(h, "this heading skips from level %d to %d, which confuses screen readers; use %s", prev, h.Level, strings.Repeat("#", prev+1))
	}
	return h.Level
}

// vagueLinkText are link texts that say nothing out of context.
var vagueLinkText = map[string]bool{
	"click here": true, "here": true, "more": true, "read more": true, "link": true,
	"this link": true, "click": true, "this": true,
	"اضغط هنا": true, "انقر هنا": true, "هنا": true, "المزيد": true, "اقرأ المزيد": true, "الرابط": true, "رابط": true,
}

// linkText reports images without alt text (an error: the page is
// unreadable to those who cannot see it, in whichever language), and links
// without text or with text that does not say where they lead.
func (st *state) linkText(n ast.Node) {
	switch l := n.(type) {
	case *ast.Image:
		if strings.TrimSpace(string(nodeText(l, st.src))) == "" {
			d := short(string(l.Destination))
			st.fail(n, "the image %s has no alt text: write what it shows between the brackets, ![...](%s)", d, d)
		}
	case *ast.Link:
		text := strings.TrimSpace(string(nodeText(l, st.src)))
		hasImage := false
		for c := l.FirstChild(); c != nil; c = c.NextSibling() {
			hasImage = hasImage || c.Kind() == ast.KindImage
		}
		norm := strings.ToLower(strings.Trim(text, " .…:!›»←→"))
		switch {
		case text == "" && !hasImage:
			st.warn(n, "the link has no text: write where it leads between the brackets, [text](%s)", short(string(l.Destination)))
		case vagueLinkText[norm]:
			st.warn(n, "the link text %q says nothing on its own (screen readers list links out of context): describe where it leads", text)
		}
	}
}
