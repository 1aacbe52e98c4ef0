package build

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/alaqsa-ira/site/internal/htmltest"
	"github.com/alaqsa-ira/site/internal/phototest"
	"github.com/andybalholm/brotli"
)

// offlineSite adds contact pages and an announcement that expired to the
// base site.
const offlineSite = `
-- content/contact.ar.md --
---
title: اتصل بنا
---
-- content/contact.en.md --
---
title: Contact
---
-- content/announcements/old.en.md --
---
title: An old call
date: 2026-09-01
expiryDate: 2026-10-01
---
Gone.
-- content/announcements/new.en.md --
---
title: A new call
date: 2026-11-01
---
Still open.
`

func gz(b []byte) int {
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	w.Write(b)
	w.Close()
	return buf.Len()
}

func br(b []byte) int {
	var buf bytes.Buffer
	w := brotli.NewWriterLevel(&buf, brotli.BestCompression)
	w.Write(b)
	w.Close()
	return buf.Len()
}

// workerSettings returns the object literal the worker begins with.
func workerSettings(sw []byte) []byte {
	rest, ok := bytes.CutPrefix(sw, []byte("const C="))
	if !ok {
		return nil
	}
	depth, quoted := 0, false
	for i, c := range rest {
		switch {
		case quoted:
			quoted = c != '"' || rest[i-1] == '\\'
		case c == '"':
			quoted = true
		case c == '{' || c == '[':
			depth++
		case c == '}' || c == ']':
			if depth--; depth == 0 {
				return rest[:i+1]
			}
		}
	}
	return nil
}

// TestServiceWorkerIsSmallAndSavesTheMainPages checks the worker a build
// writes at its base: at most 5 KB compressed (gzip and brotli), scoped to
// the base path, saving the homes, the lists, the contact pages, the
// offline page and the stylesheet at install, and of the same version as
// the list of current files, which leaves out what expired.
func TestServiceWorkerIsSmallAndSavesTheMainPages(t *testing.T) {
	for _, base := range []string{"https://example.org/", "https://example.org/ira/"} {
		b := mustBuild(t, newSite(t, offlineSite), func(o *Options) { o.BaseURL = base })
		path := strings.TrimPrefix(base, "https://example.org")
		sw := b.files["sw.js"]
		gzSize, brSize := gz(sw), br(sw)
		t.Logf("%s: sw.js %d bytes, %d gzip, %d brotli", base, len(sw), gzSize, brSize)
		if gzSize > 5<<10 || brSize > 5<<10 {
			t.Errorf("the worker is %d bytes with gzip, %d with brotli: over 5 KB", gzSize, brSize)
		}
		m := workerSettings(sw)
		if m == nil {
			t.Fatalf("sw.js does not begin with its settings: %.80s", sw)
		}
		var c struct {
			V, Base, List, Off  string
			Assets, Pages, Skip []string
		}
		if err := json.Unmarshal(quoteKeys(m), &c); err != nil {
			t.Fatalf("the worker's settings %s: %v", m, err)
		}
		// The web editor always talks to the network.
		if len(c.Skip) != 1 || c.Skip[0] != path+"admin/" || !b.has("admin/index.html") {
			t.Errorf("the worker leaves %v to the network, want %sadmin/ (the web editor)", c.Skip, path)
		}
		if c.Base != path || c.Off != path+"offline.html" || c.List != path+"offline-pages.json" {
			t.Errorf("worker settings %+v, want the base %s", c, path)
		}
		for _, want := range []string{"ar/", "en/", "ar/announcements/", "en/announcements/", "ar/contact/", "en/contact/"} {
			if !strings.Contains(strings.Join(c.Pages, " ")+" ", path+want+" ") {
				t.Errorf("the worker saves %v at install, not %s", c.Pages, path+want)
			}
		}
		if !regexp.MustCompile(`css/site\.[0-9a-f]{8}\.css`).MatchString(strings.Join(c.Assets, " ")) {
			t.Errorf("the worker keeps %v, not the stylesheet", c.Assets)
		}
		var list struct {
			V     string
			Files []string
		}
		if err := json.Unmarshal(b.files["offline-pages.json"], &list); err != nil {
			t.Fatal(err)
		}
		if list.V != c.V || c.V == "" {
			t.Errorf("the worker's version %q, the list's %q", c.V, list.V)
		}
		files := " " + strings.Join(list.Files, " ") + " "
		for _, want := range []string{"en/announcements/new/", "ar/", "offline.html", "404.html"} {
			if !strings.Contains(files, " "+want+" ") {
				t.Errorf("the list of current files lacks %s: %s", want, files)
			}
		}
		for _, gone := range []string{"en/announcements/old/", "sw.js", ".css", ".ics", ".svg", "index.html ", "admin/"} {
			if strings.Contains(files, gone) {
				t.Errorf("the list of current files has %s: %s", gone, files)
			}
		}
		if !b.has("offline.html") {
			t.Error("no offline page")
		}
		off := b.page("offline.html")
		for _, lang := range []string{"ar", "en"} {
			if len(off.All(htmltest.Tag("ul", "class", "saved-pages", "data-lang", lang))) != 1 || len(off.All(htmltest.Tag("section", "lang", lang))) != 1 {
				t.Errorf("the offline page has no section with a list of saved pages in %s", lang)
			}
		}
	}
}

