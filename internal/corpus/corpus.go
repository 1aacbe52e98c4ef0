// Package corpus generates large sites for benchmarks: the office site's
// own settings, layouts, static files and pages, plus n generated
// announcements in each language.
//
// The announcements look like the real ones: a front matter with a date,
// categories and sometimes a deadline, a few paragraphs of Arabic or English
// with Latin names, a heading, a list and a link to another announcement.
// The text is pseudo-random from a fixed seed, so a corpus of a given size
// is always the same bytes.
package corpus

import (
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing/fstest"
	"time"
)

// Generate returns base's content/, data/, layouts/ and static/ with n
// announcements per language added to content/announcements/.
func Generate(base fs.FS, n int) (fstest.MapFS, error) {
	m := fstest.MapFS{}
	for _, dir := range []string{"content", "data", "layouts", "static"} {
		err := fs.WalkDir(base, dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := fs.ReadFile(base, p)
			m[p] = &fstest.MapFile{Data: b, Mode: 0o644}
			return err
		})
		if err != nil {
			return nil, err
		}
	}
	r := rand.New(rand.NewPCG(2026, 11))
	start := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	cats := []string{"scholarship", "conference", "visit", "call", "news"}
	for i := range n {
		name := fmt.Sprintf("gen-%05d", i)
		date := start.AddDate(0, 0, i*2000/max(n, 1))
		c := []string{cats[i%len(cats)]}
		if i%7 == 0 {
			c = append(c, cats[(i+2)%len(cats)])
		}
		extra := "categories: [" + strings.Join(c, ", ") + "]\n"
		if c[0] == "call" || c[0] == "scholarship" {
			extra += "deadline: " + date.AddDate(0, 2, 0).Format("2006-01-02") + "\n"
		}
		link := fmt.Sprintf("gen-%05d.md", (i+1)%n)
		for _, lang := range []string{"en", "ar"} {
			body := text(r, lang, link)
			title := title(r, lang, i)
			fm := fmt.Sprintf("---\ntitle: %q\ndate: %s\n%s---\n", title, date.Format("2006-01-02"), extra)
			m["content/announcements/"+name+"."+lang+".md"] = &fstest.MapFile{Data: []byte(fm + body), Mode: 0o644}
		}
	}
	return m, nil
}

// WriteDir writes fsys's files under dir.
func WriteDir(dir string, fsys fstest.MapFS) error {
	for p, f := range fsys {
		target := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(target, f.Data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

var (
	enWords = strings.Fields(`university students staff exchange programme research partner cooperation
		international scholarship application faculty academic conference visit agreement mobility
		training semester graduate degree master doctoral deadline office relations project funding
		the of and to in for with from on by at this that each their will may can`)
	arWords = strings.Fields(`الجامعة الطلبة العاملين التبادل برنامج البحث الشريك التعاون الدولي منحة
		التقديم الكلية الأكاديمي مؤتمر زيارة اتفاقية التنقل التدريب الفصل الخريجين درجة الماجستير
		الدكتوراه الموعد شؤون العلاقات مشروع التمويل في من إلى على مع عن هذا التي الذي كل سوف`)
	latin = []string{"Erasmus+", "Horizon Europe", "KA171", "DAAD", "Example University", "ECTS"}
)

func words(r *rand.Rand, lang string, n int) string {
	list := enWords
	if lang == "ar" {
		list = arWords
	}
	out := make([]string, n)
	for i := range out {
		out[i] = list[r.IntN(len(list))]
		if i > 0 && r.IntN(25) == 0 {
			out[i] = latin[r.IntN(len(latin))]
		}
	}
	return strings.Join(out, " ")
}

func title(r *rand.Rand, lang string, i int) string {
	return fmt.Sprintf("%s %d", words(r, lang, 6), i)
}

func text(r *rand.Rand, lang, link string) string {
	var b strings.Builder
	for p := range 3 {
		b.WriteString(words(r, lang, 40+r.IntN(40)))
		if p == 1 {
			fmt.Fprintf(&b, " **%s** [%s](%s)", words(r, lang, 2), words(r, lang, 3), link)
		}
		b.WriteString(".\n\n")
	}
	b.WriteString("## " + words(r, lang, 3) + "\n\n")
	for range 4 {
		b.WriteString("- " + words(r, lang, 8) + "\n")
	}
	b.WriteString("\n" + words(r, lang, 50) + ": ira@example.org, +970 8 000 0000.\n")
	return b.String()
}
