package publish

import (
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/alaqsa-ira/site/internal/diag"
)

func rec(size, mtime int64, data string) fileRecord {
	return fileRecord{Size: size, MTime: mtime, Sum: sum(sha256.Sum256([]byte(data)))}
}

// encodeV1 lays out a manifest of version 1, as earlier versions wrote it,
// with a block of records for each folder.
func encodeV1(folders ...any) []byte {
	b := []byte(manifestHeaderV1)
	for i := 0; i < len(folders); i += 2 {
		var body []byte
		m := folders[i+1].(manifest)
		for _, p := range slices.Sorted(maps.Keys(m)) {
			r := m[p]
			body = appendBytes(body, []byte(p))
			body = binary.LittleEndian.AppendUint64(body, uint64(r.Size))
			body = binary.LittleEndian.AppendUint64(body, uint64(r.MTime))
			body = append(body, r.Sum[:]...)
		}
		b = appendBytes(b, []byte(folders[i].(string)))
		b = appendBytes(b, body)
	}
	return b
}

func TestManifestRoundTripsAndRefusesDamage(t *testing.T) {
	root := t.TempDir()
	dir, err := openFolder(root)
	if err != nil {
		t.Fatal(err)
	}
	defer dir.close()
	a := manifest{
		"index.html":                   rec(4, 1_700_000_000_123456789, "home"),
		"ar/عن-المكتب/x.html":          rec(0, -1, ""),
		"en/a file with spaces .pdf":   rec(7, 5, "spaces!"),
		"en/\u200fمرحبا\u202e/ok.html": rec(1, 1, "x"),
	}
	if err := writeManifest(dir, ".public.manifest", "1:3", a); err != nil {
		t.Fatal(err)
	}
	if got, err := readManifest(dir, ".public.manifest", "m", "1:3"); err != nil || !maps.Equal(got, a) {
		t.Errorf("read back %v, %v; want %v", got, err, a)
	}
	if got, err := readManifest(dir, ".public.manifest", "m", "1:2"); got != nil || err != nil {
		t.Errorf("another folder's records: %v, %v; want none", got, err)
	}
	// An empty site is still a site the manifest names.
	if err := writeManifest(dir, ".empty.manifest", "1:4", manifest{}); err != nil {
		t.Fatal(err)
	}
	if got, _ := readManifest(dir, ".empty.manifest", "m", "1:4"); got == nil {
		t.Error("the manifest of an empty site does not name its folder")
	}
	whole, err := os.ReadFile(filepath.Join(root, ".public.manifest"))
	if err != nil {
		t.Fatal(err)
	}
	// A manifest cut short anywhere is refused, never read as fewer files.
	for n := range len(whole) {
		if m, found := decodeManifest(whole[:n], "1:3"); m != nil || len(found) == 0 {
			t.Fatalf("cut at %d of %d bytes: read %v, %v", n, len(whole), m, found)
		}
	}
}

// TestManifestOfEarlierVersionsIsRead reads a manifest written by versions
// that wrote it in binary and kept the staging folder's records too.
func TestManifestOfEarlierVersionsIsRead(t *testing.T) {
	a := manifest{"index.html": rec(4, 42, "home")}
	b := manifest{"en/index.html": rec(7, 43, "english")}
	old := encodeV1("1:2", b, "1:3", a)
	if got, found := decodeManifest(old, "1:3"); !maps.Equal(got, a) || found != nil {
		t.Errorf("got %v, %v; want %v", got, found, a)
	}
	if got, found := decodeManifest(old, "1:2"); !maps.Equal(got, b) || found != nil {
		t.Errorf("got %v, %v; want %v", got, found, b)
	}
}

