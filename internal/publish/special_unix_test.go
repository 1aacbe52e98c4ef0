//go:build unix

package publish

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/alaqsa-ira/site/internal/hangtest"
	"github.com/alaqsa-ira/site/internal/regular/regulartest"
)

// TestSpecialFilesInTheDestinationAreNeverWaitedOn plants a named pipe, a
// socket and a device (where this user may make one) in a published site,
// where the site has a file and where it has none, and publishes again:
// the publish never reads them (a named pipe would keep it waiting for
// ever), stops at the one in the site's way unless forced, and with
// --force moves it aside; the one out of the way is left alone.
func TestSpecialFilesInTheDestinationAreNeverWaitedOn(t *testing.T) {
	for _, sp := range regulartest.Specials {
		t.Run(sp.Name, func(t *testing.T) {
			w := newWorld(t)
			mustPublish(t, w.dest, linkSite, nil)
			inTheWay := filepath.Join(w.dest, "en", "about", "index.html")
			aside := filepath.Join(w.dest, "en", "extra.html")
			if err := os.Remove(inTheWay); err != nil {
				t.Fatal(err)
			}
			if !sp.Make(t, inTheWay) || !sp.Make(t, aside) {
				t.Skip("cannot make one here")
			}
			var err error
			hangtest.Run(t, "publishing over a "+sp.Name, func() { _, _, err = publishWith(t, w.dest, linkSite, Options{}) })
			if err == nil || !strings.Contains(err.Error(), "--force") {
				t.Errorf("a %s where the site has a file: %v, want a refusal naming --force", sp.Name, err)
			}
			hangtest.Run(t, "publishing over a "+sp.Name+" with --force", func() {
				_, _, err = publishWith(t, w.dest, linkSite, Options{Force: true})
			})
			if err != nil {
				t.Fatal(err)
			}
			if got, err := os.ReadFile(inTheWay); string(got) != "about" {
				t.Errorf("en/about/index.html = %q, %v; want the site's", got, err)
			}
			if info, err := os.Lstat(aside); err != nil || info.Mode().IsRegular() || info.IsDir() {
				t.Errorf("the %s out of the site's way: %v, %v; want it left alone", sp.Name, info, err)
			}
		})
	}
}

// TestManifestThatIsASpecialFileIsNeverWaitedOn plants a named pipe where
// the manifest of a published site is kept: the publish refuses the folder
// at once, as for any manifest it cannot trust, and --force takes it over.
func TestManifestThatIsASpecialFileIsNeverWaitedOn(t *testing.T) {
	w := newWorld(t)
	mustPublish(t, w.dest, linkSite, nil)
	manifestPath := filepath.Join(w.root, ".public.manifest")
	if err := os.Remove(manifestPath); err != nil {
		t.Fatal(err)
	}
	regulartest.FIFO(t, manifestPath)
	var err error
	hangtest.Run(t, "publishing with a named pipe for a manifest", func() { _, _, err = publishWith(t, w.dest, linkSite, Options{}) })
	if err == nil {
		t.Error("a published site whose manifest is a named pipe was published to as if it were trusted")
	}
	hangtest.Run(t, "publishing with --force", func() { _, _, err = publishWith(t, w.dest, linkSite, Options{Force: true}) })
	if err != nil {
		t.Errorf("with --force: %v", err)
	}
	if info, err := os.Lstat(manifestPath); err != nil || !info.Mode().IsRegular() {
		t.Errorf("after --force the manifest is %v, %v; want a file", info, err)
	}
}

// TestFolderOpensOnlyRegularFiles checks the one way the publish reads a
// file of the destination (a manifest, a file it compares), which decides
// on what it opened: a named pipe swapped in after the publish looked is
// refused at once, not waited on.
func TestFolderOpensOnlyRegularFiles(t *testing.T) {
	dir := t.TempDir()
	for _, sp := range regulartest.Specials {
		if !sp.Make(t, filepath.Join(dir, sp.Name)) {
			continue
		}
		f, err := openFolder(dir)
		if err != nil {
			t.Fatal(err)
		}
		hangtest.Run(t, "opening a "+sp.Name, func() {
			if file, err := f.open(sp.Name); err == nil {
				file.Close()
				t.Errorf("a %s was opened for reading", sp.Name)
			}
		})
		f.close()
	}
}
