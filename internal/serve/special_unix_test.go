//go:build unix

package serve

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/alaqsa-ira/site/internal/regular/regulartest"
)

// lockedBuffer is a log that the server writes from its goroutines and the
// test reads.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// waitReload waits for a reload event, letting others (a stylesheet swap)
// go by.
func waitReload(t *testing.T, events <-chan string) {
	t.Helper()
	deadline := time.After(10 * time.Second)
	for {
		select {
		case ev := <-events:
			if ev == "reload" {
				return
			}
		case <-deadline:
			t.Fatal("no reload event within 10s")
		}
	}
}

// TestSpecialFilesMadeWhileServingAreSkipped makes a named pipe, a socket
// and a device (where this user may make one) in every folder the server
// watches while it runs, one after another, and edits a page after each:
// the server never waits on one (before, a named pipe stopped every later
// rebuild), warns about each by name, and every edit is rebuilt, served and
// announced with a reload.
func TestSpecialFilesMadeWhileServingAreSkipped(t *testing.T) {
	places := []string{
		"content/announcements/f.en.md",
		"content/announcements/visit/photo.jpg",
		"data/partners.yaml",
		"layouts/extra.html",
		"static/files/form.pdf",
	}
	for _, sp := range regulartest.Specials {
		t.Run(sp.Name, func(t *testing.T) {
			root := writeSite(t)
			must(t, writeFile(root, "content/announcements/visit/index.en.md", "---\ntitle: A visit\ndate: 2026-09-02\n---\nA visit.\n"))
			must(t, os.MkdirAll(filepath.Join(root, "static", "files"), 0o755))
			log := &lockedBuffer{}
			r := startWith(t, root, func(s *Server) { s.opts.Log = io.MultiWriter(log, testLog(t)) })
			events := r.events()
			for i, p := range places {
				if !sp.Make(t, filepath.Join(root, filepath.FromSlash(p))) {
					t.Skip("cannot make one here")
				}
				text := fmt.Sprintf("Edit %d, after %s.", i, p)
				r.write("content/about.en.md", "---\ntitle: About\n---\n"+text+"\n")
				waitReload(t, events)
				if code, body := r.waitFor("/en/about/", shows(text)); code != 200 || !strings.Contains(body, text) {
					t.Fatalf("after a %s at %s the edit was not served: %d", sp.Name, p, code)
				}
			}
			deadline := time.Now().Add(10 * time.Second)
			for _, p := range places {
				want := p + ": warning: this is "
				for !strings.Contains(log.String(), want) && time.Now().Before(deadline) {
					time.Sleep(20 * time.Millisecond)
				}
				if !strings.Contains(log.String(), want) {
					t.Errorf("the log does not warn about %s:\n%s", p, log)
				}
			}
		})
	}
}
