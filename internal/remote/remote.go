// Package remote finds what would make a reader's browser load something
// from another site.
//
// Pages of the site load only the site's own files: a photo, a font or a
// stylesheet fetched from another host tells that host who reads which
// page, fails when the reader is offline or the host is gone, and is not
// the office's to answer for. This package is the one place that knows how
// a browser reads an address and which parts of a page and of a stylesheet
// make it load one. It is used where an address enters the site (an image
// in Markdown, a heading's style, a logo or emblem in a data file) and on
// every page and stylesheet the build writes, as a last check that nothing
// slipped past the first ones.
//
// Host reads an address as a browser does (WHATWG URL): spaces and control
// characters around it are dropped, tabs and line breaks inside it are
// ignored, the scheme is case-insensitive, a backslash is a slash, and an
// address that starts with two slashes (//host/x.png, /\host/x.png) is on
// another host in the page's scheme. HTML lists the addresses a page loads
// (src, srcset, poster, data, background, <link> of a stylesheet, icon or
// preload, SVG href, style attributes and <style>, <noscript>, srcdoc, a
// refresh); CSS lists those a stylesheet loads (url(), image-set(),
// @import, src()), after CSS escapes are decoded. A link (<a href>) is not
// a load: readers follow it when they choose to.
package remote

import (
	"net/url"
	"strings"
)

// Ref is one address a page or a stylesheet loads.
type Ref struct {
	URL  string // as the browser has it: HTML entities and CSS escapes decoded
	Tag  string // the element, lower case ("img"); "" in a stylesheet
	Attr string // the attribute ("srcset"), "style" or "<style>", or in CSS "url()", "@import"...
	Line int    // 1-based line of the element or the CSS that holds it
	// Doc marks an address loaded as a document, script or stylesheet (an
	// <iframe>, <object>, <script>, <link rel=stylesheet>, @import), which
	// can load more on its own: there even a data: URL is not inert.
	Doc bool
}

// Remote returns the host r makes the browser ask, when it is another than
// own (the site's host name, "" for none), and true; else "", false.
func (r Ref) Remote(own string) (string, bool) {
	if r.Doc && isData(r.URL) {
		return "data:", true
	}
	h, ok := Host(r.URL)
	if !ok || (own != "" && h == hostname(strings.ToLower(own))) {
		return "", false
	}
	return h, true
}

// special are the schemes whose addresses always have a host, however
// many slashes (or backslashes) follow the colon, as browsers read them.
var special = map[string]bool{"http": true, "https": true, "ws": true, "wss": true, "ftp": true, "file": true}

// inert are the schemes that name no host: what they load is in the
// address itself (data:), made by the page's script (blob:), or nothing.
var inert = map[string]bool{"data": true, "blob": true, "about": true, "javascript": true, "mailto": true, "tel": true, "sms": true}

// Host returns the host a browser would ask for u, when u is loaded by a
// page of the site, and true; or "", false when loading u asks no host:
// a path, a fragment, a data: URL. The host is lower-case, without user
// or port ("file:" for a file: URL, which names the reader's own disk).
func Host(u string) (string, bool) {
	u = browserForm(u)
	sc, rest := splitScheme(u)
	switch {
	case sc == "file":
		return "file:", true
	case special[sc]:
		return authority(strings.TrimLeft(rest, `/\`))
	case sc != "" && inert[sc]:
		return "", false
	case sc != "":
		// Another scheme reaches a host only through //host.
		if strings.HasPrefix(rest, "//") {
			return authority(rest[2:])
		}
		return "", false
	case len(u) >= 2 && isSlash(u[0]) && isSlash(u[1]):
		return authority(strings.TrimLeft(u, `/\`))
	}
	return "", false
}

// browserForm is u as a URL parser starts from it: without the C0 control
// characters and spaces around it, and without the tabs and line breaks
// inside it.
func browserForm(u string) string {
	u = strings.TrimFunc(u, func(r rune) bool { return r <= ' ' })
	if strings.ContainsAny(u, "\t\n\r") {
		u = strings.NewReplacer("\t", "", "\n", "", "\r", "").Replace(u)
	}
	return u
}

// splitScheme returns u's scheme, lower-case, and what follows its colon;
// or "", u when u has none.
func splitScheme(u string) (string, string) {
	for i := 0; i < len(u); i++ {
		c := u[i]
		switch {
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
		case i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.'):
		case i > 0 && c == ':':
			return strings.ToLower(u[:i]), u[i+1:]
		default:
			return "", u
		}
	}
	return "", u
}

func isSlash(c byte) bool { return c == '/' || c == '\\' }

// authority returns the host of s, the address past the slashes that open
// its authority: up to the path, query or fragment, without user and
// port, percent-decoded and lower-case. An empty host fails to load.
func authority(s string) (string, bool) {
	if i := strings.IndexAny(s, `/\?#`); i >= 0 {
		s = s[:i]
	}
	if i := strings.LastIndexByte(s, '@'); i >= 0 {
		s = s[i+1:]
	}
	s = hostname(s)
	if strings.HasPrefix(s, "[") {
		if !strings.HasSuffix(s, "]") {
			return "", false
		}
		return s, true // an IPv6 address
	}
	if un, err := url.PathUnescape(s); err == nil {
		s = un
	}
	if strings.ContainsFunc(s, forbidden) {
		return "", false // the browser refuses the address
	}
	s = strings.TrimSuffix(strings.ToLower(s), ".")
	return s, s != ""
}

// forbidden reports the characters a host name may not hold (the URL
// standard's forbidden domain code points).
func forbidden(r rune) bool {
	return r <= ' ' || r == 0x7f || strings.ContainsRune("#%/:<>?@[\\]^|", r)
}

// hostname drops the port from host:port (or [v6]:port).
func hostname(s string) string {
	if strings.HasPrefix(s, "[") {
		if i := strings.IndexByte(s, ']'); i > 0 {
			return s[:i+1]
		}
		return s
	}
	if i := strings.LastIndexByte(s, ':'); i >= 0 {
		return s[:i]
	}
	return s
}

func isData(u string) bool {
	sc, _ := splitScheme(browserForm(u))
	return sc == "data"
}
