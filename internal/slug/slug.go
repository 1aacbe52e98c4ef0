// Package slug makes URL path segments from titles and file names, in any
// script: Arabic slugs stay Arabic, normalised so that the same title always
// gives the same address and no slug can leave its folder.
package slug

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// MaxSlugBytes keeps every path segment well inside file system limits
// (255 bytes), Arabic letters taking two bytes each.
const MaxSlugBytes = 180

// Make turns a title or file name into one URL path segment: NFC, lower
// case, Arabic diacritics and tatweel removed (they are not typed in
// addresses), Arabic-Indic digits made Latin, and every run of spaces and
// punctuation made one hyphen. Letters of every script are kept, so Arabic
// slugs stay Arabic. The result may be empty; it never contains "/" and never
// starts or ends with "." or "-".
func Make(s string) string {
	s = norm.NFC.String(s)
	var b strings.Builder
	b.Grow(len(s))
	dash := false
	for _, r := range s {
		switch {
		case isArabicMark(r), unicode.Is(unicode.Cf, r):
			continue
		case r >= '٠' && r <= '٩':
			r = '0' + (r - '٠')
		case r >= '۰' && r <= '۹':
			r = '0' + (r - '۰')
		}
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) || r == '_' || r == '.':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(unicode.ToLower(r))
		default:
			dash = true
		}
	}
	out := strings.Trim(b.String(), ".-_")
	for strings.Contains(out, "..") {
		out = strings.ReplaceAll(out, "..", ".")
	}
	if len(out) > MaxSlugBytes {
		cut := MaxSlugBytes
		for cut > 0 && !utf8.RuneStart(out[cut]) {
			cut--
		}
		out = strings.TrimRight(out[:cut], ".-_")
	}
	return out
}

// isArabicMark reports the Arabic diacritics (tashkeel), the superscript alef
// and tatweel.
func isArabicMark(r rune) bool {
	return (r >= 0x064B && r <= 0x065F) || r == 0x0670 || r == 0x0640 || (r >= 0x06D6 && r <= 0x06ED)
}

// Check validates a slug an editor wrote and returns its normal form.
func Check(s string) (string, error) {
	if strings.ContainsAny(s, `/\`) || strings.Contains(s, "..") {
		return "", fmt.Errorf("slug %q must be a single name without /, \\ or ..; use letters, digits and hyphens, like %q", s, Make(strings.NewReplacer("/", "-", `\`, "-").Replace(s)))
	}
	out := Make(s)
	if out == "" {
		return "", fmt.Errorf("slug %q has no letters or digits left once normalised: use letters, digits and hyphens", s)
	}
	return out, nil
}
