package search

import "strings"

// The English stemmer is the first and last steps of Porter's algorithm
// (1980), which undo inflection and leave derivation alone: plurals
// (students, studies, classes), -ed and -ing with the spelling they
// changed (applied, hoping, planned), a final y after a consonant (study
// and studies meet at studi), a final e (programme and programmes at
// programm) and a final double l. Words of one or two letters are kept.

// cons reports whether w[i] is a consonant: a letter other than a, e, i,
// o, u, and other than a y after a consonant.
func cons(w string, i int) bool {
	switch w[i] {
	case 'a', 'e', 'i', 'o', 'u':
		return false
	case 'y':
		return i == 0 || !cons(w, i-1)
	}
	return true
}

// measure is Porter's m: how many vowel-consonant sequences w has.
func measure(w string) int {
	m, vowel := 0, false
	for i := range w {
		if cons(w, i) {
			if vowel {
				m++
			}
			vowel = false
		} else {
			vowel = true
		}
	}
	return m
}

func hasVowel(w string) bool {
	for i := range w {
		if !cons(w, i) {
			return true
		}
	}
	return false
}

// doubleCons reports a word ending in the same consonant twice.
func doubleCons(w string) bool {
	n := len(w)
	return n >= 2 && w[n-1] == w[n-2] && cons(w, n-1)
}

// cvc reports a word ending consonant-vowel-consonant, the last not w, x
// or y (hop, not hoop or snow).
func cvc(w string) bool {
	n := len(w)
	if n < 3 || !cons(w, n-3) || cons(w, n-2) || !cons(w, n-1) {
		return false
	}
	c := w[n-1]
	return c != 'w' && c != 'x' && c != 'y'
}

func stemEnglish(w string) string {
	if len(w) <= 2 {
		return string(w)
	}
	// Step 1a: plurals.
	switch {
	case strings.HasSuffix(w, "sses"), strings.HasSuffix(w, "ies"):
		w = w[:len(w)-2]
	case strings.HasSuffix(w, "ss"):
	case strings.HasSuffix(w, "s"):
		w = w[:len(w)-1]
	}
	// Step 1b: -eed, -ed, -ing.
	switch {
	case strings.HasSuffix(w, "eed"):
		if measure(w[:len(w)-3]) > 0 {
			w = w[:len(w)-1]
		}
	case strings.HasSuffix(w, "ed") && hasVowel(w[:len(w)-2]):
		w = undoEnding(w[:len(w)-2])
	case strings.HasSuffix(w, "ing") && hasVowel(w[:len(w)-3]):
		w = undoEnding(w[:len(w)-3])
	}
	// Step 1c: y after a vowel-bearing stem becomes i.
	if n := len(w); n > 1 && w[n-1] == 'y' && hasVowel(w[:n-1]) {
		w = w[:n-1] + "i"
	}
	// Step 5a: a final e.
	if n := len(w); n > 1 && w[n-1] == 'e' {
		if m := measure(w[:n-1]); m > 1 || m == 1 && !cvc(w[:n-1]) {
			w = w[:n-1]
		}
	}
	// Step 5b: a final double l.
	if n := len(w); measure(w) > 1 && doubleCons(w) && w[n-1] == 'l' {
		w = w[:n-1]
	}
	return w
}

// undoEnding restores the spelling -ed and -ing changed: an e after at,
// bl or iz (rated, troubled), one of a doubled consonant (planned), an e
// after a short stem (hoping).
func undoEnding(w string) string {
	switch {
	case strings.HasSuffix(w, "at"), strings.HasSuffix(w, "bl"), strings.HasSuffix(w, "iz"):
		return w + "e"
	case doubleCons(w):
		if c := w[len(w)-1]; c != 'l' && c != 's' && c != 'z' {
			return w[:len(w)-1]
		}
	case measure(w) == 1 && cvc(w):
		return w + "e"
	}
	return w
}
