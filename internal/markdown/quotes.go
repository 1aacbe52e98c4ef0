package markdown

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// Typographic quotes. Editors type the straight quotes of their keyboards;
// pages show the marks their language prints: “ ” and ‘ ’ in English,
// « » in Arabic. Doc.Quotes gives the four marks of the page's language,
// in this order: opening and closing double quote, opening and closing
// single quote ("“”‘’", "«»‹›"). An apostrophe within or after a word
// (Master's, students') is ’ in every language.
//
// The marks are put in after the runs of the other direction are isolated,
// each in the text node it stands in, so that an apostrophe inside a Latin
// name on an Arabic page stays inside that name's run. Code, raw HTML and
// a quote escaped with a backslash (\") are left as they are.

// apostrophe is the mark of a letter left out, in every language.
const apostrophe = "’"

// quoteMarks are the four marks of Doc.Quotes, or ok false when it does
// not give exactly four.
func quoteMarks(q string) (marks [4]string, ok bool) {
	if utf8.RuneCountInString(q) != 4 {
		return marks, false
	}
	i := 0
	for _, r := range q {
		marks[i] = string(r)
		i++
	}
	return marks, true
}

// typography puts the language's quotation marks in place of the straight
// quotes in the text of root. src is the source the text segments point
// into.
func typography(root ast.Node, src []byte, quotes string) {
	marks, ok := quoteMarks(quotes)
	if !ok || bytes.IndexAny(src, `'"`) < 0 {
		return
	}
	var texts []*ast.Text
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n.Kind() {
		case ast.KindCodeSpan, ast.KindRawHTML, ast.KindHTMLBlock, ast.KindCodeBlock, ast.KindFencedCodeBlock:
			return ast.WalkSkipChildren, nil
		case ast.KindText:
			if t := n.(*ast.Text); !t.IsRaw() && bytes.IndexAny(t.Segment.Value(src), `'"`) >= 0 {
				texts = append(texts, t)
			}
		}
		return ast.WalkContinue, nil
	})
	// Single quotes opened and not yet closed, in the current block: a
	// quote after a word closes one if one is open, else it is an
	// apostrophe (students').
	var block ast.Node
	open := 0
	for _, t := range texts {
		if b := blockOf(t); b != block {
			block, open = b, 0
		}
		open = quoteText(t, src, marks, open)
	}
}

// blockOf returns the block node n is in.
func blockOf(n ast.Node) ast.Node {
	for n != nil && n.Type() != ast.TypeBlock {
		n = n.Parent()
	}
	return n
}

// quoteText splits t around its straight quotes, putting a mark in place of
// each, and returns how many single quotes are open after it.
func quoteText(t *ast.Text, src []byte, marks [4]string, open int) int {
	seg := t.Segment
	parent := t.Parent()
	prev := seg.Start
	for i := seg.Start; i < seg.Stop; i++ {
		c := src[i]
		if c != '\'' && c != '"' || escaped(src, i) {
			continue
		}
		var mark string
		mark, open = quoteMark(src, i, c, marks, open)
		if i > prev {
			parent.InsertBefore(parent, t, textPiece(t, prev, i))
		}
		parent.InsertBefore(parent, t, ast.NewString([]byte(mark)))
		prev = i + 1
	}
	if prev == seg.Start {
		return open
	}
	// The rest of the text stays in t, which keeps its line break.
	t.Segment = text.NewSegment(prev, seg.Stop)
	if prev == seg.Stop && !t.SoftLineBreak() && !t.HardLineBreak() {
		parent.RemoveChild(parent, t)
	}
	return open
}

// typographicString is s with the marks of quotes in place of its
// straight quotes, as typography puts them in the text of a document: for
// text that is not part of its tree (a photo's alt text and caption).
func typographicString(s, quotes string) string {
	marks, ok := quoteMarks(quotes)
	if !ok || !strings.ContainsAny(s, `'"`) {
		return s
	}
	src := []byte(s)
	var b strings.Builder
	b.Grow(len(s) + 8)
	open, prev := 0, 0
	for i, c := range src {
		if c != '\'' && c != '"' || escaped(src, i) {
			continue
		}
		var mark string
		mark, open = quoteMark(src, i, c, marks, open)
		b.Write(src[prev:i])
		b.WriteString(mark)
		prev = i + 1
	}
	b.Write(src[prev:])
	return b.String()
}

// textPiece is a text node for src[from:to], raw as t is.
func textPiece(t *ast.Text, from, to int) *ast.Text {
	p := ast.NewTextSegment(text.NewSegment(from, to))
	p.SetRaw(t.IsRaw())
	return p
}

// escaped reports a character preceded by an odd number of backslashes.
func escaped(src []byte, i int) bool {
	n := 0
	for j := i - 1; j >= 0 && src[j] == '\\'; j-- {
		n++
	}
	return n%2 == 1
}

// quoteMark chooses the mark for the quote c at src[i] from the characters
// around it: a quote after a space, the start of the text or an opening
// bracket or mark, and before a character that is not a space, opens; a
// single quote after a letter or digit is an apostrophe or closes; any
// other closes.
func quoteMark(src []byte, i int, c byte, marks [4]string, open int) (string, int) {
	before, after := ' ', ' '
	if i > 0 {
		before, _ = utf8.DecodeLastRune(src[:i])
	}
	if i+1 < len(src) {
		after, _ = utf8.DecodeRune(src[i+1:])
	}
	opens := opensAfter(before) && !unicode.IsSpace(after) && !closesBefore(after)
	if c == '"' {
		if opens {
			return marks[0], open
		}
		return marks[1], open
	}
	word := unicode.IsLetter(before) || unicode.IsDigit(before) || unicode.IsMark(before)
	switch {
	case word && unicode.IsLetter(after):
		return apostrophe, open // Master's, don't
	case word && open > 0:
		return marks[3], open - 1
	case word:
		return apostrophe, open // students'
	case decade(src[i+1:]):
		return apostrophe, open // the '90s
	case opens:
		return marks[2], open + 1
	case open > 0:
		return marks[3], open - 1
	}
	return apostrophe, open
}

// decade reports two digits and an s: '90s.
func decade(b []byte) bool {
	return len(b) >= 3 && b[0] >= '0' && b[0] <= '9' && b[1] >= '0' && b[1] <= '9' && b[2] == 's' && (len(b) == 3 || !unicode.IsLetter(rune(b[3])))
}

// opensAfter reports a character after which a quote opens: a space, or a
// bracket, dash or mark that opens (the Markdown of emphasis and links
// included).
func opensAfter(r rune) bool {
	if unicode.IsSpace(r) || unicode.Is(unicode.Ps, r) || unicode.Is(unicode.Pi, r) || unicode.Is(unicode.Pd, r) {
		return true
	}
	switch r {
	case '*', '_', '~', '/':
		return true
	}
	return false
}

// closesBefore reports a character before which a quote closes: the end
// of a sentence or clause, or a closing bracket.
func closesBefore(r rune) bool {
	if unicode.Is(unicode.Pe, r) || unicode.Is(unicode.Pf, r) {
		return true
	}
	switch r {
	case '.', ',', ';', ':', '!', '?', '،', '؛', '؟':
		return true
	}
	return false
}
