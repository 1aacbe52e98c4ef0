package cms_test

import (
	"context"
	"crypto/sha512"
	"encoding/base64"
	"errors"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/alaqsa-ira/site/internal/browsertest"
	"github.com/alaqsa-ira/site/internal/build"
	"github.com/alaqsa-ira/site/internal/cms"
	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// editor is the web editor running in headless Chromium, in a browser set
// to Arabic, on a copy of the office site that it edits as a local
// repository: the folder the editor is given is one of the browser's origin
// private file system, filled from the site's folder before it starts and
// read back from there.
type editor struct {
	t       *testing.T
	ctx     context.Context
	src     string // the site's folder
	url     string // the built site's address
	mu      sync.Mutex
	errs    []string // console errors, exceptions, requests to other sites
	cdn     []string // the files asked of the CDN
	allowed []string // console errors expected from now on
	files   int      // the files put in the editor's folder
	// tampered are files of the CDN served with a byte added.
	tampered []string
}

// sveltiaDir returns the folder .ci/run installs the CDN's files into: each
// npm package the editor loads from the CDN, by npm pack, under its path on
// the CDN (@sveltia/cms@VERSION/..., immutable@VERSION/...). Without it the
// test is skipped, unless REQUIRE_BROWSER is set.
func sveltiaDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("SVELTIA_DIR")
	_, err := os.Stat(filepath.Join(dir, filepath.FromSlash(strings.TrimPrefix(cms.ScriptURL, cms.CDN))))
	if dir == "" || err != nil {
		if os.Getenv("REQUIRE_BROWSER") != "" {
			t.Fatalf("SVELTIA_DIR=%q has no @sveltia/cms@%s (see .ci/run), and REQUIRE_BROWSER is set", dir, cms.Version)
		}
		t.Skip("no Sveltia CMS: set SVELTIA_DIR as .ci/run does")
	}
	return dir
}

// cdnFile returns the file of dir that stands for url on the CDN.
func cdnFile(dir, url string) (string, bool) {
	rest, ok := strings.CutPrefix(url, cms.CDN)
	if i := strings.IndexAny(rest, "?#"); i >= 0 {
		rest = rest[:i]
	}
	if !ok || rest == "" || !fs.ValidPath(rest) {
		return "", false
	}
	return filepath.Join(dir, filepath.FromSlash(rest)), true
}

// TestEveryPinnedFileHasItsHash checks the hashes of the script and of
// every file it loads once running against the npm packages' files, the
// files the CDN serves: a release moved without its hashes fails here,
// whether or not the browser test loads the file.
func TestEveryPinnedFileHasItsHash(t *testing.T) {
	dir := sveltiaDir(t)
	pins := append([]cms.Pin{{URL: cms.ScriptURL, Integrity: cms.Integrity}}, cms.Lazy...)
	for _, p := range pins {
		name, ok := cdnFile(dir, p.URL)
		b, err := os.ReadFile(name)
		if !ok || err != nil {
			t.Errorf("%s: not in the npm package: %v", p.URL, err)
			continue
		}
		sum := sha512.Sum384(b)
		if got := "sha384-" + base64.StdEncoding.EncodeToString(sum[:]); got != p.Integrity {
			t.Errorf("%s: the file's hash is %s; the site pins %s", p.URL, got, p.Integrity)
		}
	}
}

