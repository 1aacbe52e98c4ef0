// Package photo publishes the site's photos and writes the HTML that shows
// them.
//
// Every JPEG, PNG and WebP file of static/ and of a page bundle is a photo.
// A photo is never published as it is (it may carry the place and time it
// was taken): it is published only as its derivatives, made by package
// imaging in a few widths, as WebP and as a JPEG or PNG fallback, without
// metadata. A derivative's file name is the photo's name with the
// width and the start of the SHA-256 of the derivative's own bytes
// ("group-800.1a2b3c4d5e6f.webp"), as every fingerprinted file of the
// build is named, so a changed photo gets new addresses and a browser never
// shows a stale one; the service worker keeps a file cache-first once its
// bytes hash to its name (package offline). The derivatives of a photo of static/
// are published in its folder (static/images/x.jpg gives
// /images/x-800....webp); those of a bundle's photo beside each language's
// page.
//
// A Catalog keeps the derivatives it made, by source and content, so that a
// rebuild reuses them; below it, imaging's disk cache keeps them between
// runs. In the background mode of the dev server, a photo the catalog has
// not seen is shown at once from its source file while its derivatives are
// made in the background, and the catalog says when they are ready.
package photo

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"html/template"
	"path"
	"strconv"
	"strings"

	"github.com/alaqsa-ira/site/internal/imaging"
	"github.com/alaqsa-ira/site/internal/slug"
)

// Photo is one source photo and its derivatives.
type Photo struct {
	Source        string // "static/images/x.jpg", "content/announcements/x/group.jpg"
	Width, Height int    // the source's upright size
	// Variants are the derivatives, by width, WebP before the fallback.
	Variants []Variant
	// Pending is set in the dev server's background mode while the
	// derivatives are being made: the page shows the source file (Name
	// Original), which only the dev server serves.
	Pending  bool
	Original string
	// Data is the source's bytes while Pending.
	Data []byte
	// Key identifies what the photo's pages show of it: its fingerprint,
	// or its size while pending.
	Key string
}

// Variant is one derivative file.
type Variant struct {
	Name          string // file name
	Width, Height int
	Format        string // imaging.WebP, imaging.JPEG or imaging.PNG
	Data          []byte
}

// newPhoto names the derivatives of set, each by a hash of its bytes
// (which costs about a tenth of what hashing the source and checking the
// cache entry already cost).
func newPhoto(source string, set imaging.Set) *Photo {
	p := &Photo{Source: source, Width: set.Width, Height: set.Height, Key: set.Hash}
	stem := fileStem(source)
	for _, d := range set.Derivatives {
		sum := sha256.Sum256(d.Data)
		p.Variants = append(p.Variants, Variant{
			Name:  stem + "-" + strconv.Itoa(d.Width) + "." + hex.EncodeToString(sum[:HashLen/2]) + d.Ext(),
			Width: d.Width, Height: d.Height, Format: d.Format, Data: d.Data,
		})
	}
	return p
}

// HashLen is the number of hex digits of the hash in a derivative's name.
const HashLen = 12

// pending is a photo shown from its source while its derivatives are made.
func pending(source string, info imaging.Info, data []byte) *Photo {
	return &Photo{Source: source, Width: info.Width, Height: info.Height, Pending: true,
		Original: path.Base(source), Data: data, Key: fmt.Sprintf("pending %dx%d", info.Width, info.Height)}
}

