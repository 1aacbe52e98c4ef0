package build

import (
	"os"
	"strings"
	"testing"

	"github.com/alaqsa-ira/site/internal/cms"
	"github.com/alaqsa-ira/site/internal/remote"
)

// noRemoteLoads fails the test when any page or stylesheet built loads
// from another host than the site's, but for the web editor's CDN script.
func noRemoteLoads(t *testing.T, b *built) {
	t.Helper()
	for f, data := range b.files {
		for _, r := range remoteLoads(f, data, "example.org") {
			t.Errorf("%s loads %q (<%s %s>)", f, r.URL, r.Tag, r.Attr)
		}
	}
}

// TestEveryWayToLoadFromAnotherSiteFailsTheBuildAtItsSource writes one
// remote load in each input a page is made from and checks that the build
// fails at the file and line that hold it: Markdown, front matter, data
// files, layouts (whatever the element), and files of static/.
func TestEveryWayToLoadFromAnotherSiteFailsTheBuildAtItsSource(t *testing.T) {
	page := "-- content/announcements/a.en.md --\n" + announcement("A", "", "Intro.\n\n%s")
	layoutBase, err := os.ReadFile(repoRoot + "/layouts/base.html")
	if err != nil {
		t.Fatal(err)
	}
	// What replaces %s is on line 4 of the layout.
	base := "-- layouts/base.html --\n" + strings.Replace(string(layoutBase), "<head>\n", "<head>\n%s\n", 1)
	cases := []struct {
		name, archive string
		want          []string // substrings of one error line, path:line first
	}{
		{"Markdown image", strings.Replace(page, "%s", "![x](https://other.example/p.png)", 1),
			[]string{"content/announcements/a.en.md:7: ", `the image "https://other.example/p.png" is on another site (other.example)`, "static/images/p.png"}},
		{"reference image", strings.Replace(page, "%s", "![x][r]\n\n[r]: HTTP://Other.Example/p.png", 1),
			[]string{"content/announcements/a.en.md:7: ", "is on another site (other.example)"}},
		{"protocol-relative image in a bundle", "-- content/announcements/b/index.en.md --\n" + announcement("B", "", "![x](//other.example/b/p.jpg)"),
			[]string{"content/announcements/b/index.en.md:5: ", "save it in this page's folder as content/announcements/b/p.jpg and write ![x](p.jpg)"}},
		{"heading style", strings.Replace(page, "%s", `## T {style="background:url(//other.example/p.png)"}`, 1),
			[]string{"content/announcements/a.en.md:7: ", "the style of this heading loads"}},
		{"cover photo", "-- content/announcements/a.en.md --\n" + announcement("A", "image: https://other.example/p.jpg\nimageAlt: x\n", "x"),
			[]string{"content/announcements/a.en.md:4: ", "an address on the web (on other.example)", "static/images/"}},
		{"partner logo", partnersSite + "-- data/partners.yaml --\n- id: a\n  name: {en: A, ar: أ}\n  type: university\n  logo: https://other.example/logo.svg\n  logoAlt: {en: A, ar: أ}\n",
			[]string{"data/partners.yaml:4:", "logo \"https://other.example/logo.svg\" is an address on the web", "logo: images/partners/logo.svg"}},
		{"protocol-relative partner logo", partnersSite + "-- data/partners.yaml --\n- id: a\n  name: {en: A, ar: أ}\n  type: university\n  logo: //other.example/logo.png\n  logoAlt: {en: A, ar: أ}\n",
			[]string{"data/partners.yaml:4:", "an address on the web (on other.example)"}},
		{"emblem", "-- data/site.yaml --\n" + strings.Replace(siteYAML(t), "paginate: 2", "paginate: 2\nemblem: //other.example/e.svg", 1),
			[]string{"data/site.yaml:5:", "emblem \"//other.example/e.svg\" is an address on the web (on other.example)", "emblem: /images/e.svg"}},
		{"layout script", strings.Replace(base, "%s", `<script src="https://cdn.example/lib.js"></script>`, 1),
			[]string{"layouts/base.html:4: ", "loads \"https://cdn.example/lib.js\" from another site (cdn.example, in <script src>)", "more)"}},
		{"layout stylesheet", strings.Replace(base, "%s", `<link rel="stylesheet" href="//fonts.example/css">`, 1),
			[]string{"layouts/base.html:4: ", "<link href>"}},
		{"layout icon", strings.Replace(base, "%s", `<link rel="icon" href="https://other.example/favicon.ico">`, 1),
			[]string{"layouts/base.html:4: ", "<link href>"}},
		{"layout preload", strings.Replace(base, "%s", `<link rel="preload" as="font" href="https://fonts.example/f.woff2" crossorigin>`, 1),
			[]string{"layouts/base.html:4: ", "<link href>"}},
		{"layout modulepreload", strings.Replace(base, "%s", `<link rel="modulepreload" href="https://cdn.example/m.js">`, 1),
			[]string{"layouts/base.html:4: ", "<link href>"}},
		{"layout style element", strings.Replace(base, "%s", `<style>@import "https://fonts.example/f.css";</style>`, 1),
			[]string{"layouts/base.html:4: ", "<style> @import"}},
		{"layout style attribute", strings.Replace(base, "%s", `<meta name="x" content="y"></head><body style="background:url(&quot;//other.example/bg.png&quot;)"><head>`, 1),
			[]string{"layouts/base.html:", "//other.example/bg.png", "<body style url()>"}},
		{"layout srcset", strings.Replace(base, "%s", `<link rel="preload" as="image" href="/a.png" imagesrcset="/a.png 1x, https://other.example/a2.png 2x">`, 1),
			[]string{"layouts/base.html:4: ", "imagesrcset"}},
		{"static page", "-- static/old/page.html --\n<!doctype html>\n<title>Old</title>\n<video poster=\"https://other.example/p.jpg\"></video>\n",
			[]string{"static/old/page.html: ", "web pages are not published"}}, // refused whole: what it loads is not reported again
		{"static stylesheet", "-- static/css/extra.css --\nbody { color: black }\n@font-face { font-family: X; src: url(https://fonts.example/x.woff2) }\n",
			[]string{"static/css/extra.css:2: ", "https://fonts.example/x.woff2", "in url()"}},
		{"web app manifest icon", "-- static/site.webmanifest --\n{\"name\": \"x\", \"icons\": [{\"src\": \"https://other.example/icon.png\", \"sizes\": \"192x192\"}]}\n",
			[]string{"static/site.webmanifest:1: ", "https://other.example/icon.png"}},
		{"shortcut icon of a manifest.json", "-- static/manifest.json --\n{\"shortcuts\": [{\"name\": \"a\", \"url\": \"/\", \"icons\": [{\"src\": \"//other.example/s.png\"}]}]}\n",
			[]string{"static/manifest.json:1: ", "//other.example/s.png"}},
		{"XML stylesheet", "-- static/data/list.xml --\n<?xml version=\"1.0\"?>\n<?xml-stylesheet type=\"text/xsl\" href=\"https://other.example/list.xsl\"?>\n<list/>\n",
			[]string{"static/data/list.xml:2: ", "https://other.example/list.xsl"}},
		{"XHTML image in XML", "-- static/data/page.xml --\n<?xml version=\"1.0\"?>\n<doc xmlns:h=\"http://www.w3.org/1999/xhtml\">\n<h:img src=\"https://other.example/p.png\"/>\n</doc>\n",
			[]string{"static/data/page.xml:", "https://other.example/p.png"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			lines := errorLines(t, c.archive)
			for _, l := range lines {
				if containsAll(l, c.want) {
					return
				}
			}
			t.Errorf("no error line has all of %q; got:\n%s", c.want, strings.Join(lines, "\n"))
		})
	}
}

