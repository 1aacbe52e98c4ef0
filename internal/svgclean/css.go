package svgclean

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/css"
)

// This file holds the one CSS check. Every piece of CSS in an SVG goes
// through it: the content of a <style> element, a style attribute, and
// the value of every other attribute (presentation attributes such as
// fill, cursor, filter or mask, and the values of animations), since the
// lists of attributes that browsers read as CSS differ and grow.
//
// CSS is read as a browser reads it: the text is preprocessed and split
// into tokens (CSS Syntax 3, package css of tdewolff/parse), and names
// and URLs are read after their escapes are undone. What it lets through
// is listed, not what it stops:
//
//   - a url() must point into the picture ("#id") or be a raster data:
//     URL without personal metadata (see rasterData);
//   - a function must be one of cssFunctions, which compute a colour, a
//     length, a transform, a shape, a filter, a gradient or a timing, or
//     select elements, or var(): image-set(), image(), src(), cross-fade(),
//     element() and any function not listed are refused, and so are
//     attr() and env(), whose value comes from outside the CSS checked.
//     var() is kept (icons use var(--colour, currentColor)): it can only
//     bring in tokens of a custom property, which are checked where it is
//     declared, and tokens are never read again as text, so no loading
//     function can come of it when none is allowed;
//   - an at-rule must be one of cssAtRules: @import is refused.
//
// A second, cruder look (disguised) then reads the text with its escapes
// undone, its comments and white space removed and its letters in lower
// case, and refuses any spelling of url( that does not point into the
// picture and any of the words that name a loading function or @import,
// even inside a string: if the tokenizer and a browser ever disagreed,
// the two looks would have to be fooled at once.

// cssFunctions lists the CSS functions (lower case, escapes undone) that
// load nothing and run nothing.
var cssFunctions = wordSet(`rgb rgba hsl hsla hwb lab lch oklab oklch color color-mix light-dark
	device-cmyk icc-color icc-named-color
	calc min max clamp round mod rem abs sign sin cos tan asin acos atan atan2 pow sqrt hypot log exp
	matrix matrix3d translate translatex translatey translatez translate3d scale scalex scaley scalez
	scale3d rotate rotatex rotatey rotatez rotate3d skew skewx skewy perspective
	blur brightness contrast drop-shadow grayscale hue-rotate invert opacity saturate sepia
	linear-gradient radial-gradient conic-gradient repeating-linear-gradient
	repeating-radial-gradient repeating-conic-gradient
	circle ellipse inset polygon path rect xywh
	cubic-bezier steps linear
	local format tech counter counters var
	not is where has nth-child nth-last-child nth-of-type nth-last-of-type lang dir
	accesskey wallclock repeat`)

// cssAtRules lists the at-rules (lower case, without '@') that load
// nothing by themselves: what is inside them is checked like the rest.
var cssAtRules = wordSet(`media supports keyframes -webkit-keyframes font-face layer container
	property counter-style page font-feature-values font-palette-values scope starting-style
	charset namespace`)

// cssLoaders are the words, in lower case, that disguised refuses
// wherever they appear.
var cssLoaders = []string{"@import", "image-set(", "image(", "src(", "cross-fade(", "element(",
	"paint(", "expression(", "attr(", "env("}

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// cssProblem returns why CSS could load something, or "" when it cannot.
// Text without a '(', an '@', a backslash or a quote has no function, no
// url(), no at-rule, no string and no escape to read, and nothing to find
// (each word disguised looks for holds a '(' or an '@'): most attribute
// values (numbers, colours, path data) are such text.
func cssProblem(s string) string {
	if !strings.ContainsAny(s, "(@\\\"'") {
		return ""
	}
	if p := tokenProblem(preprocess(s)); p != "" {
		return p
	}
	return disguised(s)
}

