package assets

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/alaqsa-ira/site/internal/hangtest"
)

// FuzzPrepare prepares any stylesheet and script, as an editor may save
// them in static/: Prepare finishes; it fails only with an *Error naming
// the file; the minified files are no longer than what was written, plus
// the hashed names of the fonts they point to; and a stylesheet keeps no
// url() to a font by its unhashed name.
func FuzzPrepare(f *testing.F) {
	f.Add(`@font-face { src: url("../fonts/a.woff2") } body { margin-inline-start: 1em }`, "const a = 1; /* +² */ console.log(a)")
	f.Add(`a { background: url( '../fonts/a.woff2' ) } b { content: "\"" }`, "let s = `${1}+²`;")
	f.Add(`url(../fonts/a.woff2`, "/* unclosed")
	f.Add(`@media (x) { a { b: c } `, "if (")
	f.Fuzz(func(t *testing.T, css, js string) {
		fsys := fstest.MapFS{
			"static/css/site.css":  {Data: []byte(css)},
			"static/js/site.js":    {Data: []byte(js)},
			"static/fonts/a.woff2": {Data: []byte("font")},
		}
		files := []string{"static/css/site.css", "static/fonts/a.woff2", "static/js/site.js"}
		var set *Set
		var err error
		hangtest.Run(t, fmt.Sprintf("preparing %.60q and %.60q", css, js), func() { set, err = Prepare(fsys, "static", files, true) })
		if err != nil {
			var ae *Error
			if !errors.As(err, &ae) || (ae.Path != "static/css/site.css" && ae.Path != "static/js/site.js") {
				t.Fatalf("Prepare failed with %v, not an *Error naming the file", err)
			}
			return
		}
		sheet, ok := set.Lookup("/css/site.css")
		script, ok2 := set.Lookup("/js/site.js")
		if !ok || !ok2 {
			t.Fatal("the stylesheet or the script is missing")
		}
		font, _ := set.Lookup("/fonts/a.woff2")
		grow := strings.Count(css, "url(") * len(font.Name)
		if len(sheet.Data) > len(css)+grow+16 || len(script.Data) > len(js)+16 {
			t.Fatalf("minified %d and %d bytes into %d and %d", len(css), len(js), len(sheet.Data), len(script.Data))
		}
		if strings.Contains(string(sheet.Data), `url("../fonts/a.woff2")`) {
			t.Fatalf("the stylesheet still names the font unhashed: %s", sheet.Data)
		}
	})
}
