package markdown

import (
	"bytes"
	"strings"
	"testing"
)

// TestSummaryIsTheFirstParagraphWhateverItStartsWith checks that a first
// paragraph is the summary whatever inline markup it starts with, and that
// only lists, headings, images alone, tables, code, quotes and HTML blocks
// are passed over.
func TestSummaryIsTheFirstParagraphWhateverItStartsWith(t *testing.T) {
	second := "\n\nالفقرة الثانية."
	for _, c := range []struct{ name, src, want string }{
		{"strong", "**آخر موعد للتقديم** هو نهاية الشهر.", "آخر موعد للتقديم هو نهاية الشهر."},
		{"em", "*آخر موعد* هو نهاية الشهر.", "آخر موعد هو نهاية الشهر."},
		{"underscore em", "_آخر موعد_ هو نهاية الشهر.", "آخر موعد هو نهاية الشهر."},
		{"underscore strong", "__آخر موعد__ هو نهاية الشهر.", "آخر موعد هو نهاية الشهر."},
		{"strikethrough", "~~ملغى~~ الموعد الجديد نهاية الشهر.", "ملغى الموعد الجديد نهاية الشهر."},
		{"code span", "`site build` يبني الموقع.", "site build يبني الموقع."},
		{"link", "[النموذج](https://example.org/f) متاح الآن.", "النموذج متاح الآن."},
		{"autolink", "<https://example.org/forms> فيه النماذج.", "https://example.org/forms فيه النماذج."},
		{"bare URL", "https://example.org/forms فيه النماذج.", "https://example.org/forms فيه النماذج."},
		{"e-mail", "apply@example.org هو عنوان التقديم.", "apply@example.org هو عنوان التقديم."},
		{"inline HTML", "<abbr title=\"International Relations\">IRA</abbr> مكتب العلاقات.", "IRA مكتب العلاقات."},
		{"image then text", "![شعار](/logo.png) مكتب العلاقات الدولية.", "مكتب العلاقات الدولية."},
		{"hard break", "السطر الأول\\\nالسطر الثاني.", "السطر الأول السطر الثاني."},
		{"hard break by spaces", "السطر الأول  \nالسطر الثاني.", "السطر الأول السطر الثاني."},
		{"entity", "&laquo;إيراسموس&raquo; &amp; الشركاء &#169;.", "«إيراسموس» & الشركاء ©."},
		{"escaped", "\\*ليست\\* قائمة.", "*ليست* قائمة."},
		{"footnote reference", "[^1] حاشية في البداية ثم نص.\n\n[^1]: نص الحاشية.", "حاشية في البداية ثم نص."},
		{"footnote reference inside", "حاشية[^note] في النص.\n\n[^note]: https://example.org", "حاشية في النص."},
		{"digit", "2027 عام التبادل.", "2027 عام التبادل."},
		{"plus", "+970 8 264 1881 هاتف المكتب.", "+970 8 264 1881 هاتف المكتب."},
		{"reference link", "[النموذج][f] متاح.\n\n[f]: https://example.org/f", "النموذج متاح."},
		{"html comment first", "<!-- ملاحظة للمحرر -->\n\nالنص الأول.", "النص الأول."},
		{"html comment on the line before", "<!-- ملاحظة -->\nالنص الأول.", "النص الأول."},
		{"heading first", "## عنوان\n\nالنص الأول.", "النص الأول."},
		{"setext heading first", "عنوان\n=====\n\nالنص الأول.", "النص الأول."},
		{"list first", "- بند\n- بند آخر\n\nالنص الأول.", "النص الأول."},
		{"star list first", "* بند\n\nالنص الأول.", "النص الأول."},
		{"plus list first", "+ بند\n\nالنص الأول.", "النص الأول."},
		{"ordered list first", "1. بند\n2. بند\n\nالنص الأول.", "النص الأول."},
		{"quote first", "> اقتباس\n\nالنص الأول.", "النص الأول."},
		{"table first", "| أ | ب |\n|---|---|\n| 1 | 2 |\n\nالنص الأول.", "النص الأول."},
		{"fence first", "```\ncode\n\nmore\n```\n\nالنص الأول.", "النص الأول."},
		{"tilde fence first", "~~~\ncode\n~~~\n\nالنص الأول.", "النص الأول."},
		{"indented code first", "    code\n\nالنص الأول.", "النص الأول."},
		{"image alone first", "![صورة](/a.png)\n\nالنص الأول.", "النص الأول."},
		{"linked image alone first", "[![صورة](/a.png)](https://example.org)\n\nالنص الأول.", "النص الأول."},
		{"thematic break first", "---\n\nالنص الأول.", "النص الأول."},
		{"html block first", "<div>\nشيء\n</div>\n\nالنص الأول.", "النص الأول."},
		{"paragraph in a list is not first", "- بند\n\n  فقرة في البند\n\nالنص الأول.", "النص الأول."},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := New().Summary([]byte(c.src+second), 240, Doc{}); got != c.want {
				t.Errorf("Summary(%q) = %q, want %q", c.src, got, c.want)
			}
		})
	}
}

