package svgclean

import (
	"encoding/base64"
	"strings"
	"testing"

	mt "github.com/alaqsa-ira/site/internal/metadata/metadatatest"
)

// vector is an SVG body (inside head) that tries to load something from
// h.example. keep lists what must be left of it; silent, that nothing is
// reported (what is removed was never active: xml:base, a processing
// instruction).
type vector struct {
	name, body string
	keep       []string
	silent     bool
	inert      bool // h.example is left in a string that loads nothing
}

// hostile lists the ways an SVG can ask a browser to load a file, as
// attackers spell them. Each is also a seed of FuzzCSSCheck.
var hostile = []vector{
	// The value of a presentation attribute is CSS.
	{name: "issue: cursor image-set", body: `<rect fill="red" cursor="image-set('http://h.example/x.png' 1x), auto"/>`, keep: []string{`<rect fill="red"/>`}},
	{name: "cursor -webkit-image-set string", body: `<rect cursor="-webkit-image-set('http://h.example/x.png' 1x), auto"/>`},
	{name: "cursor -webkit-image-set url", body: `<rect cursor="-webkit-image-set(url(http://h.example/x.png) 1x), auto"/>`},
	{name: "cursor ImAgE-SeT", body: `<rect cursor="ImAgE-SeT('http://h.example/x.png' 1x), auto"/>`},
	{name: "cursor image-s\\65t", body: `<rect cursor="image-s\65t('http://h.example/x.png' 1x), auto"/>`},
	{name: "cursor im/**/age-set", body: `<rect cursor="im/**/age-set('http://h.example/x.png' 1x), auto"/>`},
	{name: "cursor url list", body: `<rect cursor="url(#c), url(http://h.example/c.cur), auto"/>`},
	{name: "mask image-set string only", body: `<rect mask="image-set(&quot;http://h.example/m.png&quot; 1x)"/>`},
	{name: "fill \\75 rl(", body: `<rect fill="\75 rl(http://h.example/x)"/>`},
	{name: "fill \\0075rl(", body: `<rect fill="\0075rl(http://h.example/x)"/>`},
	{name: "fill u\\rl(", body: `<rect fill="u\rl(http://h.example/x)"/>`},
	{name: "fill \\55 RL(", body: `<rect fill="\55 RL(http://h.example/x)"/>`},
	{name: "fill \\75 CR LF rl(", body: `<rect fill="\75&#13;&#10;rl(http://h.example/x)"/>`},
	{name: "fill u/**/rl(", body: `<rect fill="u/**/rl(http://h.example/x)"/>`},
	{name: "fill URL(", body: `<rect fill="URL(http://h.example/x)"/>`},
	{name: "fill url escaped inside", body: `<rect fill="url(\68ttp://h.example/x)"/>`},
	{name: "fill url quoted escaped", body: `<rect fill="url('\68ttp://h.example/x')"/>`},
	{name: "fill url newline", body: `<rect fill="url(&#10;http://h.example/x)"/>`},
	{name: "fill url tab", body: `<rect fill="url(&#9;http://h.example/x)"/>`},
	{name: "fill url no-break space then #", body: `<rect fill="url(&#160;#g)"/>`},
	{name: "fill url(#) then remote", body: `<rect fill="url(#g) , url(http://h.example/x)"/>`},
	{name: "fill url in calc", body: `<rect fill="rgb(calc(url(http://h.example/x)))"/>`},
	{name: "fill url data svg", body: `<rect fill="url(data:image/svg+xml,%3Csvg%20xmlns='http://h.example'/%3E)"/>`},
	{name: "filter url quoted spaces", body: `<rect filter="url( 'http://h.example/f.svg#f' )"/>`},
	{name: "clip-path url comment", body: `<rect clip-path="url(/**/http://h.example/x)"/>`},
	{name: "marker-start url", body: `<path marker-start="url('http://h.example/m.svg#m')"/>`},
	{name: "marker-end protocol-relative", body: `<path marker-end="url(//h.example/m.svg#m)"/>`},
	{name: "mask image()", body: `<rect mask="image('http://h.example/m.png')"/>`},
	{name: "cursor src()", body: `<rect cursor="src('http://h.example/c.png'), auto"/>`},
	{name: "mask cross-fade", body: `<rect mask="cross-fade(image('http://h.example/a.png'), url(#m))"/>`},
	{name: "fill element()", body: `<rect fill="element(#a) h.example"/>`},
	{name: "fill attr()", body: `<rect fill="attr(data-x type(&lt;url&gt;), h.example)"/>`},
	{name: "fill env()", body: `<rect fill="env(h-example)"/>`},
	{name: "font-family string url", body: `<text font-family="'url(http://h.example/f)'">t</text>`},
	{name: "any attribute read as CSS", body: `<rect requiredExtensions="url(http://h.example/x)" data-x="image-set('http://h.example/x' 1x)"/>`},
	// A style attribute loses the declaration.
	{name: "style image-set", body: `<rect style="fill:red;cursor:image-set('http://h.example/x.png' 1x)"/>`, keep: []string{`style="fill:red;"`}},
	{name: "style escaped url", body: `<rect style="fill:\75 rl(http://h.example/x);stroke:url(#g)"/>`, keep: []string{`style="stroke:url(#g)"`}},
	{name: "style url comment", body: `<rect style="cursor: url(/**/http://h.example/x), auto"/>`, keep: []string{`<rect/>`}},
	{name: "style custom property", body: `<rect style="--x:url(http://h.example/x);fill:var(--x)"/>`, keep: []string{`style="fill:var(--x)"`}},
	{name: "var() into image-set", body: `<rect style="--x:'http://h.example/x.png';cursor:image-set(var(--x) 1x)"/>`, keep: []string{`style="--x:'http://h.example/x.png';"`}, inert: true},
	{name: "style string across declarations", body: `<rect style="font-family:'a;cursor:url(http://h.example/x)';fill:blue"/>`, keep: []string{"fill:blue"}},
	// A <style> element loses the declaration, or the rule.
	{name: "style element -webkit-image-set", body: `<style>rect{cursor:-webkit-image-set("http://h.example/x.png" 1x);fill:red}</style>`, keep: []string{`<style>rect{fill:red}</style>`}},
	{name: "style element @import", body: `<style>@import'http://h.example/a.css';.a{fill:red}</style>`, keep: []string{`<style>.a{fill:red}</style>`}},
	{name: "style element @IMPORT url", body: `<style>@IMPORT url(http://h.example/a.css);</style><g/>`, keep: []string{`<g/>`}},
	{name: "style element @\\69mport", body: `<style>@\69mport 'http://h.example/a.css';</style>`},
	{name: "style element @im\\port", body: `<style>@im\port 'http://h.example/a.css';</style>`},
	{name: "style element @import in @media", body: `<style>@media screen{@import 'http://h.example/a.css';.a{fill:red}}</style>`, keep: []string{`@media screen{.a{fill:red}}`}},
	{name: "style element nested declaration", body: `<style>@supports (display:grid){rect{fill:url(http://h.example/x);stroke:red}}</style>`, keep: []string{`rect{stroke:red}`}},
	{name: "style element font-face", body: `<style>@font-face{font-family:x;src:local(x),url(http://h.example/f.woff)}.a{font-family:x}</style>`, keep: []string{`.a{font-family:x}`}},
	{name: "style element url in selector", body: `<style>a[x=url(http://h.example/x)]{fill:red}.b{fill:blue}</style>`, keep: []string{`<style>.b{fill:blue}</style>`}},
	{name: "style element string hides comment", body: `<style>.a{font-family:"/*"}.b{fill:url(http://h.example/x)}.c{font-family:"*/"}</style>`, keep: []string{`.a{font-family:"/*"}`, `.c{font-family:"*/"}`}},
	{name: "style element cdata", body: `<style><![CDATA[.a{fill:URL( "http://h.example/x" )}]]></style>`},
	{name: "style element custom property", body: `<style>svg{--x:url(http://h.example/x)}</style>`},
	{name: "style element namespace url", body: `<style>@namespace h url(http://h.example/ns);</style>`},
	{name: "style element escaped CR LF", body: "<style>.a{fill:\\75&#13;\nrl(http://h.example/x)}</style>"},
	{name: "style element content url", body: `<style>.a::after{content:url(http://h.example/x)}</style>`},
	// Animations of CSS properties are checked as CSS.
	{name: "set cursor image-set", body: `<set attributeName="cursor" to="image-set('http://h.example/x.png' 1x), auto"/>`, keep: []string{`<set attributeName="cursor"/>`}},
	{name: "set cursor url", body: `<set attributeName="cursor" to="url(http://h.example/x.png), auto"/>`},
	{name: "set mask image()", body: `<set attributeName="mask" to="image('http://h.example/x.png')"/>`},
	{name: "animate fill values escape", body: `<animate attributeName="fill" values="red;\75 rl(http://h.example/x)"/>`},
	{name: "animate cursor values string split", body: `<animate attributeName="cursor" values="'a;url(http://h.example/x), auto;'"/>`},
	{name: "animate fill from", body: `<animate attributeName="fill" from="url(http://h.example/x)" to="red"/>`, keep: []string{`to="red"`}},
	{name: "animate fill by", body: `<animate attributeType="CSS" attributeName="filter" by="url(http://h.example/f#f)"/>`},
	// Animations of a URL are removed.
	{name: "animate xlink:href", body: `<animate attributeName="xlink:href" values="#a;http://h.example/x"/>`},
	{name: "set HREF", body: `<set attributeName=" HREF " to="http://h.example/x"/>`},
	{name: "set src", body: `<set attributeName="src" to="http://h.example/x"/>`},
	{name: "set ping", body: `<a href="#a"><set attributeName="ping" to="http://h.example/p"/>x</a>`},
	// Attributes whose value is a URL.
	{name: "HREF upper case", body: `<image HREF="http://h.example/x.png"/>`},
	{name: "href no-break space then #", body: `<image href="&#160;#a"/>`},
	{name: "a ping", body: `<a href="#a" ping="http://h.example/p">x</a>`, keep: []string{`<a href="#a">x</a>`}},
	{name: "image src", body: `<image src="http://h.example/x.png"/>`},
	{name: "feImage href", body: `<filter><feImage href="http://h.example/x.png"/><feImage xlink:href="//h.example/y.png"/></filter>`},
	{name: "pattern and gradient href", body: `<pattern href="http://h.example/p.svg#p"/><linearGradient xlink:href="other.svg#g"/><textPath href="http://h.example/t#p">t</textPath>`},
	{name: "mpath href", body: `<animateMotion><mpath xlink:href="http://h.example/p#m"/></animateMotion>`},
	{name: "font-face-uri", body: `<font-face><font-face-src><font-face-uri xlink:href="http://h.example/f.svg#f"/></font-face-src></font-face>`},
	{name: "cursor element", body: `<cursor xlink:href="http://h.example/c.png"/>`},
	{name: "color-profile element", body: `<color-profile xlink:href="http://h.example/p.icc"/>`},
	{name: "tref", body: `<tref xlink:href="http://h.example/t#t"/>`},
	{name: "foreignObject img", body: `<foreignObject><img xmlns="http://www.w3.org/1999/xhtml" src="http://h.example/x.png"/></foreignObject>`},
	{name: "script href", body: `<script href="http://h.example/x.js"/>`},
	{name: "xml:base", body: `<g xml:base="http://h.example/"><use href="#a"/></g>`, silent: true, keep: []string{`<g><use href="#a"/></g>`}},
	{name: "xml-stylesheet", body: `<?xml-stylesheet href="http://h.example/a.css"?><g/>`, silent: true},
}

