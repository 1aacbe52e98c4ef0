package yamlpos

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/alaqsa-ira/site/internal/diag"
	"gopkg.in/yaml.v3"
)

// The limits of what Parse reads. Each is many times what front matter or
// a data file needs, and each is reported as itself, at the line that
// passes it, with what to do: a document that passes one is refused
// before anything uses it (a description of 50 MB would otherwise make
// every page that shows it too large, and be blamed on the layout).
const (
	// MaxBytes is the largest YAML document: data/partners.yaml with a
	// few hundred partners is 300 KB. The parser's tree takes tens of
	// times the document's size in memory.
	MaxBytes = 1 << 20
	// MaxDepth is how deeply lists and mappings may nest inside each
	// other (each [, {, "- " or "key:" opens one): front matter and data
	// files use three or four levels.
	MaxDepth = 32
	// MaxValue is the most characters a value may have: a title is a
	// line, a description a sentence or two, an objective a paragraph.
	MaxValue = 10_000
)

// tooLarge is the error of a document over MaxBytes, at the line where it
// passes it.
func tooLarge(path string, data []byte, offset int) error {
	line := offset + 1 + bytes.Count(data[:MaxBytes], []byte("\n"))
	return diag.Errorf(path, line, "this YAML is %s, more than the %s a data file may hold (it passes that here): "+
		"a data file holds settings and short lists (a few hundred partners take 300 KB); remove what the site does not show, or split the list",
		size(len(data)), size(MaxBytes))
}

// size writes a number of bytes for people, in KB (rounded up) below
// 100 MB, so that a size just past a limit does not read as the limit.
func size(n int) string {
	if n >= 100<<20 {
		return fmt.Sprintf("%d MB", n>>20)
	}
	if n%(1<<20) == 0 {
		return fmt.Sprintf("%d MB", n>>20)
	}
	return fmt.Sprintf("%d KB", (n+1023)>>10)
}

// checkTree returns the first node (in document order) past a limit of
// the tree under n, which is at depth (1 for the root), and why: an alias,
// nesting deeper than MaxDepth, a value longer than MaxValue. The walk
// stops there, so it never goes deeper than MaxDepth+1.
func checkTree(n *yaml.Node, depth int) (*yaml.Node, string) {
	switch {
	case n.Kind == yaml.AliasNode:
		return n, fmt.Sprintf("YAML aliases (*%s) are not supported; write the value out in full", n.Value)
	case n.Kind == yaml.ScalarNode && len(n.Value) > MaxValue && utf8.RuneCountInString(n.Value) > MaxValue:
		return n, fmt.Sprintf("this value is %d characters long, more than the %d a value may have: a title is a line and a description a sentence or two; "+
			"shorten it, and put long text in a page's body, below its front matter", utf8.RuneCountInString(n.Value), MaxValue)
	case (n.Kind == yaml.SequenceNode || n.Kind == yaml.MappingNode) && depth > MaxDepth:
		return n, depthMsg
	}
	for _, c := range n.Content {
		if bad, why := checkTree(c, depth+1); bad != nil {
			return bad, why
		}
	}
	return nil, ""
}

var depthMsg = fmt.Sprintf("lists and mappings nest more than %d levels deep here (each [, {, \"- \" or \"key:\" opens one inside the one before); "+
	"front matter and data files need three or four: check the brackets and the indentation of these lines", MaxDepth)

// depthError is the error of yaml.v3's own limit on nesting, which it
// reports with a line only for block nesting: for brackets, the line is
// where they first nest past MaxDepth.
func depthError(path string, data []byte, offset, line int) error {
	if line == 0 {
		line = 1 + bytes.Count(data[:deepBracket(data)], []byte("\n"))
	}
	return diag.Errorf(path, offset+line, "%s", depthMsg)
}

// deepBracket returns the offset of the first [ or { that opens more than
// MaxDepth brackets, outside quotes and comments; or 0.
func deepBracket(data []byte) int {
	depth := 0
	var quote byte
	for i := 0; i < len(data); i++ {
		c := data[i]
		switch {
		case quote != 0:
			if c == '\\' && quote == '"' {
				i++
			} else if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '#' && (i == 0 || data[i-1] == ' ' || data[i-1] == '\t' || data[i-1] == '\n'):
			if j := bytes.IndexByte(data[i:], '\n'); j >= 0 {
				i += j
			} else {
				i = len(data)
			}
		case c == '[' || c == '{':
			if depth++; depth > MaxDepth {
				return i
			}
		case c == ']' || c == '}':
			depth = max(depth-1, 0)
		}
	}
	return 0
}

// isDepthError reports yaml.v3's error for nesting past its own limit.
func isDepthError(msg string) bool { return strings.Contains(msg, "exceeded max depth") }
