package remote

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// CSS returns the addresses a stylesheet (or a style attribute, or the
// value of an SVG presentation attribute) loads: the address of every
// url(...) and src(...), every string inside image-set(), image() and
// cross-fade(), and the string after @import. line is the line css starts
// on, for Ref.Line.
//
// It reads more than a browser would, never less: comments are removed
// first and CSS escapes decoded (so u\72l( and ur/**/l( are read as url(,
// and \2f\2f as //), and a function is known by the end of its name, so
// -webkit-image-set( is image-set(. A stylesheet written to load another
// site's file is found however it is spelled; one that merely looks like
// it (a url( inside a string) is reported too, which only a stylesheet
// written to confuse would do.
func CSS(css string, line int) []Ref {
	if !strings.ContainsAny(css, `(@\`) {
		return nil
	}
	s := decodeCSS(css)
	low := asciiLower(s)
	var out []Ref
	for i := 0; i < len(low); i++ {
		switch low[i] {
		case '(':
			fn, start := funcName(low[:i])
			ln := line + strings.Count(s[:i], "\n")
			switch fn {
			case "url", "src":
				// url( after @import loads a stylesheet.
				doc := strings.HasSuffix(strings.TrimRight(low[:start], cssSpace), "@import")
				if u, ok := urlArg(s[i+1:]); ok {
					out = append(out, Ref{URL: u, Attr: fn + "()", Line: ln, Doc: doc})
				}
			case "image-set", "image", "cross-fade":
				for _, u := range stringArgs(s[i+1:]) {
					out = append(out, Ref{URL: u, Attr: fn + "()", Line: ln})
				}
			}
		case '@':
			if strings.HasPrefix(low[i:], "@import") {
				if u, ok := stringAt(strings.TrimLeft(s[i+len("@import"):], cssSpace)); ok {
					out = append(out, Ref{URL: u, Attr: "@import", Line: line + strings.Count(s[:i], "\n"), Doc: true})
				}
			}
		}
	}
	return out
}

// cssSpace is CSS's white space.
const cssSpace = " \t\n\r\f"

// funcName returns the name of the function whose "(" ends s, and where
// it starts: the run of name characters before it, from its last hyphen
// (so that a prefixed -webkit-image-set is image-set, and image-set and
// cross-fade stay whole).
func funcName(s string) (string, int) {
	j := len(s)
	for j > 0 && isNameByte(s[j-1]) {
		j--
	}
	name := s[j:]
	for _, f := range []string{"image-set", "cross-fade"} {
		if strings.HasSuffix(name, f) {
			return f, j
		}
	}
	if k := strings.LastIndexByte(name, '-'); k >= 0 {
		name = name[k+1:]
	}
	return name, j
}

func isNameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c >= 0x80
}

// urlArg returns the address of url( whose text follows "(": a string, or
// the text up to ")" without the white space around it.
func urlArg(s string) (string, bool) {
	s = strings.TrimLeft(s, cssSpace)
	if u, ok := stringAt(s); ok {
		return u, true
	}
	end := strings.IndexByte(s, ')')
	if end < 0 {
		end = len(s)
	}
	u := strings.TrimSpace(s[:end])
	return u, u != ""
}

// stringArgs returns the strings among the arguments that follow "(", up
// to the parenthesis that closes it (nested ones included).
func stringArgs(s string) []string {
	var out []string
	depth := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '(':
			depth++
		case ')':
			if depth == 0 {
				return out
			}
			depth--
		case '"', '\'':
			u, _ := stringAt(s[i:])
			out = append(out, u)
			end := strings.IndexByte(s[i+1:], s[i])
			if end < 0 {
				return out
			}
			i += end + 1
		}
	}
	return out
}

// stringAt returns the text of the CSS string s starts with, up to its
// closing quote or the end.
func stringAt(s string) (string, bool) {
	if s == "" || (s[0] != '"' && s[0] != '\'') {
		return "", false
	}
	if end := strings.IndexByte(s[1:], s[0]); end >= 0 {
		return s[1 : 1+end], true
	}
	return s[1:], true
}

// decodeCSS removes comments, keeping their line breaks, and decodes CSS
// escapes: a backslash and one to six hex digits (and one white space
// after them) is that character (a line break, nothing), a backslash and a line break is nothing,
// a backslash and any other character is that character.
func decodeCSS(s string) string {
	if !strings.Contains(s, "/*") && !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		switch {
		case strings.HasPrefix(s[i:], "/*"):
			end := strings.Index(s[i+2:], "*/")
			if end < 0 {
				end = len(s) - i - 2
			}
			b.WriteString(strings.Repeat("\n", strings.Count(s[i:i+2+end], "\n")))
			i += 2 + end + 2
		case s[i] == '\\':
			i = unescape(&b, s, i+1)
		default:
			b.WriteByte(s[i])
			i++
		}
	}
	return b.String()
}

// unescape writes the character escaped at s[i:] (just past a backslash)
// and returns the index after the escape.
func unescape(b *strings.Builder, s string, i int) int {
	if i >= len(s) {
		return i
	}
	j := i
	for j < len(s) && j-i < 6 && isHex(s[j]) {
		j++
	}
	if j == i {
		if s[i] == '\n' || s[i] == '\f' {
			return i + 1
		}
		if s[i] == '\r' {
			return i + 1 + btoi(i+1 < len(s) && s[i+1] == '\n')
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		b.WriteString(s[i : i+size])
		return i + size
	}
	n, _ := strconv.ParseUint(s[i:j], 16, 32)
	r := rune(n)
	if n == 0 || n > utf8.MaxRune || (r >= 0xD800 && r <= 0xDFFF) {
		r = utf8.RuneError
	}
	if r != '\n' && r != '\r' && r != '\f' {
		// An escaped line break is left out, as a URL parser leaves it
		// out of an address, so that lines stay those of the source.
		b.WriteRune(r)
	}
	if j < len(s) && strings.IndexByte(" \t\n\f", s[j]) >= 0 {
		j++
	} else if j < len(s) && s[j] == '\r' {
		j += 1 + btoi(j+1 < len(s) && s[j+1] == '\n')
	}
	return j
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

func isHex(c byte) bool { return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }

// asciiLower lower-cases the ASCII letters of s, keeping every byte where
// it is.
func asciiLower(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if b[j] >= 'A' && b[j] <= 'Z' {
					b[j] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}
