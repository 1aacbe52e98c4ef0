// Package svgclean makes an SVG safe to publish: what is left draws the
// same picture, but cannot run a script, load anything from elsewhere, or
// say who made the file.
//
// Clean parses the SVG as XML (encoding/xml, strict), keeps what it knows
// to be safe and writes it out again. It removes:
//
//   - scripts: <script>, event-handler attributes (any attribute whose name
//     begins with "on"), and animations (<set>, <animate>...) of an href or
//     of a handler;
//   - external references: an href (or xlink:href, src, ping and the
//     other attributes whose value is a URL) is kept only when it points
//     into the same document ("#id") or holds a raster picture in a data:
//     URL (data:image/png, jpeg, gif or webp) that carries no metadata
//     naming a person or a place (package metadata). So a <use>, an
//     <image> or a link to another file or site, javascript: URLs and
//     <a> links to other sites are all removed, and so are animations of
//     such an attribute;
//   - CSS that could load something: the content of a <style> element, a
//     style attribute and the value of every other attribute (fill,
//     cursor, filter, mask and every presentation attribute, the values
//     of animations) go through one CSS check (css.go), which reads CSS
//     as a browser does, escapes and comments included, and lets through
//     only url()s that stay inside the document as above, functions known
//     to load nothing, and at-rules other than @import. What fails it is
//     removed: in a <style> element or a style attribute the declaration
//     or rule that holds it, elsewhere the attribute (csscut.go). Only
//     attributes that name or label (id, class, role, lang, tabindex,
//     aria-*) are not read as CSS;
//   - <foreignObject> (HTML inside the picture), and any element not in
//     the SVG namespace or not among the SVG elements that only draw;
//   - metadata: <metadata>, comments, processing instructions, the
//     DOCTYPE, and attributes of other namespaces (an editor's own,
//     such as Inkscape's).
//
// Entities are never expanded: an SVG that uses an entity other than
// XML's five (declared in its DOCTYPE: the "billion laughs") is refused
// with an error, and so is one nested deeper than MaxDepth, one that is
// not well-formed, or one not in UTF-8. The output is well-formed UTF-8
// XML with the SVG namespace on its root, and cleaning it again gives the
// same bytes.
package svgclean

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// The namespaces Clean knows.
const (
	svgNS   = "http://www.w3.org/2000/svg"
	xlinkNS = "http://www.w3.org/1999/xlink"
	xmlNS   = "http://www.w3.org/XML/1998/namespace"
)

// MaxDepth is how deeply elements may nest.
const MaxDepth = 256

// Removal is something Clean removed that would have been active: a
// script, a handler, a reference to elsewhere.
type Removal struct {
	Line int
	What string // "the <script> element", "the onload attribute"
}

// Error is why an SVG cannot be cleaned.
type Error struct {
	Line int
	Msg  string
}

func (e *Error) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }

// drawing lists the SVG elements kept: those that draw, group, describe
// or paint, and the animations (whose target attribute is checked).
var drawing = map[string]bool{}

func init() {
	for _, n := range strings.Fields(`a circle clipPath defs desc ellipse filter g image line linearGradient
		marker mask path pattern polygon polyline radialGradient rect stop style svg switch symbol
		text textPath title tspan use view animate animateMotion animateTransform set mpath
		feBlend feColorMatrix feComponentTransfer feComposite feConvolveMatrix feDiffuseLighting
		feDisplacementMap feDistantLight feDropShadow feFlood feFuncA feFuncB feFuncG feFuncR
		feGaussianBlur feImage feMerge feMergeNode feMorphology feOffset fePointLight
		feSpecularLighting feSpotLight feTile feTurbulence`) {
		drawing[n] = true
	}
}

// silent lists elements removed without a Removal: they hold metadata,
// not anything active.
var silent = map[string]bool{"metadata": true}

