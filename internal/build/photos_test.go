package build

import (
	"bytes"
	"image"
	"image/jpeg"
	"image/png"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/alaqsa-ira/site/internal/htmltest"
	"github.com/alaqsa-ira/site/internal/phototest"
	"golang.org/x/image/webp"
)

// bundleSite is a site with one announcement as a page bundle: both
// languages share group.jpg (its cover and a figure of its body) and a
// programme.
func bundleSite(t testing.TB, photo []byte) fstest.MapFS {
	t.Helper()
	fsys := newSite(t, `
-- content/announcements/visit/index.en.md --
---
title: A visit
date: 2026-10-01
image: group.jpg
imageAlt: The delegation in front of the library
---
The delegation came.

![The delegation signing](group.jpg "Signing the agreement")

Read [the programme](programme.pdf) or [see the photo](group.jpg).
-- content/announcements/visit/index.ar.md --
---
title: زيارة
date: 2026-10-01
image: group.jpg
imageAlt: الوفد أمام المكتبة
---
وصل الوفد.

![الوفد يوقع](group.jpg "توقيع الاتفاقية")
-- content/announcements/visit/programme.pdf --
%PDF-1.4 programme
`)
	fsys["content/announcements/visit/group.jpg"] = &fstest.MapFile{Data: photo}
	return fsys
}

// variants returns the output files of a photo in a folder, by width and
// extension.
func (b *built) variants(dir, stem string) map[string][]byte {
	out := map[string][]byte{}
	re := regexp.MustCompile("^" + regexp.QuoteMeta(dir+stem) + `-[0-9a-f]{12}-([0-9]+)\.(webp|jpg|png)$`)
	for f, data := range b.files {
		if m := re.FindStringSubmatch(f); m != nil {
			out[m[1]+"."+m[2]] = data
		}
	}
	return out
}

func decodeAny(t *testing.T, name string, data []byte) image.Image {
	t.Helper()
	var m image.Image
	var err error
	switch {
	case strings.HasSuffix(name, ".webp"):
		m, err = webp.Decode(bytes.NewReader(data))
	case strings.HasSuffix(name, ".png"):
		m, err = png.Decode(bytes.NewReader(data))
	default:
		m, err = jpeg.Decode(bytes.NewReader(data))
	}
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return m
}

