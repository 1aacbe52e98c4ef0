package svgclean

import "strings"

// safeRef reports whether an href stays inside the document or is a
// raster picture in a data: URL.
func safeRef(v string) bool {
	v = strings.TrimSpace(v)
	return strings.HasPrefix(v, "#") || rasterData(v)
}

// rasterData reports a data: URL of a PNG, JPEG, GIF or WebP picture.
// (An SVG in a data: URL could hold anything again, so it is not kept.)
func rasterData(v string) bool {
	lower := asciiLower(v[:min(len(v), 20)])
	for _, t := range []string{"png", "jpeg", "jpg", "gif", "webp"} {
		p := "data:image/" + t
		if strings.HasPrefix(lower, p) && len(lower) > len(p) && (lower[len(p)] == ';' || lower[len(p)] == ',') {
			return true
		}
	}
	return false
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
		if !strings.HasPrefix(arg, "#") && !rasterData(arg) {
			return false
		}
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
