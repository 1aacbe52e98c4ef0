package cms_test

import (
	"context"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/alaqsa-ira/site/internal/browsertest"
	"github.com/alaqsa-ira/site/internal/build"
	"github.com/alaqsa-ira/site/internal/cms"
	"github.com/alaqsa-ira/site/internal/diag"
	"github.com/chromedp/chromedp"
)

// The two panes of the entry editor, each editing one language.
const (
	en = `[data-locale="en"][data-mode="edit"]`
	ar = `[data-locale="ar"][data-mode="edit"]`
)

// field returns the selector of a field in a pane, by its key.
func field(pane, key string) string {
	return pane + ` [data-key-path="` + key + `"]`
}

// TestEditorWritesAnAnnouncementTheSiteChecksAndPublishes runs the web
// editor in headless Chromium, in a browser set to Arabic, on a copy of
// the office site opened as a local repository: the interface is in Arabic,
// right to left, with the pinned files only, every field labelled in Arabic
// and English, and each language's text in its direction; an announcement
// saved keeps what was not changed and stays published; a deadline before
// the date is refused with a message; a new announcement written in Arabic
// and English with a category, a deadline and a photo is saved as a draft
// in both languages, in one page bundle with the photo, then published;
// site check then finds nothing wrong, and site build publishes both pages
// with the photo.
func TestEditorWritesAnAnnouncementTheSiteChecksAndPublishes(t *testing.T) {
	dir := sveltiaDir(t)
	src := copySite(t)
	out, _ := buildSite(t, src)
	// An announcement as published, with no draft key.
	writeFile(t, filepath.Join(src, "content", "announcements", "2026-visit", "index.en.md"), "---\ntitle: Visit\ndate: 2026-10-01\ncategories: [news]\n---\nText.\n")
	writeFile(t, filepath.Join(src, "content", "announcements", "2026-visit", "index.ar.md"), "---\ntitle: زيارة\ndate: 2026-10-01\ncategories: [news]\n---\nنص.\n")
	e := openEditor(t, dir, src, serveSite(t, out))

	e.signInInArabic()
	e.editDataFiles()
	e.saveAnnouncement()
	bundle := e.writeAnnouncement()
	e.publish(bundle)

	// site check finds nothing wrong with what the editor wrote, and site
	// build publishes both pages with the photo.
	e.syncBack()
	res, err := build.Run(context.Background(), build.Options{
		Source: os.DirFS(src), SourceDir: src, Sink: build.NewMemSink(), Report: true,
		Now: time.Date(2026, 11, 29, 12, 0, 0, 0, time.UTC),
	})
	if err != nil {
		t.Fatalf("site check: %v", err)
	}
	for _, w := range res.Warnings {
		if strings.Contains(diag.Format(w), "announcements/") {
			t.Errorf("site check: %s", diag.Format(w))
		}
	}
	pub, _ := buildSite(t, src)
	for _, lang := range []string{"ar", "en"} {
		checkPublished(t, pub, lang, strings.TrimPrefix(bundle, "content/"))
	}

	// The editor loaded from the CDN the pinned files only.
	pinned := map[string]bool{cms.ScriptURL: true}
	for _, p := range cms.Lazy {
		pinned[p.URL] = true
	}
	for _, u := range e.askedOfCDN() {
		if !pinned[u] {
			t.Errorf("the editor loaded %s, which the site does not pin", u)
		}
	}
}

