package filekind

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Markdown returns the table of the kinds for the README: each kind, the
// names of its files, and how it is published, or why not and what to do
// instead.
func Markdown() string {
	var b strings.Builder
	b.WriteString("| Files | Names | Published |\n| --- | --- | --- |\n")
	for _, k := range Kinds {
		var names []string
		for _, n := range append(append([]string{}, k.Exts...), k.Files...) {
			names = append(names, "`"+n+"`")
		}
		fmt.Fprintf(&b, "| %s | %s | %s |\n", capital(k.Name), strings.Join(names, " "), strings.ReplaceAll(k.handling(), "|", `\|`))
	}
	return b.String()
}

// handling says how files of the kind are published.
func (k *Kind) handling() string {
	switch k.Handling {
	case Reencoded:
		return "as copies the image pipeline re-encodes, without metadata"
	case Cleaned:
		return "cleaned of scripts, references to other files and metadata (`internal/svgclean`)"
	case Scanned:
		return "as they are, when nothing in them or in the files they hold says who made them or where (`internal/metadata`)"
	case Checked:
		return "as they are, when their bytes are what their name says"
	}
	return "**no**: " + k.fix("FILE")
}

func capital(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}
