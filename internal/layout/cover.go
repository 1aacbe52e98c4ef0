package layout

// Cover is a page's cover photo as a news card shows it.
type Cover struct {
	Src, Alt      string
	Width, Height int
}

// Cover returns the page's cover photo, or nil. Pages have none yet: the
// photo work (front matter image and imageAlt) fills it, and
// layouts/partials/card-cover.html shows it.
func (p *Page) Cover() *Cover { return nil }
