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
	sc := scanner{keep: func([]byte) bool { return true }}
	sc.html(page, 1, 0)
	return sc.out
}

// RemoteHTML returns what HTML does that loads from another host than own
// (see Ref.Remote). It is the one for every page of a build: an address
// that is plainly the site's own (/ira/x.png, x.png, #top) is passed over
// without being copied.
func RemoteHTML(page []byte, own string) []Ref {
	sc := scanner{keep: func(v []byte) bool { return !plainlyLocal(v) }}
	sc.html(page, 1, 0)
	var out []Ref
	for _, r := range sc.out {
		if _, far := r.Remote(own); far {
			out = append(out, r)
		}
	}
	return out
}

// plainlyLocal reports an address that no browser reads as another
// host's: a fragment or query, a path from the root that does not start
// with two slashes, or a relative path that has no scheme.
func plainlyLocal(v []byte) bool {
	i := 0
	for i < len(v) && v[i] <= ' ' {
		i++
	}
	if i == len(v) || v[i] == '#' || v[i] == '?' {
		return true
	}
	if v[i] == '/' || v[i] == '\\' {
		for i++; i < len(v) && (v[i] == '\t' || v[i] == '\n' || v[i] == '\r'); i++ {
		}
		return i < len(v) && v[i] != '/' && v[i] != '\\'
	}
	for ; i < len(v); i++ {
		switch v[i] {
		case ':':
			return false
		case '/', '\\', '?', '#':
			return true
		}
	}
	return true
}

// maxNest bounds how deeply <noscript> and srcdoc are read inside each
// other.
const maxNest = 8

// scanner collects the addresses of a page that keep accepts.
type scanner struct {
	keep func(v []byte) bool
	out  []Ref
}

// needles are the names, or the starts of names, of the attributes an
// element may load by, hold CSS in, or say how it loads with, by their
// first letter: a start tag with none of them in its text has no such
// attribute (names are never escaped), and its attributes are not read,
// which would copy each of them.
var needles = [26][]string{
	'a' - 'a': {"archive"}, 'b' - 'a': {"background"}, 'c' - 'a': {"codebase", "clip-path", "cursor"}, 'd' - 'a': {"data", "dynsrc"},
	'f' - 'a': {"fill", "filter"}, 'h' - 'a': {"href", "http-equiv"}, 'i' - 'a': {"icon", "imagesrcset"}, 'l' - 'a': {"lowsrc"},
	'm' - 'a': {"mask", "marker"}, 'p' - 'a': {"poster", "ping"}, 's' - 'a': {"src", "style", "stroke"}, 'x' - 'a': {"xlink:href"},
}

// mayLoad reports whether the text of a start tag, raw, may name an
// attribute the scanner reads; link is set for <a> and <area>, whose href
// is a link, not a load.
func mayLoad(raw []byte, link bool) bool {
	for i := 1; i < len(raw); i++ {
		c := raw[i] | 0x20 // lower case, for letters
		if c < 'a' || c > 'z' || !isSpace(raw[i-1]) && raw[i-1] != '"' && raw[i-1] != '\'' && raw[i-1] != '/' {
			continue
		}
		for _, n := range needles[c-'a'] {
			if len(raw)-i >= len(n) && asciiEqualFold(raw[i:i+len(n)], n) && !(link && n == "href") {
				return true
			}
		}
	}
	return false
}

// asciiEqualFold reports whether b is s in any case of its ASCII letters.
func asciiEqualFold(b []byte, s string) bool {
	for i := range len(s) {
		if c := b[i]; c != s[i] && (c|0x20 != s[i] || s[i] < 'a' || s[i] > 'z') {
			return false
		}
	}
	return true
}

func (sc *scanner) html(page []byte, line, nest int) {
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
			name, hasAttr := z.TagName()
			if hasAttr && mayLoad(raw, string(name) == "a" || string(name) == "area") {
				sc.tag(z, name, line, nest)
			}
			inside = ""
			if tt == xhtml.StartTagToken && (string(name) == "style" || string(name) == "noscript") {
				inside = string(name)
			}
		case xhtml.TextToken:
			switch {
			case inside == "style":
				// In an inline <svg> the text is read with its character
				// references decoded: read it both ways.
				sc.style(string(raw), line)
				if bytes.IndexByte(raw, '&') >= 0 {
					sc.style(html.UnescapeString(string(raw)), line)
				}
			case inside == "noscript" && nest < maxNest:
				sc.html(raw, line, nest+1)
			}
		case xhtml.EndTagToken:
			inside = ""
		}
		line += lines
	}
}

// style adds the addresses of the text of a <style> element.
func (sc *scanner) style(css string, line int) {
	for _, r := range CSS(css, line) {
		r.Tag, r.Attr = "style", "<style> "+r.Attr
		sc.out = append(sc.out, r)
	}
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

// tag adds the addresses of the attributes of the element the tokenizer
// is at, named name. Nothing is copied for an attribute that loads
// nothing, or whose address keep refuses.
func (sc *scanner) tag(z *xhtml.Tokenizer, name []byte, line, nest int) {
	link := string(name) == "a" || string(name) == "area"
	var tag string // made when first needed
	tagName := func() string {
		if tag == "" {
			tag = string(name)
		}
		return tag
	}
	ref := func(attr, u string) Ref {
		return Ref{URL: u, Tag: tagName(), Attr: attr, Line: line, Doc: docTags[tagName()]}
	}
	var rel, equiv, content string
	var hrefs []Ref
	for more := true; more; {
		var k, v []byte
		k, v, more = z.TagAttr()
		switch attr := string(k); {
		case urlAttrs[attr]:
			if sc.keep(v) {
				sc.out = append(sc.out, ref(attr, string(v)))
			}
		case attr == "srcset" || attr == "imagesrcset":
			for _, u := range srcset(string(v)) {
				if sc.keep([]byte(u)) {
					sc.out = append(sc.out, ref(attr, u))
				}
			}
		case attr == "archive" || attr == "ping":
			for _, u := range strings.FieldsFunc(string(v), func(r rune) bool { return r == ',' || r <= ' ' }) {
				sc.out = append(sc.out, ref(attr, u))
			}
		case (attr == "href" || attr == "xlink:href") && !link:
			if sc.keep(v) {
				hrefs = append(hrefs, ref(attr, string(v)))
			}
		case cssAttrs[attr]:
			for _, r := range CSS(string(v), line) {
				r.Tag, r.Attr = tagName(), attr+" "+r.Attr
				sc.out = append(sc.out, r)
			}
		case attr == "srcdoc" && nest < maxNest:
			inner := scanner{keep: sc.keep}
			inner.html(v, line, nest+1)
			for _, r := range inner.out {
				r.Attr = "srcdoc " + r.Tag + " " + r.Attr
				r.Tag = tagName()
				sc.out = append(sc.out, r)
			}
		case attr == "rel":
			rel = strings.ToLower(string(v))
		case attr == "http-equiv":
			equiv = strings.ToLower(strings.TrimSpace(string(v)))
		case attr == "content" && string(name) == "meta":
			content = string(v)
		}
	}
	if string(name) == "meta" && equiv == "refresh" {
		if u := refreshURL(content); u != "" {
			r := ref("http-equiv=refresh", u)
			r.Doc = true
			sc.out = append(sc.out, r)
		}
	}
	if string(name) == "link" {
		if !loadingRel(rel) {
			return
		}
		for i := range hrefs {
			hrefs[i].Doc = strings.Contains(rel, "stylesheet") || strings.Contains(rel, "import") || strings.Contains(rel, "manifest")
		}
	}
	sc.out = append(sc.out, hrefs...)
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