// TestEditorRefusesFilesThatAreNotThePinnedOnes serves every file the
// editor loads from the CDN with a byte added: the browser refuses each
// (its hash), and the editor does without: no Arabic interface (English,
// the strings in the script), no field type of ours, no fonts (never the
// CMS's own, from another CDN), and no editor at all when the script
// itself is not the pinned one.
func TestEditorRefusesFilesThatAreNotThePinnedOnes(t *testing.T) {
	dir := sveltiaDir(t)
	src := copySite(t)
	out, _ := buildSite(t, src)
	site := serveSite(t, out)
	var lazy []string
	for _, p := range cms.Lazy {
		lazy = append(lazy, p.URL)
	}
	e := openEditor(t, dir, src, site, lazy...)
	e.waitFor(`document.body.innerText.includes('Work with Local Repository')`, "the interface in English")
	e.waitFor(`![...document.fonts].some(f => f.family.includes('Site Editor') && f.status === 'loaded')`, "no font of ours loaded")
	time.Sleep(time.Second)
	refused := map[string]bool{}
	for _, p := range e.problems() {
		if strings.HasPrefix(p, "a request to another site") {
			t.Error(p)
		}
		for _, u := range lazy {
			if strings.Contains(p, u) && strings.Contains(p, "integrity") {
				refused[u] = true
			}
		}
	}
	for _, u := range lazy {
		if !refused[u] {
			t.Errorf("the browser did not refuse %s, served not as pinned", u)
		}
	}
	for _, u := range e.askedOfCDN() {
		if !slices.Contains(lazy, u) && u != cms.ScriptURL {
			t.Errorf("the editor asked the CDN for %s instead", u)
		}
	}

	// The script itself.
	e = openEditor(t, dir, src, site, cms.ScriptURL)
	e.waitFor(`document.readyState === 'complete'`, "the page loaded")
	time.Sleep(2 * time.Second)
	if ok, _ := chromedp.Run(e.ctx, chromedp.Evaluate[bool](`!window.CMS && !document.body.innerText.trim()`)); !ok {
		t.Error("the editor started with a script that is not the pinned one")
	}
	if p := strings.Join(e.problems(), "\n"); !strings.Contains(p, cms.ScriptURL) || !strings.Contains(p, "integrity") {
		t.Errorf("the browser did not say it refused the script: %s", p)
	}
}

// signInInArabic checks that the interface is in Arabic, right to left,
// with its icons drawn by the pinned font, and opens the local repository.
func (e *editor) signInInArabic() {
	e.t.Helper()
	e.waitFor(`document.documentElement.lang === 'ar' && document.documentElement.dir === 'rtl' && getComputedStyle(document.body).direction === 'rtl'`, "the interface in Arabic, right to left")
	e.waitFor(`document.body.innerText.includes('مرحباً بك في') && document.body.innerText.includes('تسجيل الدخول باستخدام')`, "the Arabic welcome and sign-in")
	e.clickButton("العمل مع مستودع محلي") // Work with Local Repository
	// The configuration loads: every collection is listed, with no error.
	e.waitFor(`document.body.innerText.includes('المجموعات') && document.querySelectorAll('[role=treeitem][data-label]').length === 4`, "the four collections listed under their Arabic heading")
	e.noProblems("loading the editor")
	// The icons are the pinned font's: one glyph each, not their names.
	e.waitFor(`document.fonts.check('24px "Site Editor Icons"') && [...document.querySelectorAll('.material-symbols-outlined')].filter(i => i.offsetWidth > 0).every(i => i.offsetWidth < 40)`, "the icons drawn by their font")
}

// editDataFiles opens the data files: each language's name is written in
// its direction.
func (e *editor) editDataFiles() {
	e.t.Helper()
	e.open("#/collections/partners/entries/partners")
	e.waitFor(`!!document.querySelector('[data-key-path="partners.0.name.ar"] input')`, "the partners open")
	e.waitFor(`getComputedStyle(document.querySelector('[data-key-path="partners.0.name.ar"] input')).direction === 'rtl' && getComputedStyle(document.querySelector('[data-key-path="partners.0.name.en"] input')).direction === 'ltr'`, "a partner's Arabic name right to left, its English name left to right")
	e.open("#/collections/objectives/entries/objectives")
	e.waitFor(`!!document.querySelector('[data-key-path="objectives.0.text.ar"] input')`, "the objectives open")
	e.noProblems("opening the data files")
}

