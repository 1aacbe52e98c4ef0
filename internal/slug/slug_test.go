package slug

import (
	"strings"
	"testing"
)

func TestMake(t *testing.T) {
	cases := map[string]string{
		"Erasmus+ Call 2026":            "erasmus-call-2026",
		"منحة دراسيّة ٢٠٢٦":             "منحة-دراسية-2026",
		"تـــطوير":                      "تطوير",
		"  ../../etc/passwd ":           "etc-passwd",
		"...":                           "",
		"a\u202eb":                      "ab",
		"Café crème":                    "café-crème",
		"e\u0301":                       "é",
		"v1.2 notes":                    "v1.2-notes",
		"a..b":                          "a.b",
		strings.Repeat("ب", 200) + " x": strings.Repeat("ب", MaxSlugBytes/2),
	}
	for in, want := range cases {
		if got := Make(in); got != want {
			t.Errorf("Make(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCheckRefusesPathsAndEmptySlugs(t *testing.T) {
	for _, bad := range []string{"../x", "a/b", `a\b`, "..", "---", "؟؟"} {
		if _, err := Check(bad); err == nil {
			t.Errorf("Check(%q) accepted it", bad)
		}
	}
	if s, err := Check("منح الماجستير"); err != nil || s != "منح-الماجستير" {
		t.Errorf("Check(Arabic) = %q, %v", s, err)
	}
}
