package markdown

import (
	"bytes"
	"strings"
	"testing"

	"github.com/alaqsa-ira/site/internal/htmltest"
	"golang.org/x/net/html"
)

var arabicNotes = FootnoteWords{Notes: "الحواشي", Ref: "الحاشية {n}", Back: "العودة إلى موضع الحاشية {n}"}

func convert(t *testing.T, src string, doc Doc) (*htmltest.Doc, Result, string) {
	t.Helper()
	if doc.BasePath == "" {
		doc.BasePath = "/"
	}
	var out bytes.Buffer
	res := New().Convert(&out, []byte(src), doc)
	return htmltest.Parse(t, out.Bytes()), res, out.String()
}

// checkAnchors fails when an id is given twice or a #fragment link leads
// to no id.
func checkAnchors(t *testing.T, d *htmltest.Doc) {
	t.Helper()
	ids := map[string]int{}
	for _, n := range d.All(func(n *html.Node) bool { return n.Type == html.ElementNode && htmltest.AttrOf(n, "id") != "" }) {
		ids[htmltest.AttrOf(n, "id")]++
	}
	for id, n := range ids {
		if n > 1 {
			t.Errorf("the id %q is given %d times", id, n)
		}
	}
	for _, a := range d.All(htmltest.Tag("a", "href", "*")) {
		if h := htmltest.AttrOf(a, "href"); strings.HasPrefix(h, "#") && ids[h[1:]] == 0 {
			t.Errorf("the link to %s leads to no id", h)
		}
	}
}

func TestFootnotesAreNumberedInThePageDigitsWithBackLinks(t *testing.T) {
	src := "حاشية[^1] وأخرى[^مصدر] ومرة ثانية[^1] في 2027.\n\n[^1]: نص الحاشية عن Erasmus+ لعام 2027.\n[^مصدر]: المصدر الثاني.\n"
	d, res, out := convert(t, src, Doc{RTL: true, Digits: "arab", LatinLang: "en", Footnotes: arabicNotes})
	if strings.Contains(out, "[^") {
		t.Errorf("a marker is left as text:\n%s", out)
	}
	refs := d.All(htmltest.Tag("a", "role", "doc-noteref"))
	var nums, labels []string
	for _, r := range refs {
		nums = append(nums, htmltest.Text(r))
		labels = append(labels, htmltest.AttrOf(r, "aria-label"))
	}
	if got := strings.Join(nums, " "); got != "١ ٢ ١" {
		t.Errorf("the markers read %q, want ١ ٢ ١", got)
	}
	if got := strings.Join(labels, "|"); got != "الحاشية ١|الحاشية ٢|الحاشية ١" {
		t.Errorf("the markers are labelled %q", got)
	}
	notes := d.One(t, htmltest.Tag("section", "role", "doc-endnotes"), "list of notes")
	if htmltest.AttrOf(notes, "aria-label") != "الحواشي" {
		t.Errorf("the notes are labelled %q", htmltest.AttrOf(notes, "aria-label"))
	}
	if items := htmltest.All(notes, htmltest.Tag("li")); len(items) != 2 || !strings.Contains(htmltest.Text(items[0]), "لعام ٢٠٢٧") {
		t.Errorf("the notes are %d, the first %q", len(items), htmltest.Text(items[0]))
	}
	backs := d.All(htmltest.Tag("a", "role", "doc-backlink"))
	if len(backs) != 3 {
		t.Fatalf("%d back-links, want 3 (two for the note referred to twice)", len(backs))
	}
	for _, b := range backs {
		text, label := htmltest.Text(b), htmltest.AttrOf(b, "aria-label")
		if !strings.HasPrefix(text, "↪") || strings.Contains(text, "↩") {
			t.Errorf("a back-link on a right-to-left page reads %q: its arrow must point right, back along the line", text)
		}
		if !strings.HasPrefix(label, "العودة إلى موضع الحاشية ") {
			t.Errorf("a back-link is labelled %q", label)
		}
	}
	if htmltest.AttrOf(backs[0], "aria-label") == htmltest.AttrOf(backs[1], "aria-label") {
		t.Error("the two back-links of one note have the same label")
	}
	checkAnchors(t, d)
	internal := 0
	for _, l := range res.Links {
		if strings.HasPrefix(l.URL, "#") {
			internal++
		}
	}
	if internal != 6 {
		t.Errorf("%d footnote links are reported for checking, want 6: %+v", internal, res.Links)
	}
}

func TestFootnotesOnALeftToRightPage(t *testing.T) {
	d, _, out := convert(t, "A note[^a].\n\n[^a]: The note, 2027.\n", Doc{RTLLang: "ar", Digits: "arab"})
	ref := d.One(t, htmltest.Tag("a", "role", "doc-noteref"), "marker")
	if htmltest.Text(ref) != "1" || htmltest.AttrOf(ref, "aria-label") != "Footnote 1" {
		t.Errorf("the marker reads %q, labelled %q", htmltest.Text(ref), htmltest.AttrOf(ref, "aria-label"))
	}
	back := d.One(t, htmltest.Tag("a", "role", "doc-backlink"), "back-link")
	if !strings.HasPrefix(htmltest.Text(back), "↩") || htmltest.AttrOf(back, "aria-label") != "Back to the text of footnote 1" {
		t.Errorf("the back-link reads %q, labelled %q", htmltest.Text(back), htmltest.AttrOf(back, "aria-label"))
	}
	if strings.Contains(out, "٢") {
		t.Errorf("a left-to-right page got Arabic-Indic digits:\n%s", out)
	}
	checkAnchors(t, d)
}

