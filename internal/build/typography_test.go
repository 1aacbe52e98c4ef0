package build

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/alaqsa-ira/site/internal/htmltest"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// proseAttrs are the attributes whose values readers read or hear: text
// for those who cannot see an image, tooltips, names of controls and the
// descriptions of link previews.
var proseAttrs = map[string]bool{"alt": true, "title": true, "aria-label": true}

// TestOfficeProseHasTypographicQuotes checks that no straight quote or
// apostrophe is left in what the office site's readers read: the text of
// every page (not its code, scripts or styles), the attributes they read
// or hear, the titles and descriptions of link previews, the search
// index (what results show) and the feeds' titles.
func TestOfficeProseHasTypographicQuotes(t *testing.T) {
	b := mustBuild(t, os.DirFS(repoRoot))
	pages, marks := 0, 0
	for name, data := range b.files {
		if !isHTML(name, data) || strings.HasPrefix(name, "admin/") {
			continue
		}
		pages++
		doc := htmltest.Parse(t, data)
		var walk func(n *html.Node)
		walk = func(n *html.Node) {
			if n.Type == html.ElementNode {
				switch n.Data {
				case "code", "pre", "script", "style":
					return
				}
				for _, a := range n.Attr {
					prose := proseAttrs[a.Key] || a.Key == "content" && n.Data == "meta" && isProseMeta(n)
					if prose && strings.ContainsAny(a.Val, `'"`) {
						t.Errorf("%s: <%s %s=%q> has a straight quote", name, n.Data, a.Key, a.Val)
					}
				}
			}
			if n.Type == html.ElementNode && n.Data == "noscript" && n.FirstChild != nil && n.FirstChild.Type == html.TextNode {
				// Read as text by a parser that runs scripts: what a reader
				// without them sees is its markup's text.
				body := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
				inner, err := html.ParseFragment(strings.NewReader(n.FirstChild.Data), body)
				if err != nil {
					t.Fatal(err)
				}
				for _, c := range inner {
					walk(c)
				}
				return
			}
			if n.Type == html.TextNode {
				if strings.ContainsAny(n.Data, `'"`) {
					t.Errorf("%s: the text %q has a straight quote", name, n.Data)
				}
				marks += strings.Count(n.Data, "’") + strings.Count(n.Data, "“") + strings.Count(n.Data, "«")
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
		}
		walk(doc.Root)
	}
	if pages < 50 || marks < 20 {
		t.Errorf("%d pages and %d typographic marks: the office site's prose is not being read", pages, marks)
	}
	// What search results show, and feed readers.
	shown := 0
	for name, data := range b.files {
		var texts []string
		switch {
		case strings.Contains(name, "/search/") && strings.HasSuffix(name, ".json"):
			var v any
			if err := json.Unmarshal(data, &v); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			texts = stringsIn(v)
		case strings.HasSuffix(name, "/atom.xml"):
			var feed atomFeed
			if err := xml.Unmarshal(data, &feed); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			texts = append(texts, feed.Title)
			for _, e := range feed.Entries {
				texts = append(texts, e.Title)
			}
		default:
			continue
		}
		for _, s := range texts {
			shown++
			if strings.ContainsAny(s, `'"`) {
				t.Errorf("%s: %q has a straight quote", name, s)
			}
		}
	}
	if shown < 100 {
		t.Errorf("%d texts of the search index and feeds read", shown)
	}
}

// stringsIn returns the strings in a decoded JSON value.
func stringsIn(v any) []string {
	switch v := v.(type) {
	case string:
		return []string{v}
	case []any:
		var out []string
		for _, x := range v {
			out = append(out, stringsIn(x)...)
		}
		return out
	case map[string]any:
		var out []string
		for _, x := range v {
			out = append(out, stringsIn(x)...)
		}
		return out
	}
	return nil
}

// isProseMeta reports a meta element whose content is text for readers:
// the description, and the titles and descriptions of link previews.
func isProseMeta(n *html.Node) bool {
	for _, a := range n.Attr {
		switch {
		case a.Key == "name" && a.Val == "description":
			return true
		case a.Key == "property" && (a.Val == "og:title" || a.Val == "og:description" || a.Val == "og:image:alt"):
			return true
		}
	}
	return false
}

func TestQuotesThatAreNotFourMarksAreAnErrorAtTheirLine(t *testing.T) {
	en := string(newSite(t, "")["data/i18n/en.yaml"].Data)
	line := strings.Count(en[:strings.Index(en, "\nquotes: ")+1], "\n") + 1
	bad := strings.Replace(en, `quotes: "“”‘’"`, `quotes: "“”"`, 1)
	want := fmt.Sprintf("data/i18n/en.yaml:%d:", line)
	for _, f := range findings(t, "-- data/i18n/en.yaml --\n"+bad) {
		if strings.HasPrefix(f, want) && strings.Contains(f, "four quotation marks") {
			return
		}
	}
	t.Errorf("no error at %s for quotes of two marks", want)
}