// hostileRecords are records of a manifest that no build writes, each with
// what its refusal must say.
var hostileRecords = []struct {
	name, path, want string
}{
	{"up one", "../victim.txt", `".." element`},
	{"up two into a sibling", "../../somewhere/v2.txt", `".." element`},
	{"down then up", "en/../../victim.txt", `".." element`},
	{"down then up to itself", "en/../index.html", `".." element`},
	{"dot then up", "./../victim.txt", `"." element`},
	{"empty element then up", "en//../../victim.txt", "empty element"},
	{"only up", "..", `".." element`},
	{"absolute", "/etc/passwd", "absolute path"},
	{"absolute with dots", "/../../victim.txt", "absolute path"},
	{"NUL", "victim.txt\x00", "U+0000"},
	{"NUL then up", "\x00/../victim.txt", "U+0000"},
	{"line break", "a\nb", ""}, // breaks the line: a short record, then garbage
	{"carriage return", "index.html\r", "U+000D"},
	{"escape", "a\x1b[31m.html", "U+001B"},
	{"DEL", "a\x7f.html", "U+007F"},
	{"C1 control", "a\u0085.html", "U+0085"},
	{"backslash up", `..\victim.txt`, "backslash"},
	{"backslash inside", `en\..\..\victim.txt`, "backslash"},
	{"empty", "", "is empty"},
	{"dot", ".", `"." element`},
	{"trailing slash", "en/", "ends in /"},
	{"invalid UTF-8", "a\xff.html", "UTF-8"},
	{"overlong element", strings.Repeat("a", 256), "256 bytes"},
	{"overlong path", strings.Repeat("a/", 2100) + "x", "longer than any"},
}

// TestManifestRecordsAreCheckedOneByOne refuses a manifest, in either
// version, that holds one record no build writes, pointing at its line.
func TestManifestRecordsAreCheckedOneByOne(t *testing.T) {
	good := manifest{"index.html": rec(4, 42, "home"), "en/index.html": rec(7, 43, "english")}
	for _, c := range hostileRecords {
		m := maps.Clone(good)
		m[c.path] = rec(6, 44, "victim")
		line := 3 + slices.Index(slices.Sorted(maps.Keys(m)), c.path)
		for _, v := range []struct {
			name string
			b    []byte
		}{{"v2", encodeManifest("1:3", m)}, {"v1", encodeV1("1:3", m)}} {
			t.Run(c.name+" "+v.name, func(t *testing.T) {
				got, found := decodeManifest(v.b, "1:3")
				if got != nil || len(found) == 0 {
					t.Fatalf("read %v, want a refusal", got)
				}
				err := newBadManifest("site/.public.manifest", found)
				first := err.errs[0].Error()
				if c.want != "" && (!strings.HasPrefix(first, fmt.Sprintf("site/.public.manifest:%d: ", line)) || !strings.Contains(first, c.want)) {
					t.Errorf("refused with\n%v\nwant line %d and %q", err, line, c.want)
				}
				if !strings.Contains(first, "--force") || !strings.Contains(first, "changed nothing") {
					t.Errorf("the refusal does not say what to do: %v", first)
				}
			})
		}
	}
}

