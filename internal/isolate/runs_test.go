package isolate

import (
	"fmt"
	"html"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/alaqsa-ira/site/internal/hangtest"
	"golang.org/x/text/unicode/bidi"
)

// numberLike are characters that look like digits or that the bidi
// algorithm treats as numbers without being 0-9 or Arabic-Indic digits:
// superscripts and subscripts, fractions, the Arabic separators, Extended
// Arabic-Indic, Devanagari and full-width digits, Roman numerals, circled,
// mathematical and "digit full stop" numbers, the Arabic number sign.
var numberLike = []string{
	"²", "³", "¹", "⁰", "⁹", "₂", "½", "٫", "٬", "۴", "۰", "४", "４", "ⅷ", "Ⅻ", "①", "𝟙", "⒈", "🄁", "\u0600", "\u06dd", "٠", "٩", "0", "9",
}

var leading = []string{"", "+", "++", "-", "(", "٠", "+ ", "#", "%"}

func TestRunsFinishOnEveryNumberLikeCharacter(t *testing.T) {
	for _, c := range numberLike {
		for _, lead := range leading {
			x := lead + c
			for _, s := range []string{
				x, "مرحبا " + x + " عالم", "مرحبا " + x, x + " مرحبا", strings.Repeat(x, 100),
				"هاتف " + strings.Repeat(x+" ", 30), "Hello " + x + " world", "Erasmus" + x, "منحة Erasmus" + x + " الآن",
				x + x + "٫" + x + "." + x + "-" + x, "(" + x + ")", "\xff" + x + "\xfe",
			} {
				checkAll(t, s)
			}
		}
	}
}

func TestNumbersInOtherDigitsAreIsolatedLikeLatinOnes(t *testing.T) {
	cases := map[string]string{
		"الهاتف +²":              `الهاتف <span dir="ltr">+²</span>`,
		"هاتف: +۹۸ ۲۱ ۱۲۳۴.":     `هاتف: <span dir="ltr">+۹۸ ۲۱ ۱۲۳۴</span>.`,
		"هاتف: +٩٧٠ ٨ ١٢٣ ٤٥٦٧.": `هاتف: <span dir="ltr">+٩٧٠ ٨ ١٢٣ ٤٥٦٧</span>.`,
		"هاتف: +９７０ ８ １２３.":      `هاتف: <span dir="ltr">+９７０ ８ １２３</span>.`,
		"عام ١٤٤٧ و ۱۴۴۷ و ²":    "عام ١٤٤٧ و ۱۴۴۷ و ²",
		"مساحة ١٢٫٥ كم":          "مساحة ١٢٫٥ كم",
		"النتيجة +½ فقط":         "النتيجة +½ فقط",
		"الرقم +① فقط":           "الرقم +① فقط",
		"अंक +४ و":               `<span dir="ltr" lang="en">अंक +४</span> و`,
		"هاتف +²+²+²":            `هاتف <span dir="ltr">+²</span><span dir="ltr">+²</span><span dir="ltr">+²</span>`,
		"صفحة +":                 "صفحة +",
		"رقم (+٩٧٠ ٨) فقط":       `رقم (<span dir="ltr">+٩٧٠ ٨</span>) فقط`,
	}
	for in, want := range cases {
		var got string
		hangtest.Run(t, "HTML of "+in, func() { got = HTML(in, "en") })
		if got != want {
			t.Errorf("HTML(%q)\n got %s\nwant %s", in, got, want)
		}
	}
}

var tagRE = regexp.MustCompile(`<[^>]*>`)

// checkAll runs Runs, RTLRuns, HTML and HTMLInLTR on s, failing the test
// binary if they do not finish, and checks the properties every text must
// keep through them.
func checkAll(t *testing.T, s string) {
	t.Helper()
	var ltr, rtl []Run
	var h1, h2 string
	hangtest.Run(t, fmt.Sprintf("isolating %.80q", s), func() {
		ltr, rtl, h1, h2 = Runs(s), RTLRuns(s), HTML(s, "en"), HTMLInLTR(s, "ar")
	})
	checkRuns(t, s, ltr, true)
	checkRuns(t, s, rtl, false)
	for _, out := range []string{h1, h2} {
		if !utf8.ValidString(s) {
			continue
		}
		if !utf8.ValidString(out) {
			t.Fatalf("the HTML of %q is not UTF-8: %q", s, out)
		}
		if back := html.UnescapeString(tagRE.ReplaceAllString(out, "")); back != s {
			t.Fatalf("text was lost or changed:\n in %q\nout %q\nback %q", s, out, back)
		}
		if max := 6*len(s) + len(s)*len(`<span dir="ltr" lang="en"></span>`); len(out) > max {
			t.Fatalf("the HTML of %d bytes is %d bytes long", len(s), len(out))
		}
		if strings.Count(out, "<span") != strings.Count(out, "</span>") {
			t.Fatalf("unbalanced spans in %q", out)
		}
	}
}

// checkRuns checks that runs are ordered, apart, inside s, on character
// boundaries, and hold what their kind says.
func checkRuns(t *testing.T, s string, runs []Run, ltr bool) {
	t.Helper()
	if len(runs) > len(s) {
		t.Fatalf("%d runs in %d bytes", len(runs), len(s))
	}
	prev := 0
	for _, r := range runs {
		if r.Start < prev || r.End <= r.Start || r.End > len(s) {
			t.Fatalf("run %+v out of order or bounds (previous end %d) in %q (%v)", r, prev, s, runs)
		}
		prev = r.End
		if !utf8.ValidString(s) {
			continue
		}
		if !utf8.RuneStart(s[r.Start]) || (r.End < len(s) && !utf8.RuneStart(s[r.End])) {
			t.Fatalf("run %+v cuts a character of %q", r, s)
		}
		text := s[r.Start:r.End]
		classes := map[bidi.Class]bool{}
		for _, c := range text {
			classes[class(c)] = true
		}
		switch {
		case !ltr:
			if !classes[bidi.R] && !classes[bidi.AL] {
				t.Fatalf("right-to-left run %q of %q has no right-to-left letter", text, s)
			}
		case r.Latin:
			if !classes[bidi.L] {
				t.Fatalf("letter run %q of %q has no left-to-right letter", text, s)
			}
		default:
			if !classes[bidi.EN] && !classes[bidi.AN] {
				t.Fatalf("number run %q of %q has no digit", text, s)
			}
			if classes[bidi.L] || classes[bidi.R] || classes[bidi.AL] {
				t.Fatalf("number run %q of %q has letters", text, s)
			}
		}
	}
}

// FuzzIsolate checks Runs, RTLRuns, HTML and HTMLInLTR on any text: they
// finish, keep every character, wrap only whole characters and grow the
// text by a bounded amount.
func FuzzIsolate(f *testing.F) {
	for _, s := range []string{
		"برنامج Erasmus+، ربيع", "هاتف: +970 8 123 4567.", "منحة (KA171) جديدة", "اكتب إلى ira@example.org اليوم",
		"The office (شؤون العلاقات الدولية) of جامعة الأقصى.", "+²", "مرحبا +² عالم", "+۴", "+٫", "+４", "+\u0600",
		"هاتف: +۹۸ ۲۱ ۱۲۳۴.", "+٩٧٠ ٨ ١٢٣", "1-2.3 4", "((a)) b)", "\xff+²\xfe",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkAll(t, s)
	})
}