// local lists what only points into the picture or loads nothing: it
// comes out as it went in.
var local = []string{
	`<rect fill="url(#g)" stroke="url('#g')" filter="url( &quot;#f&quot; )" mask="URL(#m)" clip-path="url(\23 c)"/>`,
	`<rect fill="#fff icc-color(p, 0.1)" stroke="rgb(1 2 3 / 50%)" transform="rotate(45 5 5) translate(1,2) matrix(1 0 0 1 0 0)"/>`,
	`<rect style="fill:url(#g);stroke:hsl(120deg 50% 50%);stroke-width:calc(1px + 2%)" filter="blur(2px) drop-shadow(1px 1px 2px red)"/>`,
	`<rect fill="var(--colour, currentColor)" style="--colour:#14507a;stroke:var(--colour)"/>`,
	`<style>@media (min-width:1px){.a{fill:url(#g)}}@font-face{font-family:x;src:local(Arial)}.b:not(.c):nth-child(2n+1){fill:hsl(1 2% 3%)}</style>`,
	`<style>/* url(#a) */ .a{clip-path:circle(50%);transition:fill 1s cubic-bezier(0,0,1,1)}</style>`,
	`<text id="label(1)" class="a b" aria-label="Map (2024): image(1)" font-family="'Noto Sans Arabic', sans-serif">ع</text>`,
	`<animate attributeName="fill" values="red;url(#g);blue" begin="a.click+1s;accessKey(x);b.repeat(2)" dur="1s"/>`,
	`<rect fill="url(data:image/png;base64,` + base64.StdEncoding.EncodeToString(mt.PNG()) + `)"/>`,
	`<style/>`,
}

