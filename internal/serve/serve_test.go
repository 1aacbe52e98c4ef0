package serve

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/alaqsa-ira/site/internal/build"
	"github.com/alaqsa-ira/site/internal/hangtest"
)

// smallSite is written over the project's layouts, data and static files.
var smallSite = map[string]string{
	"data/site.yaml": `baseURL: https://example.org/
defaultLanguage: ar
categories: [call, news]
languages:
  - {code: ar, name: العربية, direction: rtl, digits: arab, title: مكتب العلاقات, university: جامعة المثال}
  - {code: en, name: English, direction: ltr, title: Relations Office, university: Example University}
menus:
  ar: [{page: /, name: الرئيسية}, {page: about}]
  en: [{page: /, name: Home}, {page: about}]
`,
	"content/_index.en.md":               "---\ntitle: Home\n---\nWelcome.\n",
	"content/_index.ar.md":               "---\ntitle: الرئيسية\n---\nأهلاً.\n",
	"content/about.en.md":                "---\ntitle: About\n---\nThe first version.\n\nA second paragraph.\n",
	"content/about.ar.md":                "---\ntitle: من نحن\n---\nالنسخة الأولى.\n",
	"content/announcements/_index.en.md": "---\ntitle: Announcements\n---\n",
	"content/announcements/_index.ar.md": "---\ntitle: الإعلانات\n---\n",
	"content/announcements/call.en.md":   "---\ntitle: A call\ndate: 2026-09-01\ncategories: [call]\n---\nApply.\n",
}

// writeSite makes a site root on disk and returns it.
func writeSite(t testing.TB) string {
	t.Helper()
	root := t.TempDir()
	repo := os.DirFS("../..")
	for _, dir := range []string{"layouts", "data/i18n", "static"} {
		err := fs.WalkDir(repo, dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := fs.ReadFile(repo, p)
			if err != nil {
				return err
			}
			return writeFile(root, p, string(b))
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	for p, text := range smallSite {
		if err := writeFile(root, p, text); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

func writeFile(root, p, text string) error {
	full := filepath.Join(root, filepath.FromSlash(p))
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		return err
	}
	return os.WriteFile(full, []byte(text), 0o644)
}

// running is a server started for a test.
type running struct {
	t    testing.TB
	root string
	s    *Server
	url  string
	stop func()
}

func start(t testing.TB, root string) *running {
	t.Helper()
	return startWith(t, root, nil)
}

// startWith starts a server after change, when not nil, adjusted it.
func startWith(t testing.TB, root string, change func(*Server)) *running {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := New(Options{Root: root, Drafts: true, Log: testLog(t), Now: func() time.Time { return time.Date(2026, 11, 29, 10, 0, 0, 0, time.UTC) }}, ln)
	s.Rebuilds = make(chan Rebuild, 64)
	if change != nil {
		change(s)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln) }()
	r := &running{t: t, root: root, s: s, url: s.URL()}
	first := r.nextRebuild()
	if first.Err != nil {
		t.Fatalf("first build: %v", first.Err)
	}
	r.stop = func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("Serve: %v", err)
			}
		case <-time.After(hangtest.Limit):
			t.Errorf("Serve did not return within %v of being stopped: a rebuild waits on something", hangtest.Limit)
		}
	}
	t.Cleanup(r.stop)
	return r
}

func (r *running) nextRebuild() Rebuild {
	r.t.Helper()
	select {
	case rb := <-r.s.Rebuilds:
		return rb
	case <-time.After(10 * time.Second):
		r.t.Fatal("no rebuild within 10s")
	}
	return Rebuild{}
}

// noRebuild checks that nothing more is built within d.
// A rebuild that finds nothing to do (no file rendered, none changed, no
// reload sent) is not counted: on a loaded machine, or under the race
// detector, the events of one save can straddle the quiet period.
func (r *running) noRebuild(d time.Duration) {
	r.t.Helper()
	deadline := time.After(d)
	for {
		select {
		case rb := <-r.s.Rebuilds:
			if rb.Err == nil && rb.Rendered == 0 && len(rb.Changed) == 0 {
				continue
			}
			r.t.Errorf("an extra rebuild happened: %+v", rb.Paths)
		case <-deadline:
			return
		}
	}
}

