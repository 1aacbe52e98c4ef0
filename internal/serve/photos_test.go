package serve

import (
	"strings"
	"testing"

	"github.com/alaqsa-ira/site/internal/phototest"
)

// TestNewPhotoShowsAtOnceThenItsDerivatives adds a bundle with a photo
// while the server runs: the page shows the photo at once from its source
// file, and the server rebuilds by itself when the photo's derivatives
// are ready, then shows them; the source is then no longer served.
func TestNewPhotoShowsAtOnceThenItsDerivatives(t *testing.T) {
	r := start(t, writeSite(t))
	r.write("content/announcements/visit/group.jpg", string(phototest.JPEG(600, 400, 6, true)))
	r.write("content/announcements/visit/index.en.md", "---\ntitle: A visit\ndate: 2026-09-02\n---\n![The delegation](group.jpg)\n")
	code, body := r.waitFor("/en/announcements/visit/", func(code int, body string) bool {
		return code == 200 && strings.Contains(body, "<picture")
	})
	if code != 200 || !strings.Contains(body, "-400.webp") { // upright 400 x 600: one width, its own
		t.Fatalf("the photo's derivatives are not shown: %d\n%s", code, body)
	}
	if code, _ := r.get("/en/announcements/visit/group.jpg"); code != 404 {
		t.Errorf("the photo's source is served (%d) once its derivatives are ready", code)
	}
}
