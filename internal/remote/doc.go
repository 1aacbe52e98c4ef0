package remote

import (
	"bytes"
	"encoding/json"
	"html"
	"regexp"
)

// XML returns the addresses an XML document loads when a browser opens it:
// the stylesheets its <?xml-stylesheet?> instructions name (CSS, or XSLT,
// which can load more: Doc), and what its elements load read as HTML
// reads them (see HTML), since a browser shows the elements of the XHTML
// and SVG namespaces of any XML document as it shows a page's.
func XML(doc []byte) []Ref {
	var out []Ref
	for _, m := range xmlStylesheet.FindAllSubmatchIndex(doc, -1) {
		line := 1 + bytes.Count(doc[:m[0]], []byte("\n"))
		for _, a := range pseudoAttr.FindAllSubmatch(doc[m[2]:m[3]], -1) {
			if string(bytes.ToLower(a[1])) == "href" {
				v := a[2]
				if len(v) >= 2 {
					v = v[1 : len(v)-1]
				}
				out = append(out, Ref{URL: html.UnescapeString(string(v)), Tag: "?xml-stylesheet", Attr: "href", Line: line, Doc: true})
			}
		}
	}
	return append(out, HTML(doc)...)
}

// xmlStylesheet finds the processing instructions that attach a
// stylesheet; pseudoAttr the pseudo-attributes inside one.
var (
	xmlStylesheet = regexp.MustCompile(`(?is)<\?xml-stylesheet(.*?)\?>`)
	pseudoAttr    = regexp.MustCompile(`(?is)([a-z_:][-a-z0-9_:.]*)\s*=\s*("[^"]*"|'[^']*')`)
)

// Manifest returns the addresses a web app manifest (site.webmanifest)
// makes a browser load: the src of every icon, screenshot and shortcut's
// icon, wherever it stands in the JSON. A manifest that is not JSON loads
// nothing (the browser ignores it).
func Manifest(data []byte) []Ref {
	// Numbers are kept as text: a number too large for a float64, which a
	// browser reads as Infinity, must not hide the icons.
	d := json.NewDecoder(bytes.NewReader(data))
	d.UseNumber()
	var v any
	if d.Decode(&v) != nil {
		return nil
	}
	var out []Ref
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, e := range v {
				if s, ok := e.(string); ok && k == "src" {
					out = append(out, Ref{URL: s, Attr: "src", Line: 1})
				}
				walk(e)
			}
		case []any:
			for _, e := range v {
				walk(e)
			}
		}
	}
	walk(v)
	return out
}