// saveAnnouncement changes an announcement's description and saves it: it
// keeps what was not changed, and stays published (the editor gives a
// field's default to a page that lacks it).
func (e *editor) saveAnnouncement() {
	e.t.Helper()
	e.open("#/collections/announcements/entries/2026-visit/index")
	e.waitFor(`(i => i && i.value === 'Visit')(document.querySelector('`+field(en, "title")+` input'))`, "the announcement opening")
	e.typeInto(field(en, "description")+` textarea`, "A visit.")
	// The preview shows what the editor will save.
	e.waitFor(`document.querySelector('.pane[data-mode="preview"]').innerText.includes('A visit.')`, "the description in the preview")
	e.save()
	e.waitForSaved("content/announcements/2026-visit", func(f map[string]string) bool {
		return strings.Contains(f["index.en.md"], "description: A visit.")
	}, "the changed description saved")
	for name, want := range map[string][]string{"index.en.md": {"title: Visit", "- news", "\nText.\n"}, "index.ar.md": {"title: زيارة", "- news", "\nنص.\n"}} {
		f := e.file("content/announcements/2026-visit/" + name)
		for _, w := range want {
			if !strings.Contains(f, w) || strings.Contains(f, "draft: true") {
				e.t.Errorf("%s, saved, has no %q or became a draft:\n%s", name, w, f)
			}
		}
	}
	e.noProblems("saving an announcement")
}

// writeAnnouncement writes a new announcement in both languages, English
// on the right and Arabic beside it, with a category, a deadline and a
// photo, as a draft; a deadline before the date is refused first. It
// returns the announcement's folder.
func (e *editor) writeAnnouncement() string {
	e.t.Helper()
	e.open("#/collections/announcements/new")
	e.waitFor(`!!document.querySelector('`+field(en, "title")+` input')`, "the new announcement's form")
	e.waitFor(`!!document.querySelector('`+field(ar, "title")+` input') || (document.querySelector('.pane[data-mode="preview"] button[value="ar"]')?.click(), false)`, "the Arabic form beside it")
	// Each field is labelled in Arabic, with its English name and its help
	// in both languages.
	e.waitFor(`(t => t.includes('العنوان') && t.includes('Title'))(document.querySelector('`+field(en, "title")+`').innerText)`, "the title labelled in Arabic and English")
	e.fieldSays(field(en, "deadline"), "الموعد النهائي", "the deadline's Arabic label")
	e.waitFor(`(t => t.includes('Deadline') && t.includes('آخر يوم للتقديم') && t.includes('The last day to apply'))(document.querySelector('`+field(en, "deadline")+`').innerText)`, "the deadline's English label and help in both languages")
	e.typeInto(field(en, "title")+` input`, "Call for exchange students 2027")
	e.typeInto(field(ar, "title")+` input`, "دعوة لطلبة التبادل ٢٠٢٧")
	e.typeInto(field(en, "imageAlt")+` input`, "Students of the last exchange in front of the library")
	e.typeInto(field(ar, "imageAlt")+` input`, "طلبة التبادل السابق أمام المكتبة")
	e.typeInto(field(en, "body")+` [contenteditable="true"]`, "Applications are open until the deadline.")
	e.typeInto(field(ar, "body")+` [contenteditable="true"]`, "باب التقديم مفتوح حتى الموعد النهائي.")
	e.setDate(field(en, "date")+` input[type=date]`, "2026-11-20")
	e.click(field(en, "categories") + ` button[role=checkbox][value="call"]`)
	e.waitFor(`document.querySelector('`+field(en, "categories")+` button[value="call"]').getAttribute('aria-checked') === 'true'`, "the category chosen")
	// Saved as a draft, in both languages.
	e.click(field(en, "draft") + ` button[role=switch]`)
	e.waitFor(`document.querySelector('`+field(en, "draft")+` button[role=switch]').getAttribute('aria-checked') === 'true'`, "the draft switch on")
	e.addPhoto()
	e.checkDirections()

	// A deadline before the date is refused with a message, in both
	// languages, and nothing is saved.
	e.setDate(field(en, "deadline")+` input[type=date]`, "2026-11-10")
	e.save()
	e.fieldSays(field(en, "deadline"), "الموعد النهائي قبل تاريخ الإعلان", "the message about the deadline, in Arabic")
	e.fieldSays(field(en, "deadline"), "is before the announcement", "the message about the deadline, in English")
	e.noProblems("refusing the deadline")
	if f, _ := e.folder(); len(f) != e.files {
		e.t.Fatalf("the editor's folder holds %d files after a refused save; want the %d it started with", len(f), e.files)
	}

	// With the deadline after the date, it is saved: both languages in one
	// bundle with the photo, drafts in both.
	e.setDate(field(en, "deadline")+` input[type=date]`, "2027-01-15")
	e.save()
	bundle := path.Join("content", "announcements", strconv.Itoa(time.Now().Year())+"-call-for-exchange-students-2027")
	files := e.waitForFiles(bundle, "index.ar.md", "index.en.md", "group.jpg")
	for _, lang := range []string{"ar", "en"} {
		fm := files["index."+lang+".md"]
		for _, want := range []string{"draft: true", "categories:\n  - call", "image: group.jpg", "deadline: 2027-01-15", "date: 2026-11-20"} {
			if !strings.Contains(strings.NewReplacer("'", "", `"`, "").Replace(fm), want) {
				e.t.Errorf("index.%s.md has no %q:\n%s", lang, want, fm)
			}
		}
	}
	if !strings.Contains(files["index.ar.md"], "دعوة لطلبة التبادل") || !strings.Contains(files["index.en.md"], "Call for exchange students") {
		e.t.Errorf("each language's file should hold its own title:\n%s\n%s", files["index.ar.md"], files["index.en.md"])
	}
	e.noProblems("saving the announcement")
	return bundle
}