// TestPhoneJPEGIsPublishedUprightWithoutMetadata builds a bundle whose
// photo is a phone's: EXIF with a GPS position and orientation 6 (turned a
// quarter). Each language's page gets every width in WebP and JPEG,
// upright and without metadata, shown by <picture> and linked in place of
// the original, which is published nowhere.
func TestPhoneJPEGIsPublishedUprightWithoutMetadata(t *testing.T) {
	src := phototest.JPEG(1300, 1220, 6, true) // upright 1220 x 1300
	if !bytes.Contains(src, []byte(phototest.GPSMark)) {
		t.Fatal("the test photo carries no GPS data")
	}
	b := mustBuild(t, bundleSite(t, src))
	for f, data := range b.files {
		if bytes.Equal(data, src) || strings.HasSuffix(f, "group.jpg") {
			t.Errorf("the original photo is published as %s", f)
		}
		for _, leak := range []string{phototest.GPSMark, "Exif\x00\x00", "EXIF", "XMP "} {
			if !strings.HasSuffix(f, ".html") && bytes.Contains(data, []byte(leak)) {
				t.Errorf("%s carries %q", f, leak)
			}
		}
	}
	for _, lang := range []string{"en", "ar"} {
		dir := lang + "/announcements/visit/"
		vs := b.variants(dir, "group")
		for _, w := range []int{480, 800, 1200} {
			for _, ext := range []string{"webp", "jpg"} {
				key := strconv.Itoa(w) + "." + ext
				data, ok := vs[key]
				if !ok {
					t.Errorf("%s: no %d px %s derivative (have %v)", dir, w, ext, slices.Sorted(mapKeys(vs)))
					continue
				}
				m := decodeAny(t, key, data)
				if got := m.Bounds().Dx(); got != w {
					t.Errorf("%s%s is %d px wide", dir, key, got)
				}
				if m.Bounds().Dy() <= m.Bounds().Dx() {
					t.Errorf("%s%s is %v: not turned upright (height > width)", dir, key, m.Bounds())
				}
			}
		}
		if !b.has(dir + "programme.pdf") {
			t.Errorf("the bundle's programme is not published beside the %s page", lang)
		}
		doc := b.page(dir + "index.html")
		pics := doc.All(htmltest.Tag("picture"))
		if len(pics) != 2 {
			t.Fatalf("%s: %d <picture>, want the cover and the figure", dir, len(pics))
		}
		fig := doc.One(t, htmltest.Tag("figure"), "figure")
		srcset := htmltest.AttrOf(htmltest.All(fig, htmltest.Tag("source", "type", "image/webp"))[0], "srcset")
		for _, w := range []string{" 480w", " 800w", " 1200w"} {
			if !strings.Contains(srcset, w) {
				t.Errorf("%s: webp srcset %q lacks%s", dir, srcset, w)
			}
		}
		img := htmltest.All(fig, htmltest.Tag("img"))[0]
		if s := htmltest.AttrOf(img, "src"); !strings.HasSuffix(s, "-800.jpg") || !strings.HasPrefix(s, "/"+dir+"group-") {
			t.Errorf("%s: img src = %q, want the 800 px JPEG beside the page", dir, s)
		}
		if htmltest.AttrOf(img, "width") != "800" || htmltest.AttrOf(img, "height") != strconv.Itoa((1300*800+610)/1220) || htmltest.AttrOf(img, "loading") != "lazy" || htmltest.AttrOf(img, "alt") == "" {
			t.Errorf("%s: figure img attributes: %v", dir, img.Attr)
		}
		cap := htmltest.All(fig, htmltest.Tag("figcaption"))
		if len(cap) != 1 || htmltest.AttrOf(cap[0], "dir") != map[string]string{"en": "ltr", "ar": "rtl"}[lang] {
			t.Errorf("%s: figcaption missing or in the wrong direction", dir)
		}
		cover := doc.One(t, htmltest.Class("picture", "cover"), "cover")
		if htmltest.AttrOf(htmltest.All(cover, htmltest.Tag("img"))[0], "loading") != "eager" {
			t.Errorf("%s: the cover at the top does not load at once", dir)
		}
		og := doc.One(t, htmltest.Tag("meta", "property", "og:image"), "og:image")
		if u := htmltest.AttrOf(og, "content"); !strings.HasPrefix(u, "https://example.org/"+dir+"group-") || !strings.HasSuffix(u, "-1200.jpg") {
			t.Errorf("%s: og:image = %q", dir, u)
		}
		if w := doc.One(t, htmltest.Tag("meta", "property", "og:image:width"), "og:image:width"); htmltest.AttrOf(w, "content") != "1200" {
			t.Errorf("%s: og:image:width = %q", dir, htmltest.AttrOf(w, "content"))
		}
		doc.One(t, htmltest.Tag("meta", "property", "og:image:alt"), "og:image:alt")
		ld := htmltest.Text(doc.One(t, htmltest.Tag("script", "type", "application/ld+json"), "JSON-LD"))
		if !strings.Contains(ld, `"image":"https://example.org/`) {
			t.Errorf("%s: JSON-LD has no image: %s", dir, ld)
		}
		list := b.page(lang + "/announcements/index.html")
		thumb := list.One(t, htmltest.Class("picture", "thumb"), "thumbnail")
		ti := htmltest.All(thumb, htmltest.Tag("img"))[0]
		if !strings.HasSuffix(htmltest.AttrOf(ti, "src"), "-480.jpg") || htmltest.AttrOf(ti, "loading") != "lazy" {
			t.Errorf("%s list: thumbnail %v, want the 480 px JPEG, lazy", lang, ti.Attr)
		}
	}
	en := b.page("en/announcements/visit/index.html")
	for _, a := range en.All(htmltest.Tag("a")) {
		if htmltest.Text(a) == "see the photo" && !strings.HasSuffix(htmltest.AttrOf(a, "href"), "-1200.jpg") {
			t.Errorf("a link to the photo leads to %q, want its largest derivative", htmltest.AttrOf(a, "href"))
		}
	}
	if b.res.Photos.Encodes != 6 {
		t.Errorf("encoded %d derivatives, want 6 (three widths, two formats, once for both languages)", b.res.Photos.Encodes)
	}
}

func mapKeys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// TestTransparentPNGKeepsItsTransparency publishes a PNG of static/ with a
// transparent half: its fallbacks are PNGs and both formats keep the
// transparency.
func TestTransparentPNGKeepsItsTransparency(t *testing.T) {
	fsys := newSite(t, `
-- content/about.en.md --
---
title: About
---
![Our logo](/images/logo.png)
`)
	fsys["static/images/logo.png"] = &fstest.MapFile{Data: phototest.PNG(600, 200)}
	b := mustBuild(t, fsys)
	vs := b.variants("images/", "logo")
	if len(vs) != 4 {
		t.Fatalf("derivatives %v, want 480 and 600 px in WebP and PNG", slices.Sorted(mapKeys(vs)))
	}
	if b.has("images/logo.png") {
		t.Error("the original PNG is published")
	}
	for key, data := range vs {
		m := decodeAny(t, key, data)
		_, _, _, a := m.At(1, m.Bounds().Dy()/2).RGBA()
		_, _, _, opaque := m.At(m.Bounds().Dx()-2, m.Bounds().Dy()/2).RGBA()
		if a != 0 || opaque == 0 {
			t.Errorf("%s: alpha %d on the transparent half, %d on the opaque one", key, a, opaque)
		}
	}
	doc := b.page("en/about/index.html")
	if s := htmltest.AttrOf(doc.One(t, htmltest.Tag("img"), "img"), "src"); !strings.HasSuffix(s, "-600.png") || !strings.HasPrefix(s, "/images/logo-") {
		t.Errorf("img src = %q, want the 600 px PNG", s)
	}
}
