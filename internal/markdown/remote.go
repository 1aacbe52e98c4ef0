package markdown

import (
	"net/url"
	"path"
	"strings"

	"github.com/alaqsa-ira/site/internal/remote"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
)

// A page loads nothing from other sites (see package remote): an image
// whose address names a host, however it is spelled (https://, HTTP://,
// //host, /\host, with entities or tabs), is an error, and the page is
// written without it, keeping its alt text. So is a heading's style
// attribute ({style="background:url(...)"}) that loads from another host.
// Links to other sites are fine: a reader follows one only by choice.

// effective returns a link or image destination as goldmark renders it
// and a browser then reads it: backslash escapes and character references
// resolved.
func effective(dest []byte) string {
	return string(util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(dest))))
}

// renderable returns what to set as a destination for goldmark to render
// s: escaped so that resolving escapes and references again gives s back.
func renderable(s string) []byte {
	if !strings.ContainsAny(s, `\&`) {
		return []byte(s)
	}
	return []byte(strings.NewReplacer(`\`, `\\`, "&", "&amp;").Replace(s))
}

// remoteImage reports, and removes, an image whose address d (as
// effective gives it) names a host.
func (st *state) remoteImage(n *ast.Image, d string) bool {
	host, ok := remote.Host(d)
	if !ok {
		// As the renderer writes it, percent-encoded.
		host, ok = remote.Host(string(util.URLEscape([]byte(d), false)))
	}
	if !ok {
		return false
	}
	alt := strings.TrimSpace(string(nodeText(n, st.src)))
	st.fail(n, "the image %q is on another site (%s), and pages of this site load nothing from other sites: that site would learn who reads the page, "+
		"and the photo would break when it changes or the reader is offline. Download the photo and add it to the site: %s",
		short(d), host, st.remoteFix(d, alt))
	unwrap(n, st.src)
	return true
}

// remoteFix says where to save a photo downloaded from address d, and how
// to write the image then.
func (st *state) remoteFix(d, alt string) string {
	name := "photo.jpg"
	if u, err := url.Parse(strings.TrimSpace(d)); err == nil {
		if base := fileName(path.Base(u.Path)); isPhotoName(base) {
			name = base
		}
	}
	editor := "; in the web editor, save the photo to your device, then insert it with the image button, which uploads it"
	if st.doc.Bundle != "" {
		return "save it in this page's folder as " + st.doc.Bundle + "/" + name + " and write ![" + alt + "](" + name + ")" + editor
	}
	fix := "save it as static/images/" + name + " and write ![" + alt + "](/images/" + name + ")"
	if folder := bundleOf(st.doc.Path); folder != "" {
		fix += " (or make this page a folder, " + folder + ", and save the photo beside it)"
	}
	return fix + editor
}

// fileName makes name one that needs no escaping in Markdown: a hyphen
// in place of each space or punctuation but . _ and -.
func fileName(name string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x80 && !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("._-", r)) {
			return '-'
		}
		return r
	}, name)
}

// isPhotoName reports a file name a photo of the site may have.
func isPhotoName(name string) bool {
	switch strings.ToLower(path.Ext(name)) {
	case ".jpg", ".jpeg", ".png", ".webp":
		return len(name) > len(path.Ext(name))
	}
	return false
}

// bundleOf returns where a page of one file, content/x/name.LANG.md, goes
// as a page bundle: content/x/name/index.LANG.md; or "".
func bundleOf(file string) string {
	dir, base := path.Split(file)
	stem, ok := strings.CutSuffix(base, ".md")
	i := strings.LastIndexByte(stem, '.')
	if !ok || i <= 0 || dir == "" {
		return ""
	}
	return dir + stem[:i] + "/index" + stem[i:] + ".md"
}

// remoteStyle reports, and removes, a style attribute of n (written in
// Markdown's {style="..."}) that loads from another site.
func (st *state) remoteStyle(n ast.Node) {
	v, ok := n.AttributeString("style")
	if !ok {
		return
	}
	var css string
	switch s := v.(type) {
	case []byte:
		css = string(s)
	case string:
		css = s
	default:
		return
	}
	for _, r := range remote.CSS(css, 0) {
		if host, far := r.Remote(""); far {
			st.fail(n, "the style of this heading loads %q from another site (%s), and pages of this site load nothing from other sites: remove the style attribute (the site's stylesheet styles headings)", short(r.URL), host)
			removeAttribute(n, "style")
			return
		}
	}
}

// removeAttribute removes one attribute of n, keeping the others.
func removeAttribute(n ast.Node, name string) {
	attrs := n.Attributes()
	n.RemoveAttributes()
	for _, a := range attrs {
		if string(a.Name) != name {
			n.SetAttribute(a.Name, a.Value)
		}
	}
}
