package remote

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/alaqsa-ira/site/internal/hangtest"
)

// FuzzHost reads any address: a host is given exactly when it is said to
// be, and, as in a browser, tabs and line breaks anywhere in the address
// and spaces around it change nothing.
func FuzzHost(f *testing.F) {
	for _, s := range []string{"https://o.example/a.png", "//o.example", `/\o.example/x`, "HTTP:o.example", "data:image/png,x",
		"ht\ttps://o.example", "//%6F.example", "//[::1]:80/", "mailto:a@b", "/images/a.png", "x:", "file:///x", "https://u@h:1@o.example"} {
		f.Add(s, 3)
	}
	f.Fuzz(func(t *testing.T, u string, at int) {
		host, ok := Host(u)
		if ok != (host != "") {
			t.Fatalf("Host(%q) = %q, %v", u, host, ok)
		}
		if ok && plainlyLocal([]byte(u)) {
			t.Fatalf("plainlyLocal(%q), but Host gives %q", u, host)
		}
		at = min(max(at, 0), len(u))
		for _, v := range []string{u[:at] + "\t" + u[at:], u[:at] + "\n" + u[at:], " " + u + " \x00"} {
			if h, k := Host(v); h != host || k != ok {
				t.Fatalf("Host(%q) = %q, %v but Host(%q) = %q, %v", u, host, ok, v, h, k)
			}
		}
	})
}

// FuzzCSS reads any stylesheet: it ends, every address it gives is on a
// line of the stylesheet, and a load written before anything else is
// always found.
func FuzzCSS(f *testing.F) {
	for _, s := range []string{"a{background:url(https://o.example/a.png)}", "@import 'x.css';", "u\\72l(//o.example)", "ur/**/l(x)",
		"image-set('a' 1x, url(b) 2x)", "-webkit-image-set(\"a\")", "url(", "'", "\\", "\\0", "\\110000", "/*", "@import", "cross-fade(((", "x\n\r\f\\\ny"} {
		f.Add(s)
	}
	const first = "a{background:url(https://fuzz.example/x.png)}\n"
	f.Fuzz(func(t *testing.T, css string) {
		var refs []Ref
		hangtest.Run(t, fmt.Sprintf("reading %.60q", css), func() { refs = CSS(css, 5) })
		last := 5 + strings.Count(css, "\n") + strings.Count(css, "\r") + strings.Count(css, "\f")
		for _, r := range refs {
			if r.Line < 5 || r.Line > last {
				t.Fatalf("CSS(%q): %+v is past the lines 5 to %d", css, r, last)
			}
		}
		if refs := CSS(first+css, 1); len(refs) == 0 || refs[0].URL != "https://fuzz.example/x.png" {
			t.Fatalf("CSS(%q) misses the first load: %+v", first+css, refs)
		}
	})
}

// FuzzHTML reads any page: it ends, every address it gives is on a line of
// the page (or of what its character references decode to), and a load
// written before anything else is always found.
func FuzzHTML(f *testing.F) {
	for _, s := range []string{`<img src=//o.example/a.png>`, `<img srcset="a 1x, b 2x,,, c">`, `<link rel=stylesheet href=x>`, `<style>a{b:url(c)}</style>`,
		`<noscript><img src=x></noscript>`, `<iframe srcdoc="<img src=x>">`, `<meta http-equiv=refresh content="0;url=x">`, `<svg><use xlink:href=x /></svg>`,
		`<a href=x ping="y z">`, `<div style="a:url(b)">`, `<p title="&#10;">`, "<style>", "<noscript>", `<img srcset="(,">`,
		`<img/src=//o.example/a>`, `<img alt="x"src=//o.example/a>`, `<IMG SRC=//o.example/a>`, `<svg><use XLINK:HREF=//o.example/a /></svg>`,
		`<a title=x href=//o.example/ Style="background:url(//o.example/b)">`, `<img alt=x/src=//o.example/a>`} {
		f.Add([]byte(s))
	}
	const first = `<img src="https://fuzz.example/x.png">`
	f.Fuzz(func(t *testing.T, page []byte) {
		var refs []Ref
		hangtest.Run(t, fmt.Sprintf("reading %.60q", page), func() { refs = HTML(page) })
		last := 1 + bytes.Count(page, []byte("\n")) + bytes.Count(page, []byte("&"))
		for _, r := range refs {
			if r.Line < 1 || r.Line > last {
				t.Fatalf("HTML(%q): %+v is past the lines 1 to %d", page, r, last)
			}
		}
		refs = HTML(page)
		if refs := HTML(append([]byte(first), page...)); len(refs) == 0 || refs[0].URL != "https://fuzz.example/x.png" {
			t.Fatalf("HTML(%q) misses the first load: %+v", page, refs)
		}
		// RemoteHTML, which passes over plainly local addresses, finds
		// every remote load HTML finds.
		var want []Ref
		for _, r := range refs {
			if _, far := r.Remote("own.example"); far {
				want = append(want, r)
			}
		}
		if got := RemoteHTML(page, "own.example"); !slices.Equal(got, want) {
			t.Fatalf("RemoteHTML(%q) = %+v, but HTML finds %+v", page, got, want)
		}
	})
}
