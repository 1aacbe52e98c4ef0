package cms_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/alaqsa-ira/site/internal/browsertest"
	"github.com/alaqsa-ira/site/internal/build"
	"github.com/alaqsa-ira/site/internal/cms"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// editor is the web editor running in headless Chromium against Decap's
// local backend (decap-server) on a copy of the office site.
type editor struct {
	t       *testing.T
	ctx     context.Context
	src     string // the site's folder, which decap-server edits
	url     string // the built site's address
	mu      sync.Mutex
	errs    []string // console errors, exceptions, requests to other sites
	allowed []string // console errors expected from now on
}

// decapDir returns the folder .ci/run installs Decap into (decap-cms by npm
// pack under decap-cms/, decap-server under node_modules/), or skips the
// test when there is none, unless REQUIRE_BROWSER is set.
func decapDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("DECAP_DIR")
	_, errCMS := os.Stat(filepath.Join(dir, "decap-cms", "dist", "decap-cms.js"))
	_, errServer := os.Stat(filepath.Join(dir, "node_modules", "decap-server", "dist", "index.js"))
	_, errNode := exec.LookPath("node")
	if dir == "" || errCMS != nil || errServer != nil || errNode != nil {
		if os.Getenv("REQUIRE_BROWSER") != "" {
			t.Fatalf("DECAP_DIR=%q has no decap-cms and decap-server, or there is no node (see .ci/run), and REQUIRE_BROWSER is set", dir)
		}
		t.Skip("no Decap CMS: set DECAP_DIR as .ci/run does")
	}
	return dir
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
// error; check says to also fail on warnings about the files under warnFree.
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

// startBackend runs decap-server on src at a free loopback port and returns
// its API address.
func startBackend(t *testing.T, dir, src string) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	cmd := exec.Command("node", filepath.Join(dir, "node_modules", "decap-server", "dist", "index.js"))
	cmd.Env = append(os.Environ(), "PORT="+strconv.Itoa(port), "BIND_HOST=127.0.0.1", "MODE=fs", "GIT_REPO_DIRECTORY="+src, "LOG_LEVEL=warn")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		if t.Failed() {
			t.Logf("decap-server said:\n%s", out.String())
		}
	})
	api := "http://127.0.0.1:" + strconv.Itoa(port) + "/api/v1"
	for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		resp, err := http.Post(api, "application/json", strings.NewReader(`{"action":"info"}`))
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return api
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("decap-server did not answer at %s: %v\n%s", api, err, out.String())
		}
	}
}

// serveSite serves the built site, its config.yml pointing the editor's
// local backend at api (the published one says true: localhost:8081).
func serveSite(t *testing.T, out, api string) string {
	t.Helper()
	files := http.FileServer(http.Dir(out))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/admin/config.yml" {
			b, err := os.ReadFile(filepath.Join(out, "admin", "config.yml"))
			if err != nil {
				http.Error(w, err.Error(), 500)
				return
			}
			b = bytes.Replace(b, []byte("local_backend: true\n"), []byte("local_backend:\n  url: "+api+"\n"), 1)
			w.Header().Set("Content-Type", "text/yaml")
			w.Header().Set("Cache-Control", "no-cache")
			_, _ = w.Write(b)
			return
		}
		w.Header().Set("Cache-Control", "no-cache")
		files.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

// openEditor starts Chromium, which takes Decap CMS from dir where the page
// asks the CDN for it (so the page's integrity hash is checked against the
// npm package's file) and refuses every other request outside the site and
// the backend, and opens /admin/.
func openEditor(t *testing.T, dir, src, site, api string) *editor {
	t.Helper()
	e := &editor{t: t, ctx: browsertest.Start(t), src: src, url: site}
	cdnDist := strings.TrimSuffix(cms.ScriptURL, "decap-cms.js")
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
	go func() {
		for {
			var any any
			select {
			case any = <-paused:
			case <-e.ctx.Done():
				return
			}
			if _, ok := any.(*page.EventJavascriptDialogOpening); ok {
				// "Leave this page with unsaved changes?": yes.
				_, _ = chromedp.Call(e.ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: true})
				continue
			}
			ev := any.(*fetch.EventRequestPaused)
			u := ev.Request.URL
			var err error
			switch {
			case strings.HasPrefix(u, cdnDist):
				body, rerr := os.ReadFile(filepath.Join(dir, "decap-cms", "dist", path.Base(strings.TrimPrefix(u, cdnDist))))
				if rerr != nil {
					_, err = chromedp.Call(e.ctx, fetch.FulfillRequest, fetch.FulfillRequestParams{RequestID: ev.RequestID, ResponseCode: 404})
					break
				}
				_, err = chromedp.Call(e.ctx, fetch.FulfillRequest, fetch.FulfillRequestParams{
					RequestID: ev.RequestID, ResponseCode: 200, Body: body,
					ResponseHeaders: []*fetch.HeaderEntry{{Name: "Content-Type", Value: "application/javascript"}, {Name: "Access-Control-Allow-Origin", Value: "*"}},
				})
			case strings.HasPrefix(u, site+"/"), strings.HasPrefix(u, api), strings.HasPrefix(u, "data:"), strings.HasPrefix(u, "blob:"):
				_, err = chromedp.Call(e.ctx, fetch.ContinueRequest, fetch.ContinueRequestParams{RequestID: ev.RequestID})
			default:
				e.fail("a request to another site: " + u)
				_, err = chromedp.Call(e.ctx, fetch.FailRequest, fetch.FailRequestParams{RequestID: ev.RequestID, ErrorReason: network.ErrorReasonBlockedByClient})
			}
			if err != nil && e.ctx.Err() == nil {
				e.fail("intercepting " + u + ": " + err.Error())
			}
		}
	}()
	_, err1 := chromedp.Call(e.ctx, fetch.Enable, fetch.EnableParams{Patterns: []*fetch.RequestPattern{{URLPattern: "*"}}})
	_, err2 := chromedp.Call(e.ctx, runtime.Enable, cdp.Empty{})
	_, err3 := chromedp.Call(e.ctx, log.Enable, cdp.Empty{})
	if err := errors.Join(err1, err2, err3); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(e.ctx, chromedp.Navigate(site+"/admin/")); err != nil {
		t.Fatal(err)
	}
	return e
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
