package svgclean

import (
	"encoding/base64"
	"net/url"
	"strings"

	"github.com/alaqsa-ira/site/internal/metadata"
)

// refAttrs lists the attributes (lower case, without a prefix) whose value
// is a URL in SVG or in HTML: such a value must stay inside the document
// (safeRef), and an animation may not change it.
var refAttrs = wordSet(`href src srcset ping action formaction data poster background codebase
	cite longdesc lowsrc dynsrc manifest archive classid usemap profile icon base`)

// safeRef reports whether a URL-valued attribute stays inside the
// document or is a raster picture in a data: URL. Leading and trailing C0
// controls and spaces are ignored, as the URL parser does; any other
// character before the '#' (a no-break space, say) makes the value a path
// to another file.
func safeRef(v string) bool {
	v = trimC0(v)
	return strings.HasPrefix(v, "#") || rasterData(v)
}

// rasterTypes are the kinds of picture a data: URL may hold.
var rasterTypes = []string{"png", "jpeg", "jpg", "gif", "webp"}

// rasterData reports whether the whole of v is a data: URL of a PNG,
// JPEG, GIF or WebP picture that carries no metadata naming a person or a
// place (see package metadata). (An SVG in a data: URL could hold
// anything again, so it is not kept.)
func rasterData(v string) bool {
	lower := asciiLower(v[:min(len(v), 20)])
	for _, t := range rasterTypes {
		p := "data:image/" + t
		if strings.HasPrefix(lower, p) && len(lower) > len(p) && (lower[len(p)] == ';' || lower[len(p)] == ',') {
			return cleanPicture(v[len(p):])
		}
	}
	return false
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