// TestCleanRemovesEveryRemoteReference cleans each hostile vector: nothing
// left of it can load anything (by the tests' own detector), h.example is
// gone, the removal is reported, and what was safe is kept.
func TestCleanRemovesEveryRemoteReference(t *testing.T) {
	for _, v := range hostile {
		t.Run(v.name, func(t *testing.T) {
			out, removed := clean(t, head+v.body+`</svg>`)
			noRemote(t, []byte(out))
			if !v.inert && strings.Contains(out, "h.example") || strings.Contains(out, "\u00a0") {
				t.Errorf("the reference is still there:\n%s", out)
			}
			if !v.silent && len(removed) == 0 {
				t.Errorf("no removal reported:\n%s", out)
			}
			for _, k := range v.keep {
				if !strings.Contains(out, k) {
					t.Errorf("%q is not in the output:\n%s", k, out)
				}
			}
		})
	}
}

// TestCleanKeepsLocalReferences cleans what only points into the picture:
// it is kept as it is, and nothing is reported.
func TestCleanKeepsLocalReferences(t *testing.T) {
	for _, body := range local {
		out, removed := clean(t, head+body+`</svg>`)
		if len(removed) > 0 {
			t.Errorf("removed %v from %s", removed, body)
		}
		if want := `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">` + body + `</svg>`; out != want {
			t.Errorf("changed:\n%s\nwant\n%s", out, want)
		}
		noRemote(t, []byte(out))
	}
}

