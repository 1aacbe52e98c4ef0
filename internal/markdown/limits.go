package markdown

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"

	"github.com/alaqsa-ira/site/internal/diag"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// Some shapes of Markdown make goldmark's work grow with the square of
// their size: lists and quotes opened inside each other on one line
// ("- - - - a": 40,000 of them take seconds), many link brackets in one
// paragraph ("[a](" repeated), tables whose rows goldmark pads to the
// header's width, and one long reference address used many times. A page
// is refused, with the line and what to do, when it goes past one of the
// limits below. Each is many times what a real page needs, and keeps the
// work in proportion to the page's size.
const (
	// MaxNesting is the most lists and block quotes one line may open
	// inside each other (- , * , + , 1. , >). Readers lose their way after
	// three or four levels; 32 leaves room for any real document, and
	// bounds the passes goldmark makes over a line.
	MaxNesting = 32
	// MaxBrackets is the most [ one paragraph, heading or table row may
	// hold, and fewer in one longer than bracketBytes bytes (in proportion:
	// 10 in one of 100,000): every [ may open a link, and at each ]
	// goldmark looks back over the open ones and over what the paragraph
	// holds so far. A paragraph with a hundred links is already unreadable.
	MaxBrackets  = 100
	bracketBytes = 10_000
	// MaxTableCells is the most cells (columns × rows) the tables of a page
	// may have in all: goldmark gives every row as many cells as the header
	// has columns, so a wide header over many short lines makes a huge
	// table. 50,000 cells is a thousand rows of fifty columns.
	MaxTableCells = 50_000
	// MaxHTML is the most HTML a page's text may make: a page is kept in
	// memory whole, and its layout adds to it up to the 64 MiB a page may
	// be. Text makes three or four times its size at most, but for
	// something written thousands of times that makes far more (a
	// footnote reference of 6 bytes makes 150).
	MaxHTML = 32 << 20
)

// limitWriter writes to w until max bytes are written, then fails,
// having written up to the end of a tag (goldmark escapes every > in text
// and attributes), so that what w has is HTML cut between elements.
type limitWriter struct {
	w       io.Writer
	max     int
	written int
	over    bool
}

func (l *limitWriter) Write(b []byte) (int, error) {
	if l.over {
		return 0, errHTMLLimit
	}
	if l.written+len(b) >= l.max {
		l.over = true
		if i := bytes.LastIndexByte(b[:l.max-l.written], '>'); i >= 0 {
			_, _ = l.w.Write(b[:i+1])
		}
		return 0, errHTMLLimit
	}
	l.written += len(b)
	return l.w.Write(b)
}

var errHTMLLimit = errors.New("the page's HTML passes markdown.MaxHTML")

// htmlLimitMsg says what to do about a page whose text makes more than
// max bytes of HTML.
func htmlLimitMsg(src []byte, max int) string {
	return fmt.Sprintf("the text of this page (%d KB) makes more than %d MB of HTML, the most a page's text may make: "+
		"something in it is written thousands of times (footnote references, links, headings or list items); split the page into several",
		(len(src)+1023)>>10, max>>20)
}

// maxLinkBytes is how many bytes of link addresses and titles a page of n
// bytes may hold: a reference definition ([a]: /address) used many times
// repeats its address in the page each time.
func maxLinkBytes(n int) int { return 1<<20 + 8*n }

// checkLines finds the first line of src that opens more than MaxNesting
// lists and quotes, or is a heading (# ...) with more than MaxBrackets [,
// and returns its number (from 1) and what is wrong, or 0. Paragraphs and
// tables are checked as goldmark reads them (limitParagraphs).
func checkLines(src []byte) (line int, msg string) {
	for n := 1; len(src) > 0; n++ {
		l := src
		if i := bytes.IndexByte(src, '\n'); i >= 0 {
			l, src = src[:i], src[i+1:]
		} else {
			src = nil
		}
		d, rest := nesting(l)
		if d > MaxNesting {
			return n, fmt.Sprintf("this line opens %d lists or block quotes inside each other; at most %d may be, and a page needs a few at most: "+
				"remove the extra -, *, +, 1. or > at the start of the line, or put a backslash before one that is meant as text (\\-, \\>)", d, MaxNesting)
		}
		if len(rest) > 0 && rest[0] == '#' {
			if b := bytes.Count(rest, []byte("[")); tooManyBrackets(b, len(rest)) {
				return n, bracketsMsg("heading", b, len(rest))
			}
		}
	}
	return 0, ""
}