// addPhoto uploads a photo in the editor's media dialog (in Arabic) and
// makes it the announcement's cover.
func (e *editor) addPhoto() {
	e.t.Helper()
	photo := filepath.Join(e.t.TempDir(), "group.jpg")
	writeJPEG(e.t, photo)
	e.click(field(en, "image") + ` button[data-label="تصفح"]`) // Browse
	e.waitFor(`!!document.querySelector('dialog[open] input[type=file]') && document.querySelector('dialog[open]').innerText.includes('تحديد صورة')`, "the media dialog, Select Image")
	if err := chromedp.Do(e.ctx, chromedp.SetUploadFiles(chromedp.CSS(`dialog[open] input[type=file]`), []string{photo})); err != nil {
		e.t.Fatal(err)
	}
	e.waitFor(`document.querySelector('dialog[open]').innerText.includes('group.jpg')`, "the photo uploaded")
	e.click(`dialog[open] button[data-label="إدراج"]:not([disabled])`) // Insert
	e.waitFor(`!document.querySelector('dialog[open]') && !!document.querySelector('`+field(en, "image")+` img')`, "the photo chosen")
	e.noProblems("adding the photo")
}

// checkDirections checks that the Arabic fields are written right to left,
// the English left to right.
func (e *editor) checkDirections() {
	e.t.Helper()
	for _, f := range []string{`title"] input`, `imageAlt"] input`, `body"] [contenteditable="true"]`, `description"] textarea`} {
		for pane, dir := range map[string]string{ar: "rtl", en: "ltr"} {
			css := pane + ` [data-key-path="` + f
			e.reveal(css)
			e.waitFor(`getComputedStyle(document.querySelector(`+jsString(css)+`)).direction === '`+dir+`'`, css+" written "+dir)
		}
	}
}

