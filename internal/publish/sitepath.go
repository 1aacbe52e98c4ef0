package publish

import (
	"fmt"
	"path"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The longest path, and the longest element of one, that a site may have:
// what Linux and macOS allow (PATH_MAX, NAME_MAX), in bytes.
const (
	maxPath    = 4096
	maxElement = 255
)

// pathProblem says why p cannot name a file of the site, or returns "" when
// it can. It is the one rule for a site's paths: Tx.Write holds the build
// to it, and every record of a manifest read back is checked against it,
// so that a manifest written by site build always reads back, and one that
// was not can name nothing outside the destination. A site path is
// relative, slash-separated and clean (path.Clean leaves it as it is): no
// empty, "." or ".." element, no leading or trailing slash; valid UTF-8
// with no control character (NUL, a line break...) and no backslash (a
// folder separator on Windows); and no longer than a file system takes.
func pathProblem(p string) string {
	switch {
	case p == "":
		return "is empty"
	case len(p) > maxPath:
		return fmt.Sprintf("is %d bytes long, longer than any path a file system takes (%d)", len(p), maxPath)
	case !utf8.ValidString(p):
		return "is not valid UTF-8"
	case strings.HasPrefix(p, "/"):
		return "is an absolute path"
	case strings.HasSuffix(p, "/"):
		return "ends in /: it names a folder, and a record names a file"
	}
	for _, r := range p {
		if unicode.IsControl(r) {
			return fmt.Sprintf("holds a control character (%U)", r)
		}
	}
	if strings.Contains(p, `\`) {
		return `holds a backslash (\), which Windows takes for a folder separator`
	}
	for elem := range strings.SplitSeq(p, "/") {
		switch {
		case elem == "":
			return "has an empty element (//)"
		case elem == ".":
			return `has a "." element`
		case elem == "..":
			return `has a ".." element, which leads out of the folder above it`
		case len(elem) > maxElement:
			return fmt.Sprintf("has an element %d bytes long, longer than a file system takes (%d)", len(elem), maxElement)
		}
	}
	// What the checks above leave is clean; and on Windows, a path such as
	// "C:x" or "NUL" is not inside the folder it is joined to.
	if path.Clean(p) != p || !filepath.IsLocal(filepath.FromSlash(p)) {
		return "is not a path inside the site on this system"
	}
	return ""
}

// validPath reports whether p names a file inside the site (see
// pathProblem).
func validPath(p string) bool { return pathProblem(p) == "" }