// valueProblem is cssProblem for the value of an attribute. The values
// attribute of an animation is a list separated by ';' whose items are
// read as CSS one by one, so each item is checked too: a string cannot
// hide a url() across a ';'.
func valueProblem(name, v string) string {
	if p := cssProblem(v); p != "" || name != "values" {
		return p
	}
	for item := range strings.SplitSeq(v, ";") {
		if p := cssProblem(item); p != "" {
			return p
		}
	}
	return ""
}

// preprocess does what CSS does to its input before reading tokens:
// CR LF, CR and FF become LF, and NUL becomes U+FFFD.
func preprocess(s string) string {
	if !strings.ContainsAny(s, "\r\f\x00") {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.NewReplacer("\r", "\n", "\f", "\n", "\x00", "\uFFFD").Replace(s)
}

// tokenProblem reads the tokens of preprocessed CSS and returns the first
// that could load something.
func tokenProblem(s string) string {
	l := css.NewLexer(parse.NewInputString(s))
	prev := css.ErrorToken
	for {
		tt, data := l.Next()
		switch tt {
		case css.ErrorToken:
			return ""
		case css.URLToken:
			if v := urlTokenValue(string(data)); !localURL(v) {
				return fmt.Sprintf("url(%s) points outside the picture", short(v))
			}
		case css.BadURLToken:
			return "it has a malformed url()"
		case css.BadStringToken:
			return "it has a string that is not closed"
		case css.FunctionToken:
			name := identName(string(data[:len(data)-1]))
			if name == "url" {
				if !urlFunction(l) {
					return "it has a url() that does not point into the picture"
				}
			} else if !cssFunctions[name] {
				return fmt.Sprintf("%s() is not a CSS function known to load nothing", short(name))
			}
		case css.LeftParenthesisToken:
			if prev == css.CustomPropertyNameToken { // --name(: a custom function
				return "it calls a custom function"
			}
		case css.AtKeywordToken:
			if name := identName(string(data[1:])); !cssAtRules[name] {
				return fmt.Sprintf("@%s is not an at-rule known to load nothing", short(name))
			}
		}
		if tt != css.WhitespaceToken && tt != css.CommentToken {
			prev = tt
		}
	}
}

// urlFunction reads the arguments of a url( function token (its name was
// spelled with escapes, or tdewolff would have read a URL token): one
// string that points into the picture.
func urlFunction(l *css.Lexer) bool {
	found := false
	for {
		tt, data := l.Next()
		switch tt {
		case css.WhitespaceToken, css.CommentToken:
		case css.StringToken:
			if found || !localURL(stringValue(string(data))) {
				return false
			}
			found = true
		case css.RightParenthesisToken:
			return found
		default:
			return false
		}
	}
}

// localURL reports whether a URL, as CSS gives it, stays inside the
// picture: "#id", or a raster picture in a data: URL. Leading C0 controls
// and spaces are ignored, as the URL parser does.
func localURL(v string) bool {
	v = trimC0(v)
	return strings.HasPrefix(v, "#") || rasterData(v)
}

// urlTokenValue returns the URL of a URL token: url( with its name
// perhaps spelled with escapes, white space, the URL unquoted (escapes
// undone) or quoted, white space and ')'.
func urlTokenValue(tok string) string {
	i := strings.IndexByte(tok, '(')
	rest := strings.TrimLeft(tok[i+1:], " \t\n")
	if rest != "" && (rest[0] == '"' || rest[0] == '\'') {
		return stringValue(rest)
	}
	rest = strings.TrimSuffix(rest, ")")
	return unescape(strings.TrimRight(rest, " \t\n"), false)
}

// stringValue returns the value of a string token: its quotes removed,
// escapes undone, escaped newlines dropped.
func stringValue(tok string) string {
	if tok == "" {
		return ""
	}
	q := tok[0]
	body := tok[1:]
	for i := 0; i < len(body); i++ {
		if body[i] == '\\' {
			i++
			continue
		}
		if body[i] == q {
			body = body[:i]
			break
		}
	}
	return unescape(body, true)
}

// identName returns a name (of a function, an at-rule) with its escapes
// undone and its ASCII letters in lower case, as CSS compares names.
func identName(s string) string { return asciiLower(unescape(s, false)) }

// unescape undoes CSS escapes (CSS Syntax 3, "consume an escaped code
// point"): a backslash and one to six hex digits, and one white space
// after them, is that code point (U+FFFD for 0, a surrogate or one past
// U+10FFFF); a backslash and another character is that character. In a
// string, a backslash before a newline or at the end is dropped.
func unescape(s string, inString bool) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		c := s[i]
		if c != '\\' {
			b.WriteByte(c)
			i++
			continue
		}
		i++
		switch {
		case i == len(s):
			if !inString {
				b.WriteRune(utf8.RuneError)
			}
		case s[i] == '\n' && inString:
			i++
		case isHex(s[i]):
			j, r := i, rune(0)
			for j < len(s) && j-i < 6 && isHex(s[j]) {
				r = r<<4 | rune(hexValue(s[j]))
				j++
			}
			if j < len(s) && (s[j] == ' ' || s[j] == '\t' || s[j] == '\n') {
				j++
			}
			if r == 0 || r > utf8.MaxRune || r >= 0xD800 && r <= 0xDFFF {
				r = utf8.RuneError
			}
			b.WriteRune(r)
			i = j
		default:
			_, n := utf8.DecodeRuneInString(s[i:])
			b.WriteString(s[i : i+n])
			i += n
		}
	}
	return b.String()
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func hexValue(c byte) byte {
	switch {
	case c >= 'a':
		return c - 'a' + 10
	case c >= 'A':
		return c - 'A' + 10
	}
	return c - '0'
}

