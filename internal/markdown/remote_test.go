package markdown

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/alaqsa-ira/site/internal/remote"
)

// TestPagesLoadNothingFromOtherSites converts each way a page could make
// a browser load from another site and checks, reading the HTML as a
// browser does (package remote), that nothing does, and that the page is
// reported at the line. Raw HTML is left out of pages whatever it holds
// (goldmark's unsafe mode is off, and the transformer drops it too).
func TestPagesLoadNothingFromOtherSites(t *testing.T) {
	cases := []struct {
		name, md string
		want     string // a part of the problem reported on line 7 (Doc.Line 5, after two lines)
		below    int    // or that many lines below
	}{
		{"inline image", "![x](https://other.example/p.png)", "is on another site (other.example)", 0},
		{"upper-case scheme", "![x](HTTPS://OTHER.example/p.png)", "is on another site (other.example)", 0},
		{"protocol-relative", "![x](//other.example/p.png)", "is on another site", 0},
		{"backslash", `![x](/\other.example/p.png)`, "is on another site", 0},
		{"entity-encoded slashes", "![x](&#x2F;&#x2f;other.example/p.png)", "is on another site", 0},
		{"entity-encoded scheme", "![x](https&colon;//other.example/p.png)", "is on another site", 0},
		{"escaped slashes", `![x](\/\/other.example/p.png)`, "is on another site", 0},
		{"tab inside", "![x](/&Tab;/other.example/p.png)", "is on another site", 0},
		{"angle brackets", "![x](<//other.example/a b.png>)", "is on another site", 0},
		{"reference", "![x][r]\n\n[r]: https://other.example/p.png", "is on another site", 0},
		{"collapsed reference", "![r][]\n\n[r]: https://other.example/p.png", "is on another site", 0},
		{"shortcut reference", "![r]\n\n[r]: https://other.example/p.png", "is on another site", 0},
		{"image in a link", "[![x](https://other.example/p.png)](/about/)", "is on another site", 0},
		{"image in a table", "| a |\n|---|\n| ![x](https://other.example/p.png) |", "is on another site", 2},
		{"image in a list", "- ![x](https://other.example/p.png)", "is on another site", 0},
		{"image in a footnote", "Text.[^1]\n\n[^1]: ![x](https://other.example/p.png)", "is on another site", 2},
		{"ftp image", "![x](ftp://other.example/p.png)", "is on another site", 0},
		{"data image", "![x](data:image/svg+xml,<svg/>)", "cannot be published", 0},
		{"heading style", `## T {style="background:url(https://other.example/p.png)"}`, "the style of this heading loads", 0},
		{"heading style escaped", `## T {style="background:u\\72l(//other.example/p.png)"}`, "the style of this heading loads", 0},
		{"setext heading style", "T {style=\"background-image:image-set('https://other.example/p.png' 1x)\"}\n---", "the style of this heading loads", 0},
		{"heading src attribute", `## T {src="https://other.example/p.png" background="//other.example/b.png" poster="//other.example/c.png"}`, "", 0},
		{"raw img", "<img src=//other.example/p.png>", "raw HTML is not allowed", 0},
		{"raw inline img", "Text <img src=\"https://other.example/p.png\"> text.", "raw HTML is not allowed", 0},
		{"raw picture", "<picture><source srcset=\"https://other.example/p.webp\"><img src=\"/p.png\"></picture>", "raw HTML is not allowed", 0},
		{"raw video poster", "<video poster=\"https://other.example/p.jpg\"></video>", "raw HTML is not allowed", 0},
		{"raw iframe", "<iframe src=\"https://other.example/\"></iframe>", "raw HTML is not allowed", 0},
		{"raw audio", "<audio src=\"https://other.example/a.mp3\"></audio>", "raw HTML is not allowed", 0},
		{"raw link", "<link rel=stylesheet href=\"https://other.example/s.css\">", "raw HTML is not allowed", 0},
		{"raw object", "<object data=\"https://other.example/x\"></object>", "raw HTML is not allowed", 0},
		{"raw embed", "<embed src=\"https://other.example/x\">", "raw HTML is not allowed", 0},
		{"raw style attribute", "<p style=\"background:url(https://other.example/p.png)\">x</p>", "raw HTML is not allowed", 0},
		{"raw style element", "<style>body{background:url(https://other.example/p.png)}</style>", "raw HTML is not allowed", 0},
		{"raw inline style attribute", "a <span style=\"background:url(//other.example/p.png)\">b</span>", "raw HTML is not allowed", 0},
		{"raw noscript", "<noscript><img src=\"https://other.example/p.png\"></noscript>", "raw HTML is not allowed", 0},
		{"raw svg", "<svg><image href=\"https://other.example/p.png\"/></svg>", "raw HTML is not allowed", 0},
		{"raw base", "<base href=\"https://other.example/\">", "raw HTML is not allowed", 0},
		{"raw meta refresh", "<meta http-equiv=refresh content=\"0;url=https://other.example/\">", "raw HTML is not allowed", 0},
		{"raw script", "<script src=\"https://other.example/s.js\"></script>", "raw HTML is not allowed", 0},
		{"raw comment", "<!-- <img src=\"https://other.example/p.png\"> -->", "raw HTML is not allowed", 0},
		{"raw in a list", "- <img src=\"https://other.example/p.png\">", "raw HTML is not allowed", 0},
		{"raw in a table", "| a |\n|---|\n| <img src=\"//other.example/p.png\"> |", "raw HTML is not allowed", 2},
	}
	c := New()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var out bytes.Buffer
			res := c.Convert(&out, []byte("Intro.\n\n"+tc.md+"\n"), Doc{Path: "content/a.en.md", Line: 5, BasePath: "/"})
			for _, r := range remote.HTML(out.Bytes()) {
				if host, far := r.Remote(""); far {
					t.Errorf("the page loads %q from %s (<%s %s>):\n%s", r.URL, host, r.Tag, r.Attr, out.String())
				}
			}
			if tc.want == "" {
				return
			}
			at := fmt.Sprintf("content/a.en.md:%d: ", 7+tc.below)
			found := false
			for _, p := range res.Problems {
				found = found || (strings.HasPrefix(p.Error(), at) && strings.Contains(p.Error(), tc.want))
			}
			if !found {
				t.Errorf("no problem at %s says %q; got %v", at, tc.want, res.Problems)
			}
		})
	}
}

