package remote

import (
	"bytes"
	"html"
	"strings"

	xhtml "golang.org/x/net/html"
)

// HTML returns the addresses a page loads, in document order, read with
// the tokenizer of golang.org/x/net/html (attribute values are given with
// their character references decoded, as the browser has them):
//
//   - src, lowsrc, dynsrc, poster, background, data, codebase, archive
//     and icon attributes; srcset and imagesrcset, each candidate;
//   - href and xlink:href, except on <a> and <area>, which link: on
//     <base> (it moves every relative address), on SVG's <image>, <use>,
//     <feImage>, <script>..., and on <link> unless its rel only names a
//     relation (canonical, alternate, next...);
//   - ping, whose addresses are asked when a link is followed;
//   - a <meta http-equiv=refresh> address;
//   - CSS (see CSS): style attributes, SVG presentation attributes that
//     take a url() (fill, filter, mask, cursor...), and <style> elements;
//   - what <noscript> holds, which a reader without JavaScript gets, and
//     an <iframe srcdoc>, a page of its own.
//
// A script's own requests are not seen: scripts are the site's own files,
// and a script written to fetch from elsewhere is found in review, not
// here.
func HTML(page []byte) []Ref {
	var out []Ref
	scanHTML(page, 1, 0, &out)
	return out
}

// maxNest bounds how deeply <noscript> and srcdoc are read inside each
// other.
const maxNest = 8

func scanHTML(page []byte, line, nest int, out *[]Ref) {
	z := xhtml.NewTokenizer(bytes.NewReader(page))
	var inside string // the raw-text element being read: style, noscript
	for {
		tt := z.Next()
		if tt == xhtml.ErrorToken {
			return
		}
		// Counted first: reading the tag's attributes may decode them
		// in place.
		raw := z.Raw()
		lines := bytes.Count(raw, []byte("\n"))
		switch tt {
		case xhtml.StartTagToken, xhtml.SelfClosingTagToken:
			name, _ := z.TagName()
			tag := string(name)
			tagRefs(z, tag, line, nest, out)
			inside = ""
			if tt == xhtml.StartTagToken && (tag == "style" || tag == "noscript") {
				inside = tag
			}
		case xhtml.TextToken:
			switch {
			case inside == "style":
				// In an inline <svg> the text is read with its character
				// references decoded: read it both ways.
				*out = append(*out, cssRefs(string(raw), "style", line)...)
				if bytes.IndexByte(raw, '&') >= 0 {
					*out = append(*out, cssRefs(html.UnescapeString(string(raw)), "style", line)...)
				}
			case inside == "noscript" && nest < maxNest:
				scanHTML(raw, line, nest+1, out)
			}
		case xhtml.EndTagToken:
			inside = ""
		}
		line += lines
	}
}

// cssRefs is CSS(css, line), each Ref of the element tag.
func cssRefs(css, tag string, line int) []Ref {
	refs := CSS(css, line)
	for i := range refs {
		refs[i].Tag = tag
		refs[i].Attr = "<style> " + refs[i].Attr
	}
	return refs
}

// urlAttrs are the attributes whose value is one address to load.
var urlAttrs = map[string]bool{"src": true, "lowsrc": true, "dynsrc": true, "poster": true, "background": true, "data": true, "codebase": true, "icon": true}

// cssAttrs are the attributes whose value is CSS: style, and SVG's
// presentation attributes that can take a url() or an image.
var cssAttrs = map[string]bool{"style": true, "fill": true, "stroke": true, "filter": true, "mask": true, "clip-path": true,
	"marker-start": true, "marker-mid": true, "marker-end": true, "cursor": true}

// docTags load what they name as a document or a script, which can load
// more.
var docTags = map[string]bool{"iframe": true, "frame": true, "object": true, "embed": true, "script": true, "applet": true, "portal": true}

// relationOnly are the rel values of a <link> that only name a relation:
// a browser loads nothing for them.
var relationOnly = map[string]bool{"alternate": true, "canonical": true, "author": true, "bookmark": true, "external": true, "help": true,
	"license": true, "next": true, "prev": true, "nofollow": true, "noopener": true, "noreferrer": true, "opener": true, "tag": true,
	"me": true, "shortlink": true, "privacy-policy": true, "terms-of-service": true, "search": true}