// quoteKeys turns the minified object literal of the worker's settings
// into JSON.
func quoteKeys(b []byte) []byte {
	b = regexp.MustCompile(`([{,])([a-zA-Z]+):`).ReplaceAll(b, []byte(`$1"$2":`))
	return bytes.ReplaceAll(b, []byte("!0"), []byte("true"))
}

var registration = regexp.MustCompile(`<script>[^<]*serviceWorker[^<]*</script>`)
var notice = regexp.MustCompile(`<p class="?saved-notice"?[^>]*></p>`)

// TestEveryPageRegistersTheWorkerForUnderAKilobyte checks that every page
// (those of base.html, the root page, 404 and the offline page) carries the
// registration and the hidden notice, which together add at most 1 KB to a
// page, and measures what they add compressed.
func TestEveryPageRegistersTheWorkerForUnderAKilobyte(t *testing.T) {
	b := mustBuild(t, newSite(t, offlineSite), func(o *Options) { o.BaseURL = "https://example.org/ira/" })
	n := 0
	for name, data := range b.files {
		if !strings.HasSuffix(name, ".html") || bytes.Contains(data, []byte(`http-equiv="refresh"`)) {
			continue
		}
		if strings.HasPrefix(name, "admin/") {
			// The web editor is no reader's page: never registered.
			if registration.Match(data) {
				t.Errorf("%s registers the worker", name)
			}
			continue
		}
		n++
		script := registration.Find(data)
		if script == nil || !bytes.Contains(script, []byte(`"/ira/sw.js"`)) || !bytes.Contains(script, []byte(`updateViaCache:"none"`)) || !bytes.Contains(script, []byte(`scope:"/ira/"`)) {
			t.Errorf("%s does not register /ira/sw.js with scope /ira/ and updateViaCache none: %s", name, script)
			continue
		}
		added := len(script)
		without := bytes.Replace(data, script, nil, 1)
		if el := notice.Find(data); el != nil {
			added += len(el)
			without = bytes.Replace(without, el, nil, 1)
		} else if name != "index.html" && name != "404.html" && name != "offline.html" {
			t.Errorf("%s has no saved notice", name)
		}
		if added > 1024 {
			t.Errorf("%s: offline reading adds %d bytes, over 1 KB", name, added)
		}
		if name == "ar/announcements/index.html" || name == "en/announcements/index.html" {
			t.Logf("%s: offline reading adds %d bytes, %d with gzip, %d with brotli", name, added, gz(data)-gz(without), br(data)-br(without))
		}
	}
	if n < 10 {
		t.Fatalf("only %d pages checked", n)
	}
}

// TestOfflineOffRemovesTheWorker checks offline: false, and the dev
// server: the worker at the same address removes its caches and itself,
// and there is no list or offline page; built pages unregister the worker
// and delete its caches, and the dev server's pages leave it alone.
func TestOfflineOffRemovesTheWorker(t *testing.T) {
	off := newSite(t, offlineSite)
	off["data/site.yaml"].Data = bytes.Replace(off["data/site.yaml"].Data, []byte("\nlanguages:"), []byte("\noffline: false\nlanguages:"), 1)
	for _, c := range []struct {
		name     string
		b        *built
		register bool
	}{
		{"offline: false", mustBuild(t, off, func(o *Options) { o.BaseURL = "https://example.org/ira/" }), true},
		{"dev server", mustBuild(t, newSite(t, offlineSite), func(o *Options) { o.BaseURL = "https://example.org/ira/"; o.Dev = true }), false},
	} {
		sw := string(c.b.files["sw.js"])
		if !strings.Contains(sw, "unregister()") || !strings.Contains(sw, "caches.delete") || strings.Contains(sw, "fetch") {
			t.Errorf("%s: sw.js is not the worker that removes itself:\n%s", c.name, sw)
		}
		if c.b.has("offline-pages.json") || (c.name != "dev server" && c.b.has("offline.html")) {
			t.Errorf("%s: the list of files or the offline page is still written", c.name)
		}
		for _, name := range []string{"en/index.html", "ar/announcements/index.html", "index.html", "404.html"} {
			page := string(c.b.files[name])
			if strings.Contains(page, ".register(") {
				t.Errorf("%s: %s registers the worker", c.name, name)
			}
			removes := strings.Contains(page, ".unregister()") && strings.Contains(page, "caches")
			if removes != c.register {
				t.Errorf("%s: %s unregisters the worker: %v, want %v", c.name, name, removes, c.register)
			}
		}
	}
}

