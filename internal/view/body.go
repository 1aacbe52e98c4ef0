package view

import (
	"fmt"
	"net/url"
	"path"
	"strings"

	"github.com/alaqsa-ira/site/internal/locale"
	"github.com/alaqsa-ira/site/internal/markdown"
	"github.com/alaqsa-ira/site/internal/photo"
	"github.com/alaqsa-ira/site/internal/site"
)

// Doc is what the Markdown converter needs to know about p's body: its
// language and digits, and how its links, images and photos reach the
// rest of the site. The pages, images and photos they reach are recorded
// in rec.
func (v *View) Doc(p *site.Page, rec *Deps) markdown.Doc {
	s := v.sites[p.Lang]
	return markdown.Doc{
		Path: p.Source, Line: p.BodyLine,
		RTL: s.Language.Dir == "rtl", LatinLang: v.latin, RTLLang: v.rtlLang,
		Digits: p.Digits, Footnotes: footnoteWords(s.Language.Locale), Quotes: s.Language.Locale.Strings["quotes"],
		ImageSize: func(url string) (int, int, bool) {
			rec.Add(Dep{Kind: DepImage, Name: url})
			return v.images.size(url)
		},
		Photo: func(dest string) (markdown.Photo, bool, error) {
			ph, ok, src, err := v.photoFor(p, dest)
			if src != "" {
				rec.Add(Dep{Kind: DepPhoto, Name: src})
			}
			return ph, ok, err
		},
		Bundle:     p.Bundle,
		EagerFirst: p.ImageSource == "",
		BasePath:   v.base.Path,
		Resolve: func(ref string) (string, error) {
			t, src, err := v.a.PageByRef(p, ref)
			rec.Add(Dep{Kind: DepSource, Name: src})
			if f := v.a.Failed(src); err != nil && f != nil && f.Path != "" {
				// The page has errors of its own, reported where it is:
				// the link leads to its address, which the check leaves
				// alone until the page loads.
				return s.RelURL(f.Path), nil
			}
			if err != nil {
				return "", err
			}
			return s.RelURL(t.Path), nil
		},
	}
}

// footnoteWords are the words of a language's footnotes, from its
// interface strings (footnote.notes, footnote.ref, footnote.back); the
// converter uses English ones where one is missing.
func footnoteWords(l *locale.Locale) markdown.FootnoteWords {
	var w markdown.FootnoteWords
	w.Notes, _ = l.T("footnote.notes")
	w.Ref, _ = l.T("footnote.ref")
	w.Back, _ = l.T("footnote.back")
	return w
}

// photoView is a photo as one page shows it.
type photoView struct {
	ph  *photo.Photo
	dir string // URL folder of its files, with the base path
}

// Picture implements markdown.Photo.
func (v photoView) Picture(alt string, eager bool) string {
	return v.ph.Picture(v.dir, alt, photo.Show{Sizes: photo.SizesBody, Eager: eager})
}

// URL implements markdown.Photo.
func (v photoView) URL() string {
	if v.ph.Pending {
		return v.dir + v.ph.Original
	}
	l, _ := v.ph.Largest()
	return v.dir + l.Name
}

// photoFor returns the photo an image or link of p's body names, ok false
// when dest names no photo of the site's (it is then a link like any
// other), and the photo's source path. A photo written beside a page that
// has none is an error.
func (v *View) photoFor(p *site.Page, dest string) (markdown.Photo, bool, string, error) {
	ref, _, _ := strings.Cut(dest, "#")
	ref, _, _ = strings.Cut(ref, "?")
	if u, err := url.PathUnescape(ref); err == nil {
		ref = u
	}
	if !site.RasterExt(ref) || strings.HasPrefix(ref, "//") {
		return nil, false, "", nil
	}
	var src string
	if rel, ok := strings.CutPrefix(ref, "/"); ok {
		src = path.Join(site.StaticDir, rel)
		if _, known := v.photos[src]; !known && !v.failedPhotos[src] {
			return nil, false, "", nil // not a file of static/: the check reports it
		}
	} else {
		var ok bool
		if p.Bundle == "" {
			return nil, false, "", fmt.Errorf("the photo %q is not beside this page: only a page bundle (a folder with index.%s.md) has files beside it; make the page a folder, or put the photo under static/images/ and write /images/%s", ref, p.Lang, path.Base(ref))
		}
		if src, ok = v.a.Site.Resource(p, ref); !ok {
			return nil, false, "", fmt.Errorf("the photo %q is not in the page's folder %s/: add the file or fix the name (names are case-sensitive)", ref, p.Bundle)
		}
	}
	ph := v.photos[src]
	if ph == nil {
		// It failed, and its error is reported where it is.
		return brokenPhoto{}, true, src, nil
	}
	return photoView{ph: ph, dir: v.sites[p.Lang].RelURL(photo.Dir(src, p.Bundle, p.Path))}, true, src, nil
}

// brokenPhoto stands for a photo that could not be published: its page
// shows nothing for it.
type brokenPhoto struct{}

func (brokenPhoto) Picture(string, bool) string { return "" }
func (brokenPhoto) URL() string                 { return "" }

// Photo returns the build's photo of a source path, or nil.
func (v *View) Photo(src string) *photo.Photo { return v.photos[src] }

// ImageSize returns the size of an image of the site that is not a photo
// (SVG, GIF) by its URL.
func (v *View) ImageSize(url string) (w, h int, ok bool) { return v.images.size(url) }
