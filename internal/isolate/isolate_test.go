package isolate

import "testing"

func TestHTMLIsolatesLeftToRightRuns(t *testing.T) {
	cases := map[string]string{
		"برنامج Erasmus+، ربيع":          `برنامج <span dir="ltr" lang="en">Erasmus+</span>، ربيع`,
		"اكتب إلى ira@example.org اليوم": `اكتب إلى <span dir="ltr" lang="en">ira@example.org</span> اليوم`,
		"هاتف: +970 8 123 4567.":         `هاتف: <span dir="ltr">+970 8 123 4567</span>.`,
		"عام 2026 فقط":                   "عام 2026 فقط",
		"منحة (KA171) جديدة":             `منحة <span dir="ltr" lang="en">(KA171)</span> جديدة`,
		"جامعة <b> & شركاؤها":            `جامعة &lt;<span dir="ltr" lang="en">b</span>&gt; &amp; شركاؤها`,
		"Erasmus+ (KA171).":              `<span dir="ltr" lang="en">Erasmus+ (KA171)</span>.`,
	}
	for in, want := range cases {
		if got := HTML(in, "en"); got != want {
			t.Errorf("HTML(%q)\n got %s\nwant %s", in, got, want)
		}
	}
}

func TestHTMLInLTRIsolatesArabic(t *testing.T) {
	cases := map[string]string{
		"The office (شؤون العلاقات الدولية) of جامعة الأقصى.": `The office (<span dir="rtl" lang="ar">شؤون العلاقات الدولية</span>) of <span dir="rtl" lang="ar">جامعة الأقصى</span>.`,
		"No Arabic here, 2026.": "No Arabic here, 2026.",
		"<b> & العربية":         `&lt;b&gt; &amp; <span dir="rtl" lang="ar">العربية</span>`,
	}
	for in, want := range cases {
		if got := HTMLInLTR(in, "ar"); got != want {
			t.Errorf("HTMLInLTR(%q)\n got %s\nwant %s", in, got, want)
		}
	}
}
