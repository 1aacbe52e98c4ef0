package build

import (
	"io/fs"
	"os"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/alaqsa-ira/site/internal/htmltest"
	"github.com/alaqsa-ira/site/internal/isolate"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// latinEverywhere is the office site with Latin in every Arabic text it
// has: interface strings, the office's names, menus, contact details,
// objectives, partners, titles and locations; and Arabic in every English
// interface string.
func latinEverywhere(t *testing.T) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	repo := os.DirFS(repoRoot)
	for _, dir := range []string{"content", "data", "layouts", "static"} {
		err := fs.WalkDir(repo, dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := fs.ReadFile(repo, p)
			m[p] = &fstest.MapFile{Data: b}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	edit := func(path string, pairs ...string) {
		t.Helper()
		s := string(m[path].Data)
		for i := 0; i+1 < len(pairs); i += 2 {
			if !strings.Contains(s, pairs[i]) {
				t.Fatalf("%s has no %q", path, pairs[i])
			}
			s = strings.ReplaceAll(s, pairs[i], pairs[i+1])
		}
		m[path] = &fstest.MapFile{Data: []byte(s)}
	}
	// Every interface string gets Latin runs of the kinds the interface has.
	value := regexp.MustCompile(`(?m)^(\s*[A-Za-z][\w.-]*: )(.+)$`)
	ar := value.ReplaceAllStringFunc(string(m["data/i18n/ar.yaml"].Data), func(line string) string {
		sub := value.FindStringSubmatch(line)
		v := sub[2]
		switch {
		case strings.HasPrefix(v, "["), strings.HasPrefix(sub[1], "ogLocale"), strings.HasPrefix(sub[1], "hijriEra"), strings.HasPrefix(sub[1], "quotes"):
			return line
		case strings.HasPrefix(v, `"`):
			return sub[1] + strings.TrimSuffix(v, `"`) + ` Erasmus+ C++ (.ics) KA171 PDF ira@example.org"`
		}
		return sub[1] + v + " Erasmus+ C++ (.ics) KA171 PDF ira@example.org"
	})
	m["data/i18n/ar.yaml"] = &fstest.MapFile{Data: []byte(ar)}
	// And every English one an Arabic name.
	en := value.ReplaceAllStringFunc(string(m["data/i18n/en.yaml"].Data), func(line string) string {
		sub := value.FindStringSubmatch(line)
		v := sub[2]
		switch {
		case strings.HasPrefix(v, "["), strings.HasPrefix(sub[1], "ogLocale"), strings.HasPrefix(sub[1], "quotes"):
			return line
		case strings.HasPrefix(v, `"`):
			return sub[1] + strings.TrimSuffix(v, `"`) + ` (جامعة الأقصى)"`
		}
		return sub[1] + v + " (جامعة الأقصى)"
	})
	m["data/i18n/en.yaml"] = &fstest.MapFile{Data: []byte(en)}
	edit("data/site.yaml",
		"title: دائرة شؤون العلاقات الدولية", "title: دائرة شؤون العلاقات الدولية IRA",
		"university: جامعة الأقصى\n", "university: جامعة الأقصى (Al-Aqsa University)\n",
		"name: البحث", "name: البحث Search",
		"ar: جامعة الأقصى، غزة، فلسطين", "ar: جامعة الأقصى، غزة، فلسطين (Gaza)")
	edit("data/partners.yaml", "ar: جامعة المثال، إسطنبول", "ar: جامعة المثال Example University، إسطنبول", "ar: إسطنبول", "ar: إسطنبول Istanbul")
	edit("data/objectives.yaml", "ar: تطوير قدرات أعضاء هيئة التدريس", "ar: تطوير قدرات أعضاء هيئة التدريس ضمن Erasmus+")
	edit("content/announcements/2027-higher-education-conference.ar.md", "location: جامعة المثال، عمّان", "location: جامعة المثال، عمّان عبر Zoom")
	edit("content/partners.ar.md", "title: ", "title: Partners ")
	edit("content/announcements/_index.ar.md", "title: الإعلانات", "title: الإعلانات News")
	return m
}

// unisolated returns the text of doc that is written in one direction
// inside an element of the other and is not isolated: Latin runs whose
// nearest dir is rtl, and Arabic runs whose nearest dir is ltr.
func unisolated(doc *htmltest.Doc) []string {
	var out []string
	var walk func(n *html.Node, dir string)
	walk = func(n *html.Node, dir string) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "script", "style", "title", "head":
				return
			case "noscript":
				// Parsed as a browser with scripts does, its content is
				// text: parse it as the browsers that show it do.
				if n.FirstChild != nil {
					nodes, _ := html.ParseFragment(strings.NewReader(n.FirstChild.Data), &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div})
					for _, c := range nodes {
						walk(c, dir)
					}
				}
				return
			}
			if d := htmltest.AttrOf(n, "dir"); d != "" {
				dir = d
			}
		}
		if n.Type == html.TextNode {
			var runs []isolate.Run
			if dir == "rtl" {
				runs = isolate.Runs(n.Data)
			} else {
				runs = isolate.RTLRuns(n.Data)
			}
			for _, r := range runs {
				if strings.TrimSpace(n.Data) != n.Data[r.Start:r.End] {
					out = append(out, dir+": "+n.Data[r.Start:r.End]+" in "+strings.TrimSpace(n.Data))
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, dir)
		}
	}
	walk(doc.Root, "ltr")
	return out
}

