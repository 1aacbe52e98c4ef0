package build

import (
	"maps"
	"os"
	"path/filepath"
	"testing"
)

func TestManifestRoundTripsAndRefusesDamage(t *testing.T) {
	path := filepath.Join(t.TempDir(), ".public.manifest")
	a := map[string]fileRecord{
		"index.html":          {Size: 4, MTime: 1_700_000_000_123456789, Sum: sum([]byte("home"))},
		"ar/عن-المكتب/x.html": {Size: 0, MTime: -1, Sum: sum(nil)},
	}
	b := map[string]fileRecord{"en/index.html": {Size: 7, MTime: 42, Sum: sum([]byte("english"))}}
	if err := writeManifest(path, "1:2", b, "", nil); err != nil {
		t.Fatal(err)
	}
	// The next build writes into folder 1:3 and keeps what it read of 1:2.
	kept := readManifest(path, "1:3", "1:2")
	if kept.records != nil || kept.other == nil {
		t.Fatalf("read for another folder: %v records, %d bytes kept", kept.records, len(kept.other))
	}
	if err := writeManifest(path, "1:3", a, "1:2", kept.other); err != nil {
		t.Fatal(err)
	}
	for id, want := range map[string]map[string]fileRecord{"1:2": b, "1:3": a} {
		if got := readManifest(path, id, ""); !maps.Equal(got.records, want) {
			t.Errorf("folder %s: %v, want %v", id, got.records, want)
		}
	}
	whole, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for n := range len(whole) {
		if err := os.WriteFile(path, whole[:n], 0o644); err != nil {
			t.Fatal(err)
		}
		m := readManifest(path, "1:3", "1:2")
		if m.records != nil && !maps.Equal(m.records, a) {
			t.Fatalf("cut at %d of %d bytes: read %v", n, len(whole), m.records)
		}
	}
}
