package build

import (
	"math"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// cssRule is one rule of a stylesheet: its selectors and declarations.
type cssRule struct {
	media     string // the @media condition it is inside, or ""
	selectors []string
	decls     map[string]string
}

// readCSS reads the rules of a stylesheet, flattening @media blocks.
func readCSS(t *testing.T, css string) []cssRule {
	t.Helper()
	css = regexp.MustCompile(`(?s)/\*.*?\*/`).ReplaceAllString(css, "")
	var rules []cssRule
	var media []string
	for css != "" {
		open := strings.IndexByte(css, '{')
		close := strings.IndexByte(css, '}')
		if close >= 0 && (open < 0 || close < open) { // the end of an @media block
			if len(media) == 0 {
				t.Fatalf("site.css: a } closes nothing")
			}
			media = media[:len(media)-1]
			css = css[close+1:]
			continue
		}
		if open < 0 {
			break
		}
		prelude := strings.TrimSpace(css[:open])
		if strings.HasPrefix(prelude, "@media") || strings.HasPrefix(prelude, "@supports") {
			media = append(media, prelude)
			css = css[open+1:]
			continue
		}
		end := strings.IndexByte(css[open:], '}')
		if end < 0 {
			t.Fatalf("site.css: the rule %q is never closed", prelude)
		}
		r := cssRule{media: strings.Join(media, " "), decls: map[string]string{}}
		for _, s := range strings.Split(prelude, ",") {
			r.selectors = append(r.selectors, strings.Join(strings.Fields(s), " "))
		}
		for _, d := range strings.Split(css[open+1:open+end], ";") {
			if k, v, ok := strings.Cut(d, ":"); ok {
				r.decls[strings.TrimSpace(k)] = strings.TrimSpace(v)
			}
		}
		rules = append(rules, r)
		css = css[open+end+1:]
	}
	return rules
}

// screenValue returns the value a property has in the rule for a selector,
// outside print styles.
func screenValue(rules []cssRule, selector, prop string) (string, bool) {
	val, found := "", false
	for _, r := range rules {
		if strings.Contains(r.media, "print") {
			continue
		}
		for _, s := range r.selectors {
			if v, ok := r.decls[prop]; ok && s == selector {
				val, found = v, true
			}
		}
	}
	return val, found
}

// cssColor reads a colour: #rgb, #rrggbb, or var(--x) of :root, or the
// colour of an outline or background shorthand.
func cssColor(t *testing.T, rules []cssRule, v string) [3]float64 {
	t.Helper()
	if m := regexp.MustCompile(`var\((--[a-z-]+)\)`).FindStringSubmatch(v); m != nil {
		root, ok := screenValue(rules, ":root", m[1])
		if !ok {
			t.Fatalf("site.css: %s is not set in :root", m[1])
		}
		return cssColor(t, rules, root)
	}
	hex := regexp.MustCompile(`#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})\b`).FindStringSubmatch(v)
	if hex == nil {
		t.Fatalf("site.css: %q is not a colour this test reads (#rgb, #rrggbb or var(--x))", v)
	}
	h := hex[1]
	if len(h) == 3 {
		h = string([]byte{h[0], h[0], h[1], h[1], h[2], h[2]})
	}
	var c [3]float64
	for i := range c {
		n, _ := strconv.ParseUint(h[2*i:2*i+2], 16, 8)
		c[i] = float64(n) / 255
	}
	return c
}

// contrast is the WCAG contrast ratio of two colours.
func contrast(a, b [3]float64) float64 {
	lum := func(c [3]float64) float64 {
		var l [3]float64
		for i, v := range c {
			if v <= 0.03928 {
				l[i] = v / 12.92
			} else {
				l[i] = math.Pow((v+0.055)/1.055, 2.4)
			}
		}
		return 0.2126*l[0] + 0.7152*l[1] + 0.0722*l[2]
	}
	la, lb := lum(a), lum(b)
	return (math.Max(la, lb) + 0.05) / (math.Min(la, lb) + 0.05)
}

func TestContrastOfKnownColours(t *testing.T) {
	white, black := [3]float64{1, 1, 1}, [3]float64{}
	if c := contrast(white, black); math.Abs(c-21) > 1e-9 {
		t.Errorf("white on black = %v, want 21", c)
	}
	// The old focus ring, #f0a500, on white: 2.1:1.
	rules := readCSS(t, ":root { --x: #f0a500; }")
	if c := contrast(cssColor(t, rules, "var(--x)"), white); c < 2.0 || c > 2.2 {
		t.Errorf("#f0a500 on white = %.2f, want about 2.1", c)
	}
}

// TestFocusRingContrastsWithEveryBackground computes, from site.css, the
// colour of the focus ring in each part of the page and its contrast with
// the backgrounds it is drawn on there: at least 3:1 (WCAG 1.4.11).
func TestFocusRingContrastsWithEveryBackground(t *testing.T) {
	css, err := os.ReadFile(repoRoot + "/static/css/site.css")
	if err != nil {
		t.Fatal(err)
	}
	rules := readCSS(t, string(css))
	background := func(sel string) [3]float64 {
		v, ok := screenValue(rules, sel, "background")
		if !ok {
			t.Fatalf("site.css: %s has no background", sel)
		}
		return cssColor(t, rules, v)
	}
	// The ring of an element in a part of the page: the part's own rule
	// for :focus-visible, else the page's.
	ring := func(part string) [3]float64 {
		for _, sel := range []string{part + " :focus-visible", part + ":focus-visible"} {
			if v, ok := screenValue(rules, sel, "outline-color"); ok {
				return cssColor(t, rules, v)
			}
		}
		v, ok := screenValue(rules, ":focus-visible", "outline")
		if !ok {
			t.Fatal("site.css sets no outline for :focus-visible")
		}
		return cssColor(t, rules, v)
	}
	for _, tc := range []struct {
		part        string   // where focusable elements are
		backgrounds []string // the rules whose backgrounds are around them
	}{
		{"main", []string{"html", "pre"}},                   // the page, and the tint of code blocks and category labels
		{".site-footer", []string{"html"}},                  // the footer is on the page's background
		{".site-header", []string{".site-header", ".menu"}}, // the brand bar and the menu
		{".skip", []string{".site-header"}},                 // the skip link appears over the header
	} {
		c := ring(tc.part)
		for _, bg := range tc.backgrounds {
			if r := contrast(c, background(bg)); r < 3 {
				t.Errorf("the focus ring in %s contrasts %.2f:1 with the background of %s; WCAG asks 3:1", tc.part, r, bg)
			}
		}
	}
}