// TestOfflineSettingMustBeABoolean checks the setting's check.
func TestOfflineSettingMustBeABoolean(t *testing.T) {
	for _, v := range []string{"yes please", "[true]", "1"} {
		s := newSite(t, "")
		s["data/site.yaml"].Data = bytes.Replace(s["data/site.yaml"].Data, []byte("\nlanguages:"), []byte("\noffline: "+v+"\nlanguages:"), 1)
		_, err := buildSite(t, s)
		if err == nil || !strings.Contains(err.Error(), "data/site.yaml:") || !strings.Contains(err.Error(), "offline must be true or false") {
			t.Errorf("offline: %s: %v", v, err)
		}
	}
}

// fingerprint is the hash a file's name carries before its extension, as
// the service worker reads it (hash in worker.js).
var fingerprint = regexp.MustCompile(`\.([0-9a-f]{8,64})\.[a-z0-9]+$`)

// TestFingerprintedFilesAreNamedByTheHashOfTheirBytes checks what lets
// the offline worker tell the build's fingerprinted files from an editor's
// file without guessing: every file the build names NAME.HASH.EXT
// (stylesheets, scripts, fonts, photos' derivatives, search shards and
// page files) has a HASH that starts the SHA-256 of its bytes, so the worker
// keeps it once its bytes prove it; an editor's file whose name looks the
// same (a date between dots) does not, and the worker fetches it afresh.
// Nothing an editor uploads is kept at install or listed twice.
func TestFingerprintedFilesAreNamedByTheHashOfTheirBytes(t *testing.T) {
	src := bundleSite(t, phototest.JPEG(500, 400, 1, false))
	uploads := []string{"files/report.20260101.pdf", "files/report-20260101.pdf", "files/print.0123abcd.css", "images/banner.20260101.svg"}
	for _, f := range uploads {
		data := "%PDF-1.4 an editor's " + f + "\n"
		if strings.HasSuffix(f, ".css") {
			data = "/* an editor's " + f + " */\n" // a file is published only as what its name says (package filekind)
		}
		src["static/"+f] = &fstest.MapFile{Data: []byte(data)}
	}
	src["static/images/banner.20260101.svg"].Data = []byte(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 2 1"><rect width="2" height="1" fill="#0a5"/></svg>`)
	b := mustBuild(t, src)
	kinds := map[string]bool{}
	var mismatched []string
	for f, data := range b.files {
		m := fingerprint.FindStringSubmatch(f)
		if m == nil {
			continue
		}
		sum := sha256.Sum256(data)
		if !strings.HasPrefix(hex.EncodeToString(sum[:]), m[1]) {
			mismatched = append(mismatched, f)
			continue
		}
		for _, k := range []string{"css/", "js/", "fonts/", "visit/group-", "search/t/", "search/d/"} {
			if strings.Contains(f, k) {
				kinds[k] = true
			}
		}
	}
	slices.Sort(mismatched)
	if want := []string{"files/print.0123abcd.css", "files/report.20260101.pdf", "images/banner.20260101.svg"}; !slices.Equal(mismatched, want) {
		t.Errorf("files whose name carries a hash that is not their bytes': %q, want the editor's %q", mismatched, want)
	}
	if len(kinds) != 6 {
		t.Errorf("fingerprinted files of the kinds %v only", kinds)
	}
	sw := string(b.files["sw.js"])
	for _, f := range uploads {
		if !b.has(f) {
			t.Errorf("%s is not published", f)
		}
		if strings.Contains(sw, f) {
			t.Errorf("the worker keeps %s at install", f)
		}
	}
}

// TestOfflineListNeverNamesTheEditorsFolder checks that files an editor
// puts in the web editor's folder, in any case, are neither listed for
// the worker nor saved at install, while a page of that name in a
// language is.
func TestOfflineListNeverNamesTheEditorsFolder(t *testing.T) {
	src := newSite(t, offlineSite+`
-- content/admin.en.md --
---
title: Administration
---
The office's administration.
`)
	for _, f := range []string{"static/admin/notes.json", "static/Admin/extra.json", "static/ADMIN/page.txt"} {
		src[f] = &fstest.MapFile{Data: []byte("{}")}
	}
	b := mustBuild(t, src)
	var list struct{ Files []string }
	if err := json.Unmarshal(b.files["offline-pages.json"], &list); err != nil {
		t.Fatal(err)
	}
	for _, f := range list.Files {
		if strings.HasPrefix(strings.ToLower(f), "admin/") {
			t.Errorf("the list names %s, in the editor's folder", f)
		}
	}
	if !slices.Contains(list.Files, "en/admin/") {
		t.Errorf("the list lacks the page en/admin/: %q", list.Files)
	}
	if m := regexp.MustCompile(`"/(?i:admin)/[^"]*"`).FindAllString(string(workerSettings(b.files["sw.js"])), -1); len(m) != 1 || m[0] != `"/admin/"` {
		t.Errorf("the worker's settings name %q in the editor's folder, want only the folder it skips", m)
	}
}