// publish publishes the announcement in bundle from the editor: the draft
// switch off, saved again.
func (e *editor) publish(bundle string) {
	e.t.Helper()
	// From the list of announcements, as an editor would.
	e.open("#/collections/announcements")
	e.waitFor(`!document.querySelector('[data-entry-draft-root]')`, "the editor back at the list")
	e.click(`[role=row][aria-label="Call for exchange students 2027"] [role=gridcell].title`)
	e.waitFor(`location.hash.endsWith('/entries/`+path.Base(bundle)+`/index') && (i => i && i.value.startsWith('Call for exchange'))(document.querySelector('`+field(en, "title")+` input'))`, "the saved announcement open again")
	e.click(field(en, "draft") + ` button[role=switch][aria-checked="true"]`)
	e.waitFor(`document.querySelector('`+field(en, "draft")+` button[role=switch]').getAttribute('aria-checked') === 'false'`, "the draft switch off")
	e.save()
	e.waitForSaved(bundle, func(f map[string]string) bool {
		return !strings.Contains(f["index.ar.md"], "draft: true") && !strings.Contains(f["index.en.md"], "draft: true")
	}, "the draft switch saved as off in both languages")
	e.noProblems("publishing the announcement")
}

// checkPublished checks that the page of the bundle at dir (under
// content/) in lang is in pub, with its title and the bundle's photo.
func checkPublished(t *testing.T, pub, lang, dir string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(pub, lang, filepath.FromSlash(dir), "index.html"))
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
	if !strings.Contains(page, map[string]string{"ar": "دعوة لطلبة التبادل", "en": "Call for exchange students 2027"}[lang]) {
		t.Errorf("the %s page has no title in its language", lang)
	}
	// The photo's address, from the site root, and its file.
	at := strings.TrimPrefix(img[1], "http://127.0.0.1")
	if !strings.HasPrefix(at, "/") {
		at = "/" + lang + "/" + dir + "/" + at
	}
	if _, err := os.Stat(filepath.Join(pub, filepath.FromSlash(path.Clean(at)))); err != nil || !strings.Contains(at, "group") {
		t.Errorf("the %s page's photo %s is not the bundle's photo, published: %v", lang, img[1], err)
	}
	t.Logf("%s page: photo %s", lang, at)
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
	e.fatalf("in the editor, %s did not happen (%s)", what, expr)
}

// fatalf fails the test with the message, the problems so far and the
// text of the page; with EDITOR_SHOTS set to a folder, it saves the page
// and a screenshot of it there.
func (e *editor) fatalf(format string, args ...any) {
	e.t.Helper()
	text := e.text()
	if d := os.Getenv("EDITOR_SHOTS"); d != "" {
		html, _ := chromedp.Run(e.ctx, chromedp.Evaluate[string](`document.documentElement.outerHTML`))
		_ = os.WriteFile(filepath.Join(d, "failed.html"), []byte(html), 0o644)
		browsertest.Screenshot(e.t, e.ctx, d, "failed")
	}
	e.t.Fatalf("%s; problems: %q; the page says:\n%.3000s", fmt.Sprintf(format, args...), e.problems(), text)
}

func (e *editor) do(what string, actions ...chromedp.Action[chromedp.Void]) {
	e.t.Helper()
	ctx, cancel := context.WithTimeout(e.ctx, 20*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		e.fatalf("%s: %v", what, err)
	}
}

// click clicks css as a person would: once it is in view, and once the
// pointer would land on it (not while the editor slides a pane in).
func (e *editor) click(css string) {
	e.t.Helper()
	e.reveal(css)
	e.waitFor(`(el => { if (!el) return false; const r = el.getBoundingClientRect();
		return el.contains(document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2)) && !document.getAnimations().some(a => a.playState === 'running' && a.effect.getTiming().iterations !== Infinity); })(document.querySelector(`+jsString(css)+`))`, css+" ready to click")
	e.do("clicking "+css, chromedp.Click(chromedp.CSS(css)))
}

