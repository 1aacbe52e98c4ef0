package serve

import (
	"strings"
	"testing"
)

// TestDevServerNeverRegistersTheOfflineWorker checks that the dev server's
// pages carry no registration of the offline reading worker (it would
// answer pages from its cache and fight live reload), and that a browser
// that registered it on the published site at the same address gets, at
// that address, a worker that removes its caches and itself.
func TestDevServerNeverRegistersTheOfflineWorker(t *testing.T) {
	r := start(t, writeSite(t))
	for _, p := range []string{"/", "/en/", "/ar/about/", "/no/such/page/"} {
		if _, body := r.get(p); strings.Contains(body, "serviceWorker") || strings.Contains(body, "sw.js") {
			t.Errorf("%s mentions the worker:\n%s", p, body)
		}
	}
	code, sw := r.get("/sw.js")
	if code != 200 || !strings.Contains(sw, "registration.unregister()") || !strings.Contains(sw, "caches.delete") || strings.Contains(sw, "fetch") {
		t.Errorf("/sw.js: %d\n%s", code, sw)
	}
}