// tagRefs appends the addresses of the attributes of the element the
// tokenizer is at.
func tagRefs(z *xhtml.Tokenizer, tag string, line, nest int, out *[]Ref) {
	var rel, equiv, content string
	var hrefs []Ref
	add := func(attr, u string) {
		*out = append(*out, Ref{URL: u, Tag: tag, Attr: attr, Line: line, Doc: docTags[tag]})
	}
	for more := true; more; {
		var k, v []byte
		k, v, more = z.TagAttr()
		attr, val := string(k), string(v)
		switch {
		case urlAttrs[attr]:
			add(attr, val)
		case attr == "srcset" || attr == "imagesrcset":
			for _, u := range srcset(val) {
				add(attr, u)
			}
		case attr == "archive" || attr == "ping":
			for _, u := range strings.FieldsFunc(val, func(r rune) bool { return r == ',' || r <= ' ' }) {
				add(attr, u)
			}
		case attr == "href" || attr == "xlink:href":
			hrefs = append(hrefs, Ref{URL: val, Tag: tag, Attr: attr, Line: line, Doc: docTags[tag]})
		case cssAttrs[attr]:
			for _, r := range CSS(val, line) {
				r.Tag, r.Attr = tag, attr+" "+r.Attr
				*out = append(*out, r)
			}
		case attr == "srcdoc" && nest < maxNest:
			var inner []Ref
			scanHTML(v, line, nest+1, &inner)
			for _, r := range inner {
				r.Attr = "srcdoc " + r.Tag + " " + r.Attr
				r.Tag = tag
				*out = append(*out, r)
			}
		case attr == "rel":
			rel = strings.ToLower(val)
		case attr == "http-equiv":
			equiv = strings.ToLower(strings.TrimSpace(val))
		case attr == "content":
			content = val
		}
	}
	if tag == "meta" && equiv == "refresh" {
		if u := refreshURL(content); u != "" {
			*out = append(*out, Ref{URL: u, Tag: tag, Attr: "http-equiv=refresh", Line: line, Doc: true})
		}
	}
	switch tag {
	case "a", "area":
		return
	case "link":
		if !loadingRel(rel) {
			return
		}
		for i := range hrefs {
			hrefs[i].Doc = strings.Contains(rel, "stylesheet") || strings.Contains(rel, "import") || strings.Contains(rel, "manifest")
		}
	}
	*out = append(*out, hrefs...)
}

// loadingRel reports whether a <link> with rel loads its href: unless
// every word of rel names a relation only.
func loadingRel(rel string) bool {
	words := strings.Fields(rel)
	for _, w := range words {
		if !relationOnly[w] {
			return true
		}
	}
	return len(words) == 0
}

// srcset returns the addresses of a srcset: candidates separated by
// commas, each an address and its descriptors (the HTML standard's
// parsing, which lets an address hold commas but not end with one).
func srcset(s string) []string {
	var out []string
	for i := 0; i < len(s); {
		for i < len(s) && (s[i] == ',' || isSpace(s[i])) {
			i++
		}
		start := i
		for i < len(s) && !isSpace(s[i]) {
			i++
		}
		u := s[start:i]
		if u == "" {
			break
		}
		trimmed := strings.TrimRight(u, ",")
		out = append(out, trimmed)
		if len(trimmed) < len(u) {
			continue
		}
		depth := 0
		for ; i < len(s); i++ {
			c := s[i]
			if c == '(' {
				depth++
			} else if c == ')' && depth > 0 {
				depth--
			} else if c == ',' && depth == 0 {
				break
			}
		}
	}
	return out
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }

// refreshURL returns the address of a refresh's content ("5; url=/x/"),
// or "".
func refreshURL(content string) string {
	i := strings.IndexAny(content, ";,")
	if i < 0 {
		return ""
	}
	u := strings.TrimLeft(content[i+1:], " \t\n\r\f;,")
	if len(u) >= 3 && strings.EqualFold(u[:3], "url") {
		if rest := strings.TrimLeft(u[3:], " \t\n\r\f"); strings.HasPrefix(rest, "=") {
			u = strings.TrimLeft(rest[1:], " \t\n\r\f")
		}
	}
	if u != "" && (u[0] == '"' || u[0] == '\'') {
		if end := strings.IndexByte(u[1:], u[0]); end >= 0 {
			u = u[1 : 1+end]
		} else {
			u = u[1:]
		}
	}
	return strings.TrimSpace(u)
}
