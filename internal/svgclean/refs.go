package svgclean

import (
	"encoding/base64"
	"net/url"
	"strings"

	"github.com/alaqsa-ira/site/internal/metadata"
)

// safeRef reports whether an href stays inside the document or is a
// raster picture in a data: URL.
func safeRef(v string) bool {
	v = strings.TrimSpace(v)
	return strings.HasPrefix(v, "#") || rasterData(v)
}

// rasterData reports a data: URL of a PNG, JPEG, GIF or WebP picture
// that carries no metadata naming a person or a place (see package
// metadata). (An SVG in a data: URL could hold anything again, so it is
// not kept.) The URL ends at the end of v or at a quote or ')', as in CSS.
func rasterData(v string) bool {
	ok, _ := rasterDataLen(v)
	return ok
}

// rasterDataLen is rasterData, and also returns the length of the URL.
func rasterDataLen(v string) (bool, int) {
	lower := asciiLower(v[:min(len(v), 20)])
	for _, t := range []string{"png", "jpeg", "jpg", "gif", "webp"} {
		p := "data:image/" + t
		if strings.HasPrefix(lower, p) && len(lower) > len(p) && (lower[len(p)] == ';' || lower[len(p)] == ',') {
			rest := v[len(p):]
			if end := strings.IndexAny(rest, `)'"`); end >= 0 {
				rest = rest[:end]
			}
			return cleanPicture(rest), len(p) + len(rest)
		}
	}
	return false, 0
}

// cleanPicture decodes the rest of a data: URL (";base64,..." or
// ",...") and reports whether the picture carries no personal metadata.
func cleanPicture(rest string) bool {
	params, payload, ok := strings.Cut(rest, ",")
	if !ok {
		return false
	}
	var data []byte
	var err error
	if strings.HasSuffix(asciiLower(params), ";base64") {
		data, err = base64.StdEncoding.DecodeString(strings.Map(func(r rune) rune {
			if r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' {
				return -1
			}
			return r
		}, payload))
	} else {
		var s string
		s, err = url.PathUnescape(payload)
		data = []byte(s)
	}
	return err == nil && len(metadata.Scan(data).Personal()) == 0
}

// safeCSS reports whether CSS (a <style> element, a style attribute, or
// a presentation attribute such as fill="url(#g)") can load nothing: every
// url() points into the document or is a raster data: URL, and it has no
// @import, no escapes (which could spell either in disguise), and none of
// the other functions or properties that load or run something.
func safeCSS(s string) bool {
	lower := asciiLower(s)
	if strings.Contains(lower, "\\") {
		return false
	}
	for _, bad := range []string{"@import", "image-set(", "image(", "src(", "expression(", "-moz-binding", "behavior", "javascript:", "@namespace"} {
		if strings.Contains(lower, bad) {
			return false
		}
	}
	return safeURLs(s)
}

// safeURLs reports whether every url() of an attribute's value points
// into the document or is a raster data: URL.
func safeURLs(s string) bool {
	lower := asciiLower(s) // the same length as s
	for i := 0; ; {
		j := strings.Index(lower[i:], "url(")
		if j < 0 {
			return true
		}
		i += j + len("url(")
		arg := strings.TrimLeft(s[i:], " \t\r\n\f")
		arg = strings.TrimLeft(arg, `"'`)
		arg = strings.TrimLeft(arg, " \t\r\n\f")
		if strings.HasPrefix(arg, "#") {
			continue
		}
		ok, n := rasterDataLen(arg)
		if !ok {
			return false
		}
		i = len(s) - len(arg) + n // past the picture: each byte is read once
	}
}

// asciiLower lowers the ASCII letters of s only, so that indexes into the
// result are indexes into s.
func asciiLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
