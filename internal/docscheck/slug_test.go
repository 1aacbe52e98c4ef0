package docscheck

import (
	"strings"
	"testing"
	"unicode"
)

// TestHeadingIDIsGitHubs checks anchors against those GitHub gives the same
// headings (as github-slugger's fixtures, taken from GitHub, record them):
// lower case, spaces made hyphens, punctuation and symbols left out,
// letters, marks and digits of any script kept.
func TestHeadingIDIsGitHubs(t *testing.T) {
	for text, want := range map[string]string{
		"The two commands":                    "the-two-commands",
		"site serve":                          "site-serve",
		"data/site.yaml":                      "datasiteyaml",
		"Photo processing (internal/imaging)": "photo-processing-internalimaging",
		"heading with a - dash":               "heading-with-a---dash",
		"heading with an _ underscore":        "heading-with-an-_-underscore",
		"apostrophe’s should be trimmed":      "apostrophes-should-be-trimmed",
		"I ♥ unicode":                         "i--unicode",
		"en–dash":                             "endash",
		"😄 - an emoji":                        "---an-emoji",
		"Привет non-latin 你好":                 "привет-non-latin-你好",
		"Ⅻ, ⓐ and ½":                          "ⅻ-ⓐ-and-",
		" a ":                                 "-a-",
		"المحرر على الويب (/admin/)":          "المحرر-على-الويب-admin",
		"ماذا تعني رسائل الأخطاء؟":            "ماذا-تعني-رسائل-الأخطاء",
		"الصور، والملفات، وحزم الصفحات":        "الصور-والملفات-وحزم-الصفحات",
		"حُدِّثت الصفحة":                       "حُدِّثت-الصفحة",
		"تـــطويل وأرقام ٢٠٢٧":                 "تـــطويل-وأرقام-٢٠٢٧",
		"\u200fعلامة اتجاه\u200f «مقتبسة»":     "علامة-اتجاه-مقتبسة",
		"مسودة ← قيد المراجعة ← جاهز":          "مسودة--قيد-المراجعة--جاهز",
		"Numbers in Arabic pages (٠١٢٣, 0123)": "numbers-in-arabic-pages-٠١٢٣-0123",
	} {
		if got := HeadingID(text); got != want {
			t.Errorf("HeadingID(%q) = %q, want %q", text, got, want)
		}
	}
}

// TestRepeatedHeadingsAreNumberedAsGitHubDoes: a heading whose anchor is
// taken gets the first free -1, -2..., counting per anchor, even when an
// earlier heading's own text ends in -1.
func TestRepeatedHeadingsAreNumberedAsGitHubDoes(t *testing.T) {
	var s ids
	for _, c := range [][2]string{
		{"echo", "echo"}, {"echo", "echo-1"}, {"echo 1", "echo-1-1"}, {"echo-1", "echo-1-2"}, {"echo", "echo-2"},
		{"foxtrot-1", "foxtrot-1"}, {"foxtrot", "foxtrot"}, {"foxtrot", "foxtrot-2"},
		{"مثال", "مثال"}, {"مثال", "مثال-1"},
	} {
		if got := s.next(c[0]); got != c[1] {
			t.Errorf("heading %q: anchor %q, want %q", c[0], got, c[1])
		}
	}
}

// FuzzHeadingID: an anchor has no space and no upper-case letter, keeps
// only what anchors keep, and is its own anchor.
func FuzzHeadingID(f *testing.F) {
	for _, s := range []string{"The two commands", "المحرر على الويب (`/admin/`)", "Ⅻ ǅ İ", "a\u200fb\u200dc", "ـ٠"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		id := HeadingID(text)
		if strings.ContainsAny(id, " \t\n") {
			t.Fatalf("HeadingID(%q) = %q has a space", text, id)
		}
		for _, r := range id {
			if r != '-' && !keptInID(r) {
				t.Fatalf("HeadingID(%q) = %q keeps %q", text, id, r)
			}
			if unicode.IsUpper(r) && unicode.ToLower(r) != r && strings.ToLower(string(r)) != string(r) {
				t.Fatalf("HeadingID(%q) = %q has the upper-case %q", text, id, r)
			}
		}
		if again := HeadingID(id); again != id {
			t.Fatalf("HeadingID(%q) = %q, but HeadingID of that is %q", text, id, again)
		}
	})
}
