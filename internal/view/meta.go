package view

import (
	"encoding/json"
	"html/template"
	"strconv"
	"strings"
	"time"

	"github.com/alaqsa-ira/site/internal/site"
)

// Meta writes the head's description of the page for search engines, feed
// readers and link previews: its canonical address, robots noindex for the
// pages search engines are asked to leave out, its translations (hreflang,
// with x-default), its section's Atom feed, the Open Graph and Twitter card
// tags, and JSON-LD. Every page has them, so they are written here rather
// than by the layouts, which would take a tenth of a large site's build;
// the layouts keep the title, description and the links to assets. A page
// without a canonical address (404) has no og:url and no JSON-LD; a page
// in every language at once (the root page, 404) names every language's
// locale.
func (c *Context) Meta() (template.HTML, error) {
	l := c.Site.Language
	feed, err := l.Locale.T("feed")
	if err != nil {
		return "", err
	}
	ogLocale, err := l.Locale.T("ogLocale")
	if err != nil {
		return "", err
	}
	ld, err := c.jsonLD()
	if err != nil {
		return "", err
	}
	var b strings.Builder
	b.Grow(1024 + len(ld))
	tag := func(open string, attrs ...string) {
		b.WriteString(open)
		for i := 0; i+1 < len(attrs); i += 2 {
			b.WriteByte(' ')
			b.WriteString(attrs[i])
			b.WriteString(`="`)
			b.WriteString(template.HTMLEscapeString(attrs[i+1]))
			b.WriteByte('"')
		}
		b.WriteString(">\n")
	}
	if c.Canonical != "" {
		tag("<link", "rel", "canonical", "href", c.Canonical)
	}
	if c.NoIndex {
		tag("<meta", "name", "robots", "content", "noindex")
	}
	for _, a := range c.Alternates {
		tag("<link", "rel", "alternate", "hreflang", a.Lang, "href", a.URL)
	}
	if c.Feed != "" {
		tag("<link", "rel", "alternate", "type", "application/atom+xml", "href", c.Feed, "title", feed)
	}
	ogType := "website"
	if c.isArticle() {
		ogType = "article"
	}
	tag("<meta", "property", "og:type", "content", ogType)
	tag("<meta", "property", "og:site_name", "content", c.Site.Title())
	tag("<meta", "property", "og:title", "content", c.Page.Title)
	if c.Description != "" {
		tag("<meta", "property", "og:description", "content", c.Description)
	}
	if c.Canonical != "" {
		tag("<meta", "property", "og:url", "content", c.Canonical)
	}
	tag("<meta", "property", "og:locale", "content", ogLocale)
	for _, o := range c.Site.Languages() {
		if o.Code == l.Code || !c.inLanguage(o.Code) {
			continue
		}
		alt, err := o.Locale.T("ogLocale")
		if err != nil {
			return "", err
		}
		tag("<meta", "property", "og:locale:alternate", "content", alt)
	}
	card := "summary"
	if cv := c.Page.Cover(); cv != nil && c.Canonical != "" {
		tag("<meta", "property", "og:image", "content", cv.URL())
		tag("<meta", "property", "og:image:width", "content", strconv.Itoa(cv.Width()))
		tag("<meta", "property", "og:image:height", "content", strconv.Itoa(cv.Height()))
		tag("<meta", "property", "og:image:alt", "content", cv.Alt)
		card = "summary_large_image"
	}
	tag("<meta", "name", "twitter:card", "content", card)
	if ld != nil {
		b.WriteString(`<script type="application/ld+json">`)
		b.Write(ld)
		b.WriteString("</script>")
	}
	return template.HTML(b.String()), nil
}

// inLanguage reports whether the page exists in a language: as one of its
// alternates, or because it is written in every language at once.
func (c *Context) inLanguage(code string) bool {
	if c.Page.Kind == "landing" || c.Page.Kind == "404" {
		return true
	}
	for _, a := range c.Alternates {
		if a.Lang == code {
			return true
		}
	}
	return false
}

// isArticle reports a dated page of a section: an announcement, unless
// it is an example, which must not be described as real news.
func (c *Context) isArticle() bool {
	p := c.Page
	return p.Kind == site.KindPage && p.Section != "" && !p.Date.IsZero() && !p.Example
}

// jsonLD describes the page for search engines and link previews
// (schema.org): the office as an organisation of its university on every
// page (without the contact details it has still to confirm), and an announcement as a news article, with its event when it has
// one (see eventLD). An example announcement is not described, and partners are not
// listed, so that no sample passes for a real organisation or news. A
// page without a canonical address (404) has none. It is JSON that cannot
// end its script element: encoding/json writes <, > and & as \u escapes.
func (c *Context) jsonLD() ([]byte, error) {
	if c.Canonical == "" {
		return nil, nil
	}
	s := c.Site
	home := s.AbsURL("/" + s.Language.Code + "/")
	ct := s.Contact()
	office := &ldRef{ID: home + "#office"}
	org := ldOrganization{
		Type: "Organization", ID: office.ID, Name: s.Title(), URL: home,
		Parent: ldThing{Type: "CollegeOrUniversity", Name: s.University(), URL: ct.Website},
	}
	// A detail the office has still to confirm is shown marked on the
	// pages, but not handed to search engines as a fact.
	if !s.Unconfirmed("email") {
		org.Email = ct.Email
	}
	if !s.Unconfirmed("address") {
		org.Address = ct.Address[s.Language.Code]
	}
	graph := []any{org}
	p := c.Page
	// A sample page is not presented to search engines as real news or a
	// real event.
	if c.isArticle() && !p.Example {
		article := ldArticle{
			Type: "NewsArticle", Headline: p.Title, URL: c.Canonical, InLanguage: s.Language.Code,
			Published: p.Date.Format(time.RFC3339), Description: c.Description, Publisher: office, Author: office,
		}
		if !p.Updated.IsZero() {
			article.Modified = p.Updated.Format(time.RFC3339)
		}
		if cv := p.Cover(); cv != nil {
			article.Image = cv.URL()
		}
		graph = append(graph, article)
		if p.HasEvent() {
			graph = append(graph, c.eventLD(office))
		}
	}
	return json.Marshal(ldGraph{Context: "https://schema.org", Graph: graph})
}

// The schema.org types jsonLD writes.
type (
	ldGraph struct {
		Context string `json:"@context"`
		Graph   []any  `json:"@graph"`
	}
	ldRef struct {
		ID string `json:"@id"`
	}
	ldThing struct {
		Type string `json:"@type"`
		Name string `json:"name"`
		URL  string `json:"url,omitempty"`
	}
	ldOrganization struct {
		Type    string  `json:"@type"`
		ID      string  `json:"@id"`
		Name    string  `json:"name"`
		URL     string  `json:"url"`
		Email   string  `json:"email,omitempty"`
		Address string  `json:"address,omitempty"`
		Parent  ldThing `json:"parentOrganization"`
	}
	ldArticle struct {
		Type        string `json:"@type"`
		Headline    string `json:"headline"`
		URL         string `json:"url"`
		InLanguage  string `json:"inLanguage"`
		Published   string `json:"datePublished"`
		Modified    string `json:"dateModified,omitempty"`
		Image       string `json:"image,omitempty"`
		Description string `json:"description"`
		Publisher   *ldRef `json:"publisher"`
		Author      *ldRef `json:"author"`
	}
)