// TestEveryLatinRunInArabicTextIsIsolated builds the office site with
// Latin in every Arabic text, from the interface strings to the data
// files, and checks every page: no run of one direction is left bare in
// text of the other.
func TestEveryLatinRunInArabicTextIsIsolated(t *testing.T) {
	b := mustBuild(t, latinEverywhere(t))
	pages := 0
	for path := range b.files {
		if !strings.HasSuffix(path, ".html") {
			continue
		}
		pages++
		for _, bad := range unisolated(b.page(path)) {
			t.Errorf("%s: %s", path, bad)
		}
	}
	if pages < 40 {
		t.Fatalf("only %d pages", pages)
	}
	ann := b.page("ar/announcements/2027-summer-school/index.html")
	cal := ann.First(htmltest.Class("a", "calendar"))
	if cal == nil || len(htmltest.All(cal, htmltest.Tag("span", "dir", "ltr"))) == 0 {
		t.Errorf("the calendar link's (.ics) is not isolated")
	}
}

// TestInterfaceStringsIsolateTheirLatin checks the office's own Arabic
// interface strings: "(.ics)" reads (.ics), not (ics.), and "(Atom)" and
// "JavaScript" are isolated whole.
func TestInterfaceStringsIsolateTheirLatin(t *testing.T) {
	b := mustBuild(t, os.DirFS(repoRoot))
	runs := func(n *html.Node) []string {
		var out []string
		for _, s := range htmltest.All(n, htmltest.Tag("span", "dir", "ltr")) {
			out = append(out, htmltest.Text(s))
		}
		return out
	}
	doc := b.page("ar/announcements/2026-erasmus-staff-mobility/index.html")
	if got := runs(doc.One(t, htmltest.Class("a", "calendar"), "calendar link")); len(got) != 1 || got[0] != "(.ics)" {
		t.Errorf("the calendar link isolates %q, want (.ics)", got)
	}
	if got := runs(doc.One(t, htmltest.Tag("a", "type", "application/atom+xml"), "feed link")); len(got) != 1 || got[0] != "(Atom)" {
		t.Errorf("the feed link isolates %q, want (Atom)", got)
	}
	list := b.page("ar/announcements/index.html")
	if got := runs(list.One(t, htmltest.Tag("a", "type", "text/calendar"), "calendar feed link")); len(got) != 1 || got[0] != "(.ics)" {
		t.Errorf("the calendar feed link isolates %q, want (.ics)", got)
	}
}
