package main

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	mt "github.com/alaqsa-ira/site/internal/metadata/metadatatest"
	"github.com/alaqsa-ira/site/internal/phototest"
)

// TestCheckAndBuildRefuseFilesWithMetadata: site check reports a PDF with
// an author and a GIF with XMP (both published as they are), not a phone
// photo with its GPS position (re-encoded without it), and site build
// publishes nothing.
func TestCheckAndBuildRefuseFilesWithMetadata(t *testing.T) {
	site := copySite(t)
	for p, data := range map[string][]byte{
		"static/docs/agreement.pdf": mt.PDF(map[string]string{"Author": "(Jane Example)"}, true),
		"static/images/banner.gif":  mt.GIF(mt.GIFXMP()),
		"static/images/visit.jpg":   phototest.JPEG(64, 48, 6, true),
	} {
		f := filepath.Join(site, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(f), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(f, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out, _, err := runSite("check", "-s", site)
	if !errors.Is(err, errReported) {
		t.Fatalf("check: err = %v, want exit 1\n%s", err, out)
	}
	for _, want := range []string{
		"static/docs/agreement.pdf: error: this file carries the properties /Author",
		"static/images/banner.gif: error: this file carries XMP metadata",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("check output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "visit.jpg") {
		t.Errorf("check reports the phone photo, which is re-encoded without its metadata:\n%s", out)
	}
	dest := filepath.Join(t.TempDir(), "public")
	if _, errOut, err := runSite("build", "-s", site, "-d", dest); err == nil || !strings.Contains(errOut, "agreement.pdf") {
		t.Errorf("build: err = %v\n%s", err, errOut)
	}
	if _, err := os.Stat(dest); !os.IsNotExist(err) {
		t.Errorf("the build published something: %v", err)
	}
}