// tooManyBrackets reports whether text of size bytes with n [ is past
// MaxBrackets.
func tooManyBrackets(n, size int) bool {
	return n > MaxBrackets || n*size > MaxBrackets*bracketBytes
}

func bracketsMsg(where string, n, size int) string {
	return fmt.Sprintf("this %s has %d [ (each may start a link) in %d bytes; a paragraph, heading or table row may hold at most %d, "+
		"and fewer when it is longer than %d bytes: split it with blank lines, or write \\[ for a bracket that does not start a link",
		where, n, size, MaxBrackets, bracketBytes)
}

// nesting returns how many list items and block quotes the line opens
// inside each other at its start, and the rest of the line: each > and each
// list marker (-, *, + or 1. to 999999999. or 1) to 999999999)) followed by
// a space, a tab or the end of the line, before anything else. A thematic
// break ("- - -", "* * *") is not a list. Every turn of the loop moves past
// at least one byte, and the line is read a bounded number of times.
func nesting(l []byte) (int, []byte) {
	// The line ends in a run of one character and blanks, from tail on: a
	// list marker there may begin a thematic break instead.
	tail := len(l)
	for tail > 0 && (l[tail-1] == ' ' || l[tail-1] == '\t') {
		tail--
	}
	var tc byte
	if tail > 0 && (l[tail-1] == '-' || l[tail-1] == '*') {
		tc = l[tail-1]
		for tail > 0 && (l[tail-1] == tc || l[tail-1] == ' ' || l[tail-1] == '\t') {
			tail--
		}
	}
	depth := 0
	for i := 0; ; {
		for i < len(l) && (l[i] == ' ' || l[i] == '\t') {
			i++
		}
		if i == len(l) {
			return depth, nil
		}
		switch c := l[i]; {
		case c == '>':
			i++
		case c == '-' || c == '*' || c == '+':
			if c == tc && i >= tail && bytes.Count(l[i:], []byte{c}) >= 3 {
				return depth, l[i:] // a thematic break
			}
			if i+1 < len(l) && l[i+1] != ' ' && l[i+1] != '\t' {
				return depth, l[i:]
			}
			i++
		case c >= '0' && c <= '9':
			j := i
			for j < len(l) && j-i < 9 && l[j] >= '0' && l[j] <= '9' {
				j++
			}
			if j == len(l) || (l[j] != '.' && l[j] != ')') || (j+1 < len(l) && l[j+1] != ' ' && l[j+1] != '\t') {
				return depth, l[i:]
			}
			i = j + 1
		default:
			return depth, l[i:]
		}
		depth++
	}
}

// tableCellsKey holds the number of table cells a conversion has met.
var tableCellsKey = parser.NewContextKey()

// limitParagraphs is a paragraph transformer that runs before the others
// (link reference definitions, tables) and before the paragraph's inline
// text is parsed. It removes, and reports, a paragraph with more than
// MaxBrackets [, a table row with more, or a table that takes the page's
// tables past MaxTableCells cells.
type limitParagraphs struct{}