func TestFootnoteThatIsOnlyAnAddressIsANote(t *testing.T) {
	for _, note := range []string{"https://example.org/rules", "<https://example.org/rules>", "office@example.org"} {
		d, res, _ := convert(t, "القواعد[^1] هنا.\n\n[^1]: "+note+"\n", Doc{RTL: true, Digits: "arab"})
		ref := d.One(t, htmltest.Tag("a", "role", "doc-noteref"), "marker")
		if htmltest.AttrOf(ref, "href") != "#fn-1" {
			t.Errorf("%s: the marker links to %q", note, htmltest.AttrOf(ref, "href"))
		}
		note := d.One(t, htmltest.Tag("li", "id", "fn-1"), "note")
		if len(htmltest.All(note, htmltest.Tag("a", "dir", "ltr"))) != 1 {
			t.Errorf("%s: the note's address is not a link of its own", htmltest.Text(note))
		}
		checkAnchors(t, d)
		if len(res.Problems) > 0 {
			t.Errorf("problems: %v", res.Problems)
		}
	}
}

func TestFootnoteIDsAreUniqueInThePage(t *testing.T) {
	src := "## fn-1\n\n## fnref 1\n\nنص[^1] ونص[^2].\n\n## fn 2 {#fn-2}\n\n[^1]: أولى.\n[^2]: ثانية.\n"
	d, _, _ := convert(t, src, Doc{RTL: true})
	checkAnchors(t, d)
}

func TestFootnoteIDPrefixKeepsDocumentsApart(t *testing.T) {
	src := "نص[^1].\n\n[^1]: حاشية.\n"
	a, _, outA := convert(t, src, Doc{RTL: true, IDPrefix: "a-"})
	b, _, outB := convert(t, src, Doc{RTL: true, IDPrefix: "b-"})
	checkAnchors(t, a)
	checkAnchors(t, b)
	both := htmltest.Parse(t, []byte(outA+outB))
	checkAnchors(t, both)
}

func TestLinksInFootnotesAreCheckedLikeOthers(t *testing.T) {
	src := "نص[^1].\n\n[^1]: انظر [الرؤية](vision.md) و[صفحة مفقودة](missing.md) و[خطر](javascript:alert(1)) و<https://example.org/x>.\n"
	doc := Doc{RTL: true, Path: "content/x.ar.md", Line: 5, Resolve: func(ref string) (string, error) {
		if ref == "vision.md" {
			return "/ar/vision/", nil
		}
		return "", errMissing
	}}
	d, res, out := convert(t, src, doc)
	if d.First(htmltest.Tag("a", "href", "/ar/vision/")) == nil {
		t.Errorf("the link to vision.md in a note is not resolved:\n%s", out)
	}
	if strings.Contains(out, "javascript") {
		t.Errorf("an unsafe link in a note is kept:\n%s", out)
	}
	var probs []string
	for _, p := range res.Problems {
		probs = append(probs, p.Error())
	}
	joined := strings.Join(probs, "\n")
	if !strings.Contains(joined, "content/x.ar.md:7:") || !strings.Contains(joined, "does not exist") || !strings.Contains(joined, "javascript") {
		t.Errorf("problems:\n%s", joined)
	}
	external := false
	for _, l := range res.Links {
		external = external || (l.External && l.URL == "https://example.org/x")
	}
	if !external {
		t.Errorf("the address in the note is not listed for --external: %+v", res.Links)
	}
}

func TestAMarkerWithoutANoteIsReported(t *testing.T) {
	_, res, _ := convert(t, "نص[^1] ونص[^2] و`[^3]`.\n\n[^1]: الأولى.\n", Doc{RTL: true, Path: "content/x.ar.md", Line: 1})
	var probs []string
	for _, p := range res.Problems {
		probs = append(probs, p.Error())
	}
	joined := strings.Join(probs, "\n")
	if !strings.Contains(joined, "[^2]") || strings.Contains(joined, "[^1] has") {
		t.Errorf("problems:\n%s", joined)
	}
}

func TestSummaryAndTextLeaveFootnoteMarkersOut(t *testing.T) {
	src := "حاشية[^1] في النص الأول.\n\nالفقرة الثانية.\n\n[^1]: نص الحاشية.\n"
	if got, want := New().Summary([]byte(src), 240, Doc{RTL: true}), "حاشية في النص الأول."; got != want {
		t.Errorf("Summary = %q, want %q", got, want)
	}
	text := New().Text([]byte(src), 600, Doc{RTL: true, BasePath: "/"})
	if strings.Contains(text, "[^") || strings.Contains(text, "↪") || !strings.Contains(text, "نص الحاشية") {
		t.Errorf("Text = %q", text)
	}
}

var errMissing = errorString("the link points to a page that does not exist")

type errorString string

func (e errorString) Error() string { return string(e) }
