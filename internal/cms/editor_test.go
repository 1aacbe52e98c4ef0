package cms_test

import (
	"context"
	"encoding/json"
	"image"
	"image/color"
	"image/jpeg"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/alaqsa-ira/site/internal/browsertest"
	"github.com/alaqsa-ira/site/internal/build"
	"github.com/alaqsa-ira/site/internal/diag"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestEditorWritesAnAnnouncementTheSiteChecksAndPublishes runs the web
// editor in headless Chromium against Decap's local backend on a copy of
// the office site: the configuration loads with no error and shows every
// collection; an unknown category and a deadline before the date are
// refused with a message; a new announcement written in Arabic and English
// with a category, a deadline and a photo is saved as a draft in both
// languages, in one page bundle with the photo, then published; site check
// then finds nothing wrong, and site build publishes both pages with the
// photo. The Arabic fields are written right to left.
func TestEditorWritesAnAnnouncementTheSiteChecksAndPublishes(t *testing.T) {
	dir := decapDir(t)
	src := copySite(t)
	out, _ := buildSite(t, src)
	// An announcement with a category data/site.yaml does not list, as a
	// hand edit might leave it.
	bad := filepath.Join(src, "content", "announcements", "2026-rumour")
	writeFile(t, filepath.Join(bad, "index.en.md"), "---\ntitle: Rumour\ndate: 2026-10-01\ncategories: [gossip]\n---\nText.\n")
	writeFile(t, filepath.Join(bad, "index.ar.md"), "---\ntitle: إشاعة\ndate: 2026-10-01\ncategories: [gossip]\n---\nنص.\n")
	api := startBackend(t, dir, src)
	e := openEditor(t, dir, src, serveSite(t, out, api), api)

	// The configuration loads: every collection is listed, with no error.
	e.click(`section button`) // Login: the local backend needs no account
	for _, c := range []string{"announcements", "pages", "partners", "objectives"} {
		e.waitFor(`!!document.querySelector('a[href="#/collections/`+c+`"]')`, "the collection "+c+" is listed")
	}
	e.noProblems("loading the editor")

	// An unknown category is refused with a message, and nothing is saved.
	e.open("#/collections/announcements/entries/2026-rumour/index")
	e.waitFor(`!!document.querySelector('.Pane2 [data-field="title"] input') && document.querySelector('.Pane2 [data-field="title"] input').value === 'Rumour'`, "the announcement opening")
	e.typeInto(`.Pane2 [data-field="description"] textarea`, "A rumour.")
	e.publish()
	e.waitFor(`document.body.textContent.includes('Choose from the list')`, "the message about the unknown category")
	e.refusedOnly("refusing the unknown category")
	if b, _ := os.ReadFile(filepath.Join(bad, "index.en.md")); !strings.Contains(string(b), "gossip") {
		t.Fatalf("the refused entry was saved anyway:\n%s", b)
	}
	if err := os.RemoveAll(bad); err != nil {
		t.Fatal(err)
	}

	// A new announcement, in both languages.
	e.open("#/collections/announcements/new")
	e.waitFor(`!!document.querySelector('.Pane1 [data-field="title"] input') && !!document.querySelector('.Pane2 [data-field="title"] input')`, "the new announcement's form")
	e.waitFor(`document.querySelector('.Pane1 [data-field="title"]').dataset.locale === 'ar'`, "the Arabic form on the left")
	e.typeInto(`.Pane2 [data-field="title"] input`, "Call for exchange students 2027")
	e.typeInto(`.Pane1 [data-field="title"] input`, "دعوة لطلبة التبادل ٢٠٢٧")
	e.typeInto(`.Pane2 [data-field="imageAlt"] input`, "Students of the last exchange in front of the library")
	e.typeInto(`.Pane1 [data-field="imageAlt"] input`, "طلبة التبادل السابق أمام المكتبة")
	e.typeInto(`.Pane2 [data-field="body"] [contenteditable="true"]`, "Applications are open until the deadline.")
	e.typeInto(`.Pane1 [data-field="body"] [contenteditable="true"]`, "باب التقديم مفتوح حتى الموعد النهائي.")
	e.setDate(`.Pane2 input[id^="date-field-"]`, "2026-11-20")
	e.selectOption(`.Pane2 input[id^="categories-field-"]`, "call")
	e.waitFor(`document.querySelector('.Pane2 [aria-label="select field"]').textContent.includes('call')`, "the category chosen")
	// A new announcement starts as a draft, in both languages.
	e.waitFor(`document.querySelector('.Pane1 [id^="draft-field-"]').getAttribute('aria-checked') === 'true' && document.querySelector('.Pane2 [id^="draft-field-"]').getAttribute('aria-checked') === 'true'`, "the draft switch on in both languages")
	photo := filepath.Join(t.TempDir(), "group.jpg")
	writeJPEG(t, photo)
	e.click(`.Pane2 [aria-label="image field"] button`)
	e.waitFor(`!!document.querySelector('.ReactModalPortal input[type=file]')`, "the media library")
	if err := chromedp.Do(e.ctx, chromedp.SetUploadFiles(chromedp.CSS(`.ReactModalPortal input[type=file]`), []string{photo})); err != nil {
		t.Fatal(err)
	}
	e.waitFor(`[...document.querySelectorAll('.ReactModalPortal p')].some(p => p.textContent === 'group.jpg')`, "the photo uploaded")
	// The media library selects the photo it uploaded.
	e.waitFor(`(b => b && !b.disabled)([...document.querySelectorAll('.ReactModalPortal button')].find(b => b.textContent.trim() === 'Choose selected'))`, "the photo selected")
	e.do("inserting the photo", chromedp.Click(chromedp.Search(`//*[@role="dialog"]//button[normalize-space()="Choose selected"]`)))
	e.waitFor(`!document.querySelector('.ReactModalPortal [role=dialog]') && !!document.querySelector('.Pane2 [aria-label="image field"] img')`, "the photo chosen")

	// The Arabic fields are right to left, the English left to right.
	for _, f := range []string{`[data-field="title"] input`, `[data-field="imageAlt"] input`, `[data-field="body"] [contenteditable="true"]`, `[data-field="description"] textarea`} {
		e.waitFor(`getComputedStyle(document.querySelector('.Pane1 `+f+`')).direction === 'rtl'`, "the Arabic "+f+" written right to left")
		e.waitFor(`getComputedStyle(document.querySelector('.Pane2 `+f+`')).direction === 'ltr'`, "the English "+f+" written left to right")
	}

	// A deadline before the date is refused with a message.
	e.setDate(`.Pane2 [data-field="deadline"] input`, "2026-11-10")
	e.publish()
	e.waitFor(`document.body.textContent.includes('is before the date')`, "the message about the deadline")
	e.refusedOnly("refusing the deadline")
	if ents, _ := os.ReadDir(filepath.Join(src, "content", "announcements")); len(ents) != 2 {
		t.Fatalf("content/announcements/ holds %d files after a refused save; want only the two _index files", len(ents))
	}

	// With the deadline after the date, it is saved: both languages in one
	// bundle with the photo, drafts in both.
	e.setDate(`.Pane2 [data-field="deadline"] input`, "2027-01-15")
	e.noProblems("writing the announcement")
	e.publish()
	bundle := filepath.Join(src, "content", "announcements", "2026-call-for-exchange-students-2027")
	files := e.waitForFiles(bundle, "index.ar.md", "index.en.md", "group.jpg")
	for _, lang := range []string{"ar", "en"} {
		fm := files["index."+lang+".md"]
		for _, want := range []string{"draft: true", "categories:\n  - call", "image: group.jpg", "deadline: 2027-01-15", "date: 2026-11-20"} {
			if !strings.Contains(strings.NewReplacer("'", "", `"`, "").Replace(fm), want) {
				t.Errorf("index.%s.md has no %q:\n%s", lang, want, fm)
			}
		}
	}
	if !strings.Contains(files["index.ar.md"], "دعوة لطلبة التبادل") || !strings.Contains(files["index.en.md"], "Call for exchange students") {
		t.Errorf("each language's file should hold its own title:\n%s\n%s", files["index.ar.md"], files["index.en.md"])
	}

	// Published from the editor: the draft switch off, saved again.
	e.waitFor(`location.hash.includes('/entries/') && !document.body.textContent.includes('Unsaved Changes') && !!document.querySelector('.Pane2 [id^="draft-field-"]')`, "the saved announcement open again")
	e.click(`.Pane2 [id^="draft-field-"]`)
	e.waitFor(`document.querySelector('.Pane2 [id^="draft-field-"]').getAttribute('aria-checked') === 'false' && document.body.textContent.includes('Unsaved Changes')`, "the draft switch off")
	e.publish()
	e.waitForSaved(bundle, func(f map[string]string) bool {
		return !strings.Contains(f["index.ar.md"], "draft: true") && !strings.Contains(f["index.en.md"], "draft: true")
	}, "the draft switch saved as off in both languages")
	e.noProblems("saving the announcement")

	// site check finds nothing wrong with what the editor wrote.
	res, err := build.Run(context.Background(), build.Options{
		Source: os.DirFS(src), SourceDir: src, Sink: build.NewMemSink(), Report: true,
		Now: time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC),
	})
	if err != nil {
		t.Fatalf("site check: %v", err)
	}
	for _, w := range res.Warnings {
		if strings.Contains(diag.Format(w), "announcements/2026-call") {
			t.Errorf("site check: %s", diag.Format(w))
		}
	}
	// site build publishes both pages, with the photo.
	pub, _ := buildSite(t, src)
	for _, lang := range []string{"ar", "en"} {
		b, err := os.ReadFile(filepath.Join(pub, lang, "announcements", "2026-call-for-exchange-students-2027", "index.html"))
		if err != nil {
			t.Fatalf("the %s page was not published: %v", lang, err)
		}
		page := string(b)
		// The first picture in the page's main content (the header has the
		// emblem).
		main := page
		if i := strings.Index(page, "<main"); i >= 0 {
			main = page[i:]
		}
		img := regexp.MustCompile(`<img[^>]*src="([^"]+)"`).FindStringSubmatch(main)
		if img == nil || !strings.Contains(page, map[string]string{"ar": "طلبة التبادل السابق أمام المكتبة", "en": "Students of the last exchange in front of the library"}[lang]) {
			t.Fatalf("the %s page shows no photo with its description", lang)
		}
		// The photo's address, from the site root, and its file.
		at := strings.TrimPrefix(img[1], "http://127.0.0.1")
		if !strings.HasPrefix(at, "/") {
			at = "/" + lang + "/announcements/2026-call-for-exchange-students-2027/" + at
		}
		if _, err := os.Stat(filepath.Join(pub, filepath.FromSlash(path.Clean(at)))); err != nil || !strings.Contains(at, "group") {
			t.Errorf("the %s page's photo %s is not the bundle's photo, published: %v", lang, img[1], err)
		}
		t.Logf("%s page: photo %s", lang, at)
	}
}

