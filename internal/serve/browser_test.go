package serve

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// browser starts headless Chromium for a test, or skips the test when there
// is none (CI installs Debian's chromium and sets REQUIRE_BROWSER=1, which
// makes a missing browser a failure).
func browser(t *testing.T) context.Context {
	t.Helper()
	path := ""
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			path = p
			break
		}
	}
	if path == "" {
		if os.Getenv("REQUIRE_BROWSER") != "" {
			t.Fatal("no Chromium found, and REQUIRE_BROWSER is set")
		}
		t.Skip("no Chromium on this machine (apt-get install chromium)")
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.WindowSize(1000, 700),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	ctx, cancelTimeout := context.WithTimeout(ctx, 60*time.Second)
	t.Cleanup(cancelTimeout)
	return ctx
}

// poll evaluates expr in the page until it returns true.
func poll(t *testing.T, ctx context.Context, expr, what string) {
	t.Helper()
	for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](expr)); err == nil && ok {
			return
		}
	}
	t.Fatalf("in the browser, %s did not happen (%s)", what, expr)
}

func TestBrowserFollowsEditsWithoutAnyAction(t *testing.T) {
	ctx := browser(t)
	root := writeSite(t)
	long := strings.Repeat("A paragraph to make the page long enough to scroll.\n\n", 80)
	if err := writeFile(root, "content/about.en.md", "---\ntitle: About\n---\nThe first version.\n\n"+long); err != nil {
		t.Fatal(err)
	}
	r := start(t, root)
	if err := chromedp.Do(ctx,
		chromedp.Navigate(r.url+"en/about/"),
		chromedp.WaitVisible(chromedp.CSS("h1")),
	); err != nil {
		t.Fatal(err)
	}
	poll(t, ctx, `document.querySelector("h1").textContent === "About"`, "the page loading")
	// Wait for the reload stream before editing, then mark the page so that
	// a reload can be told from an update in place.
	for n := 0; r.s.Subscribers() == 0 && n < 200; n++ {
		time.Sleep(25 * time.Millisecond)
	}
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`window.__marker = 1; window.scrollTo(0, 600)`)); err != nil {
		t.Fatal(err)
	}

	r.write("content/about.en.md", "---\ntitle: About, edited\n---\nThe second version.\n\n"+long)
	poll(t, ctx, `document.querySelector("h1").textContent === "About, edited"`, "the page showing the edit")
	poll(t, ctx, `window.__marker === undefined`, "a reload")
	poll(t, ctx, `window.scrollY > 500`, "the scroll position being kept across the reload")

	for n := 0; r.s.Subscribers() == 0 && n < 200; n++ {
		time.Sleep(25 * time.Millisecond)
	}
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`window.__marker = 2`)); err != nil {
		t.Fatal(err)
	}
	css, err := os.ReadFile(root + "/static/css/site.css")
	if err != nil {
		t.Fatal(err)
	}
	r.write("static/css/site.css", string(css)+"\nh1 { color: rgb(1, 2, 3); }\n")
	poll(t, ctx, `getComputedStyle(document.querySelector("h1")).color === "rgb(1, 2, 3)"`, "the new style applying")
	marker, err := chromedp.Run(ctx, chromedp.Evaluate[int](`window.__marker || 0`))
	if err != nil {
		t.Fatal(err)
	}
	if marker != 2 {
		t.Error("a stylesheet edit reloaded the page; it should restyle it in place")
	}
}
