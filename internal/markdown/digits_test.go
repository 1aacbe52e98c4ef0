package markdown

import (
	"strings"
	"testing"

	"github.com/alaqsa-ira/site/internal/htmltest"
)

// TestProseNumbersFollowThePageDigits checks that an Arabic page with
// Arabic-Indic digits shows the numbers of its prose in them, and leaves
// code, addresses, identifiers and phone numbers as they were typed.
func TestProseNumbersFollowThePageDigits(t *testing.T) {
	src := "## ربيع 2027\n\n" +
		"يبدأ ربيع 2027 في 1 آذار، بنسبة 50% و3.5 نقطة\nوفي السطر الثاني 12.\n\n" +
		"- البند 7\n\n" +
		"| العام | العدد |\n|---|---|\n| 2026 | 1,000 |\n\n" +
		"اقرأ [دليل 2027](/ar/guide-2027/) و[https://example.org/2027](https://example.org/2027).\n\n" +
		"برنامج KA171 والرمز X-2027 وErasmus+ 2027 و`code 2027` و<https://example.org/y2027> وapply2027@example.org و+970 8 264 1881 و08-2641881 و&#169; 2027.\n\n" +
		"```\nrun 2027\n```\n\n![صورة 2027](/img-2027.png)\n"
	d, _, out := convert(t, src, Doc{RTL: true, Digits: "arab", LatinLang: "en"})
	for _, want := range []string{
		"ربيع ٢٠٢٧", "يبدأ ربيع ٢٠٢٧ في ١ آذار، بنسبة ٥٠٪ و٣٫٥ نقطة", "وفي السطر الثاني ١٢.", "البند ٧", "٢٠٢٦", "١٬٠٠٠", "دليل ٢٠٢٧",
	} {
		if !strings.Contains(htmltest.Text(d.Root), want) {
			t.Errorf("the page lacks %q:\n%s", want, out)
		}
	}
	for _, kept := range []string{
		`href="/ar/guide-2027/"`, `>https://example.org/2027</span></a>`, "KA171", "X-2027", "Erasmus+ 2027", ">code 2027</code>", "https://example.org/y2027",
		"apply2027@example.org", "+970 8 264 1881", "08-2641881", "© ٢٠٢٧", "run 2027", `src="/img-2027.png"`, `id="ربيع-2027"`,
	} {
		if !strings.Contains(out, kept) {
			t.Errorf("the page lacks %q as typed:\n%s", kept, out)
		}
	}
	if !strings.Contains(out, "نقطة\nوفي") {
		t.Errorf("the line break after a converted paragraph line is lost:\n%s", out)
	}
	if strings.Contains(out, "&amp;#") {
		t.Errorf("an entity was broken:\n%s", out)
	}
	for _, doc := range []Doc{{RTL: true, Digits: "latn"}, {RTL: true}, {Digits: "arab", RTLLang: "ar"}} {
		_, _, out := convert(t, src, doc)
		if strings.ContainsAny(out, "٠١٢٣٤٥٦٧٨٩") {
			t.Errorf("with %+v the page has Arabic-Indic digits:\n%s", doc, out)
		}
	}
}

func TestANumberEndingALineKeepsTheLineBreak(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		{"العام 2027\nالتالي", "<p>العام ٢٠٢٧\nالتالي</p>\n"},
		{"العام 2027  \nالتالي", "<p>العام ٢٠٢٧<br>\nالتالي</p>\n"},
		{"2027\n2028", "<p>٢٠٢٧\n٢٠٢٨</p>\n"},
	} {
		if _, _, out := convert(t, c.src, Doc{RTL: true, Digits: "arab"}); out != c.want {
			t.Errorf("%q gives %q, want %q", c.src, out, c.want)
		}
	}
}