// copySite copies the office site's data, layouts and static files, its
// top-level pages and the announcements' section pages into a new folder.
func copySite(t *testing.T) string {
	t.Helper()
	dst := t.TempDir()
	root := os.DirFS("../..")
	err := fs.WalkDir(root, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		top, _, _ := strings.Cut(p, "/")
		switch {
		case p == ".":
			return nil
		case d.IsDir() && (top == "data" || top == "layouts" || top == "static" || p == "content" || p == "content/announcements"):
			return os.MkdirAll(filepath.Join(dst, p), 0o755)
		case d.IsDir():
			return fs.SkipDir
		case top == "content" && path.Dir(p) == "content/announcements" && !strings.HasPrefix(path.Base(p), "_index."):
			return nil
		case top != "data" && top != "layouts" && top != "static" && top != "content":
			return nil
		}
		b, err := fs.ReadFile(root, p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, p), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

// buildSite builds src into a new folder and returns it, failing on any
// error.
func buildSite(t *testing.T, src string) (string, *build.Result) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	res, err := build.Run(context.Background(), build.Options{
		Source: os.DirFS(src), SourceDir: src, Dest: out, BaseURL: "http://127.0.0.1/",
		Now: time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC),
	})
	if err != nil {
		t.Fatalf("site build: %v", err)
	}
	return out, res
}

// serveSite serves the built site as it is published, /admin/ and its
// config.yml included.
func serveSite(t *testing.T, out string) string {
	t.Helper()
	files := http.FileServer(http.Dir(out))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-cache")
		files.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

// edited are the folders of the site the editor reads and writes.
var edited = []string{"content", "data", "static"}

// pickerStub makes the browser's folder picker answer with the folder
// "site" of the origin private file system, as if the editor had chosen
// the site's clone there: the one step of the local workflow that needs a
// person.
const pickerStub = `window.showDirectoryPicker = async () =>
	(await navigator.storage.getDirectory()).getDirectoryHandle('site', {create: true});`

// openEditor starts Chromium in Arabic, puts the site's folders in its
// origin private file system with a .git folder (the editor asks for a
// repository's root), and opens /admin/. The browser takes the CDN's files
// from dir (so the page's hashes are checked against the npm packages'
// files), each of the files named in tampered with a byte added, and
// refuses every other request outside the site.
func openEditor(t *testing.T, dir, src, site string, tampered ...string) *editor {
	t.Helper()
	e := &editor{t: t, ctx: browsertest.Start(t), src: src, url: site, tampered: tampered}
	paused := make(chan any, 256)
	if err := chromedp.Listen(e.ctx, func(ev any) {
		switch ev := ev.(type) {
		case *fetch.EventRequestPaused, *page.EventJavascriptDialogOpening:
			paused <- ev
		case *runtime.EventExceptionThrown:
			d := ev.ExceptionDetails
			where := ""
			if d.URL != "" {
				where = fmt.Sprintf(" at %s:%d", d.URL, d.LineNumber)
			}
			e.fail("exception: " + d.Text + " " + describe(d.Exception) + where)
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.ConsoleAPICalledTypeWarning && os.Getenv("EDITOR_WARNINGS") != "" {
				var parts []string
				for _, a := range ev.Args {
					parts = append(parts, describe(a))
				}
				t.Logf("console.warn: %s", strings.Join(parts, " "))
			}
			if ev.Type == runtime.ConsoleAPICalledTypeError {
				var parts []string
				for _, a := range ev.Args {
					parts = append(parts, describe(a))
				}
				e.fail("console.error: " + strings.Join(parts, " "))
			}
		case *log.EventEntryAdded:
			if ev.Entry.Level == log.EntryLevelError {
				e.fail("log: " + ev.Entry.Text + " " + ev.Entry.URL)
			}
		}
	}); err != nil {
		t.Fatal(err)
	}
	go e.intercept(dir, paused)
	version, err := chromedp.CallBrowser(e.ctx, browser.GetVersion, cdp.Empty{})
	if err != nil {
		t.Fatal(err)
	}
	_, err1 := chromedp.Call(e.ctx, fetch.Enable, fetch.EnableParams{Patterns: []*fetch.RequestPattern{{URLPattern: "*"}}})
	_, err2 := chromedp.Call(e.ctx, runtime.Enable, cdp.Empty{})
	_, err3 := chromedp.Call(e.ctx, log.Enable, cdp.Empty{})
	// An Arabic-speaking editor's browser: Arabic first.
	_, err4 := chromedp.Call(e.ctx, emulation.SetUserAgentOverride, emulation.SetUserAgentOverrideParams{UserAgent: version.UserAgent, AcceptLanguage: "ar-PS,ar,en"})
	_, err5 := chromedp.Call(e.ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: pickerStub})
	if err := errors.Join(err1, err2, err3, err4, err5); err != nil {
		t.Fatal(err)
	}
	// The editor reads no folder before it is given one: the origin
	// private file system (the site's) is filled from its page.
	if err := chromedp.Do(e.ctx, chromedp.Navigate(site+"/admin/")); err != nil {
		t.Fatal(err)
	}
	e.putFolder(src)
	return e
}

