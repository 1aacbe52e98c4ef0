package build

import (
	"context"
	"io/fs"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"
)

// editingFS is a source in which one file is being saved while the build
// reads it: the first read gives the old text, and from then on every read
// gives the new one. It has only Open, so that every read goes through it.
type editingFS struct {
	m        fstest.MapFS
	mu       sync.Mutex
	path     string
	new      []byte
	switched bool
}

func (e *editingFS) Open(name string) (fs.File, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	f, err := e.m.Open(name)
	if name == e.path && !e.switched {
		e.switched = true
		e.m[name] = &fstest.MapFile{Data: e.new}
	}
	return f, err
}

// TestFileSavedDuringARebuildIsRenderedByTheNext saves a layout or data
// file while the dev server's builder reads it, and checks that the next
// rebuild, which the save triggers, shows the new text.
func TestFileSavedDuringARebuildIsRenderedByTheNext(t *testing.T) {
	cases := []struct{ path, old, new, want string }{
		{"layouts/page.html", "{{define \"main\"}}<p>Old layout.</p>{{end}}", "{{define \"main\"}}<p>New layout.</p>{{end}}", "New layout."},
		{"layouts/partials/footer.html", "<footer>Old footer.</footer>", "<footer>New footer.</footer>", "New footer."},
	}
	for _, c := range cases {
		t.Run(c.path, func(t *testing.T) {
			m := newSite(t, runawayPage)
			m[c.path] = &fstest.MapFile{Data: []byte(c.old)}
			src := &editingFS{m: m, switched: true}
			b := NewBuilder(Options{Source: src, Now: testNow, GitDates: map[string]time.Time{}, Dev: true, Keep: true})
			if _, err := b.Build(context.Background(), nil); err != nil {
				t.Fatal(err)
			}
			// Saved as the rebuild reads it; then the watcher reports the
			// save again, as it does when a write comes in two events.
			src.path, src.new, src.switched = c.path, []byte(c.new), false
			if _, err := b.Build(context.Background(), &Changes{Paths: []string{c.path}}); err != nil {
				t.Fatal(err)
			}
			res, err := b.Build(context.Background(), &Changes{Paths: []string{c.path}})
			if err != nil {
				t.Fatal(err)
			}
			if page := string(res.Outputs["en/about/index.html"]); !strings.Contains(page, c.want) {
				t.Errorf("after the save and a rebuild, the page lacks %q", c.want)
			}
		})
	}
}
