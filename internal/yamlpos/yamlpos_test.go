package yamlpos

import (
	"fmt"
	"strings"
	"testing"
)

func TestSuggestFindsTypos(t *testing.T) {
	known := []string{"title", "date", "deadline", "categories", "translationKey"}
	cases := map[string]string{"titel": "title", "dat": "date", "Categories": "categories", "deadlne": "deadline", "translationkey": "translationKey", "colour": ""}
	for in, want := range cases {
		if got := Suggest(in, known); got != want {
			t.Errorf("Suggest(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParseErrorsCarryTheFileLine(t *testing.T) {
	_, err := Parse("content/a.en.md", []byte("title: A\ndescription: \"unclosed\nx: 1\n"), 1)
	if err == nil || !strings.HasPrefix(err.Error(), "content/a.en.md:") {
		t.Fatalf("err = %v", err)
	}
	_, err = Parse("data/x.yaml", []byte("a: 1\n  b: 2\n"), 0)
	if err == nil || !strings.HasPrefix(err.Error(), "data/x.yaml:2: ") {
		t.Errorf("err = %v, want it on line 2", err)
	}
}

func TestDecoderReportsEveryProblem(t *testing.T) {
	root, err := Parse("f.yaml", []byte("a: [1]\nb: x\nb: y\nc: yes please\nn: two\n"), 10)
	if err != nil {
		t.Fatal(err)
	}
	d := &Decoder{Path: "f.yaml", Offset: 10}
	m := d.Map(root, "f")
	m.String("a")
	m.Int("n")
	m.Unknown("test", []string{"a", "n"})
	var got []string
	for _, e := range d.Errs {
		got = append(got, e.Error())
	}
	want := []string{
		`f.yaml:13:1: "b" is given twice (first on line 12); keep only one`,
		"f.yaml:11:4: a must be a single value, not a list",
		"f.yaml:15:4: n must be a whole number, not \"two\"",
		`f.yaml:12:1: warning: unknown test key "b" is ignored (known keys: a, n)`,
		`f.yaml:14:1: warning: unknown test key "c" is ignored (known keys: a, n)`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestInvisibleLineBreaksAreReportedWhereTheyAre(t *testing.T) {
	for _, sep := range []string{"\u2028", "\u2029", "\u0085"} {
		for _, doc := range []string{
			"title: A\ndate: 2026-01-01\ndescription: منحة" + sep + "دراسية\n",
			"title: A\ndate: 2026-01-01\ndescription: \"منحة" + sep + "دراسية\"\n",
			"title: A\ndate: 2026-01-01\ndescription: >\n  منحة" + sep + "دراسية\n",
			"title: A\ndate: 2026-01-01\n" + "descr" + sep + "iption: x\n",
		} {
			_, err := Parse("content/a.ar.md", []byte(doc), 1)
			line := 4 + strings.Count(strings.Split(doc, sep)[0], "\n") - 2
			col := len([]rune(doc[strings.LastIndex(strings.Split(doc, sep)[0], "\n")+1:strings.Index(doc, sep)])) + 1
			want := fmt.Sprintf("content/a.ar.md:%d:%d: an invisible line break (U+%04X)", line, col, []rune(sep)[0])
			if err == nil || !strings.HasPrefix(err.Error(), want) || !strings.Contains(err.Error(), "delete it") {
				t.Errorf("Parse(%q) = %v, want %s...", doc, err, want)
			}
		}
	}
}
