// Package sitemap writes the XML sitemap (sitemaps.org 0.9) with hreflang
// alternates, and robots.txt pointing to it.
//
// Every translated page lists all its language versions, itself included,
// as xhtml:link elements, and an x-default version (the default language's),
// as search engines expect; a page in one language only has none.
package sitemap

import (
	"bufio"
	"encoding/xml"
	"io"
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

// Robots returns robots.txt allowing everything and naming the sitemap.
func Robots(sitemapURL string) []byte {
	return []byte("User-agent: *\nAllow: /\n\nSitemap: " + sitemapURL + "\n")
}
