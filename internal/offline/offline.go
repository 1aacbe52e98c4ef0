// Package offline makes what lets readers keep reading when the network
// drops: a service worker at the site's base address, the list of the
// site's current files it prunes its cache by, and the tiny script every
// page carries to register it.
//
// The worker (worker.js, written by hand) answers pages and other requests
// network-first: a response that does not come within a few seconds, or
// fails, is answered from the copy saved at the last visit, marked with the
// date it was saved (data-saved on <html>, which the page's script shows in
// its notice); a page never saved gets the offline page. Fingerprinted files
// are answered from the cache first and kept: the build names each by the
// start of the SHA-256 of its bytes, in hex, before its extension
// (site.3f2a9c1e.css, group-800.1a2b3c4d5e6f.webp, t/3.0f1e2d3c.json), and
// the worker keeps a file as one only once its bytes hash to its name, so
// an editor's file whose name merely looks like one (report-20260101.pdf,
// scan.20260101.pdf) is fetched afresh like a page. When installed it
// saves the offline page, the stylesheets and a few pages (the homes, the
// lists, the contact pages).
// When a new build replaces it (its version is a hash of everything it
// embeds and of the list of files), it removes the pages the build no
// longer has and the old assets no saved page refers to.
//
// Every decision the worker makes on an address (its site and scope, the
// folders it leaves to the network, what it keeps) is made on the file a
// static host serves there: the path percent-decoded, dot segments and
// repeated slashes resolved, query and fragment dropped, so that /%61dmin/,
// /en/..%2Fadmin/ and //admin/ are the web editor's folder, which it never
// answers or saves, and which the list and the install never name.
//
// Turned off (offline: false in data/site.yaml), and always in the dev
// server, the worker at the same address removes its caches and itself,
// and pages unregister it: readers' phones drop it at their next visit.
package offline

import (
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"encoding/json"
	"html/template"
	"slices"
	"strings"
)

// Paths of the files this package makes, under the site's base.
const (
	WorkerFile = "sw.js"
	ListFile   = "offline-pages.json"
	PageFile   = "offline.html"
)

// Timeout is how long, in milliseconds, the worker waits for a page from
// the network before it shows the saved copy.
const Timeout = 3500

//go:embed worker.js
var workerJS string

//go:embed unregister.js
var unregisterJS string

// Lang is how a language writes the date a page was saved.
type Lang struct {
	Pattern string     `json:"pattern"` // "{day} {month} {year}"
	Months  [12]string `json:"months"`
	Arab    bool       `json:"arab,omitempty"` // Arabic-Indic digits
}

// Worker describes the service worker of one build.
type Worker struct {
	Base    string          // the site's base path, escaped: "/ira/"
	Off     bool            // write the worker that removes itself
	Langs   map[string]Lang // by language code
	Default string          // the default language's code
	// Assets are the fingerprinted files to keep from the start (the
	// stylesheets), as paths under Base without it: "css/site.3f2a9c1e.css".
	Assets []string
	// Pages are the pages to save at install, under Base without it: "ar/".
	Pages []string
	// Skip are folders under Base, with a trailing slash ("admin/"), whose
	// requests the worker leaves alone: the web editor must always talk
	// to the network, and none of its files is saved or listed.
	Skip []string
	// Files are the pages and JSON files the build publishes (see Listed),
	// under Base without it, unescaped, with index.html left out: "ar/about/".
	Files []string
}

type settings struct {
	V      string          `json:"v"`
	Base   string          `json:"base"`
	Assets []string        `json:"assets,omitempty"`
	Pages  []string        `json:"pages,omitempty"`
	List   string          `json:"list,omitempty"`
	Off    string          `json:"off,omitempty"`
	T      int             `json:"t,omitempty"`
	Langs  map[string]Lang `json:"langs,omitempty"`
	Def    string          `json:"def,omitempty"`
	Skip   []string        `json:"skip,omitempty"`
}

