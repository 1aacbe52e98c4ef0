package serve

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/alaqsa-ira/site/internal/browsertest"
	"github.com/chromedp/chromedp"
)

func TestBrowserFollowsEditsWithoutAnyAction(t *testing.T) {
	ctx := browsertest.Start(t)
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
	browsertest.Poll(t, ctx, `document.querySelector("h1").textContent === "About"`, "the page loading")
	// Wait for the reload stream before editing, then mark the page so that
	// a reload can be told from an update in place.
	for n := 0; r.s.Subscribers() == 0 && n < 200; n++ {
		time.Sleep(25 * time.Millisecond)
	}
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`window.__marker = 1; window.scrollTo(0, 600)`)); err != nil {
		t.Fatal(err)
	}

	r.write("content/about.en.md", "---\ntitle: About, edited\n---\nThe second version.\n\n"+long)
	browsertest.Poll(t, ctx, `document.querySelector("h1").textContent === "About, edited"`, "the page showing the edit")
	browsertest.Poll(t, ctx, `window.__marker === undefined`, "a reload")
	browsertest.Poll(t, ctx, `window.scrollY > 500`, "the scroll position being kept across the reload")

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
	browsertest.Poll(t, ctx, `getComputedStyle(document.querySelector("h1")).color === "rgb(1, 2, 3)"`, "the new style applying")
	marker, err := chromedp.Run(ctx, chromedp.Evaluate[int](`window.__marker || 0`))
	if err != nil {
		t.Fatal(err)
	}
	if marker != 2 {
		t.Error("a stylesheet edit reloaded the page; it should restyle it in place")
	}
}
