package main

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
)

// smallSite writes a site of two homes and an announcements section, with
// this project's layouts, interface strings and static files, and the
// files of archive (a txtar, replacing files of the same name), and
// returns its folder. In archive, LAYOUT(name) stands for the project's
// layout of that name.
func smallSite(t *testing.T, archive string) string {
	t.Helper()
	dst := t.TempDir()
	src := os.DirFS("../..")
	for _, dir := range []string{"layouts", "data/i18n", "static"} {
		err := fs.WalkDir(src, dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := fs.ReadFile(src, p)
			if err != nil {
				return err
			}
			return writeFile(dst, p, b)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range txtar.Parse([]byte(smallSiteFiles + archive)).Files {
		if err := writeFile(dst, f.Name, f.Data); err != nil {
			t.Fatal(err)
		}
	}
	return dst
}

func writeFile(root, p string, data []byte) error {
	f := filepath.Join(root, filepath.FromSlash(p))
	if err := os.MkdirAll(filepath.Dir(f), 0o755); err != nil {
		return err
	}
	return os.WriteFile(f, data, 0o644)
}

const smallSiteFiles = `
-- data/site.yaml --
baseURL: https://example.org/
defaultLanguage: en
timeZone: Asia/Gaza
categories: [news]
languages:
  - {code: en, name: English, direction: ltr, title: Relations Office, university: Example University}
  - {code: ar, name: العربية, direction: rtl, digits: arab, title: مكتب العلاقات, university: جامعة المثال}
-- content/_index.en.md --
---
title: Home
---
-- content/_index.ar.md --
---
title: الرئيسية
---
-- content/announcements/_index.en.md --
---
title: Announcements
---
-- content/announcements/_index.ar.md --
---
title: الإعلانات
---
`

// checkAndBuild runs site check and site build on the site: both must
// fail with every one of want (each "path:line: error: ..." in part), and
// the build must publish nothing.
func checkAndBuild(t *testing.T, site string, want []string) {
	t.Helper()
	out, _, err := runSite("check", "-s", site)
	if !errors.Is(err, errReported) {
		t.Fatalf("check: err = %v, want exit 1\n%.3000s", err, out)
	}
	dest := filepath.Join(t.TempDir(), "public")
	_, errOut, err := runSite("build", "-s", site, "-d", dest)
	if err == nil {
		t.Fatal("the build succeeded")
	}
	for _, w := range want {
		if !strings.Contains(out, w) {
			t.Errorf("check does not report %q", w)
		}
		// site build prints errors without the word "error".
		if !strings.Contains(errOut, strings.Replace(w, ": error: ", ": ", 1)) {
			t.Errorf("build does not report %q", w)
		}
	}
	if t.Failed() {
		t.Logf("check:\n%s\nbuild:\n%s", out, errOut)
	}
	if _, err := os.Stat(dest); !os.IsNotExist(err) {
		t.Errorf("the build published something: %v", err)
	}
}

// TestCheckAndBuildRefuseEveryLoadFromAnotherSite puts every way a page
// could load from another site in one small site: Markdown images however
// written, a heading's style, a cover photo, a partner's logo, the
// emblem, a layout's script, stylesheet and icon, a page and a stylesheet
// of static/. Both commands report each at its file and line, and nothing
// is published. Raw HTML is only warned about: it is left out.
func TestCheckAndBuildRefuseEveryLoadFromAnotherSite(t *testing.T) {
	page := func(name, extra, body string) string {
		return "-- content/announcements/" + name + " --\n---\ntitle: " + name + "\ndate: 2026-10-01\n" + extra + "---\n" + body + "\n"
	}
	base, err := os.ReadFile("../../layouts/base.html")
	if err != nil {
		t.Fatal(err)
	}
	loads := `<script src="https://cdn.example/lib.js"></script>
<link rel="stylesheet" href="//fonts.example/css?family=X">
<link rel="icon" href="https://other.example/favicon.ico">
`
	site := smallSite(t, page("inline.en.md", "", "![x](https://other.example/p.png)")+
		page("reference.en.md", "", "Text.\n\n![x][r]\n\n[r]: HTTP://Other.Example/p.png")+
		page("protocol.en.md", "", "![x](//other.example/p.png)")+
		page("entity.en.md", "", "![x](&#47;&#x2F;other.example/p.png)")+
		page("backslash.en.md", "", `![x](/\other.example/p.png)`)+
		page("styled.en.md", "", `## Heading {style="background:url(https://other.example/bg.png)"}`)+
		page("cover.en.md", "image: https://other.example/cover.jpg\nimageAlt: x\n", "Text.")+
		"-- content/announcements/visit/index.en.md --\n---\ntitle: Visit\ndate: 2026-10-01\n---\n![The delegation](https://other.example/visit/group.jpg)\n"+
		page("raw.en.md", "", "<img src=\"//other.example/raw.png\">\n\n<p style=\"background:url(https://other.example/raw.png)\">x</p>")+
		"-- data/partners.yaml --\n- id: a\n  name: {en: A, ar: أ}\n  type: university\n  logo: https://other.example/logo.svg\n  logoAlt: {en: A, ar: أ}\n"+
		"-- data/site.yaml --\nbaseURL: https://example.org/\nemblem: //other.example/emblem.svg\ndefaultLanguage: en\ntimeZone: Asia/Gaza\ncategories: [news]\nlanguages:\n  - {code: en, name: English, direction: ltr, title: R, university: U}\n  - {code: ar, name: العربية, direction: rtl, title: م, university: ج}\n"+
		"-- layouts/base.html --\n"+strings.Replace(string(base), "<head>\n", "<head>\n"+loads, 1)+
		"-- static/old/page.html --\n<!doctype html>\n<title>Old</title>\n<img src=\"//other.example/old.png\" alt=\"\">\n"+
		"-- static/css/extra.css --\nbody { color: black }\n@import url(\"https://fonts.example/f.css\");\n")
	checkAndBuild(t, site, []string{
		`content/announcements/inline.en.md:5: error: the image "https://other.example/p.png" is on another site (other.example)`,
		"save it as static/images/p.png and write ![x](/images/p.png)",
		`content/announcements/reference.en.md:7: error: the image "HTTP://Other.Example/p.png" is on another site (other.example)`,
		`content/announcements/protocol.en.md:5: error: the image "//other.example/p.png" is on another site`,
		`content/announcements/entity.en.md:5: error: the image "//other.example/p.png" is on another site`,
		`content/announcements/backslash.en.md:5: error: the image "/\\other.example/p.png" is on another site`,
		`content/announcements/styled.en.md:5: error: the style of this heading loads "https://other.example/bg.png" from another site`,
		`content/announcements/cover.en.md:4: error: image "https://other.example/cover.jpg" is an address on the web (on other.example)`,
		`content/announcements/visit/index.en.md:5: error: the image "https://other.example/visit/group.jpg" is on another site`,
		"save it in this page's folder as content/announcements/visit/group.jpg and write ![The delegation](group.jpg)",
		"content/announcements/raw.en.md:5: warning: raw HTML is not allowed",
		`data/partners.yaml:4:9: error: logo "https://other.example/logo.svg" is an address on the web (on other.example)`,
		`data/site.yaml:2:9: error: emblem "//other.example/emblem.svg" is an address on the web (on other.example)`,
		`layouts/base.html:4: error: the published file`,
		`loads "https://cdn.example/lib.js" from another site (cdn.example, in <script src>)`,
		`layouts/base.html:5: error: the published file`,
		`loads "//fonts.example/css?family=X" from another site (fonts.example, in <link href>)`,
		`layouts/base.html:6: error: the published file`,
		"static/old/page.html: error: web pages are not published", // refused whole: what it loads is not reported again
		`static/css/extra.css:2: error: the published file`,
		`loads "https://fonts.example/f.css" from another site (fonts.example, in @import)`, // the stylesheet is minified: @import "..."
	})
}

// TestCheckAndBuildReportEveryLimitAtItsSource passes the limits on what
// editors write, and the years of dates, in one small site: both commands
// report each as itself at its file and line, and nothing is published.
func TestCheckAndBuildReportEveryLimitAtItsSource(t *testing.T) {
	deep := strings.Repeat("[", 300) + strings.Repeat("]", 300)
	page := func(name, fm string) string {
		return "-- content/announcements/" + name + " --\n---\ntitle: " + name + "\n" + fm + "---\nText.\n"
	}
	site := smallSite(t, page("deep.en.md", "date: 2026-10-01\nweight: "+deep+"\n")+
		page("huge.en.md", "description: "+strings.Repeat("d", 50<<20)+"\ndate: 2026-10-01\n")+
		page("long.en.md", "date: 2026-10-01\ndescription: "+strings.Repeat("d", 20_000)+"\n")+
		page("zero.en.md", "date: 0000-01-01\n")+
		page("deadline.en.md", "date: 2026-10-01\ndeadline: 2101-01-01\n")+
		page("event.en.md", "date: 2026-10-01\neventDate: 1899-12-31\n")+
		"-- data/objectives.yaml --\n- id: o\n  text: "+deep+"\n"+
		"-- data/partners.yaml --\n- id: a\n  name: {en: A, ar: أ}\n  since: 1066\n")
	checkAndBuild(t, site, []string{
		"content/announcements/deep.en.md:4:40: error: lists and mappings nest more than 32 levels deep here",
		"content/announcements/huge.en.md:3: error: this page is 50 MB, more than the 4 MB a page may be; it passes that here, in description",
		"content/announcements/long.en.md:4:14: error: this value is 20000 characters long, more than the 10000 a value may have",
		`content/announcements/zero.en.md:3:7: error: date "0000-01-01" is in the year 0, and dates must be from 1900 to 2100`,
		`content/announcements/deadline.en.md:4:11: error: deadline "2101-01-01" is in the year 2101`,
		`content/announcements/event.en.md:4:12: error: eventDate "1899-12-31" is in the year 1899`,
		"data/objectives.yaml:2:39: error: lists and mappings nest more than 32 levels deep here",
		"data/partners.yaml:3:10: error: since 1066 is not a year a partnership can have begun in",
	})
}