// clickButton clicks the enabled button that reads label.
func (e *editor) clickButton(label string) {
	e.t.Helper()
	e.click(`button[data-label=` + jsString(label) + `]:not([disabled])`)
}

func (e *editor) typeInto(css, text string) {
	e.t.Helper()
	e.reveal(css)
	e.do("typing into "+css, chromedp.WaitVisible(chromedp.CSS(css)), chromedp.SendKeys(chromedp.CSS(css), text))
	e.waitFor(`(el => (el.value !== undefined ? el.value : el.textContent).includes(`+jsString(text)+`))(document.querySelector(`+jsString(css)+`))`, "the text typed into "+css)
}

// setDate sets a date input as a date picker would.
func (e *editor) setDate(css, date string) {
	e.t.Helper()
	e.reveal(css)
	e.waitFor(`(() => { const el = document.querySelector(`+jsString(css)+`); if (!el || el.disabled) return false;
		Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(el, `+jsString(date)+`);
		el.dispatchEvent(new Event('input', {bubbles: true})); el.dispatchEvent(new Event('change', {bubbles: true}));
		return el.value === `+jsString(date)+`; })()`, "the date "+date+" set in "+css)
}

// reveal scrolls the editor to an element as a person would: the editor
// draws a field only once it comes into view, so each step scrolls to the
// last field drawn in the element's pane.
func (e *editor) reveal(css string) {
	e.t.Helper()
	e.waitFor(inView(css, "true"), css+" in view")
}

// fieldSays waits until the field css shows text, scrolling to it as a
// person would.
func (e *editor) fieldSays(css, text, what string) {
	e.t.Helper()
	e.waitFor(inView(css, `el.innerText.includes(`+jsString(text)+`)`), what+" at its field")
}

// inView returns a script that scrolls toward css one step, and then, once
// it is in view, says whether cond holds of it (el).
func inView(css, cond string) string {
	return `(() => {
		const el = document.querySelector(` + jsString(css) + `);
		if (el) { el.scrollIntoView({block: 'center'}); return ` + cond + `; }
		const pane = document.querySelector(` + jsString(strings.Fields(css)[0]) + `);
		const drawn = pane && pane.matches('.pane') ? pane.querySelectorAll('section.field') : [];
		if (drawn.length) drawn[drawn.length - 1].scrollIntoView({block: 'start'});
		return false;
	})()`
}

// save presses the editor's Save (حفظ).
func (e *editor) save() {
	e.t.Helper()
	e.click(`[data-entry-draft-root] button[data-label="حفظ"]:not([disabled])`)
}

// open goes to a route of the editor.
func (e *editor) open(route string) {
	e.t.Helper()
	e.do("opening "+route, chromedp.Navigate(e.url+"/admin/"+route))
}

func (e *editor) noProblems(when string) {
	e.t.Helper()
	if p := e.problems(); len(p) > 0 {
		e.t.Fatalf("%s: %q", when, p)
	}
}

// waitForFiles waits until the names exist in the editor's folder dir (a
// path from the site's root) and returns their text.
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

// waitForSaved waits until the files of the editor's folder dir (a path
// from the site's root), by name, satisfy ok.
func (e *editor) waitForSaved(dir string, ok func(map[string]string) bool, what string) {
	e.t.Helper()
	for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		all, err := e.folder()
		files := map[string]string{}
		for name, b := range all {
			if path.Dir(name) == dir {
				files[path.Base(name)] = string(b)
			}
		}
		if err == nil && ok(files) {
			return
		}
		if time.Now().After(deadline) {
			e.fatalf("%s did not happen: %d files there (%v)", what, len(files), err)
		}
	}
}

// file returns the text of a file of the editor's folder (a path from the
// site's root).
func (e *editor) file(name string) string {
	e.t.Helper()
	files, err := e.folder()
	if err != nil {
		e.t.Fatalf("reading the browser's file system: %v", err)
	}
	return string(files[name])
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
