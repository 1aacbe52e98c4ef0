package browsertest_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/alaqsa-ira/site/internal/browsertest"
)

// TestPhotosLoadAtTheRightSize opens the announcements with photos (a
// cover; a figure with its caption) in both languages on a phone and a
// desktop: every photo loads, as WebP, no wider than the screen needs, and
// nothing overflows the page's width. The list's thumbnails load only the
// smallest derivative.
func TestPhotosLoadAtTheRightSize(t *testing.T) {
	ctx := browsertest.Start(t)
	host := site(t)
	type img struct {
		Src            string
		Natural, Shown float64
		Complete       bool
	}
	for _, lang := range []string{"ar", "en"} {
		for _, path := range []string{"/%s/announcements/2027-summer-school/", "/%s/announcements/2026-delegation-visit/", "/%s/announcements/"} {
			for _, width := range []int{375, 1280} {
				url := host.URL + fmt.Sprintf(path, lang)
				open(t, ctx, url, width)
				browsertest.Poll(t, ctx, `document.readyState === "complete" && [...document.images].every(i => i.complete)`, "the photos loading")
				imgs := browsertest.Eval[[]img](t, ctx, `[...document.querySelectorAll("picture img")].map(i => ({Src: i.currentSrc, Natural: i.naturalWidth, Shown: i.getBoundingClientRect().width, Complete: i.complete}))`)
				if len(imgs) == 0 {
					t.Fatalf("%s at %dpx: no photo", url, width)
				}
				for _, im := range imgs {
					switch {
					case im.Natural == 0:
						t.Errorf("%s at %dpx: %s did not load", url, width, im.Src)
					case !strings.HasSuffix(im.Src, ".webp"):
						t.Errorf("%s at %dpx: loaded %s, not the WebP", url, width, im.Src)
					case im.Natural > 2*im.Shown && im.Natural > 480:
						t.Errorf("%s at %dpx: loaded %s, %.0f px wide, for %.0f px on screen", url, width, im.Src, im.Natural, im.Shown)
					}
				}
				if over := browsertest.Eval[bool](t, ctx, `document.documentElement.scrollWidth > window.innerWidth`); over {
					t.Errorf("%s at %dpx: the page is wider than the screen", url, width)
				}
				if strings.Contains(path, "delegation") {
					dir := browsertest.Eval[string](t, ctx, `getComputedStyle(document.querySelector("figcaption")).direction`)
					if want := map[string]string{"ar": "rtl", "en": "ltr"}[lang]; dir != want {
						t.Errorf("%s: the caption is %s, want %s", url, dir, want)
					}
				}
			}
		}
	}
}