// cleaner holds the state of one Clean.
type cleaner struct {
	d        *xml.Decoder
	out      bytes.Buffer
	removed  []Removal
	open     bool // a start tag is written without its '>'
	xlink    bool // an xlink:href was written
	rootEnd  int  // where the root's namespace declarations end
	depth    int
	skip     int // > 0 inside a removed element: its depth
	style    *styleElement
	haveRoot bool
}

// styleElement is a <style> being read: it is written only if its CSS is
// safe.
type styleElement struct {
	line  int
	attrs []xml.Attr
	css   strings.Builder
}

// Clean returns the SVG made safe (see the package doc), and what active
// content it removed.
func Clean(data []byte) ([]byte, []Removal, error) {
	c := &cleaner{d: xml.NewDecoder(bytes.NewReader(data))}
	c.d.Strict = true
	for {
		tok, err := c.d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, nil, c.fail(err)
		}
		if err := c.token(tok); err != nil {
			return nil, nil, err
		}
	}
	if !c.haveRoot {
		return nil, nil, &Error{Line: c.line(), Msg: "the file has no <svg> element"}
	}
	out := c.out.Bytes()
	if c.xlink {
		decl := ` xmlns:xlink="` + xlinkNS + `"`
		out = append(out[:c.rootEnd], append([]byte(decl), out[c.rootEnd:]...)...)
	}
	return out, c.removed, nil
}

func (c *cleaner) line() int {
	l, _ := c.d.InputPos()
	return l
}

// fail turns a decoder's error into an Error that says how to fix it.
func (c *cleaner) fail(err error) error {
	msg := err.Error()
	var se *xml.SyntaxError
	line := c.line()
	if errors.As(err, &se) {
		msg, line = se.Msg, se.Line
	}
	switch {
	case strings.Contains(msg, "invalid character entity"):
		msg = strings.TrimPrefix(msg, "invalid character entity ")
		msg = "the SVG uses the entity " + msg + ", which is not expanded (entities declared in a DOCTYPE can make a small file enormous): save the SVG again without a DOCTYPE, or write the text itself"
	case strings.Contains(msg, "CharsetReader"):
		msg = "the SVG is not in UTF-8: save it as UTF-8"
	default:
		msg = "the SVG is not well-formed XML (" + msg + "): open it in an SVG editor and save it again"
	}
	return &Error{Line: line, Msg: msg}
}

func (c *cleaner) remove(what string) {
	c.removed = append(c.removed, Removal{Line: c.line(), What: what})
}

// closeOpen ends a start tag written without its '>'.
func (c *cleaner) closeOpen() {
	if c.open {
		c.out.WriteByte('>')
		c.open = false
	}
}

func (c *cleaner) token(tok xml.Token) error {
	switch t := tok.(type) {
	case xml.StartElement:
		c.depth++
		if c.depth > MaxDepth {
			return &Error{Line: c.line(), Msg: fmt.Sprintf("the SVG's elements nest deeper than %d: simplify its groups", MaxDepth)}
		}
		if c.skip > 0 {
			return nil
		}
		if c.style != nil { // an element inside <style>: removed
			c.skip = c.depth
			return nil
		}
		if c.depth == 1 && c.haveRoot {
			return &Error{Line: c.line(), Msg: "the file has a second root element after </svg>: remove it"}
		}
		if c.depth == 1 && !(t.Name.Local == "svg" && (t.Name.Space == svgNS || t.Name.Space == "")) {
			return &Error{Line: c.line(), Msg: fmt.Sprintf("the file's root element is <%s>, not <svg>: it is not an SVG picture", t.Name.Local)}
		}
		if !c.keepElement(t) {
			c.skip = c.depth
			return nil
		}
		attrs := c.attrs(t)
		if t.Name.Local == "style" {
			c.style = &styleElement{line: c.line(), attrs: attrs}
			return nil
		}
		c.closeOpen()
		c.out.WriteString("<" + t.Name.Local)
		if c.depth == 1 {
			c.out.WriteString(` xmlns="` + svgNS + `"`)
			c.rootEnd = c.out.Len()
			c.haveRoot = true
		}
		c.writeAttrs(attrs)
		c.open = true
	case xml.EndElement:
		defer func() { c.depth-- }()
		switch {
		case c.skip == c.depth:
			c.skip = 0
		case c.skip > 0:
		case c.style != nil:
			c.endStyle()
		case c.open:
			c.out.WriteString("/>")
			c.open = false
		default:
			c.out.WriteString("</" + t.Name.Local + ">")
		}
	case xml.CharData:
		switch {
		case c.skip > 0 || c.depth == 0:
		case c.style != nil:
			c.style.css.Write(t)
		default:
			c.closeOpen()
			escapeText(&c.out, t)
		}
	}
	// Comments, processing instructions and directives (the DOCTYPE) are
	// left out.
	return nil
}

