package build

import (
	"bytes"
	"image"
	"image/jpeg"
	"image/png"
	"maps"
	"os"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"

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
	re := regexp.MustCompile("^" + regexp.QuoteMeta(dir+stem) + `-([0-9]+)\.[0-9a-f]{12}\.(webp|jpg|png)$`)
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
	if raceDetector {
		t.Skip("encodes a photo wider than 1200 px, which takes minutes under the race detector; the photo catalog's goroutines are raced by TestTextEditWhilePhotoEncodesIsNotKeptWaiting and TestPhotoCacheMakesRebuildsEncodeNothing")
	}
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
		if s := htmltest.AttrOf(img, "src"); !regexp.MustCompile(`-800\.[0-9a-f]{12}\.jpg$`).MatchString(s) || !strings.HasPrefix(s, "/"+dir+"group-") {
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
		if u := htmltest.AttrOf(og, "content"); !strings.HasPrefix(u, "https://example.org/"+dir+"group-") || !regexp.MustCompile(`-1200\.[0-9a-f]{8,}\.jpg$`).MatchString(u) {
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
		if !regexp.MustCompile(`-480\.[0-9a-f]{12}\.jpg$`).MatchString(htmltest.AttrOf(ti, "src")) || htmltest.AttrOf(ti, "loading") != "lazy" {
			t.Errorf("%s list: thumbnail %v, want the 480 px JPEG, lazy", lang, ti.Attr)
		}
	}
	en := b.page("en/announcements/visit/index.html")
	for _, a := range en.All(htmltest.Tag("a")) {
		if htmltest.Text(a) == "see the photo" && !regexp.MustCompile(`-1200\.[0-9a-f]{8,}\.jpg$`).MatchString(htmltest.AttrOf(a, "href")) {
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
	if s := htmltest.AttrOf(doc.One(t, htmltest.Tag("img"), "img"), "src"); !regexp.MustCompile(`-600\.[0-9a-f]{12}\.png$`).MatchString(s) || !strings.HasPrefix(s, "/images/logo-") {
		t.Errorf("img src = %q, want the 600 px PNG", s)
	}
}

// TestBadPhotosAreRefusedAtTheirPath builds sites each holding one photo
// that cannot be published, in static/ or in a bundle: the build fails
// with the file's path and what to do, publishes nothing, and never
// decodes the pixels of an image too large to hold.
func TestBadPhotosAreRefusedAtTheirPath(t *testing.T) {
	good := phototest.JPEG(64, 48, 0, false)
	cases := []struct {
		name string
		file string
		data []byte
	}{
		{"corrupt", "static/images/corrupt.jpg", []byte("this is not a photo at all, but text with a photo's name")},
		{"truncated", "static/images/cut.jpg", good[:len(good)*6/10]},
		{"zero bytes", "static/images/empty.png", nil},
		{"30,000 px wide", "static/images/bomb.png", phototest.HugePNG(30000, 20000)},
		{"wrong extension", "content/announcements/visit/group.jpg", phototest.PNG(40, 30)},
		{"truncated in a bundle", "content/announcements/visit/group.jpg", good[:len(good)/2]},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fsys := bundleSite(t, good)
			fsys[c.file] = &fstest.MapFile{Data: c.data}
			dest := t.TempDir() + "/public"
			res, err := Run(t.Context(), Options{Source: fsys, Dest: dest, Now: testNow, GitDates: map[string]time.Time{}})
			if err == nil {
				t.Fatal("the build succeeded")
			}
			se, ok := err.(*StageError)
			if !ok {
				t.Fatalf("err = %T %v", err, err)
			}
			errs := se.Errors()
			if len(errs) == 0 || !strings.HasPrefix(errs[0].Error(), c.file+": ") {
				t.Fatalf("errors = %v, want the first at %s", errs, c.file)
			}
			if entries, _ := os.ReadDir(dest); len(entries) > 0 {
				t.Errorf("a failed build published %d files", len(entries))
			}
			if c.name == "30,000 px wide" && res.Photos.Decodes > 1 { // the bundle's good photo alone
				t.Errorf("decoded %d images: the bomb's pixels were decoded", res.Photos.Decodes)
			}
		})
	}
}

// TestPhotoCacheMakesRebuildsEncodeNothing builds a site twice with a
// cache folder (the second build encodes nothing), once without the cache
// and once on one core: all four give the same bytes.
func TestPhotoCacheMakesRebuildsEncodeNothing(t *testing.T) {
	fsys := bundleSite(t, phototest.JPEG(520, 400, 3, true))
	fsys["static/images/logo.png"] = &fstest.MapFile{Data: phototest.PNG(100, 40)}
	cache := t.TempDir()
	first := mustBuild(t, fsys, func(o *Options) { o.CacheDir = cache })
	second := mustBuild(t, fsys, func(o *Options) { o.CacheDir = cache })
	if first.res.Photos.Encodes == 0 || second.res.Photos.Encodes != 0 || second.res.Photos.CacheHits != 2 {
		t.Errorf("encodes: first build %d, second %d with %d cache hits; want some, then none with 2 hits", first.res.Photos.Encodes, second.res.Photos.Encodes, second.res.Photos.CacheHits)
	}
	noCache := mustBuild(t, fsys)
	prev := runtime.GOMAXPROCS(1)
	oneCore := mustBuild(t, fsys)
	runtime.GOMAXPROCS(prev)
	for name, other := range map[string]*built{"cached": second, "uncached": noCache, "one core": oneCore} {
		if !maps.EqualFunc(first.files, other.files, bytes.Equal) {
			for f := range first.files {
				if !bytes.Equal(first.files[f], other.files[f]) {
					t.Errorf("%s build: %s differs", name, f)
				}
			}
			for f := range other.files {
				if _, ok := first.files[f]; !ok {
					t.Errorf("%s build: %s is extra", name, f)
				}
			}
		}
	}
}

// TestPartnerLogoThatIsAPhotoShowsItsDerivative gives a partner a PNG
// logo: the partners page shows its derivative, and the PNG itself is not
// published.
func TestPartnerLogoThatIsAPhotoShowsItsDerivative(t *testing.T) {
	fsys := newSite(t, `
-- content/partners.en.md --
---
title: Partners
layout: partners
---
-- data/partners.yaml --
- id: example-gaza
  name: {en: Example College, ar: كلية المثال}
  country: PS
  city: {en: Gaza, ar: غزة}
  type: university
  since: 2020
  agreements: [mou]
  url: https://example.org/
  logo: images/partners/college.png
  logoAlt: {en: Logo of Example College, ar: شعار كلية المثال}
  example: true
`)
	fsys["static/images/partners/college.png"] = &fstest.MapFile{Data: phototest.PNG(96, 96)}
	b := mustBuild(t, fsys)
	if b.has("images/partners/college.png") {
		t.Error("the logo's PNG is published")
	}
	img := b.page("en/partners/index.html").One(t, htmltest.Tag("img", "alt", "Logo of Example College"), "logo")
	if src := htmltest.AttrOf(img, "src"); !regexp.MustCompile(`^/images/partners/college-96\.[0-9a-f]{12}\.png$`).MatchString(src) || !b.has(strings.TrimPrefix(src, "/")) {
		t.Errorf("logo src = %q, want its published 96 px PNG derivative", src)
	}
}
