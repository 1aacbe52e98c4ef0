// Package browsertest runs pages in headless Chromium for tests: it starts
// the browser (Debian's chromium, or skips the test when there is none,
// unless REQUIRE_BROWSER is set, as CI does) and serves a built site the
// way a static host would, compressing text and counting the bytes sent, so
// that tests can measure what a reader downloads.
package browsertest

import (
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Start launches headless Chromium and returns a context to run actions in.
// The browser has a profile of its own, so its cache starts empty.
//
// Under -short it skips: CI runs the browser tests in its plain pass, and
// its -race -short pass leaves them out (the browser's side is not Go, and
// the Go servers they use are raced by their own tests).
func Start(t testing.TB) context.Context {
	t.Helper()
	if testing.Short() {
		t.Skip("browser tests do not run under -short")
	}
	exe := ""
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			exe = p
			break
		}
	}
	if exe == "" {
		if os.Getenv("REQUIRE_BROWSER") != "" {
			t.Fatal("no Chromium found, and REQUIRE_BROWSER is set")
		}
		t.Skip("no Chromium on this machine (apt-get install chromium)")
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		chromedp.WindowSize(1280, 800),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	if err := chromedp.Do(ctx); err != nil { // start the browser now
		t.Fatalf("starting Chromium: %v", err)
	}
	return ctx
}

// Eval evaluates a JavaScript expression in the page.
func Eval[T any](t testing.TB, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("evaluating %s: %v", expr, err)
	}
	return v
}

// Poll evaluates expr until it is true, or fails after 15 seconds.
func Poll(t testing.TB, ctx context.Context, expr, what string) {
	t.Helper()
	for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](expr)); err == nil && ok {
			return
		}
	}
	t.Fatalf("in the browser, %s did not happen (%s)", what, expr)
}

// Host serves a folder as a static host does: gzip for text, a year of
// caching for fingerprinted assets and none for pages, 404.html for
// missing files. It counts the bytes of the bodies it sends.
type Host struct {
	URL   string
	sent  atomic.Int64
	mu    sync.Mutex
	log   []string
	bytes map[string]int64 // sent, by path
}

// Serve starts a Host for dir.
func Serve(t testing.TB, dir string) *Host {
	t.Helper()
	h := &Host{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.serve(w, r, dir)
	}))
	t.Cleanup(srv.Close)
	h.URL = srv.URL
	return h
}

// Sent returns the bytes sent so far.
func (h *Host) Sent() int64 { return h.sent.Load() }

// SentTo returns and forgets the bytes sent so far for each path, as sent
// (compressed when the file is compressible and the browser asked for it).
func (h *Host) SentTo() map[string]int64 {
	h.mu.Lock()
	defer h.mu.Unlock()
	out := h.bytes
	h.bytes = nil
	return out
}

// Requests returns and forgets the paths requested so far.
func (h *Host) Requests() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	out := h.log
	h.log = nil
	return out
}

func (h *Host) serve(w http.ResponseWriter, r *http.Request, dir string) {
	h.mu.Lock()
	h.log = append(h.log, r.URL.Path)
	h.mu.Unlock()
	sent := new(atomic.Int64)
	defer func() { // after the compressor is closed, below
		h.sent.Add(sent.Load())
		h.mu.Lock()
		if h.bytes == nil {
			h.bytes = map[string]int64{}
		}
		h.bytes[r.URL.Path] += sent.Load()
		h.mu.Unlock()
	}()
	p := path.Clean("/" + r.URL.Path)
	file := filepath.Join(dir, filepath.FromSlash(p))
	if strings.HasSuffix(r.URL.Path, "/") {
		file = filepath.Join(file, "index.html")
	}
	status := http.StatusOK
	data, err := os.ReadFile(file)
	if err != nil {
		status, file = http.StatusNotFound, filepath.Join(dir, "404.html")
		data, _ = os.ReadFile(file)
	}
	ctype := mime.TypeByExtension(filepath.Ext(file))
	if ctype == "" {
		ctype = http.DetectContentType(data)
	}
	w.Header().Set("Content-Type", ctype)
	switch {
	case strings.HasPrefix(p, "/css/"), strings.HasPrefix(p, "/js/"), strings.HasPrefix(p, "/fonts/"):
		w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	default:
		w.Header().Set("Cache-Control", "no-cache")
	}
	var out io.Writer = w
	if compressible(ctype) && strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
		w.Header().Set("Content-Encoding", "gzip")
		w.Header().Set("Vary", "Accept-Encoding")
		gz := gzip.NewWriter(countingWriter{w, sent})
		defer gz.Close()
		out = gz
	} else {
		out = countingWriter{w, sent}
	}
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		_, _ = out.Write(data)
	}
}

func compressible(ctype string) bool {
	for _, t := range []string{"text/", "application/json", "application/javascript", "image/svg", "application/xml", "application/atom"} {
		if strings.HasPrefix(ctype, t) {
			return true
		}
	}
	return false
}

type countingWriter struct {
	w io.Writer
	n *atomic.Int64
}

func (c countingWriter) Write(b []byte) (int, error) {
	n, err := c.w.Write(b)
	c.n.Add(int64(n))
	return n, err
}

// Screenshot writes a PNG of the whole page, at the width it was laid out
// in, to dir/name.png.
func Screenshot(t testing.TB, ctx context.Context, dir, name string) {
	t.Helper()
	width := Eval[int64](t, ctx, `document.documentElement.clientWidth`)
	height := Eval[int64](t, ctx, `document.documentElement.scrollHeight`)
	err := chromedp.Do(ctx, chromedp.EmulateViewport(width, min(height, 8000)))
	var png []byte
	if err == nil {
		png, err = chromedp.Run(ctx, chromedp.CaptureScreenshot())
	}
	if err != nil {
		t.Fatalf("screenshot %s: %v", name, err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644); err != nil {
		t.Fatal(fmt.Errorf("screenshot %s: %w", name, err))
	}
}