func TestSummaryFindsAFirstParagraphFarDown(t *testing.T) {
	long := "```\n" + strings.Repeat("line\n\n", 500) + "```\n\n" + strings.Repeat("- item\n\n", 300) + "الفقرة الأولى بعد كل ذلك.\n\nالثانية."
	if got, want := New().Summary([]byte(long), 240, Doc{}), "الفقرة الأولى بعد كل ذلك."; got != want {
		t.Errorf("Summary = %q, want %q", got, want)
	}
	if got := New().Summary([]byte("## عنوان فقط\n\n- قائمة"), 240, Doc{}); got != "" {
		t.Errorf("Summary of a page without a paragraph = %q, want nothing", got)
	}
}

func TestSummaryWritesProseNumbersInThePageDigits(t *testing.T) {
	src := "**ربيع 2027**: التقديم حتى 15 آذار عبر `form-2027` أو <https://example.org/2027> لبرنامج KA171 بنسبة 50%."
	arab := Doc{RTL: true, Digits: "arab"}
	want := "ربيع ٢٠٢٧: التقديم حتى ١٥ آذار عبر form-2027 أو https://example.org/2027 لبرنامج KA171 بنسبة ٥٠٪."
	if got := New().Summary([]byte(src), 240, arab); got != want {
		t.Errorf("Summary = %q, want %q", got, want)
	}
	if got := New().Summary([]byte(src), 240, Doc{RTL: true, Digits: "latn"}); strings.Contains(got, "٢") {
		t.Errorf("with latn digits the summary is %q", got)
	}
}

// TestTextHoldsEveryVisibleWord checks the text the search index holds of
// a page: links' text, autolinks, e-mail addresses, code, table cells,
// footnotes and images' descriptions, but not raw HTML or footnote markers.
func TestTextHoldsEveryVisibleWord(t *testing.T) {
	src := "Send the form to apply@example.org or download it from https://example.org/forms today.\n\n" +
		"Write to <office@example.org> or see <https://example.org/about>, [the rules](https://example.org/rules) and `site build`.\n\n" +
		"| Office | Phone |\n|---|---|\n| IRA | +970 8 264 1881 |\n\n" +
		"A note[^1] and **Erasmus**+ and C++.\n\n![A map of the campus](/map.png)\n\n<div>hidden</div>\n\n" +
		"```\ngo run ./cmd/site\n```\n\n[^1]: The footnote's own text.\n"
	text := New().Text([]byte(src), 2000, Doc{BasePath: "/"})
	for _, want := range []string{
		"Send the form to apply@example.org or download it from https://example.org/forms today.",
		"office@example.org", "https://example.org/about", "the rules", "site build",
		"IRA", "+970 8 264 1881", "Erasmus+", "C++", "A map of the campus", "go run ./cmd/site", "The footnote's own text.",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the text lacks %q:\n%s", want, text)
		}
	}
	for _, bad := range []string{"[^1]", "hidden", "↩", "↪", "note1"} {
		if strings.Contains(text, bad) {
			t.Errorf("the text has %q:\n%s", bad, text)
		}
	}
}

func TestTextMatchesTheRenderedPage(t *testing.T) {
	src := []byte("أرسل النموذج إلى apply@example.org قبل 15 آذار 2027، أو نزّله من https://example.org/forms.\n")
	doc := Doc{RTL: true, Digits: "arab", LatinLang: "en", BasePath: "/", TextLimit: 600}
	var out bytes.Buffer
	res := New().Convert(&out, src, doc)
	want := "أرسل النموذج إلى apply@example.org قبل ١٥ آذار ٢٠٢٧، أو نزّله من https://example.org/forms."
	if res.Text != want {
		t.Errorf("Convert's text = %q, want %q", res.Text, want)
	}
	if got := New().Text(src, 600, doc); got != want {
		t.Errorf("Text = %q, want %q", got, want)
	}
}

// FuzzSummary parses the start of arbitrary Markdown: it must end, and
// give no more than it was asked for.
func FuzzSummary(f *testing.F) {
	for _, s := range []string{
		"**آخر موعد** هو نهاية الشهر.\n\nالثانية.",
		"```\na\n\nb\n```\n\n[^1] نص[^x].\n\n[^1]: https://example.org\n[x]: y",
		"<!-- c -->\n\n![i](a.png)\n\n- a\n\n  b\n\n> q\n\n2027 و 3.5 و 50%",
	} {
		f.Add([]byte(s), true)
	}
	c := New()
	f.Fuzz(func(t *testing.T, src []byte, arab bool) {
		doc := Doc{RTL: true}
		if arab {
			doc.Digits = "arab"
		}
		if got := c.Summary(src, 50, doc); len([]rune(got)) > 51 {
			t.Fatalf("Summary(%q) is %d characters long", src, len([]rune(got)))
		}
	})
}

func TestUpToBlankLineCutsAfterABlankLine(t *testing.T) {
	src := []byte("aaaa\nbbbb\n\ncccc\n  \ndddd")
	for _, c := range []struct {
		size  int
		want  string
		whole bool
	}{
		{0, "aaaa\nbbbb\n\n", false},
		{6, "aaaa\nbbbb\n\n", false},
		{11, "aaaa\nbbbb\n\ncccc\n  \n", false},
		{100, string(src), true},
	} {
		got, whole := upToBlankLine(src, c.size)
		if string(got) != c.want || whole != c.whole {
			t.Errorf("upToBlankLine(%d) = %q, %v; want %q, %v", c.size, got, whole, c.want, c.whole)
		}
	}
}
