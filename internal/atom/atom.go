// Package atom writes Atom 1.0 feeds (RFC 4287).
//
// A feed has the fields readers and validators need: an id, a title, the
// time of its newest entry (never the clock, so the same content gives the
// same bytes), an alternate link to the HTML list and a self link; each entry
// has an id, a title, a link, published and updated times, a summary and its
// categories.
package atom

import (
	"encoding/xml"
	"io"
	"time"
)

// Feed is one feed.
type Feed struct {
	ID       string
	Lang     string
	Title    string
	Subtitle string
	Author   string
	Link     string // the HTML page the feed mirrors
	Self     string // the feed's own URL
	Entries  []Entry
}

// Entry is one item of a feed.
type Entry struct {
	ID         string
	Title      string
	Link       string
	Published  time.Time
	Updated    time.Time
	Summary    string
	Categories []string
}

type xmlFeed struct {
	XMLName  xml.Name   `xml:"http://www.w3.org/2005/Atom feed"`
	Lang     string     `xml:"xml:lang,attr,omitempty"`
	ID       string     `xml:"id"`
	Title    string     `xml:"title"`
	Subtitle string     `xml:"subtitle,omitempty"`
	Updated  string     `xml:"updated"`
	Author   xmlAuthor  `xml:"author"`
	Links    []xmlLink  `xml:"link"`
	Entries  []xmlEntry `xml:"entry"`
}

type xmlAuthor struct {
	Name string `xml:"name"`
}

type xmlLink struct {
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type xmlEntry struct {
	ID         string        `xml:"id"`
	Title      string        `xml:"title"`
	Link       xmlLink       `xml:"link"`
	Published  string        `xml:"published,omitempty"`
	Updated    string        `xml:"updated"`
	Summary    string        `xml:"summary,omitempty"`
	Categories []xmlCategory `xml:"category"`
}

type xmlCategory struct {
	Term string `xml:"term,attr"`
}

func stamp(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// Write writes f as Atom XML.
func Write(w io.Writer, f Feed) error {
	x := xmlFeed{
		Lang: f.Lang, ID: f.ID, Title: f.Title, Subtitle: f.Subtitle,
		Author: xmlAuthor{Name: f.Author},
		Links: []xmlLink{
			{Rel: "alternate", Type: "text/html", Href: f.Link},
			{Rel: "self", Type: "application/atom+xml", Href: f.Self},
		},
	}
	var newest time.Time
	for _, e := range f.Entries {
		updated := e.Updated
		if updated.IsZero() {
			updated = e.Published
		}
		if updated.After(newest) {
			newest = updated
		}
		xe := xmlEntry{
			ID: e.ID, Title: e.Title,
			Link:    xmlLink{Rel: "alternate", Type: "text/html", Href: e.Link},
			Updated: stamp(updated), Summary: e.Summary,
		}
		if !e.Published.IsZero() {
			xe.Published = stamp(e.Published)
		}
		for _, c := range e.Categories {
			xe.Categories = append(xe.Categories, xmlCategory{Term: c})
		}
		x.Entries = append(x.Entries, xe)
	}
	if newest.IsZero() {
		newest = time.Unix(0, 0)
	}
	x.Updated = stamp(newest)
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(x); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// File is the name of a section's feed, in the folder of its list.
const File = "atom.xml"