func writeFile(t *testing.T, name, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// writeJPEG writes a photo large enough for every size the site makes.
func writeJPEG(t *testing.T, name string) {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 1600, 1000))
	for y := 0; y < 1000; y++ {
		for x := 0; x < 1600; x++ {
			img.Set(x, y, color.RGBA{uint8(x / 7), uint8(y / 4), 120, 255})
		}
	}
	f, err := os.Create(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := jpeg.Encode(f, img, &jpeg.Options{Quality: 80}); err != nil {
		t.Fatal(err)
	}
}

// waitFor waits until expr is true in the page, failing with what the page
// shows after 20 seconds.
func (e *editor) waitFor(expr, what string) {
	e.t.Helper()
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		ctx, cancel := context.WithTimeout(e.ctx, 5*time.Second)
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](expr))
		cancel()
		if err == nil && ok {
			return
		}
	}
	text := e.text()
	if d := os.Getenv("EDITOR_SHOTS"); d != "" {
		html, _ := chromedp.Run(e.ctx, chromedp.Evaluate[string](`document.body.innerHTML`))
		_ = os.WriteFile(filepath.Join(d, "failed.html"), []byte(html), 0o644)
		browsertest.Screenshot(e.t, e.ctx, d, "failed")
	}
	e.t.Fatalf("in the editor, %s did not happen (%s); problems: %q; the page says:\n%.3000s", what, expr, e.problems(), text)
}