// TestManifestRefusesWhatNoBuildWrites covers the faults of the manifest as
// a whole, and of records in relation to one another.
func TestManifestRefusesWhatNoBuildWrites(t *testing.T) {
	const h, f = manifestHeader, "folder 1:3\n"
	r := func(p string) string { return "4 42 " + strings.Repeat("ab", 16) + " " + p + "\n" }
	for _, c := range []struct {
		name, text string
		line       int
		want       string
	}{
		{"a record twice", h + f + r("a.html") + r("b.html") + r("a.html") + "end\n", 5, "repeats that of line 3"},
		{"a record for a folder", h + f + r("en") + r("en/index.html") + "end\n", 3, `"en" is of a file, yet line 4`},
		{"a folder recorded after what is inside it", h + f + r("en/a/index.html") + r("en") + "end\n", 4, `"en" is of a file, yet line 3`},
		{"no header", "site manifest\n" + f + "end\n", 1, "does not start with"},
		{"a later version", "site manifest 3\n" + f + "end\n", 1, `version "3"`},
		{"no folder line", h + r("a.html") + "end\n", 2, "folder line"},
		{"no end", h + f + r("a.html"), 4, "cut short"},
		{"cut in a line", h + f + r("a.html") + "4 42", 4, "no end of line"},
		{"after the end", h + f + "end\n" + r("a.html"), 4, "follows"},
		{"garbage", h + f + "rm -rf ../victim.txt\n" + "end\n", 3, "not a record"},
		{"negative size", h + f + "-4 42 " + strings.Repeat("ab", 16) + " a.html\nend\n", 3, "size"},
		{"size with a plus", h + f + "+4 42 " + strings.Repeat("ab", 16) + " a.html\nend\n", 3, "size"},
		{"time not a number", h + f + "4 soon " + strings.Repeat("ab", 16) + " a.html\nend\n", 3, "time"},
		{"short hash", h + f + "4 42 abcd a.html\nend\n", 3, "hash"},
		{"upper-case hash", h + f + "4 42 " + strings.Repeat("AB", 16) + " a.html\nend\n", 3, "hash"},
		{"two spaces", h + f + "4  42 " + strings.Repeat("ab", 16) + " a.html\nend\n", 3, "not a record"},
		{"an overlong line", h + f + r(strings.Repeat("x", 5000)) + "end\n", 3, "bytes long"},
		{"a folder line with a NUL", h + "folder 1:3\x00\n" + "end\n", 2, "folder line"},
		{"two folders", h + f + f + "end\n", 3, "not a record"},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, found := decodeManifest([]byte(c.text), "1:3")
			if got != nil || len(found) == 0 {
				t.Fatalf("read %v, want a refusal", got)
			}
			if found[0].line != c.line || !strings.Contains(found[0].msg, c.want) {
				t.Errorf("found %v, want line %d: %q", found, c.line, c.want)
			}
		})
	}
	// Version 1: the same folder named twice, a damaged record.
	v1 := encodeV1("1:3", manifest{"a": rec(1, 1, "a")}, "1:3", manifest{"b": rec(1, 1, "b")})
	if _, found := decodeManifest(v1, "1:3"); len(found) != 1 || found[0].line != 4 || !strings.Contains(found[0].msg, "named again") {
		t.Errorf("a folder named twice: %v", found)
	}
	v1 = encodeV1("1:3", manifest{"a": rec(1, 1, "a")})
	if _, found := decodeManifest(v1[:len(v1)-1], "1:3"); len(found) != 1 || !strings.Contains(found[0].msg, "cut short") {
		t.Errorf("a cut record: %v", found)
	}
}

// TestManifestFaultsAreAllReported lists every fault at once, each at its
// line, up to a limit.
func TestManifestFaultsAreAllReported(t *testing.T) {
	m := manifest{"../a": {}, "/b": {}, "c/../../d": {}, "ok.html": {}}
	err := newBadManifest(".public.manifest", must2(decodeManifest(encodeManifest("1:1", m), "1:1")))
	errs := diag.Flatten(err)
	if len(errs) != 3 {
		t.Fatalf("%d errors, want 3:\n%v", len(errs), err)
	}
	for i, line := range []int{3, 4, 5} {
		var d *diag.Error
		if !errors.As(errs[i], &d) || d.Line != line {
			t.Errorf("error %d: %v, want one at line %d", i, errs[i], line)
		}
	}
	many := manifest{}
	for i := range 50 {
		many[fmt.Sprintf("../%02d", i)] = fileRecord{}
	}
	errs = diag.Flatten(newBadManifest("m", must2(decodeManifest(encodeManifest("1:1", many), "1:1"))))
	if len(errs) != maxFindings+1 || !strings.Contains(errs[maxFindings].Error(), "30 more") {
		t.Errorf("%d errors, the last %v; want %d and a count of the rest", len(errs), errs[len(errs)-1], maxFindings+1)
	}
}

func must2(m manifest, found []finding) []finding {
	if m != nil {
		panic("read a manifest that should be refused")
	}
	return found
}
