package build

import (
	"strings"
	"testing"

	"github.com/alaqsa-ira/site/internal/htmltest"
)

const movedSite = pairedSite + `
-- content/contact.en.md --
---
title: Contact
aliases: [/en/contact-us/]
---
Write to us.
-- data/redirects.yaml --
- from: /ar/page.aspx?id=12
  to: /ar/about/
- from: /ar/page.aspx?id=14
  to: /en/contact/
- from: /en/Contact.aspx
  to: /en/contact/
- from: /old/about/
  to: /en/about/
`

func TestRedirectsAndAliasesGetPagesAndRules(t *testing.T) {
	b := mustBuild(t, newSite(t, movedSite), func(o *Options) { o.BaseURL = "https://example.org/ira/" })
	for file, target := range map[string]string{
		"en/Contact.aspx":          "/ira/en/contact/",
		"old/about/index.html":     "/ira/en/about/",
		"en/contact-us/index.html": "/ira/en/contact/",
	} {
		doc := b.page(file)
		refresh := doc.One(t, htmltest.Tag("meta", "http-equiv", "refresh"), "refresh in "+file)
		if got := htmltest.AttrOf(refresh, "content"); got != "0; url="+target {
			t.Errorf("%s: refresh %q, want %s", file, got, target)
		}
		if canon := doc.One(t, htmltest.Tag("link", "rel", "canonical"), "canonical in "+file); htmltest.AttrOf(canon, "href") != "https://example.org"+target {
			t.Errorf("%s: canonical %q", file, htmltest.AttrOf(canon, "href"))
		}
	}
	// Two old pages told apart by ?id= share one file, which lists both.
	doc := b.page("ar/page.aspx")
	links := doc.All(htmltest.Tag("a"))
	if len(links) != 2 || htmltest.AttrOf(links[0], "href") != "/ira/ar/about/" || htmltest.AttrOf(links[1], "href") != "/ira/en/contact/" {
		t.Errorf("ar/page.aspx links: %d", len(links))
	}
	rules := string(b.files["_redirects"])
	for _, want := range []string{
		"/ira/ar/page.aspx id=12 /ira/ar/about/ 301!\n",
		"/ira/ar/page.aspx id=14 /ira/en/contact/ 301!\n",
		"/ira/en/Contact.aspx /ira/en/contact/ 301!\n",
		"/ira/old/about/ /ira/en/about/ 301!\n",
		"/ira/en/contact-us/ /ira/en/contact/ 301!\n",
	} {
		if !strings.Contains(rules, want) {
			t.Errorf("_redirects lacks %q:\n%s", want, rules)
		}
	}
}

func TestBadRedirectsAreErrors(t *testing.T) {
	cases := map[string]struct{ yaml, want string }{
		"missing target": {"- from: /old/\n  to: /en/nowhere/\n", "data/redirects.yaml:1: the redirect of /old/ leads to /en/nowhere/, which the site does not have"},
		"loop":           {"- from: /a/\n  to: /b/\n- from: /b/\n  to: /a/\n", "data/redirects.yaml:1: the redirect of /a/ leads to /b/, which is itself a redirect"},
		"to an alias":    {"- from: /old/\n  to: /en/contact-us/\n", "which is itself a redirect (content/contact.en.md (aliases))"},
		"to itself":      {"- from: /a/\n  to: /a/\n", "data/redirects.yaml:2:7: this redirect leads to itself"},
		"twice":          {"- from: /a/\n  to: /en/about/\n- from: /a/\n  to: /ar/about/\n", "data/redirects.yaml:3:9: /a/ is redirected twice (first on line 1)"},
		"outside":        {"- from: /a/\n  to: https://example.org/\n", "data/redirects.yaml:2:7: to \"https://example.org/\" must be an address on this site"},
		"over a page":    {"- from: /en/about/\n  to: /en/contact/\n", "data/redirects.yaml:1: two outputs have the same address /en/about/"},
	}
	base := strings.Split(movedSite, "-- data/redirects.yaml --")[0]
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			lines := errorLines(t, base+"-- data/redirects.yaml --\n"+c.yaml)
			for _, l := range lines {
				if strings.Contains(l, c.want) {
					return
				}
			}
			t.Errorf("no error %q in:\n%s", c.want, strings.Join(lines, "\n"))
		})
	}
}
