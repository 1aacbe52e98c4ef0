package isolate

import "testing"

// TestMarksBeforeALatinRunBelongToIt checks that a run takes the marks
// that start a name or an address (.ics, .NET, #tag, @name), so that
// "(.ics)" does not read "(ics.)" in Arabic text, and leaves sentence
// punctuation alone.
func TestMarksBeforeALatinRunBelongToIt(t *testing.T) {
	cases := map[string]string{
		"أضف إلى تقويمي (.ics)":         `أضف إلى تقويمي <span dir="ltr" lang="en">(.ics)</span>`,
		"ملف .pdf فقط":                  `ملف <span dir="ltr" lang="en">.pdf</span> فقط`,
		"إطار .NET الجديد":              `إطار <span dir="ltr" lang="en">.NET</span> الجديد`,
		"الوسم #Erasmus اليوم":          `الوسم <span dir="ltr" lang="en">#Erasmus</span> اليوم`,
		"الحساب @alaqsa_ira على المنصة": `الحساب <span dir="ltr" lang="en">@alaqsa_ira</span> على المنصة`,
		"لغة C++ و C# معاً":             `لغة <span dir="ltr" lang="en">C++</span> و <span dir="ltr" lang="en">C#</span> معاً`,
		"الملف ~/site/README.md هنا":    `الملف <span dir="ltr" lang="en">~/site/README.md</span> هنا`,
		"انتهى.Erasmus بعدها":           `انتهى.<span dir="ltr" lang="en">Erasmus</span> بعدها`,
		"12.ics هنا":                    `12.<span dir="ltr" lang="en">ics</span> هنا`,
	}
	for in, want := range cases {
		if got := HTML(in, "en"); got != want {
			t.Errorf("HTML(%q)\n got %s\nwant %s", in, got, want)
		}
	}
}