// keepElement reports whether an element is kept, recording the removal
// of an active one.
func (c *cleaner) keepElement(t xml.StartElement) bool {
	n := t.Name
	if n.Space != svgNS && n.Space != "" {
		if n.Space == "http://www.w3.org/1999/xhtml" {
			c.remove(fmt.Sprintf("the HTML element <%s>", n.Local))
		}
		return false // an editor's own element, or HTML
	}
	switch {
	case silent[n.Local]:
		return false
	case n.Local == "script" || n.Local == "foreignObject":
		c.remove(fmt.Sprintf("the <%s> element", n.Local))
		return false
	case !drawing[n.Local]:
		c.remove(fmt.Sprintf("the element <%s>, which is not one that only draws", n.Local))
		return false
	}
	if isAnimation(n.Local) {
		for _, a := range t.Attr {
			if a.Name.Local == "attributeName" && !animatable(a.Value) {
				c.remove(fmt.Sprintf("the <%s> of %s", n.Local, a.Value))
				return false
			}
		}
	}
	return true
}

// animatable reports whether an animation may change an attribute: not
// one whose value is a URL (href, src...), a handler or the style
// attribute. (The values of any other attribute are checked as CSS.)
func animatable(name string) bool {
	v := strings.ToLower(strings.TrimSpace(name))
	local := v
	if _, after, ok := strings.Cut(v, ":"); ok {
		local = after
	}
	for _, n := range []string{v, local} {
		if refAttrs[n] || strings.HasPrefix(n, "on") || n == "style" {
			return false
		}
	}
	return true
}

func isAnimation(name string) bool {
	switch name {
	case "animate", "animateMotion", "animateTransform", "set":
		return true
	}
	return false
}

// attrs returns the attributes kept, recording the removal of active ones.
// An xlink:href comes back with the namespace xlinkNS. A URL (href, src,
// ping...) must stay inside the document; a style attribute loses the
// declarations that could load something; every other attribute but
// those that only name or label (plainText) is one CSS value, checked as
// such.
func (c *cleaner) attrs(t xml.StartElement) []xml.Attr {
	var out []xml.Attr
	for _, a := range t.Attr {
		n := a.Name
		lower := strings.ToLower(n.Local)
		switch {
		case n.Space == "xmlns" || n.Space == "" && n.Local == "xmlns":
			// Namespaces are declared again on the root.
		case n.Space == "" && refAttrs[lower] || lower == "href" && (n.Space == xlinkNS || n.Space == "xlink"):
			if !c.keepRef(t, a) {
				continue
			}
			if n.Space != "" {
				n.Space = xlinkNS
			}
			out = append(out, xml.Attr{Name: n, Value: a.Value})
		case n.Space == xmlNS && (n.Local == "space" || n.Local == "lang"):
			out = append(out, a)
		case n.Space != "":
			// An editor's own attribute (inkscape:label), or xml:base.
		case strings.HasPrefix(lower, "on"):
			c.remove(fmt.Sprintf("the event handler %s on <%s>", n.Local, t.Name.Local))
		case lower == "style":
			v, removed := cleanCSS(a.Value)
			for _, r := range removed {
				c.remove(fmt.Sprintf("the CSS %s in the style attribute on <%s>", r, t.Name.Local))
			}
			if len(removed) == 0 || !blankCSS(v) {
				out = append(out, xml.Attr{Name: n, Value: v})
			}
		case plainText(lower):
			out = append(out, a)
		default:
			if why := valueProblem(n.Local, a.Value); why != "" {
				c.remove(fmt.Sprintf("the attribute %s=%q on <%s> (%s)", n.Local, short(a.Value), t.Name.Local, why))
				continue
			}
			out = append(out, a)
		}
	}
	return out
}