// githubStatus is GitHub's status, which the editor asks for.
const githubStatus = "https://www.githubstatus.com/api/v2/status.json"

// intercept answers the browser's requests: the CDN's from dir, the site's
// as they are, GitHub's status as all clear; any other is refused and
// fails the test.
func (e *editor) intercept(dir string, paused chan any) {
	for {
		var ev any
		select {
		case ev = <-paused:
		case <-e.ctx.Done():
			return
		}
		if _, ok := ev.(*page.EventJavascriptDialogOpening); ok {
			// "Leave this page with unsaved changes?": yes.
			_, _ = chromedp.Call(e.ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: true})
			continue
		}
		req := ev.(*fetch.EventRequestPaused)
		u := req.Request.URL
		var err error
		switch {
		case strings.HasPrefix(u, cms.CDN):
			e.mu.Lock()
			e.cdn = append(e.cdn, u)
			e.mu.Unlock()
			name, ok := cdnFile(dir, u)
			body, rerr := os.ReadFile(name)
			if slices.Contains(e.tampered, u) {
				body = append(body, ' ')
			}
			if !ok || rerr != nil {
				e.fail("a file the CDN does not have: " + u)
				_, err = chromedp.Call(e.ctx, fetch.FulfillRequest, fetch.FulfillRequestParams{RequestID: req.RequestID, ResponseCode: 404})
				break
			}
			_, err = chromedp.Call(e.ctx, fetch.FulfillRequest, fetch.FulfillRequestParams{
				RequestID: req.RequestID, ResponseCode: 200, Body: body,
				ResponseHeaders: []*fetch.HeaderEntry{{Name: "Content-Type", Value: mime.TypeByExtension(path.Ext(name))}, {Name: "Access-Control-Allow-Origin", Value: "*"}},
			})
		case u == githubStatus:
			// The editor of a GitHub repository tells its editors when
			// GitHub is having trouble, even working on a clone.
			_, err = chromedp.Call(e.ctx, fetch.FulfillRequest, fetch.FulfillRequestParams{
				RequestID: req.RequestID, ResponseCode: 200, Body: []byte(`{"status":{"indicator":"none"}}`),
				ResponseHeaders: []*fetch.HeaderEntry{{Name: "Content-Type", Value: "application/json"}, {Name: "Access-Control-Allow-Origin", Value: "*"}},
			})
		case strings.HasPrefix(u, e.url+"/"), strings.HasPrefix(u, "data:"), strings.HasPrefix(u, "blob:"):
			_, err = chromedp.Call(e.ctx, fetch.ContinueRequest, fetch.ContinueRequestParams{RequestID: req.RequestID})
		default:
			e.fail("a request to another site: " + u)
			_, err = chromedp.Call(e.ctx, fetch.FailRequest, fetch.FailRequestParams{RequestID: req.RequestID, ErrorReason: network.ErrorReasonBlockedByClient})
		}
		if err != nil && e.ctx.Err() == nil {
			e.fail("intercepting " + u + ": " + err.Error())
		}
	}
}

// askedOfCDN returns the files asked of the CDN so far, each once.
func (e *editor) askedOfCDN() []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	out := slices.Clone(e.cdn)
	slices.Sort(out)
	return slices.Compact(out)
}