// TestLinksToOtherSitesStay checks that the rule is about loading: links
// to other sites, even to their images, are kept, and so are local images
// whose address only looks remote to a careless reader.
func TestLinksToOtherSitesStay(t *testing.T) {
	md := "[a](https://other.example/p.png) <https://other.example/q.png> https://other.example/r.png [m](mailto:a@other.example)\n\n" +
		"![local](/images/a.png) ![query](/images/a.png?from=//other.example) ![fragment](a.png#//other.example)\n"
	var out bytes.Buffer
	res := New().Convert(&out, []byte(md), Doc{Path: "content/a.en.md", Line: 1, BasePath: "/"})
	for _, p := range res.Problems {
		t.Errorf("problem: %v", p)
	}
	for _, want := range []string{`href="https://other.example/p.png"`, `href="https://other.example/q.png"`, `href="https://other.example/r.png"`, `src="/images/a.png"`, `src="a.png#//other.example"`} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %s:\n%s", want, out.String())
		}
	}
}

// TestRemoteImageSaysWhereToSaveThePhoto checks the fix the error gives:
// beside the page in a bundle, else in static/images/ (or in the page's
// folder once it is one), under the photo's own name.
func TestRemoteImageSaysWhereToSaveThePhoto(t *testing.T) {
	cases := []struct {
		doc  Doc
		md   string
		want []string
	}{
		{Doc{Path: "content/announcements/visit/index.en.md", Bundle: "content/announcements/visit"}, "![The delegation](https://other.example/photos/Group%20Photo.JPG?w=800)",
			[]string{"save it in this page's folder as content/announcements/visit/Group-Photo.JPG and write ![The delegation](Group-Photo.JPG)", "image button"}},
		{Doc{Path: "content/announcements/visit.ar.md"}, "![الوفد](//other.example/a.webp)",
			[]string{"save it as static/images/a.webp and write ![الوفد](/images/a.webp)", "make this page a folder, content/announcements/visit/index.ar.md"}},
		{Doc{Path: "content/about.en.md"}, "![x](https://other.example/image.php?id=4)",
			[]string{"save it as static/images/photo.jpg and write ![x](/images/photo.jpg)"}},
	}
	for _, c := range cases {
		c.doc.Line, c.doc.BasePath = 1, "/"
		res := New().Convert(&bytes.Buffer{}, []byte(c.md), c.doc)
		if len(res.Problems) != 1 {
			t.Fatalf("%s: problems %v", c.md, res.Problems)
		}
		for _, w := range c.want {
			if !strings.Contains(res.Problems[0].Error(), w) {
				t.Errorf("%s: the error lacks %q:\n%v", c.md, w, res.Problems[0])
			}
		}
	}
}

// FuzzDestination checks that a destination set with renderable renders
// as the address it was made from: goldmark resolves escapes and
// references once more when it writes an image or a link.
func FuzzDestination(f *testing.F) {
	for _, s := range []string{`a\b`, `\\`, "&amp;", "&#47;/x", `\&#47;`, "&amp;#47;", `x\`, "&", "&&#;", "\\\\&amp;amp;", "é&eacute;"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, dest []byte) {
		d := effective(dest)
		if again := effective(renderable(d)); again != d {
			t.Fatalf("effective(%q) = %q, but effective(renderable(%q)) = %q", dest, d, d, again)
		}
	})
}
