package publish

import (
	"crypto/sha256"
	"maps"
	"os"
	"path/filepath"
	"testing"
)

func rec(size, mtime int64, data string) fileRecord {
	return fileRecord{Size: size, MTime: mtime, Sum: sum(sha256.Sum256([]byte(data)))}
}

func TestManifestRoundTripsAndRefusesDamage(t *testing.T) {
	root := t.TempDir()
	dir, err := openFolder(root)
	if err != nil {
		t.Fatal(err)
	}
	defer dir.close()
	a := manifest{
		"index.html":          rec(4, 1_700_000_000_123456789, "home"),
		"ar/عن-المكتب/x.html": rec(0, -1, ""),
	}
	if err := writeManifest(dir, ".public.manifest", "1:3", a); err != nil {
		t.Fatal(err)
	}
	if got, err := readManifest(dir, ".public.manifest", "1:3"); err != nil || !maps.Equal(got, a) {
		t.Errorf("read back %v, %v; want %v", got, err, a)
	}
	if got, _ := readManifest(dir, ".public.manifest", "1:2"); got != nil {
		t.Errorf("another folder's records: %v, want none", got)
	}
	// An empty site is still a site the manifest names.
	if err := writeManifest(dir, ".empty.manifest", "1:4", manifest{}); err != nil {
		t.Fatal(err)
	}
	if got, _ := readManifest(dir, ".empty.manifest", "1:4"); got == nil {
		t.Error("the manifest of an empty site does not name its folder")
	}
	whole, err := os.ReadFile(filepath.Join(root, ".public.manifest"))
	if err != nil {
		t.Fatal(err)
	}
	for n := range len(whole) {
		if m := parseManifest(whole[:n], "1:3"); m != nil && !maps.Equal(m, a) {
			t.Fatalf("cut at %d of %d bytes: read %v", n, len(whole), m)
		}
	}
}

// TestManifestOfEarlierVersionsIsRead reads a manifest written by versions
// that kept the staging folder's records too.
func TestManifestOfEarlierVersionsIsRead(t *testing.T) {
	a := manifest{"index.html": rec(4, 42, "home")}
	b := manifest{"en/index.html": rec(7, 43, "english")}
	old := []byte(manifestHeader)
	old = appendBytes(old, []byte("1:2"))
	old = appendBytes(old, encodeRecords(b))
	old = appendBytes(old, []byte("1:3"))
	old = appendBytes(old, encodeRecords(a))
	if got := parseManifest(old, "1:3"); !maps.Equal(got, a) {
		t.Errorf("got %v, want %v", got, a)
	}
	if got := parseManifest(old, "1:2"); !maps.Equal(got, b) {
		t.Errorf("got %v, want %v", got, b)
	}
}

func FuzzParseManifest(f *testing.F) {
	good := []byte(manifestHeader)
	good = appendBytes(good, []byte("1:3"))
	good = appendBytes(good, encodeRecords(manifest{"a/index.html": rec(4, 42, "home")}))
	f.Add(good, "1:3")
	f.Add([]byte(manifestHeader+"\x03"), "1:3")
	f.Add([]byte("damaged"), "")
	f.Fuzz(func(t *testing.T, b []byte, id string) {
		m := parseManifest(b, id)
		if m == nil {
			return
		}
		// What parses encodes back to records that parse the same.
		again := []byte(manifestHeader)
		again = appendBytes(again, []byte(id))
		again = appendBytes(again, encodeRecords(m))
		if m2 := parseManifest(again, id); !maps.Equal(m, m2) {
			t.Errorf("records %v read back as %v", m, m2)
		}
	})
}