// fileStem is the name derivatives of source start with: its name as a
// slug, "photo" when nothing is left of it.
func fileStem(source string) string {
	base := path.Base(source)
	s := slug.Make(strings.TrimSuffix(base, path.Ext(base)))
	if s == "" || !isASCII(s) {
		return "photo"
	}
	return s
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// Dir is the folder of the site (a path from the site root, ending in /)
// where a file of static/ or of the page bundle folder bundle is published
// for a page at pagePath: a file of static/ in its own folder, a bundle's
// file beside the page (in the same subfolder as in the bundle).
func Dir(source, bundle, pagePath string) string {
	var d string
	switch rel, ok := strings.CutPrefix(source, "static/"); {
	case ok:
		d = "/" + path.Dir(rel)
	case bundle != "" && strings.HasPrefix(source, bundle+"/"):
		d = strings.TrimSuffix(pagePath, "/") + "/" + path.Dir(strings.TrimPrefix(source, bundle+"/"))
	default:
		d = pagePath
	}
	d = path.Clean(d)
	if d == "/" {
		return d
	}
	return d + "/"
}

// FallbackMax is the widest fallback an <img> loads by default: a browser
// that reads srcset picks a better one.
const FallbackMax = 800

// Fallback returns the derivative an <img> names: the widest of the
// fallback format no wider than FallbackMax, else the narrowest.
func (p *Photo) Fallback() (Variant, bool) {
	var best Variant
	ok := false
	for _, v := range p.Variants {
		if v.Format == imaging.WebP {
			continue
		}
		switch {
		case !ok:
			best, ok = v, true
		case v.Width <= FallbackMax && (best.Width > FallbackMax || v.Width > best.Width):
			best = v
		case best.Width > FallbackMax && v.Width < best.Width:
			best = v
		}
	}
	return best, ok
}

// Largest returns the widest derivative of the fallback format (JPEG or
// PNG, which every program opens): where a link to the photo leads, and
// what link previews show.
func (p *Photo) Largest() (Variant, bool) {
	var best Variant
	ok := false
	for _, v := range p.Variants {
		if v.Format != imaging.WebP && (!ok || v.Width > best.Width) {
			best, ok = v, true
		}
	}
	return best, ok
}

// Smallest returns the narrowest derivative of a format.
func (p *Photo) Smallest(format string) (Variant, bool) {
	var best Variant
	ok := false
	for _, v := range p.Variants {
		if (v.Format == format || format != imaging.WebP && v.Format != imaging.WebP) && (!ok || v.Width < best.Width) {
			best, ok = v, true
		}
	}
	return best, ok
}

// Show says how a page shows a photo.
type Show struct {
	Sizes string // the sizes attribute: how wide the photo is shown
	Eager bool   // load at once (near the top of the first screen)
	Small bool   // offer only the narrowest derivative (cards and lists)
	Class string
}

// The sizes of the places photos are shown.
const (
	// SizesBody: the text column, 44rem wide less its padding.
	SizesBody = "(min-width: 44rem) 42rem, calc(100vw - 2rem)"
	// SizesCard: the thumbnail of a list's entry.
	SizesCard = "8rem"
)

// Picture returns the <picture> element showing p, whose files are at the
// URL folder dir (with the base path, ending in /), with the alt text.
func (p *Photo) Picture(dir, alt string, s Show) string {
	var b strings.Builder
	esc := template.HTMLEscapeString
	load := `loading="lazy"`
	if s.Eager {
		load = `loading="eager" fetchpriority="high"`
	}
	class := ""
	if s.Class != "" {
		class = ` class="` + esc(s.Class) + `"`
	}
	if p.Pending {
		fmt.Fprintf(&b, `<img%s src="%s" width="%d" height="%d" alt="%s" %s decoding="async">`,
			class, esc(dir+p.Original), p.Width, p.Height, esc(alt), load)
		return b.String()
	}
	srcset := func(format string) string {
		var parts []string
		if s.Small {
			if v, ok := p.Smallest(format); ok {
				return esc(dir+v.Name) + " " + strconv.Itoa(v.Width) + "w"
			}
			return ""
		}
		for _, v := range p.Variants {
			if v.Format == format || format != imaging.WebP && v.Format != imaging.WebP {
				parts = append(parts, esc(dir+v.Name)+" "+strconv.Itoa(v.Width)+"w")
			}
		}
		return strings.Join(parts, ", ")
	}
	fb, _ := p.Fallback()
	if s.Small {
		fb, _ = p.Smallest(fb.Format)
	}
	b.WriteString("<picture" + class + ">")
	if ws := srcset(imaging.WebP); ws != "" {
		fmt.Fprintf(&b, `<source type="image/webp" srcset="%s" sizes="%s">`, ws, esc(s.Sizes))
	}
	fmt.Fprintf(&b, `<img src="%s" srcset="%s" sizes="%s" width="%d" height="%d" alt="%s" %s decoding="async">`,
		esc(dir+fb.Name), srcset(fb.Format), esc(s.Sizes), fb.Width, fb.Height, esc(alt), load)
	b.WriteString("</picture>")
	return b.String()
}