func (e *editor) do(what string, actions ...chromedp.Action[chromedp.Void]) {
	e.t.Helper()
	ctx, cancel := context.WithTimeout(e.ctx, 20*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		text := e.text()
		e.t.Fatalf("%s: %v; problems: %q; the page says:\n%.3000s", what, err, e.problems(), text)
	}
}

func (e *editor) click(css string) {
	e.t.Helper()
	e.do("clicking "+css, chromedp.Click(chromedp.CSS(css)))
}

func (e *editor) typeInto(css, text string) {
	e.t.Helper()
	e.do("typing into "+css, chromedp.WaitVisible(chromedp.CSS(css)), chromedp.SendKeys(chromedp.CSS(css), text))
	e.waitFor(`(el => (el.value !== undefined ? el.value : el.textContent).includes(`+jsString(text)+`))(document.querySelector(`+jsString(css)+`))`, "the text typed into "+css)
}

// setDate sets a date input as a date picker would.
func (e *editor) setDate(css, date string) {
	e.t.Helper()
	e.waitFor(`(() => { const el = document.querySelector(`+jsString(css)+`); if (!el || el.disabled) return false;
		Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(el, `+jsString(date)+`);
		el.dispatchEvent(new Event('input', {bubbles: true})); el.dispatchEvent(new Event('change', {bubbles: true}));
		return el.value === `+jsString(date)+`; })()`, "the date "+date+" set in "+css)
}

