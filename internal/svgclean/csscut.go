package svgclean

import (
	"fmt"
	"strings"

	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/css"
)

// What is removed when CSS could load something is the smallest piece
// that a browser reads on its own: in a <style> element or a style
// attribute, the declaration (up to its ';') or, when the reference is in
// a rule's selector or an at-rule's prelude (@import), the whole rule
// with its block; any other attribute is one CSS value, so the attribute
// goes. What is left is checked again as a whole, and if it still fails
// the check (it should not), all of it goes.

// cssCut is a piece of CSS removed, and why.
type cssCut struct {
	start, end int
	why        string
}

// cleanCSS returns CSS (a stylesheet, or the declarations of a style
// attribute) without the pieces that could load something, and what it
// removed (each piece quoted, and why). CSS with nothing to remove comes back as it is.
func cleanCSS(s string) (string, []string) {
	if cssProblem(s) == "" {
		return s, nil
	}
	c := &cssCutter{p: preprocess(s)}
	c.tokens()
	for i := 0; i < len(c.toks); {
		if c.toks[i].tt == css.RightBraceToken { // a '}' that closes nothing
			i++
			continue
		}
		i = c.item(i, 0)
	}
	var out strings.Builder
	var removed []string
	at := 0
	for _, k := range c.cuts {
		out.WriteString(c.p[at:k.start])
		at = k.end
		removed = append(removed, fmt.Sprintf("%q (%s)", short(strings.TrimSpace(c.p[k.start:k.end])), k.why))
	}
	out.WriteString(c.p[at:])
	if len(c.cuts) == 0 || cssProblem(out.String()) != "" {
		return "", []string{fmt.Sprintf("%q (%s)", short(strings.TrimSpace(s)), cssProblem(s))}
	}
	return out.String(), removed
}

// cssTok is a token of the text a cssCutter reads: its type and where it
// starts and ends.
type cssTok struct {
	tt       css.TokenType
	off, end int
}

// cssCutter finds the pieces of CSS to remove.
type cssCutter struct {
	p    string // the CSS, preprocessed
	toks []cssTok
	cuts []cssCut // in order, not overlapping
}

func (c *cssCutter) tokens() {
	l := css.NewLexer(parse.NewInputString(c.p))
	off := 0
	for {
		tt, data := l.Next()
		if tt == css.ErrorToken {
			return
		}
		c.toks = append(c.toks, cssTok{tt, off, off + len(data)})
		off += len(data)
	}
}

// item reads the declaration or rule that begins at token i and returns
// the index of the token after it. A ';' ends a declaration (or a
// statement such as @import); a '{' begins the block of a rule, whose
// items are read in turn; a '}' ends the block the item is in (and is
// left for the caller). Brackets and functions nest. level is how many
// blocks the item is in.
func (c *cssCutter) item(i, level int) int {
	start := c.toks[i].off
	depth := 0
	for ; i < len(c.toks); i++ {
		t := c.toks[i]
		switch t.tt {
		case css.LeftParenthesisToken, css.LeftBracketToken, css.FunctionToken:
			depth++
		case css.RightParenthesisToken, css.RightBracketToken:
			depth = max(depth-1, 0)
		case css.SemicolonToken:
			if depth == 0 {
				c.check(start, t.end)
				return i + 1
			}
		case css.RightBraceToken:
			if depth == 0 {
				c.check(start, t.off)
				return i
			}
			depth--
		case css.LeftBraceToken:
			if depth == 0 {
				return c.rule(start, i, level)
			}
			depth++
		}
	}
	c.check(start, len(c.p))
	return i
}

// maxCSSNesting is how deeply rules are read one by one: a rule nested
// deeper is kept or removed whole (and recursion stays bounded).
const maxCSSNesting = 64

// rule reads a rule whose prelude runs from start to the '{' at token i:
// the whole rule is removed if its prelude fails the check, else the
// items of its block are read. It returns the index past the '}'.
func (c *cssCutter) rule(start, i, level int) int {
	if level >= maxCSSNesting {
		j := c.blockEnd(i)
		end := len(c.p)
		if j < len(c.toks) {
			end = c.toks[j].end
		}
		c.check(start, end)
		return j + 1
	}
	before := len(c.cuts)
	j := i + 1
	for j < len(c.toks) && c.toks[j].tt != css.RightBraceToken {
		j = c.item(j, level+1)
	}
	end := len(c.p)
	if j < len(c.toks) {
		end = c.toks[j].end
		j++
	}
	if why := cssProblem(c.p[start:c.toks[i].off]); why != "" {
		c.cuts = append(c.cuts[:before], cssCut{start, end, why})
	}
	return j
}

// blockEnd returns the index of the '}' that closes the '{' at token i,
// or len(c.toks) if none does.
func (c *cssCutter) blockEnd(i int) int {
	depth := 0
	for j := i; j < len(c.toks); j++ {
		switch c.toks[j].tt {
		case css.LeftBraceToken:
			depth++
		case css.RightBraceToken:
			if depth--; depth == 0 {
				return j
			}
		}
	}
	return len(c.toks)
}

// check records the piece from start to end for removal if it fails the
// check.
func (c *cssCutter) check(start, end int) {
	if why := cssProblem(c.p[start:end]); why != "" {
		c.cuts = append(c.cuts, cssCut{start, end, why})
	}
}