// waitFor polls a page until ok accepts it, for changes whose rebuilds
// may come in more than one batch.
func (r *running) waitFor(p string, ok func(code int, body string) bool) (int, string) {
	r.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		code, body := r.get(p)
		if ok(code, body) || time.Now().After(deadline) {
			return code, body
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// drain forgets the rebuilds reported so far.
func (r *running) drain() {
	for {
		select {
		case <-r.s.Rebuilds:
		default:
			return
		}
	}
}

func (r *running) write(p, text string) {
	r.t.Helper()
	if err := writeFile(r.root, p, text); err != nil {
		r.t.Fatal(err)
	}
}

func (r *running) get(p string) (int, string) {
	r.t.Helper()
	resp, err := http.Get(r.url + strings.TrimPrefix(p, "/"))
	if err != nil {
		r.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// events connects to the reload stream and returns its events.
func (r *running) events() <-chan string {
	r.t.Helper()
	ev, cancel := r.connect()
	r.t.Cleanup(cancel)
	return ev
}

// connect opens a reload stream, closed by the returned function.
func (r *running) connect() (<-chan string, func()) {
	r.t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, r.url+"_site/events", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		r.t.Fatal(err)
	}
	if resp.StatusCode != 200 {
		r.t.Fatalf("events: status %d", resp.StatusCode)
	}
	out := make(chan string, 16)
	go func() {
		defer resp.Body.Close()
		defer close(out)
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if ev, ok := strings.CutPrefix(sc.Text(), "event: "); ok {
				out <- ev
			}
		}
	}()
	if ev := <-out; ev != "hello" {
		r.t.Fatalf("first event %q, want hello", ev)
	}
	return out, func() {
		cancel()
		for range out {
		}
	}
}

func waitEvent(t testing.TB, events <-chan string, want string) {
	t.Helper()
	select {
	case ev := <-events:
		if ev != want {
			t.Fatalf("event %q, want %q", ev, want)
		}
	case <-time.After(10 * time.Second):
		t.Fatalf("no %q event within 10s", want)
	}
}

func TestEditSendsReloadAndServesNewContent(t *testing.T) {
	r := start(t, writeSite(t))
	events := r.events()
	if _, body := r.get("/en/about/"); !strings.Contains(body, "The first version.") || !strings.Contains(body, "/_site/reload.js") {
		t.Fatalf("page before the edit:\n%s", body)
	}
	r.write("content/about.en.md", "---\ntitle: About\n---\nThe first version.\n\nThe second version.\n")
	waitEvent(t, events, "reload")
	rb := r.nextRebuild()
	if want := []string{"en/about/index.html", "en/search/index.json"}; rb.Rendered != 2 || !slices.Equal(rb.Changed, want) {
		t.Errorf("an edit below the first paragraph rendered %d files and changed %v; want only %v", rb.Rendered, rb.Changed, want)
	}
	if _, body := r.get("/en/about/"); !strings.Contains(body, "The second version.") {
		t.Errorf("the reload came before the new page was served:\n%s", body)
	}
}

func TestEditorSavesGiveExactlyOneRebuild(t *testing.T) {
	r := start(t, writeSite(t))
	page := filepath.Join(r.root, "content", "about.en.md")
	saves := map[string]func(text string){
		"vim": func(text string) { // backup by rename, a probe file, then the new file
			must(t, os.WriteFile(filepath.Join(r.root, "content", "4913"), nil, 0o644))
			must(t, os.Remove(filepath.Join(r.root, "content", "4913")))
			must(t, os.Rename(page, page+"~"))
			must(t, os.WriteFile(page, []byte(text), 0o644))
			must(t, os.WriteFile(filepath.Join(r.root, "content", ".about.en.md.swp"), []byte("swap"), 0o644))
			must(t, os.Remove(page+"~"))
		},
		"vscode": func(text string) { // write in place
			must(t, os.WriteFile(page, []byte(text), 0o644))
		},
		"atomic rename": func(text string) { // JetBrains and others
			tmp := page + "___jb_tmp___"
			must(t, os.WriteFile(tmp, []byte(text), 0o644))
			must(t, os.Rename(tmp, page))
		},
		"sed -i": func(text string) {
			tmp := filepath.Join(r.root, "content", "sedAbC123")
			must(t, os.WriteFile(tmp, []byte(text), 0o644))
			must(t, os.Chmod(tmp, 0o644))
			must(t, os.Rename(tmp, page))
		},
		"chmod only": nil,
	}
	for _, name := range []string{"vim", "vscode", "atomic rename", "sed -i", "chmod only"} {
		save := saves[name]
		if save == nil {
			must(t, os.Chmod(page, 0o600))
			r.noRebuild(300 * time.Millisecond)
			continue
		}
		text := "---\ntitle: About\n---\nSaved by " + name + ".\n"
		save(text)
		rb := r.nextRebuild()
		if rb.Err != nil {
			t.Fatalf("%s: %v", name, rb.Err)
		}
		r.noRebuild(300 * time.Millisecond)
		if _, body := r.get("/en/about/"); !strings.Contains(body, "Saved by "+name) {
			t.Errorf("%s: the page does not show the saved text", name)
		}
	}
}

func TestManyFilesChangedAtOnceGiveOneRebuild(t *testing.T) {
	r := start(t, writeSite(t))
	for i := range 30 {
		r.write("content/announcements/batch-"+string(rune('a'+i%26))+string(rune('a'+i/26))+".en.md",
			"---\ntitle: Batch\ndate: 2026-10-01\n---\nText.\n")
	}
	// The writes take a few milliseconds; a loaded machine may pause among
	// them longer than the quiet period, and a file caught half-written
	// fails the build until its write arrives. What must not happen is a
	// rebuild per file.
	// (Under the race detector a rebuild takes long enough for the last
	// writes to come after it: wait for one that succeeds.)
	last := r.nextRebuild()
	rebuilds := 1
	for last.Err != nil && rebuilds < 5 {
		last = r.nextRebuild()
		rebuilds++
	}
	deadline := time.After(700 * time.Millisecond)
	for done := false; !done; {
		select {
		case last = <-r.s.Rebuilds:
			rebuilds++
		case <-deadline:
			done = true
		}
	}
	if rebuilds > 3 {
		t.Errorf("30 files written at once gave %d rebuilds, want one (three at most if the writes straddled pauses)", rebuilds)
	}
	if last.Err != nil {
		t.Errorf("the last rebuild failed: %v", last.Err)
	}
	if code, _ := r.get("/en/announcements/batch-ba/"); code != 200 {
		t.Errorf("a page of the batch is missing: %d", code)
	}
}

func TestNewFolderAndFileInItAreSeen(t *testing.T) {
	r := start(t, writeSite(t))
	r.write("content/news/_index.en.md", "---\ntitle: News\n---\n")
	r.write("content/news/first.en.md", "---\ntitle: First news\ndate: 2026-10-01\n---\nIn a new folder.\n")
	ok := func(code int, body string) bool { return code == 200 }
	if code, body := r.waitFor("/en/news/first/", ok); code != 200 || !strings.Contains(body, "In a new folder.") {
		t.Fatalf("page in a new folder: %d", code)
	}
	r.write("content/news/second.en.md", "---\ntitle: Second news\ndate: 2026-10-02\n---\nLater.\n")
	if code, _ := r.waitFor("/en/news/second/", ok); code != 200 {
		t.Errorf("a file added later to the new folder is not seen: %d", code)
	}
	must(t, os.RemoveAll(filepath.Join(r.root, "content", "news")))
	if code, _ := r.waitFor("/en/news/first/", func(code int, _ string) bool { return code == 404 }); code != 404 {
		t.Errorf("a removed folder's page is still served: %d", code)
	}
}

func TestBrokenSourceShowsErrorPageThenRecovers(t *testing.T) {
	r := start(t, writeSite(t))
	events := r.events()
	cases := []struct {
		file, broken, wantWhere, wantLine string
	}{
		{"content/about.en.md", "---\ntitle: About\ndate: someday\n---\nText.\n", "content/about.en.md:3:", "date: someday"},
		{"layouts/page.html", "{{define \"main\"}}\n<h1>{{.Page.Title}}</h1>\n{{.Page.Nope}}\n{{end}}\n", "layouts/page.html:3:", "{{.Page.Nope}}"},
	}
	for _, c := range cases {
		good, err := os.ReadFile(filepath.Join(r.root, c.file))
		must(t, err)
		r.write(c.file, c.broken)
		waitEvent(t, events, "reload")
		r.nextRebuild()
		code, body := r.get("/en/about/")
		if code != http.StatusInternalServerError || !strings.Contains(body, c.wantWhere) || !strings.Contains(body, c.wantLine) {
			t.Fatalf("%s broken: status %d, page lacks %q or the source line %q:\n%s", c.file, code, c.wantWhere, c.wantLine, body)
		}
		if !strings.Contains(body, "/_site/reload.js") {
			t.Error("the error page cannot reload by itself")
		}
		r.write(c.file, string(good))
		waitEvent(t, events, "reload")
		if rb := r.nextRebuild(); rb.Err != nil {
			t.Fatalf("%s fixed: still failing: %v", c.file, rb.Err)
		}
		if code, body := r.get("/en/about/"); code != 200 || !strings.Contains(body, "The first version.") {
			t.Errorf("%s fixed: status %d", c.file, code)
		}
	}
}

func TestStylesheetEditSendsCSSEvent(t *testing.T) {
	r := start(t, writeSite(t))
	events := r.events()
	css, err := os.ReadFile(filepath.Join(r.root, "static", "css", "site.css"))
	must(t, err)
	r.write("static/css/site.css", string(css)+"\nh1 { letter-spacing: 1px; }\n")
	waitEvent(t, events, "css")
	if rb := r.nextRebuild(); !rb.CSSOnly {
		t.Errorf("rebuild %+v is not CSS-only", rb)
	}
	if _, body := r.get("/css/site.css"); !strings.Contains(body, "letter-spacing: 1px") {
		t.Error("the new stylesheet is not served")
	}
}

func TestServerRefusesWhatIsNotItsOwn(t *testing.T) {
	r := start(t, writeSite(t))
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	do := func(path string, header map[string]string, host string) int {
		req, _ := http.NewRequest(http.MethodGet, r.url+strings.TrimPrefix(path, "/"), nil)
		for k, v := range header {
			req.Header.Set(k, v)
		}
		if host != "" {
			req.Host = host
		}
		resp, err := client.Do(req)
		must(t, err)
		resp.Body.Close()
		return resp.StatusCode
	}
	_, port, _ := net.SplitHostPort(r.s.addr)
	cases := []struct {
		name   string
		path   string
		header map[string]string
		host   string
		want   int
	}{
		{"dot dot", "/../../etc/passwd", nil, "", 400},
		{"encoded dot dot", "/%2e%2e/%2e%2e/etc/passwd", nil, "", 400},
		{"encoded slash", "/en/..%2f..%2fcontent%2fabout.en.md", nil, "", 400},
		{"source file", "/content/about.en.md", nil, "", 404},
		{"git", "/.git/config", nil, "", 404},
		{"layouts", "/layouts/base.html", nil, "", 404},
		{"foreign host", "/", nil, "evil.example:" + port, 403},
		{"foreign host on another port", "/", nil, "127.0.0.1:1", 403},
		{"localhost", "/", nil, "localhost:" + port, 200},
		{"foreign origin", "/_site/events", map[string]string{"Origin": "http://evil.example"}, "", 403},
		{"cross-site fetch", "/_site/events", map[string]string{"Sec-Fetch-Site": "cross-site"}, "", 403},
		{"unknown page", "/en/nowhere/", nil, "", 404},
		{"folder without slash", "/en/about", nil, "", 301},
	}
	for _, c := range cases {
		if got := do(c.path, c.header, c.host); got != c.want {
			t.Errorf("%s: %s: status %d, want %d", c.name, c.path, got, c.want)
		}
	}
	code, body := r.get("/en/nowhere/")
	if code != 404 || !strings.Contains(body, "Page not found") {
		t.Errorf("unknown page: %d without the site's 404 page", code)
	}
	if code, _ := r.get("/en/about/"); code != 200 {
		t.Errorf("the server is not serving after the refusals: %d", code)
	}
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// testLog sends the server's log to the test's log.
func testLog(t testing.TB) io.Writer { return logWriter{t} }

type logWriter struct{ t testing.TB }

func (w logWriter) Write(b []byte) (int, error) {
	w.t.Log(strings.TrimRight(string(b), "\n"))
	return len(b), nil
}

func TestMemoryAndGoroutinesStayFlatOverManyRebuilds(t *testing.T) {
	if testing.Short() {
		t.Skip("300 rebuilds")
	}
	r := start(t, writeSite(t))
	ctx := context.Background()
	edit := func(i int) {
		r.write("content/about.en.md", fmt.Sprintf("---\ntitle: About %d\n---\nVersion %d.\n", i%7, i))
		r.s.rebuild(ctx, &build.Changes{Paths: []string{"content/about.en.md"}})
		r.drain()
	}
	measure := func() (uint64, int) {
		runtime.GC()
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.HeapAlloc, runtime.NumGoroutine()
	}
	for i := range 30 { // warm up: caches and pools reach their size
		edit(i)
	}
	heap0, gor0 := measure()
	for i := range 300 {
		edit(i)
		if i%30 == 0 { // browsers come and go
			_, leave := r.connect()
			leave()
		}
	}
	for n := 0; r.s.Subscribers() > 0 && n < 100; n++ {
		time.Sleep(10 * time.Millisecond)
	}
	http.DefaultClient.CloseIdleConnections()
	time.Sleep(50 * time.Millisecond)
	heap1, gor1 := measure()
	t.Logf("heap %d -> %d bytes, goroutines %d -> %d, listeners %d", heap0, heap1, gor0, gor1, r.s.Subscribers())
	if heap1 > heap0+heap0/4+512<<10 {
		t.Errorf("heap grew from %d to %d bytes over 300 rebuilds", heap0, heap1)
	}
	if gor1 > gor0+2 {
		t.Errorf("goroutines grew from %d to %d", gor0, gor1)
	}
}

// TestPollingFindsEditsToo runs the server as it runs when the system's
// limit on watches is reached: polling the folders instead.
func TestPollingFindsEditsToo(t *testing.T) {
	root := writeSite(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	must(t, err)
	s := New(Options{Root: root, Drafts: true, Log: testLog(t), Poll: 50 * time.Millisecond}, ln)
	s.Rebuilds = make(chan Rebuild, 16)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln) }()
	defer func() {
		cancel()
		must(t, <-done)
	}()
	r := &running{t: t, root: root, s: s, url: s.URL()}
	if rb := r.nextRebuild(); rb.Err != nil {
		t.Fatal(rb.Err)
	}
	r.write("content/about.en.md", "---\ntitle: About\n---\nFound by polling.\n")
	if code, body := r.waitFor("/en/about/", func(_ int, body string) bool { return strings.Contains(body, "Found by polling.") }); code != 200 || !strings.Contains(body, "Found by polling.") {
		t.Errorf("polling did not pick up the edit: %d", code)
	}
}

func TestSymlinksInTheSourceAreNotFollowed(t *testing.T) {
	root := writeSite(t)
	secret := filepath.Join(t.TempDir(), "secret.en.md")
	must(t, os.WriteFile(secret, []byte("---\ntitle: Secret\n---\nThe password is swordfish.\n"), 0o644))
	must(t, os.Symlink(secret, filepath.Join(root, "content", "leak.en.md")))
	must(t, os.Symlink(secret, filepath.Join(root, "static", "leak.txt")))
	r := start(t, root)
	for _, p := range []string{"/en/leak/", "/leak.txt", "/en/search/index.json"} {
		if _, body := r.get(p); strings.Contains(body, "swordfish") {
			t.Errorf("%s serves the file a symbolic link points to", p)
		}
	}
}
