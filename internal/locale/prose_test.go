package locale

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/alaqsa-ira/site/internal/isolate"
)

// proseCases are Arabic prose with numbers and what a page with Arabic-Indic
// digits shows.
var proseCases = []struct{ in, want string }{
	{"ربيع 2027", "ربيع ٢٠٢٧"},
	{"في عام 2027، يبدأ البرنامج.", "في عام ٢٠٢٧، يبدأ البرنامج."},
	{"(2027)", "(٢٠٢٧)"},
	{"المعدل 3.5 من 4", "المعدل ٣٫٥ من ٤"},
	{"نحو 1,000 طالب", "نحو ١٬٠٠٠ طالب"},
	{"منحة بقيمة 12,500.75 يورو", "منحة بقيمة ١٢٬٥٠٠٫٧٥ يورو"},
	{"نسبة 50% من الطلاب", "نسبة ٥٠٪ من الطلاب"},
	{"الساعة 10:30 صباحاً", "الساعة ١٠:٣٠ صباحاً"},
	{"في 1/3/2027", "في ١/٣/٢٠٢٧"},
	{"العام الدراسي 2026-2027", "العام الدراسي ٢٠٢٦-٢٠٢٧"},
	{"يوم 2027-03-01 آخر موعد", "يوم ٢٠٢٧-٠٣-٠١ آخر موعد"},
	{"الفقرة 3.", "الفقرة ٣."},
	{"عام2027", "عام٢٠٢٧"},
	{"١٢ و 12", "١٢ و ١٢"},
	// Not prose: left as typed.
	{"برنامج KA171 للتنقل", "برنامج KA171 للتنقل"},
	{"برنامج Erasmus+ 2027 للتنقل", "برنامج Erasmus+ 2027 للتنقل"},
	{"الرمز X-2027 في الطلب", "الرمز X-2027 في الطلب"},
	{"الرمز 2027-X في الطلب", "الرمز 2027-X في الطلب"},
	{"الرمز 2027X في الطلب", "الرمز 2027X في الطلب"},
	{"وزن 5kg تقريباً", "وزن 5kg تقريباً"},
	{"الملف 2027.pdf هنا", "الملف 2027.pdf هنا"},
	{"اكتب إلى apply2027@example.org الآن", "اكتب إلى apply2027@example.org الآن"},
	{"اكتب إلى 2027@example.org الآن", "اكتب إلى 2027@example.org الآن"},
	{"من https://example.org/2027/forms اليوم", "من https://example.org/2027/forms اليوم"},
	{"الهاتف +970 8 264 1881 للاستفسار", "الهاتف +970 8 264 1881 للاستفسار"},
	{"الهاتف 08-2641881 للاستفسار", "الهاتف 08-2641881 للاستفسار"},
	{"الجوال 0599123456 للاستفسار", "الجوال 0599123456 للاستفسار"},
	{"الرقم 08 264 1881 للاستفسار", "الرقم 08 264 1881 للاستفسار"},
	{"رمز &#169; هنا", "رمز &#169; هنا"},
	{"الوسم #2027 هنا", "الوسم #2027 هنا"},
	{"اسم_2027 هنا", "اسم_2027 هنا"},
	{"النسخة v2.1 هنا", "النسخة v2.1 هنا"},
	{"", ""},
	{"لا أرقام", "لا أرقام"},
}

func TestProseNumbersAreWrittenInArabicIndicDigits(t *testing.T) {
	for _, c := range proseCases {
		if got := ProseDigits(c.in); got != c.want {
			t.Errorf("ProseDigits(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestProseFollowsTheLocale(t *testing.T) {
	ar := &Locale{Digits: ArabicIndic}
	en := &Locale{Digits: Latin}
	if got := ar.Prose("ربيع 2027 KA171"); got != "ربيع ٢٠٢٧ KA171" {
		t.Errorf("arab: %q", got)
	}
	if got := en.Prose("ربيع 2027"); got != "ربيع 2027" {
		t.Errorf("latn: %q", got)
	}
}

func TestArabicNumberSeparators(t *testing.T) {
	for in, want := range map[string]string{
		"3.5": "٣٫٥", "1,000": "١٬٠٠٠", "1,000,000": "١٬٠٠٠٬٠٠٠", "1,234.5": "١٬٢٣٤٫٥",
		"3,5": "٣,٥", "1.2.3": "١.٢.٣", "12,34": "١٢,٣٤", "1234,567": "١٢٣٤,٥٦٧",
		"50%": "٥٠٪", "2.5%": "٢٫٥٪", "10:30": "١٠:٣٠", "2026-2027": "٢٠٢٦-٢٠٢٧",
	} {
		if got := ArabicNumber(in); got != want {
			t.Errorf("ArabicNumber(%q) = %q, want %q", in, got, want)
		}
	}
}

// FuzzProseDigits checks, for any text, that only the digits, separators
// and percent signs of numbers outside left-to-right runs change, that
// converting twice changes nothing more, and that it ends.
func FuzzProseDigits(f *testing.F) {
	for _, c := range proseCases {
		f.Add(c.in)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		got := ProseDigits(s)
		if again := ProseDigits(got); again != got {
			t.Fatalf("ProseDigits(%q) = %q, and again %q", s, got, again)
		}
		spans := ProseNumbers(s)
		last := 0
		for _, sp := range spans {
			if sp.Start < last || sp.End <= sp.Start || sp.End > len(s) {
				t.Fatalf("ProseNumbers(%q): bad span %v after %d", s, sp, last)
			}
			for _, r := range isolate.Runs(s) {
				if sp.Start < r.End && r.Start < sp.End {
					t.Fatalf("ProseNumbers(%q): %v overlaps the run %v", s, sp, r)
				}
			}
			if strings.Trim(s[sp.Start:sp.End], "0123456789.,:/-%") != "" {
				t.Fatalf("ProseNumbers(%q): %q is not a number", s, s[sp.Start:sp.End])
			}
			last = sp.End
		}
		if utf8.RuneCountInString(got) != utf8.RuneCountInString(s) {
			t.Fatalf("ProseDigits(%q) = %q changed the number of characters", s, got)
		}
	})
}
