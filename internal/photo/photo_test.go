package photo

import (
	"strings"
	"testing"

	"github.com/alaqsa-ira/site/internal/imaging"
)

func testPhoto(widths ...int) *Photo {
	set := imaging.Set{Width: 2000, Height: 1000, Hash: "0123456789ab"}
	for _, w := range widths {
		for _, f := range []string{imaging.WebP, imaging.JPEG} {
			set.Derivatives = append(set.Derivatives, imaging.Derivative{Width: w, Height: w / 2, Format: f})
		}
	}
	return newPhoto("content/a/Group Photo.JPG", set)
}

// TestFallbackIsTheWidestUpTo800 checks which derivative an <img> names,
// a link leads to and a card shows, for sets of several sizes.
func TestFallbackIsTheWidestUpTo800(t *testing.T) {
	for _, c := range []struct {
		widths                  []int
		fallback, largest, card int
	}{
		{[]int{480, 800, 1200}, 800, 1200, 480},
		{[]int{480, 1200}, 480, 1200, 480},
		{[]int{300}, 300, 300, 300},
		{[]int{1200}, 1200, 1200, 1200},
	} {
		p := testPhoto(c.widths...)
		f, _ := p.Fallback()
		l, _ := p.Largest()
		s, _ := p.Smallest(imaging.WebP)
		if f.Width != c.fallback || l.Width != c.largest || s.Width != c.card || f.Format != imaging.JPEG || l.Format != imaging.JPEG || s.Format != imaging.WebP {
			t.Errorf("%v: fallback %d %s, largest %d %s, smallest WebP %d %s", c.widths, f.Width, f.Format, l.Width, l.Format, s.Width, s.Format)
		}
	}
	if name := testPhoto(480).Variants[0].Name; name != "group-photo-480.0123456789ab.webp" {
		t.Errorf("derivative name %q", name)
	}
}

func TestDirIsBesideThePageOrInStatic(t *testing.T) {
	for _, c := range []struct{ src, bundle, page, want string }{
		{"static/images/x.jpg", "", "", "/images/"},
		{"static/x.jpg", "", "", "/"},
		{"content/a/b/x.jpg", "content/a/b", "/en/a/b/", "/en/a/b/"},
		{"content/a/b/photos/x.jpg", "content/a/b", "/ar/a/ب/", "/ar/a/ب/photos/"},
	} {
		if got := Dir(c.src, c.bundle, c.page); got != c.want {
			t.Errorf("Dir(%q, %q, %q) = %q, want %q", c.src, c.bundle, c.page, got, c.want)
		}
	}
}

func TestPictureEscapesAndPendingShowsTheSource(t *testing.T) {
	p := testPhoto(480, 800)
	html := p.Picture("/x/", `"quoted" <alt>`, Show{Sizes: SizesBody})
	if !strings.Contains(html, `alt="&#34;quoted&#34; &lt;alt&gt;"`) || !strings.Contains(html, `loading="lazy"`) || !strings.Contains(html, "/x/group-photo-800.0123456789ab.jpg 800w") {
		t.Errorf("picture: %s", html)
	}
	pend := pending("content/a/group.jpg", imaging.Info{Width: 40, Height: 60}, nil)
	if html := pend.Picture("/x/", "a", Show{Eager: true}); !strings.Contains(html, `src="/x/group.jpg" width="40" height="60"`) || strings.Contains(html, "<picture") {
		t.Errorf("pending: %s", html)
	}
}