// TestSitesOwnAddressesAndLinksToOtherSitesAreFine checks what the rule
// leaves alone: links to other sites (in Markdown, data and layouts), the
// site's own absolute addresses, images in data files' text (which is not
// Markdown: it is shown as written), and the web editor's pinned script.
func TestSitesOwnAddressesAndLinksToOtherSitesAreFine(t *testing.T) {
	b := mustBuild(t, newSite(t, partnersSite+`
-- content/announcements/a.en.md --
---
title: A
date: 2026-10-01
eventDate: 2026-12-01
attendance: online
eventURL: https://meet.other.example/room
---
See [the partner](https://other.example/) and [their photo](https://other.example/p.png), <https://other.example/q.png>.
-- data/partners.yaml --
- {id: a, name: {en: "![x](https://other.example/n.png)", ar: أ}, country: DE, type: university, url: https://other.example/}
-- layouts/partials/extra.html --
<link rel="canonical" href="https://other.example/">
`))
	noRemoteLoads(t, b)
	page := string(b.files["en/announcements/a/index.html"])
	for _, want := range []string{`href="https://other.example/"`, `href="https://other.example/p.png"`, `href="https://meet.other.example/room"`} {
		if !strings.Contains(page, want) {
			t.Errorf("the announcement lacks the link %s", want)
		}
	}
	if partners := string(b.files["en/partners/index.html"]); !strings.Contains(partners, "![x](https://other.example/n.png)") {
		t.Errorf("the partner's name is not shown as written")
	}
	editor := b.files[cms.Dir+"/index.html"]
	loads := 0
	for _, r := range remote.HTML(editor) {
		if _, far := r.Remote("example.org"); far {
			loads++
			if !editorScript(cms.Dir+"/index.html", r) {
				t.Errorf("the web editor loads %q", r.URL)
			}
		}
	}
	if loads != 1 {
		t.Errorf("the web editor loads %d files from other sites, want its CMS script only", loads)
	}
	if got := remoteLoads("en/x/index.html", []byte(`<img src="https://EXAMPLE.org/ira/a.png"><img src="//example.org:443/b.png">`), "example.org"); len(got) != 0 {
		t.Errorf("the site's own absolute addresses are taken as another site's: %+v", got)
	}
	if got := remoteLoads("admin/other.html", []byte(`<script src="`+cms.ScriptURL+`"></script>`), "example.org"); len(got) != 1 {
		t.Errorf("the CMS script is allowed outside the editor's page: %+v", got)
	}
}
