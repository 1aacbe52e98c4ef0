package markdown

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/alaqsa-ira/site/internal/hangtest"
)

const (
	englishQuotes = "“”‘’"
	arabicQuotes  = "«»‹›"
)

func TestStraightQuotesBecomeTheLanguagesMarks(t *testing.T) {
	c := New()
	for _, tc := range []struct {
		name, src string
		rtl       bool
		want      string
	}{
		{"double", `She said "hello" to us.`, false, "<p>She said “hello” to us.</p>\n"},
		{"apostrophes", "The university's students' master's degrees don't wait.", false, "<p>The university’s students’ master’s degrees don’t wait.</p>\n"},
		{"single", "The word 'visit' and 'the '90s'.", false, "<p>The word ‘visit’ and ‘the ’90s’.</p>\n"},
		{"at the start and end", `"Higher Education in Times of Crisis"`, false, "<p>“Higher Education in Times of Crisis”</p>\n"},
		{"before punctuation", `the conference "Crisis", in March; "Study".`, false, "<p>the conference “Crisis”, in March; “Study”.</p>\n"},
		{"around emphasis and links", `a **"bold"** and ["linked"](/x) word`, false, "<p>a <strong>“bold”</strong> and <a href=\"/x\">“linked”</a> word</p>\n"},
		{"in brackets", `(see "Eligibility")`, false, "<p>(see “Eligibility”)</p>\n"},
		{"over a line break", "a \"quote that\nruns on\" here", false, "<p>a “quote that\nruns on” here</p>\n"},
		{"Arabic", `مؤتمر "التعليم العالي في أوقات الأزمات" الإقليمي`, true, "<p>مؤتمر «التعليم العالي في أوقات الأزمات» الإقليمي</p>\n"},
		{"Arabic around a Latin name", `بعنوان "Erasmus+ staff 2027".`, true, "<p>بعنوان «<span dir=\"ltr\" lang=\"en\">Erasmus+ staff 2027</span>».</p>\n"},
		{"an apostrophe stays in its Latin run", "في كلية King's College في لندن", true, "<p>في كلية <span dir=\"ltr\" lang=\"en\">King’s College</span> في لندن</p>\n"},
		{"code is left", "Write `\"x\"` or\n\n```\nsay \"hi\"\n```", false, "<p>Write <code dir=\"ltr\">&quot;x&quot;</code> or</p>\n<pre dir=\"ltr\"><code>say &quot;hi&quot;\n</code></pre>\n"},
		{"escaped quotes are left", `a \"straight\" quote`, false, "<p>a &quot;straight&quot; quote</p>\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := Doc{RTL: tc.rtl, LatinLang: "en", RTLLang: "ar", Quotes: englishQuotes}
			if tc.rtl {
				doc.Quotes = arabicQuotes
			}
			var out bytes.Buffer
			c.Convert(&out, []byte(tc.src), doc)
			if out.String() != tc.want {
				t.Errorf("got  %q\nwant %q", out.String(), tc.want)
			}
			// Without marks for the language, the quotes stay straight.
			out.Reset()
			doc.Quotes = ""
			c.Convert(&out, []byte(tc.src), doc)
			if strings.ContainsAny(out.String(), "“”‘’«»") {
				t.Errorf("without Quotes: %q", out.String())
			}
		})
	}
}

func TestPlainTextHasTheLanguagesQuotes(t *testing.T) {
	c := New()
	src := []byte("The \"first\" paragraph's text.\n\n![An \"example\" photo](a.png)\n")
	doc := Doc{Quotes: englishQuotes}
	if got, want := c.Summary(src, 100, doc), "The “first” paragraph’s text."; got != want {
		t.Errorf("Summary = %q, want %q", got, want)
	}
	if got, want := c.Text(src, 100, doc), "The “first” paragraph’s text. An “example” photo"; got != want {
		t.Errorf("Text = %q, want %q", got, want)
	}
}

func TestPhotoAltAndCaptionHaveTheLanguagesQuotes(t *testing.T) {
	doc := Doc{Quotes: englishQuotes, Photo: func(dest string) (Photo, bool, error) { return fakePhoto("g"), true, nil }}
	var out bytes.Buffer
	New().Convert(&out, []byte(`![The "summer" school's group](group.jpg 'An "example" photo')`), doc)
	for _, want := range []string{`data-alt="The “summer” school’s group"`, "<figcaption dir=\"ltr\">An “example” photo</figcaption>"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("no %s in %s", want, out.String())
		}
	}
}

// FuzzTypography converts arbitrary Markdown with and without the
// language's marks: the two differ only in quotation marks, and the marks
// put in are only where a straight quote was.
func FuzzTypography(f *testing.F) {
	for _, s := range []string{
		`She said "hello", the university's 'word' in the '90s.`,
		"مؤتمر \"التعليم\" في كلية King's College `\"x\"` \\\"y\\\"",
		"**\"a\"** [\"b\"](x) ![\"c\" d's](e.png \"f \"g\"\")\n\n> \"q\n\"r\"",
		"'\"'\"\n\n'' \"\" ' \" a'b\"c",
	} {
		f.Add(s, false)
		f.Add(s, true)
	}
	c := New()
	f.Fuzz(func(t *testing.T, src string, rtl bool) {
		quotes := englishQuotes
		if rtl {
			quotes = arabicQuotes
		}
		var with, without bytes.Buffer
		hangtest.Run(t, fmt.Sprintf("converting %.60q", src), func() {
			doc := Doc{RTL: rtl, LatinLang: "en", RTLLang: "ar", Quotes: quotes}
			c.Convert(&with, []byte(src), doc)
			doc.Quotes = ""
			c.Convert(&without, []byte(src), doc)
		})
		if !utf8.ValidString(src) {
			return
		}
		// Every quotation mark, straight or not, as one character.
		same := strings.NewReplacer("&quot;", "'", `"`, "'", "&#39;", "'", "“", "'", "”", "'", "‘", "'", "’", "'", "«", "'", "»", "'", "‹", "'", "›", "'")
		if a, b := same.Replace(with.String()), same.Replace(without.String()); a != b {
			t.Fatalf("with marks and without, %q gives more than other marks:\n%s\n%s", src, with.String(), without.String())
		}
		if got, want := marksIn(with.String()), marksIn(src)+straightIn(without.String()); got > want {
			t.Fatalf("%q: %d marks in the output, but the source has %d and %d straight quotes:\n%s", src, got, marksIn(src), straightIn(without.String()), with.String())
		}
		if s := typographicString(src, quotes); same.Replace(s) != same.Replace(src) {
			t.Fatalf("typographicString(%q) = %q changes more than quotation marks", src, s)
		}
	})
}

func marksIn(s string) int {
	n := 0
	for _, r := range s {
		if strings.ContainsRune("“”‘’«»‹›", r) {
			n++
		}
	}
	return n
}

func straightIn(s string) int {
	return strings.Count(s, "&quot;") + strings.Count(s, "&#39;") + strings.Count(s, `"`) + strings.Count(s, "'")
}