// trimC0 removes the C0 controls and spaces at both ends of a URL, as the
// URL parser does (and nothing else: a no-break space is part of a URL).
func trimC0(v string) string {
	return strings.TrimFunc(v, func(r rune) bool { return r <= ' ' })
}

// disguised is the second look at CSS (see the top of this file): it
// returns why the text, read crudely, names something that loads. It
// reads the text twice, with and without what looks like comments (a
// "/*" inside a string is no comment), escapes undone, white space and
// controls removed, ASCII letters in lower case.
func disguised(s string) string {
	s = preprocess(s)
	for _, flat := range []string{flatten(withoutComments(s)), flatten(s)} {
		for _, w := range cssLoaders {
			if strings.Contains(flat, w) {
				return fmt.Sprintf("it spells %q", w)
			}
		}
		for rest := flat; ; {
			i := strings.Index(rest, "url(")
			if i < 0 {
				break
			}
			rest = strings.TrimLeft(rest[i+len("url("):], `"'`)
			if !strings.HasPrefix(rest, "#") && !rasterPrefix(rest) {
				return "it spells a url( that does not point into the picture"
			}
		}
	}
	return ""
}

// rasterPrefix reports whether s begins as a raster data: URL does.
func rasterPrefix(s string) bool {
	for _, t := range rasterTypes {
		if p := "data:image/" + t; strings.HasPrefix(s, p) && len(s) > len(p) && (s[len(p)] == ';' || s[len(p)] == ',') {
			return true
		}
	}
	return false
}

// withoutComments removes what looks like CSS comments, an unclosed one
// to the end.
func withoutComments(s string) string {
	var b strings.Builder
	for {
		i := strings.Index(s, "/*")
		if i < 0 {
			break
		}
		b.WriteString(s[:i])
		end := strings.Index(s[i+2:], "*/")
		if end < 0 {
			return b.String()
		}
		s = s[i+2+end+2:]
	}
	b.WriteString(s)
	return b.String()
}

// flatten undoes escapes, removes white space and controls and lowers
// ASCII letters.
func flatten(s string) string {
	return asciiLower(strings.Map(func(r rune) rune {
		if r <= ' ' || r == 0x7F {
			return -1
		}
		return r
	}, unescape(s, true)))
}