// Transform implements parser.ParagraphTransformer.
func (limitParagraphs) Transform(p *ast.Paragraph, reader text.Reader, pc parser.Context) {
	lines := p.Lines()
	if lines.Len() == 0 {
		return
	}
	src := reader.Source()
	header, cols := tableStart(lines, src)
	brackets, size, at := 0, 0, lines.At(0).Start
	var msg string
	for i := range lines.Len() {
		seg := lines.At(i)
		v := seg.Value(src)
		b := bytes.Count(v, []byte("["))
		if i < header {
			brackets, size = brackets+b, size+len(v) // the paragraph's inline text
		} else if tooManyBrackets(b, len(v)) {
			msg, at = bracketsMsg("table row", b, len(v)), seg.Start // each cell's inline text
			break
		}
	}
	switch {
	case msg != "":
	case tooManyBrackets(brackets, size):
		msg = bracketsMsg("paragraph", brackets, size)
	case cols > 0:
		cells, _ := pc.Get(tableCellsKey).(int)
		rows := lines.Len() - header - 1 // the header and the rows after the delimiter row
		cells += cols * rows
		pc.Set(tableCellsKey, cells)
		if cells > MaxTableCells {
			msg = fmt.Sprintf("this table has %d columns and %d rows, %d cells, which takes the page's tables to %d cells; a page may have at most %d: "+
				"split the table across pages, and check that every row has its cells (a row of only | gets all the header's columns)", cols, rows, cols*rows, cells, MaxTableCells)
		}
	}
	if msg == "" {
		return
	}
	if st, _ := pc.Get(docKey).(*state); st != nil {
		st.res.Problems = append(st.res.Problems, diag.Errorf(st.doc.Path, st.lineAt(at), "%s", msg))
	}
	p.Parent().RemoveChild(p.Parent(), p)
}

// tableStart returns the index of the line where the table a paragraph
// holds begins, and its number of columns; or the number of lines and 0
// when it holds none. As goldmark's table extension reads it, the table's
// header is the line before the first delimiter row (such as |---|:--:|)
// after the first line, and every line after that is a row.
func tableStart(lines *text.Segments, src []byte) (header, cols int) {
	for i := 1; i < lines.Len(); i++ {
		seg := lines.At(i)
		delim := bytes.TrimSpace(seg.Value(src))
		if len(bytes.Trim(delim, "|:- \t")) > 0 || !bytes.Contains(delim, []byte("-")) || !bytes.Contains(delim, []byte("|")) {
			continue
		}
		return i - 1, len(bytes.Split(bytes.Trim(delim, "| \t"), []byte("|")))
	}
	return lines.Len(), 0
}

// lineAt returns the file line of byte pos of the body.
func (st *state) lineAt(pos int) int {
	if st.newlines == nil {
		st.newlines = make([]int, 0, 64)
		for i, c := range st.src {
			if c == '\n' {
				st.newlines = append(st.newlines, i)
			}
		}
	}
	// The line breaks before pos: a page with a problem on every line
	// costs a search per problem, not a count over the page.
	n, _ := slices.BinarySearch(st.newlines, min(max(pos, 0), len(st.src)))
	return st.doc.Line + n
}

// checkLinkBytes reports, and empties the document, when its links and
// images hold more than maxLinkBytes of addresses and titles: the one way
// a short page makes a huge one.
func (st *state) checkLinkBytes(doc *ast.Document, links []ast.Node) bool {
	total, uses := 0, map[string]int{}
	var first ast.Node
	for _, n := range links {
		var dest, title, ref []byte
		switch l := n.(type) {
		case *ast.Link:
			dest, title = l.Destination, l.Title
			if l.Reference != nil {
				ref = l.Reference.Value
			}
		case *ast.Image:
			dest, title = l.Destination, l.Title
			if l.Reference != nil {
				ref = l.Reference.Value
			}
		}
		total += len(dest) + len(title)
		if ref != nil {
			uses[string(ref)]++
			if first == nil {
				first = n
			}
		}
	}
	if total <= maxLinkBytes(len(st.src)) {
		return true
	}
	if first == nil {
		first = links[0]
	}
	most, label := 0, ""
	for l, n := range uses {
		if n > most || (n == most && l < label) {
			most, label = n, l
		}
	}
	st.fail(first, "the page's links hold %d bytes of addresses, more than %d for a page of its size (the reference [%s] is used %d times): "+
		"write a long address once, as a link, and refer to it from fewer places", total, maxLinkBytes(len(st.src)), short(label), most)
	doc.RemoveChildren(doc)
	return false
}
