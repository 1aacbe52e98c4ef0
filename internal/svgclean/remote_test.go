package svgclean

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"regexp"
	"strings"
	"testing"
)

// This file holds the tests' own detector of references to elsewhere in a
// cleaned SVG. It shares no code with the cleaner: it parses the output
// again, and reads every attribute and every <style> crudely, with
// regular expressions, the way an attacker would hope a browser reads it.

var (
	detEscape  = regexp.MustCompile(`(?s)\\(?:([0-9a-fA-F]{1,6})[ \t\n]?|\n|(.)|$)`)
	detComment = regexp.MustCompile(`(?s)/\*.*?(?:\*/|$)`)
	detLoader  = regexp.MustCompile(`@import|image-set\(|image\(|src\(|cross-fade\(|element\(|paint\(|expression\(|attr\(|env\(`)
	detURL     = regexp.MustCompile(`url\(["']*`)
	detLocal   = regexp.MustCompile(`^(?:#|data:image/(?:png|jpeg|jpg|gif|webp)[;,])`)
	detRefName = regexp.MustCompile(`^(?:href|src|srcset|ping|action|formaction|data|poster|background|codebase|cite|longdesc|lowsrc|dynsrc|manifest|archive|classid|usemap|profile|icon|base)$`)
	detLabel   = regexp.MustCompile(`^(?:id|class|role|lang|tabindex|aria-.*)$`)
	detTarget  = regexp.MustCompile(`^\s*(?:[^:]*:)?(?:href|src|ping|base|style|on.*)\s*$`)
)

// detUnescape undoes CSS escapes.
func detUnescape(s string) string {
	return detEscape.ReplaceAllStringFunc(s, func(m string) string {
		sub := detEscape.FindStringSubmatch(m)
		switch {
		case sub[1] != "":
			var r rune
			fmt.Sscanf(sub[1], "%x", &r)
			if r == 0 || r > 0x10FFFF || r >= 0xD800 && r <= 0xDFFF {
				r = 0xFFFD
			}
			return string(r)
		case sub[2] != "":
			return sub[2]
		}
		return ""
	})
}

// detFlat removes white space and controls and lowers ASCII letters.
func detFlat(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r <= ' ' || r == 0x7F:
		case r >= 'A' && r <= 'Z':
			b.WriteRune(r + 'a' - 'A')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// cssLoads returns what in CSS could load a file, or "".
func cssLoads(css string) string {
	css = strings.NewReplacer("\r\n", "\n", "\r", "\n", "\f", "\n", "\x00", "\uFFFD").Replace(css)
	for _, reading := range []string{detComment.ReplaceAllString(css, ""), css} {
		flat := detFlat(detUnescape(reading))
		if m := detLoader.FindString(flat); m != "" {
			return m
		}
		for _, loc := range detURL.FindAllStringIndex(flat, -1) {
			if !detLocal.MatchString(flat[loc[1]:]) {
				return flat[loc[0]:min(len(flat), loc[1]+30)]
			}
		}
	}
	return ""
}

// urlLoads returns a URL-valued attribute's value if it leads elsewhere.
func urlLoads(v string) string {
	if detLocal.MatchString(strings.TrimFunc(v, func(r rune) bool { return r <= ' ' })) {
		return ""
	}
	return v
}

// remoteRefs parses a cleaned SVG and lists every attribute and <style>
// that could load something.
func remoteRefs(out []byte) ([]string, error) {
	var found []string
	var style *strings.Builder
	d := xml.NewDecoder(bytes.NewReader(out))
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return found, nil
		}
		if err != nil {
			return found, err
		}
		switch v := tok.(type) {
		case xml.StartElement:
			if v.Name.Local == "style" {
				style = new(strings.Builder)
			}
			for _, a := range v.Attr {
				if a.Name.Local == "attributeName" && detTarget.MatchString(strings.ToLower(a.Value)) {
					found = append(found, fmt.Sprintf("<%s> animates %s", v.Name.Local, a.Value))
				}
				if bad := attrLoads(a); bad != "" {
					found = append(found, fmt.Sprintf("<%s %s=%q>: %s", v.Name.Local, a.Name.Local, a.Value, bad))
				}
			}
		case xml.ProcInst:
			if v.Target != "xml" {
				found = append(found, fmt.Sprintf("<?%s %s?>", v.Target, v.Inst))
			}
		case xml.Directive:
			found = append(found, fmt.Sprintf("<!%s>", v))
		case xml.CharData:
			if style != nil {
				style.Write(v)
			}
		case xml.EndElement:
			if v.Name.Local == "style" && style != nil {
				if bad := cssLoads(style.String()); bad != "" {
					found = append(found, fmt.Sprintf("<style>%s</style>: %s", style, bad))
				}
				style = nil
			}
		}
	}
}

// attrLoads returns what in an attribute could load something, or "".
func attrLoads(a xml.Attr) string {
	name := strings.ToLower(a.Name.Local)
	switch {
	case a.Name.Space == "xmlns" || a.Name.Space == "" && a.Name.Local == "xmlns":
		return ""
	case a.Name.Space == "http://www.w3.org/1999/xlink" && name == "href":
		return urlLoads(a.Value)
	case a.Name.Space == "http://www.w3.org/XML/1998/namespace" && (name == "space" || name == "lang"):
		return ""
	case a.Name.Space != "":
		return "an attribute of another namespace"
	case strings.HasPrefix(name, "on"):
		return "an event handler"
	case detRefName.MatchString(name):
		return urlLoads(a.Value)
	case detLabel.MatchString(name):
		return ""
	}
	return cssLoads(a.Value)
}

// noRemote fails the test if a cleaned SVG could still load something.
func noRemote(t testing.TB, out []byte) {
	t.Helper()
	found, err := remoteRefs(out)
	if err != nil {
		t.Fatalf("output does not parse: %v\n%s", err, out)
	}
	for _, f := range found {
		t.Errorf("still loads: %s\n%s", f, out)
	}
}

// TestDetectorFindsEveryVector keeps the detector honest: every hostile
// vector, as it is, is found by it.
func TestDetectorFindsEveryVector(t *testing.T) {
	for _, v := range hostile {
		found, err := remoteRefs([]byte(head + v.body + `</svg>`))
		if err != nil || len(found) == 0 {
			t.Errorf("%s: the detector finds nothing in %s (%v)", v.name, v.body, err)
		}
	}
}