// Script returns the worker's source and the list of current files it
// fetches when it takes over (nil for the worker that removes itself).
func (w *Worker) Script() (script, list []byte) {
	if w.Off {
		c, _ := json.Marshal(settings{Base: w.Base})
		return []byte("const C=" + string(c) + ";\n" + unregisterJS), nil
	}
	files := slices.DeleteFunc(slices.Clone(w.Files), w.skipped)
	slices.Sort(files)
	s := settings{Base: w.Base, List: w.Base + ListFile, Off: w.Base + PageFile, T: Timeout, Langs: w.Langs, Def: w.Default}
	for _, a := range append(slices.DeleteFunc(slices.Clone(w.Assets), w.skipped), PageFile) {
		s.Assets = append(s.Assets, w.Base+a)
	}
	for _, p := range slices.DeleteFunc(slices.Clone(w.Pages), w.skipped) {
		s.Pages = append(s.Pages, w.Base+p)
	}
	for _, p := range w.Skip {
		s.Skip = append(s.Skip, w.Base+p)
	}
	h := sha256.New()
	h.Write([]byte(workerJS))
	c, _ := json.Marshal(s)
	h.Write(c)
	for _, f := range files {
		h.Write([]byte(f + "\x00"))
	}
	s.V = hex.EncodeToString(h.Sum(nil)[:8])
	c, _ = json.Marshal(s)
	list, _ = json.Marshal(struct {
		V     string   `json:"v"`
		Files []string `json:"files"`
	}{s.V, files})
	return []byte("const C=" + string(c) + ";\n" + workerJS), list
}

// skipped reports whether a path under the base is one of the folders
// left to the network or in one, whatever its case (some hosts ignore it).
func (w *Worker) skipped(p string) bool {
	p = strings.ToLower(p) + "/"
	for _, s := range w.Skip {
		if strings.HasPrefix(p, strings.ToLower(s)) {
			return true
		}
	}
	return false
}

// Register returns the script every page carries, at the end of its body:
// with the worker on, it shows the page's saved notice (the element with id
// .saved-notice, whose data-text has {date}) when the worker marked the page
// as saved, and registers the worker once the page has loaded; with it off,
// it unregisters the worker of this site's scope and deletes its caches. Without JavaScript the
// page is the same page, its notice hidden.
func Register(base string, off bool) template.HTML {
	b, _ := json.Marshal(base)
	w, _ := json.Marshal(base + WorkerFile)
	if off {
		return template.HTML(`<script>(function(n,c,b){n&&n.getRegistrations().then(function(r){r.forEach(function(r){r.scope==location.origin+b&&r.unregister()})});c&&c.keys().then(function(k){k.forEach(function(k){k.slice(-b.length-1)==" "+b&&c.delete(k)})})})(navigator.serviceWorker,window.caches,` + string(b) + `)</script>`)
	}
	return template.HTML(`<script>(function(n,e,d){if(d&&e){e.textContent=e.dataset.text.replace("{date}",d);e.hidden=!1}n&&addEventListener("load",function(){n.register(` +
		string(w) + `,{scope:` + string(b) + `,updateViaCache:"none"})})})(navigator.serviceWorker,document.querySelector(".saved-notice"),document.documentElement.dataset.saved)</script>`)
}

// Listed reports whether an output file (a path under the base) is in the
// list of current files: pages and JSON files (the search index), which
// the worker removes from its cache when a build no longer has them.
// Other files it saves (pictures, calendars) are left alone, and
// fingerprinted files are kept by another rule (their bytes hash to their
// name): listing them all would make the list a third larger. Script
// leaves out whatever is in a folder of Worker.Skip.
func Listed(file string, fingerprinted bool) bool {
	if fingerprinted || file == ListFile {
		return false
	}
	return strings.HasSuffix(file, ".html") || strings.HasSuffix(file, ".json")
}

// Address returns the address under the base that a file is served at:
// a folder's index.html at the folder.
func Address(file string) string {
	if file == "index.html" || strings.HasSuffix(file, "/index.html") {
		return strings.TrimSuffix(file, "index.html")
	}
	return file
}
