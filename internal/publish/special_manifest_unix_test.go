//go:build unix

package publish

import (
	"os"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestManifestThatIsANamedPipeIsNeverRead puts a named pipe where the
// manifest is kept: a read would wait for a writer for ever. The publish
// is refused at once, as for a link, and --force replaces the pipe.
func TestManifestThatIsANamedPipeIsNeverRead(t *testing.T) {
	w := newHostileWorld(t)
	if err := os.Remove(w.manifest); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mkfifo(w.manifest, 0o644); err != nil {
		t.Skip("no named pipes here:", err)
	}
	done := make(chan error, 1)
	go func() {
		_, _, err := publishWith(t, w.dest, nextSite(), Options{})
		done <- err
	}()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "special file") || !strings.Contains(err.Error(), "--force") {
			t.Errorf("a manifest that is a pipe: %v, want a refusal that says so", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the publish waits on the pipe")
	}
	if _, _, err := publishWith(t, w.dest, nextSite(), Options{Force: true}); err != nil {
		t.Fatalf("--force: %v", err)
	}
	if info, err := os.Lstat(w.manifest); err != nil || !info.Mode().IsRegular() {
		t.Errorf("after --force the manifest is %v, %v; want a file", info, err)
	}
}