// selectOption picks value in the select whose input matches css.
func (e *editor) selectOption(css, value string) {
	e.t.Helper()
	e.do("choosing "+value+" in "+css, chromedp.WaitVisible(chromedp.CSS(css)), chromedp.SendKeys(chromedp.CSS(css), value+kb.Enter))
}

// publish saves the entry: Publish, then Publish now.
func (e *editor) publish() {
	e.t.Helper()
	e.do("opening the Publish menu", chromedp.Click(chromedp.Search(`//span[@role="button"][normalize-space()="Publish"]`)))
	e.do("choosing Publish now", chromedp.Click(chromedp.Search(`//*[@role="menuitem"][contains(normalize-space(), "Publish now")]`)))
}

// open goes to a route of the editor.
func (e *editor) open(route string) {
	e.t.Helper()
	e.do("opening "+route, chromedp.Navigate(e.url+"/admin/"+route))
}

// refusedOnly fails on problems other than the one a refused save gives:
// Decap CMS rejects its save with no reason when a field is invalid, which
// Chromium reports as an uncaught rejection.
func (e *editor) refusedOnly(when string) {
	e.t.Helper()
	for _, p := range e.problems() {
		if !strings.HasPrefix(p, "exception: Uncaught (in promise) undefined ") {
			e.t.Errorf("%s: %s", when, p)
		}
	}
}

func (e *editor) noProblems(when string) {
	e.t.Helper()
	if p := e.problems(); len(p) > 0 {
		e.t.Fatalf("%s: %q", when, p)
	}
}

// waitForFiles waits until the names exist in dir and returns their text.
func (e *editor) waitForFiles(dir string, names ...string) map[string]string {
	e.t.Helper()
	var files map[string]string
	e.waitForSaved(dir, func(f map[string]string) bool {
		files = f
		for _, n := range names {
			if _, ok := f[n]; !ok {
				return false
			}
		}
		return true
	}, "the files "+strings.Join(names, ", ")+" saved in "+dir)
	return files
}

// waitForSaved waits until the files of dir satisfy ok.
func (e *editor) waitForSaved(dir string, ok func(map[string]string) bool, what string) {
	e.t.Helper()
	for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		files := map[string]string{}
		ents, _ := os.ReadDir(dir)
		for _, en := range ents {
			if b, err := os.ReadFile(filepath.Join(dir, en.Name())); err == nil {
				files[en.Name()] = string(b)
			}
		}
		if ok(files) {
			return
		}
		if time.Now().After(deadline) {
			text := e.text()
			e.t.Fatalf("%s did not happen: %d files there; problems: %q; the page says:\n%.3000s", what, len(files), e.problems(), text)
		}
	}
}

// text returns the text of the page, for messages.
func (e *editor) text() string {
	ctx, cancel := context.WithTimeout(e.ctx, 5*time.Second)
	defer cancel()
	s, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body.innerText`))
	if err != nil {
		return err.Error()
	}
	return s
}

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