// TestRemovalsSayWhy checks that a removal names what was removed, where,
// and why.
func TestRemovalsSayWhy(t *testing.T) {
	_, removed := clean(t, head+vectorBody(t, "issue: cursor image-set")+`<style>.a{fill:red;cursor:url(http://h.example/c)}</style></svg>`)
	if len(removed) != 2 {
		t.Fatalf("removed %v", removed)
	}
	for i, want := range []string{`the attribute cursor="image-set('http://h.example/x.png' 1x), auto" on <rect> (image-set() is not a CSS function known to load nothing)`,
		`the CSS "cursor:url(http://h.example/c)" (url(http://h.example/c) points outside the picture) in <style>`} {
		if removed[i].What != want {
			t.Errorf("removal %d says\n%s\nwant\n%s", i, removed[i].What, want)
		}
	}
}

func vectorBody(t *testing.T, name string) string {
	t.Helper()
	for _, v := range hostile {
		if v.name == name {
			return v.body
		}
	}
	t.Fatalf("no vector %q", name)
	return ""
}

// TestDeeplyNestedCSS cuts a reference out of nested rules: down to
// maxCSSNesting the declaration goes, deeper the rule that holds it goes
// whole; the nesting, however deep, does not exhaust the stack.
func TestDeeplyNestedCSS(t *testing.T) {
	for _, n := range []int{10, maxCSSNesting - 1, 20000} {
		css := strings.Repeat("@media screen{", n) + ".a{fill:red;cursor:url(http://h.example/c)}" + strings.Repeat("}", n)
		out, removed := clean(t, head+`<style>`+css+`</style></svg>`)
		noRemote(t, []byte(out))
		if len(removed) != 1 || strings.Contains(out, "h.example") {
			t.Errorf("%d deep: removed %v", n, removed)
		}
		if kept := strings.Contains(out, ".a{fill:red;}"); kept != (n < maxCSSNesting) {
			t.Errorf("%d deep: fill:red kept is %v", n, kept)
		}
		if !strings.Contains(out, strings.Repeat("@media screen{", min(n, maxCSSNesting))) {
			t.Errorf("%d deep: the outer rules are gone", n)
		}
	}
}
