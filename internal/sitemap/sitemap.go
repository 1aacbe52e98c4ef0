// Package sitemap writes the XML sitemap (sitemaps.org 0.9) with hreflang
// alternates, and robots.txt pointing to it.
//
// Every translated page lists all its language versions, itself included,
// as xhtml:link elements, and an x-default version (the default language's),
// as search engines expect; a page in one language only has none.
//
// Crawlers read robots.txt only at the root of a host
// (https://example.edu/robots.txt). A site published at a sub-path
// (https://example.edu/ira/) still gets its robots.txt, which counts where
// the sub-path is served as a host of its own, but its sitemap is found
// only when the host's robots.txt names it or it is submitted to the
// search engines: HostRobots says which line to add where.
package sitemap

import (
	"bufio"
	"encoding/xml"
	"io"
	"net/url"
	"time"
)

// URL is one page of the sitemap.
type URL struct {
	Loc        string
	Lastmod    time.Time
	Alternates []Alternate
}

// Alternate is one language version of a page.
type Alternate struct {
	Hreflang string // a language code or x-default
	Href     string
}

// Write writes the sitemap of urls, in the order given.
func Write(w io.Writer, urls []URL) error {
	bw := bufio.NewWriter(w)
	bw.WriteString(xml.Header)
	bw.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">` + "\n")
	for _, u := range urls {
		bw.WriteString("  <url>\n    <loc>")
		xml.EscapeText(bw, []byte(u.Loc))
		bw.WriteString("</loc>\n")
		if !u.Lastmod.IsZero() {
			bw.WriteString("    <lastmod>" + u.Lastmod.Format("2006-01-02") + "</lastmod>\n")
		}
		for _, a := range u.Alternates {
			bw.WriteString(`    <xhtml:link rel="alternate" hreflang="`)
			xml.EscapeText(bw, []byte(a.Hreflang))
			bw.WriteString(`" href="`)
			xml.EscapeText(bw, []byte(a.Href))
			bw.WriteString("\"/>\n")
		}
		bw.WriteString("  </url>\n")
	}
	bw.WriteString("</urlset>\n")
	return bw.Flush()
}

// Robots returns robots.txt allowing everything and naming the sitemap of
// a site published at base; at a sub-path, a comment says where the file
// must go to be read.
func Robots(base *url.URL) []byte {
	loc := SitemapURL(base)
	head := ""
	if robots, line, ok := HostRobots(base); ok {
		head = "# Crawlers read only " + robots + ": add the line\n# " + line + "\n# to that file.\n"
	}
	return []byte(head + "User-agent: *\nAllow: /\n\nSitemap: " + loc + "\n")
}

// SitemapURL is the address of the sitemap of a site published at base.
func SitemapURL(base *url.URL) string {
	return (&url.URL{Scheme: base.Scheme, Host: base.Host, Path: base.Path}).JoinPath(File).String()
}

// File is the sitemap's name, at the site's root.
const File = "sitemap.xml"

// HostRobots returns, for a site published at a sub-path of its host, the
// address of the host's robots.txt, the only one crawlers read, and the
// line it needs to name the site's sitemap; ok is false for a site at the
// root of its host, whose own robots.txt names it.
func HostRobots(base *url.URL) (robotsURL, line string, ok bool) {
	if base.Path == "" || base.Path == "/" {
		return "", "", false
	}
	host := url.URL{Scheme: base.Scheme, Host: base.Host, Path: "/robots.txt"}
	return host.String(), "Sitemap: " + SitemapURL(base), true
}