// putFolder writes the edited folders of src, and an empty .git folder,
// into the origin private file system's folder "site".
func (e *editor) putFolder(src string) {
	e.t.Helper()
	files := map[string][]byte{".git/HEAD": []byte("ref: refs/heads/main\n")}
	for _, top := range edited {
		err := filepath.WalkDir(filepath.Join(src, top), func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, _ := filepath.Rel(src, p)
			b, err := os.ReadFile(p)
			files[filepath.ToSlash(rel)] = b
			return err
		})
		if err != nil {
			e.t.Fatal(err)
		}
	}
	e.files = len(files)
	for name, b := range files {
		expr := `(async (name, data) => {
			let d = await (await navigator.storage.getDirectory()).getDirectoryHandle('site', {create: true});
			const parts = name.split('/');
			for (const p of parts.slice(0, -1)) d = await d.getDirectoryHandle(p, {create: true});
			const w = await (await d.getFileHandle(parts.at(-1), {create: true})).createWritable();
			await w.write(Uint8Array.from(atob(data), c => c.charCodeAt(0)));
			await w.close();
			return true;
		})(` + jsString(name) + `, "` + base64.StdEncoding.EncodeToString(b) + `")`
		if _, err := chromedp.Run(e.ctx, chromedp.Evaluate[bool](expr, chromedp.EvalAwaitPromise)); err != nil {
			e.t.Fatalf("writing %s into the browser's file system: %v", name, err)
		}
	}
}

// folder returns the files of the origin private file system's folder
// "site", by path, as the editor left them.
func (e *editor) folder() (map[string][]byte, error) {
	ctx, cancel := context.WithTimeout(e.ctx, 10*time.Second)
	defer cancel()
	b64, err := chromedp.Run(ctx, chromedp.Evaluate[map[string]string](`(async () => {
		const out = {};
		const walk = async (d, at) => {
			for await (const [name, h] of d.entries()) {
				if (h.kind === 'directory') { await walk(h, at + name + '/'); continue; }
				const bytes = new Uint8Array(await (await h.getFile()).arrayBuffer());
				let s = '';
				for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
				out[at + name] = btoa(s);
			}
		};
		await walk(await (await navigator.storage.getDirectory()).getDirectoryHandle('site'), '');
		return out;
	})()`, chromedp.EvalAwaitPromise))
	if err != nil {
		return nil, err
	}
	files := map[string][]byte{}
	for name, s := range b64 {
		if files[name], err = base64.StdEncoding.DecodeString(s); err != nil {
			return nil, err
		}
	}
	return files, nil
}

// syncBack makes the edited folders of the site's folder what the editor
// left in the browser's: its new and changed files written, the files it
// deleted removed.
func (e *editor) syncBack() {
	e.t.Helper()
	files, err := e.folder()
	if err != nil {
		e.t.Fatalf("reading the browser's file system: %v", err)
	}
	for _, top := range edited {
		if err := os.RemoveAll(filepath.Join(e.src, top)); err != nil {
			e.t.Fatal(err)
		}
	}
	for name, b := range files {
		top, _, _ := strings.Cut(name, "/")
		if !slices.Contains(edited, top) {
			continue
		}
		writeFile(e.t, filepath.Join(e.src, filepath.FromSlash(name)), string(b))
	}
}

func describe(o *runtime.RemoteObject) string {
	if o == nil {
		return ""
	}
	if o.Description != "" {
		return o.Description
	}
	if len(o.Value) > 0 {
		return strings.Trim(string(o.Value), `"`)
	}
	if o.Preview != nil {
		var parts []string
		for _, p := range o.Preview.Properties {
			parts = append(parts, p.Name+": "+p.Value)
		}
		return "{" + strings.Join(parts, ", ") + "}"
	}
	return string(o.Type)
}

func (e *editor) fail(msg string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	for _, a := range e.allowed {
		if strings.Contains(msg, a) {
			return
		}
	}
	e.errs = append(e.errs, msg)
}

// problems returns and forgets the console errors, exceptions and requests
// to other sites so far.
func (e *editor) problems() []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	out := e.errs
	e.errs = nil
	return out
}
