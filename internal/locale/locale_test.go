package locale

import (
	"testing"
	"time"
)

func TestDateInArabicWithArabicIndicDigits(t *testing.T) {
	ar := &Locale{Code: "ar", Digits: ArabicIndic, Months: [12]string{"كانون الثاني", "شباط", "آذار"}}
	d := time.Date(2027, 3, 15, 0, 0, 0, 0, time.UTC)
	if got, want := ar.Date(d), "١٥ آذار ٢٠٢٧"; got != want {
		t.Errorf("Date = %q, want %q", got, want)
	}
	ar.DatePattern = "{day2}/{monthNumber}/{year}"
	if got, want := ar.Date(d), "١٥/٣/٢٠٢٧"; got != want {
		t.Errorf("Date with pattern = %q, want %q", got, want)
	}
	en := &Locale{Code: "en", Digits: Latin}
	if got, want := en.Date(d), "15 March 2027"; got != want {
		t.Errorf("English date without month names = %q, want %q", got, want)
	}
	if en.Date(time.Time{}) != "" {
		t.Error("the zero time should print as nothing")
	}
}

func TestMissingStringNamesTheFileToFix(t *testing.T) {
	l := &Locale{Code: "ar", Strings: map[string]string{"a": "أ"}}
	if s, err := l.T("a"); err != nil || s != "أ" {
		t.Errorf("T(a) = %q, %v", s, err)
	}
	if _, err := l.T("b"); err == nil || err.Error() != `interface string "b" is missing for language "ar": add it to data/i18n/ar.yaml` {
		t.Errorf("T(b) error = %v", err)
	}
}