// keepRef reports whether a URL-valued attribute is kept, recording its
// removal if not.
func (c *cleaner) keepRef(t xml.StartElement, a xml.Attr) bool {
	if safeRef(a.Value) {
		return true
	}
	what := fmt.Sprintf("the reference %s=%q on <%s>", attrName(a.Name), short(a.Value), t.Name.Local)
	if strings.HasPrefix(asciiLower(trimC0(a.Value)), "data:image/") {
		what = fmt.Sprintf("the picture embedded in %s on <%s>, which carries metadata (EXIF, GPS, XMP) or cannot be read", attrName(a.Name), t.Name.Local)
	}
	c.remove(what)
	return false
}

// plainText reports the attributes whose value only names or labels
// something and is never read as CSS or as a URL: they are kept as they
// are.
func plainText(name string) bool {
	switch name {
	case "id", "class", "role", "lang", "tabindex":
		return true
	}
	return strings.HasPrefix(name, "aria-")
}

// blankCSS reports CSS left with nothing in it.
func blankCSS(s string) bool { return strings.Trim(s, " \t\n;") == "" }

func attrName(n xml.Name) string {
	if n.Space != "" {
		return "xlink:" + n.Local
	}
	return n.Local
}

func short(s string) string {
	if len(s) > 60 {
		return s[:60] + "..."
	}
	return s
}

func (c *cleaner) writeAttrs(attrs []xml.Attr) {
	for _, a := range attrs {
		c.out.WriteByte(' ')
		switch a.Name.Space {
		case xlinkNS:
			c.out.WriteString("xlink:")
			c.xlink = true
		case xmlNS:
			c.out.WriteString("xml:")
		}
		c.out.WriteString(a.Name.Local + `="`)
		escapeAttr(&c.out, a.Value)
		c.out.WriteByte('"')
	}
}

// endStyle writes the <style> just read, without the CSS that could load
// something (and not at all if nothing is left).
func (c *cleaner) endStyle() {
	s := c.style
	c.style = nil
	css, removed := cleanCSS(s.css.String())
	for _, r := range removed {
		c.removed = append(c.removed, Removal{Line: s.line, What: "the CSS " + r + " in <style>"})
	}
	if len(removed) > 0 && blankCSS(css) {
		return
	}
	c.closeOpen()
	c.out.WriteString("<style")
	c.writeAttrs(s.attrs)
	if css == "" {
		c.out.WriteString("/>")
		return
	}
	c.out.WriteByte('>')
	escapeText(&c.out, []byte(css))
	c.out.WriteString("</style>")
}

func escapeText(w *bytes.Buffer, s []byte) {
	for _, b := range s {
		switch b {
		case '&':
			w.WriteString("&amp;")
		case '<':
			w.WriteString("&lt;")
		case '>':
			w.WriteString("&gt;")
		case '\r':
			w.WriteString("&#13;")
		default:
			w.WriteByte(b)
		}
	}
}

func escapeAttr(w *bytes.Buffer, s string) {
	for i := 0; i < len(s); i++ {
		switch b := s[i]; b {
		case '&':
			w.WriteString("&amp;")
		case '<':
			w.WriteString("&lt;")
		case '>':
			w.WriteString("&gt;")
		case '"':
			w.WriteString("&quot;")
		case '\t':
			w.WriteString("&#9;")
		case '\n':
			w.WriteString("&#10;")
		case '\r':
			w.WriteString("&#13;")
		default:
			w.WriteByte(b)
		}
	}
}
