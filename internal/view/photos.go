package view

import (
	"html/template"
	"strings"

	"github.com/alaqsa-ira/site/internal/imaging"
	"github.com/alaqsa-ira/site/internal/site"

	"github.com/alaqsa-ira/site/internal/photo"
)

// photoURL returns the URL of the smallest fallback derivative of a photo
// of static/ named by its path from the site root ("/images/x.png").
func (s *Site) photoURL(p string) (string, bool) {
	if s.photos == nil || !site.RasterExt(p) {
		return "", false
	}
	src := site.StaticDir + "/" + strings.TrimPrefix(p, "/")
	s.deps.Add(Dep{Kind: DepPhoto, Name: src})
	ph := s.photos(src)
	if ph == nil {
		return "", false
	}
	v, ok := ph.Smallest(imaging.JPEG)
	if !ok {
		return "", false
	}
	return s.RelURL(photo.Dir(src, "", "") + v.Name), true
}

// Cover is a page's cover photo (front matter image and imageAlt) as
// layouts show it:
//
//	.Hero    the photo at the top of its page, loaded at once
//	.Card    a small thumbnail for lists, loaded when scrolled to
//	.URL     the absolute address of its largest derivative (link previews)
//	.Width, .Height  that derivative's size
//	.Alt     its description in the page's language
type Cover struct {
	ph  *photo.Photo
	dir string // URL folder of its files
	s   *Site
	Alt string
}

// Cover returns the page's cover photo, or nil.
func (p *Page) Cover() *Cover {
	if p.ImageSource == "" || p.s.photos == nil {
		return nil
	}
	p.s.deps.Add(Dep{Kind: DepPhoto, Name: p.ImageSource})
	ph := p.s.photos(p.ImageSource)
	if ph == nil {
		return nil
	}
	return &Cover{ph: ph, dir: p.s.RelURL(photo.Dir(p.ImageSource, p.Bundle, p.Path)), s: p.s, Alt: p.ImageAlt}
}

// Hero is the cover at the top of its page.
func (c *Cover) Hero() template.HTML {
	return template.HTML(c.ph.Picture(c.dir, c.Alt, photo.Show{Sizes: photo.SizesBody, Eager: true, Class: "cover"}))
}

// Card is the cover as a list's thumbnail: its smallest derivative, loaded
// when scrolled to. Its alt text is empty: the entry's title beside it
// says what the entry is, and the photo adds nothing a reader of the list
// needs.
func (c *Cover) Card() template.HTML {
	return template.HTML(c.ph.Picture(c.dir, "", photo.Show{Sizes: photo.SizesCard, Small: true, Class: "thumb"}))
}

// URL is the absolute address of the cover's largest derivative, or of
// its source while the dev server makes them.
func (c *Cover) URL() string {
	if c.ph.Pending {
		return c.s.base.Scheme + "://" + c.s.base.Host + c.dir + c.ph.Original
	}
	v, _ := c.ph.Largest()
	return c.s.base.Scheme + "://" + c.s.base.Host + c.dir + v.Name
}

// Width is the width of the derivative at URL.
func (c *Cover) Width() int {
	if v, ok := c.ph.Largest(); ok {
		return v.Width
	}
	return c.ph.Width
}

// Height is the height of the derivative at URL.
func (c *Cover) Height() int {
	if v, ok := c.ph.Largest(); ok {
		return v.Height
	}
	return c.ph.Height
}
