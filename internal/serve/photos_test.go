package serve

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/alaqsa-ira/site/internal/phototest"
)

// TestNewPhotoShowsAtOnceThenItsDerivatives adds a bundle with a photo
// while the server runs: the page shows the photo at once from its source
// file, and the server rebuilds by itself when the photo's derivatives
// are ready, then shows them; the source is then no longer served.
func TestNewPhotoShowsAtOnceThenItsDerivatives(t *testing.T) {
	r := start(t, writeSite(t))
	r.write("content/announcements/visit/group.jpg", string(phototest.JPEG(60, 40, 6, true)))
	r.write("content/announcements/visit/index.en.md", "---\ntitle: A visit\ndate: 2026-09-02\n---\n![The delegation](group.jpg)\n")
	// The first WebP encode of a process compiles the encoder, which under
	// the race detector takes a while: wait for the event, however long.
	var code int
	var body string
	for deadline := time.Now().Add(3 * time.Minute); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if code, body = r.get("/en/announcements/visit/"); code == 200 && strings.Contains(body, "<picture") {
			break
		}
	}
	if code != 200 || !regexp.MustCompile(`group-40\.[0-9a-f]{12}\.webp`).MatchString(body) { // upright 40 x 60: one width, its own
		t.Fatalf("the photo's derivatives are not shown: %d\n%s", code, body)
	}
	if code, _ := r.get("/en/announcements/visit/group.jpg"); code != 404 {
		t.Errorf("the photo's source is served (%d) once its derivatives are ready", code)
	}
}
