package photo

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"testing"

	"github.com/alaqsa-ira/site/internal/imaging"
)

// bytesOf stands for the bytes of a derivative.
func bytesOf(width int, format string) []byte { return fmt.Appendf(nil, "%s %d", format, width) }

// hashOf is the hash a derivative's name carries.
func hashOf(width int, format string) string {
	sum := sha256.Sum256(bytesOf(width, format))
	return hex.EncodeToString(sum[:])[:HashLen]
}

func testPhoto(widths ...int) *Photo {
	set := imaging.Set{Width: 2000, Height: 1000, Hash: "0123456789ab"}
	for _, w := range widths {
		for _, f := range []string{imaging.WebP, imaging.JPEG} {
			set.Derivatives = append(set.Derivatives, imaging.Derivative{Width: w, Height: w / 2, Format: f, Data: bytesOf(w, f)})
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
	// Named by the SHA-256 of their own bytes.
	p := testPhoto(480, 800)
	for i, want := range []string{"group-photo-480." + hashOf(480, imaging.WebP) + ".webp", "group-photo-480." + hashOf(480, imaging.JPEG) + ".jpg",
		"group-photo-800." + hashOf(800, imaging.WebP) + ".webp"} {
		if name := p.Variants[i].Name; name != want {
			t.Errorf("derivative name %q, want %q", name, want)
		}
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
	if !strings.Contains(html, `alt="&#34;quoted&#34; &lt;alt&gt;"`) || !strings.Contains(html, `loading="lazy"`) || !strings.Contains(html, "/x/group-photo-800."+hashOf(800, imaging.JPEG)+".jpg 800w") {
		t.Errorf("picture: %s", html)
	}
	pend := pending("content/a/group.jpg", imaging.Info{Width: 40, Height: 60}, nil)
	if html := pend.Picture("/x/", "a", Show{Eager: true}); !strings.Contains(html, `src="/x/group.jpg" width="40" height="60"`) || strings.Contains(html, "<picture") {
		t.Errorf("pending: %s", html)
	}
}
