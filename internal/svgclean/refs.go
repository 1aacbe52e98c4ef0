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
	lower := strings.ToLower(v)
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
	lower := strings.ToLower(s)
	if strings.ContainsAny(lower, "\\") {
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
	rest := s
	for {
		i := strings.Index(strings.ToLower(rest), "url(")
		if i < 0 {
			return true
		}
		rest = rest[i+len("url("):]
		arg := strings.TrimLeft(rest, " \t\r\n\f")
		arg = strings.TrimLeft(arg, `"'`)
		arg = strings.TrimLeft(arg, " \t\r\n\f")
		if !strings.HasPrefix(arg, "#") && !rasterData(arg) {
			return false
		}
	}
}
