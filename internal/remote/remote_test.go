package remote

import (
	"slices"
	"strings"
	"testing"
)

func TestHostReadsAnAddressAsABrowserDoes(t *testing.T) {
	cases := []struct {
		url, host string // host "" for an address that asks no host
	}{
		{"https://other.example/p.png", "other.example"},
		{"HTTP://Other.Example/p.png", "other.example"},
		{"hTTpS://other.example:8443/p.png", "other.example"},
		{"https://user:pw@other.example/p.png", "other.example"},
		{"//other.example/p.png", "other.example"},
		{`/\other.example/p.png`, "other.example"},
		{`\\other.example/p.png`, "other.example"},
		{`\/other.example/p.png`, "other.example"},
		{"https:other.example/p.png", "other.example"},
		{`https:\\other.example/p.png`, "other.example"},
		{"https:////other.example/p.png", "other.example"},
		{"  \x01https://other.example/p.png\x00 ", "other.example"},
		{"ht\ttp\ns://other.example/p.png", "other.example"},
		{"/\t/other.example/p.png", "other.example"},
		{"/\n/other.example/p.png", "other.example"},
		{"//%6Fther.example/p.png", "other.example"},
		{"//other.example./p.png", "other.example"},
		{"//[::1]:80/p.png", "[::1]"},
		{"ftp://other.example/p.png", "other.example"},
		{"wss://other.example/socket", "other.example"},
		{"file:///etc/passwd", "file:"},
		{"gopher://other.example/x", "other.example"},
		{"https://other.example", "other.example"},
		{"//other.example?x", "other.example"},
		{"//other.example#x", "other.example"},
		{"/images/p.png", ""},
		{"images/p.png", ""},
		{"p.png", ""},
		{"../p.png", ""},
		{"#top", ""},
		{"?x=//other.example", ""},
		{"/ira//other.example/p.png", ""},
		{"./\\other.example/p.png", ""},
		{"data:image/png;base64,iVBORw0KGgo=", ""},
		{"DATA:image/svg+xml,<svg/>", ""},
		{"blob:https://other.example/1", ""},
		{"about:blank", ""},
		{"javascript:alert(1)", ""},
		{"mailto:office@example.org", ""},
		{"urn:isbn:123", ""},
		{"//", ""},
		{"https://", ""},
		{"https:///p.png", "p.png"}, // as new URL() reads it
		{"", ""},
		{"2026:report.pdf", ""},
		{"//%00/x", ""},
		{"//a b/x", ""},
		{"//a%2fb/x", ""},
		{"//%zz/x", ""},
		{"//[::1", ""},
		{"//o%2Eexample/x", "o.example"},
	}
	for _, c := range cases {
		host, ok := Host(c.url)
		if host != c.host || ok != (c.host != "") {
			t.Errorf("Host(%q) = %q, %v; want %q", c.url, host, ok, c.host)
		}
	}
}

func TestRemoteIsAnotherHostThanTheSite(t *testing.T) {
	cases := []struct {
		ref  Ref
		own  string
		host string
	}{
		{Ref{URL: "https://www.alaqsa.edu.ps/ira/x.png"}, "www.alaqsa.edu.ps", ""},
		{Ref{URL: "https://WWW.alaqsa.edu.ps:443/x.png"}, "www.alaqsa.edu.ps", ""},
		{Ref{URL: "//127.0.0.1:1313/x.png"}, "127.0.0.1:1313", ""},
		{Ref{URL: "https://alaqsa.edu.ps/x.png"}, "www.alaqsa.edu.ps", "alaqsa.edu.ps"},
		{Ref{URL: "https://other.example/x.png"}, "", "other.example"},
		{Ref{URL: "data:image/png;base64,AAAA"}, "example.org", ""},
		// A document, script or stylesheet in a data: URL can load more.
		{Ref{URL: "data:text/html,<img src=//x>", Doc: true}, "example.org", "data:"},
		{Ref{URL: " Data:text/css,x", Doc: true}, "example.org", "data:"},
	}
	for _, c := range cases {
		host, ok := c.ref.Remote(c.own)
		if host != c.host || ok != (c.host != "") {
			t.Errorf("%+v.Remote(%q) = %q, %v; want %q", c.ref, c.own, host, ok, c.host)
		}
	}
}

// urls returns the URLs of refs.
func urls(refs []Ref) []string {
	var out []string
	for _, r := range refs {
		out = append(out, r.URL)
	}
	return out
}

func TestCSSFindsEveryWayToLoadAnAddress(t *testing.T) {
	cases := []struct {
		css  string
		want []string
	}{
		{"a{background:url(https://o.example/a.png)}", []string{"https://o.example/a.png"}},
		{"a{background:URL( 'https://o.example/a.png' )}", []string{"https://o.example/a.png"}},
		{`a{background:url("//o.example/a.png")}`, []string{"//o.example/a.png"}},
		{"a{background:u\\72l(https://o.example/a.png)}", []string{"https://o.example/a.png"}},
		{"a{background:u\\000072 l(https://o.example/a.png)}", []string{"https://o.example/a.png"}},
		{"a{background:ur/**/l(https://o.example/a.png)}", []string{"https://o.example/a.png"}},
		{"a{background:url(\\2f\\2f o.example/a.png)}", []string{"//o.example/a.png"}},
		{"a{background:url(ht\\tps://o.example/a.png)}", []string{"https://o.example/a.png"}},
		{"a{background:url(\n  https://o.example/a.png\n)}", []string{"https://o.example/a.png"}},
		{"a{background:image-set('https://o.example/a.png' 1x, \"//o.example/b.png\" 2x)}", []string{"https://o.example/a.png", "//o.example/b.png"}},
		{"a{background:-webkit-image-set(url(https://o.example/a.png) 1x)}", []string{"https://o.example/a.png"}},
		{"a{cursor:image-set('https://o.example/c.png' 1x), auto}", []string{"https://o.example/c.png"}},
		{"a{background:image('https://o.example/a.png')}", []string{"https://o.example/a.png"}},
		{"a{background:cross-fade(50% 'https://o.example/a.png', url(b.png))}", []string{"https://o.example/a.png", "b.png"}},
		{"@import 'https://o.example/s.css';", []string{"https://o.example/s.css"}},
		{"@IMPORT url(//o.example/s.css) screen;", []string{"//o.example/s.css"}},
		{"@font-face{font-family:x;src:url(https://o.example/f.woff2) format('woff2')}", []string{"https://o.example/f.woff2"}},
		{"a{mask:src('https://o.example/m.svg')}", []string{"https://o.example/m.svg"}},
		{"a{background:url(/images/a.png)}", []string{"/images/a.png"}},
		{"a{color:red}", nil},
		{"a::before{content:'https://o.example/a.png'}", nil},
		{"/* url(https://o.example/a.png) */ a{color:red}", nil},
		{"a{background:url(", nil},
		{"a{background:url('https://o.example/a.png", []string{"https://o.example/a.png"}},
	}
	for _, c := range cases {
		if got := urls(CSS(c.css, 1)); !slices.Equal(got, c.want) {
			t.Errorf("CSS(%q) = %q, want %q", c.css, got, c.want)
		}
	}
}

func TestCSSMarksImportsAsStylesheetsWithTheirLines(t *testing.T) {
	refs := CSS("a{color:red}\n\n@import url(data:text/css,x);\nb{background:url(data:image/png,AAAA)}", 10)
	if len(refs) != 2 {
		t.Fatalf("refs = %+v", refs)
	}
	if !refs[0].Doc || refs[0].Line != 12 {
		t.Errorf("the import is %+v; want a stylesheet on line 12", refs[0])
	}
	if refs[1].Doc || refs[1].Line != 13 {
		t.Errorf("the background is %+v; want an image on line 13", refs[1])
	}
}

func TestHTMLFindsEveryElementThatLoads(t *testing.T) {
	cases := []struct {
		html string
		want []string // "tag attr url"
	}{
		{`<img src=//o.example/a.png alt="">`, []string{"img src //o.example/a.png"}},
		{`<img src="&#x2F;&#47;o.example/a.png">`, []string{"img src //o.example/a.png"}},
		{`<img srcset="https://o.example/a.png 1x, https://o.example/b,c.png 2x">`, []string{"img srcset https://o.example/a.png", "img srcset https://o.example/b,c.png"}},
		{`<picture><source srcset="https://o.example/a.webp" type="image/webp"><img src="/a.png"></picture>`, []string{"source srcset https://o.example/a.webp", "img src /a.png"}},
		{`<video poster="https://o.example/p.jpg" src="/v.mp4"><track src="https://o.example/t.vtt"></video>`, []string{"video poster https://o.example/p.jpg", "video src /v.mp4", "track src https://o.example/t.vtt"}},
		{`<audio src="https://o.example/a.mp3"></audio>`, []string{"audio src https://o.example/a.mp3"}},
		{`<iframe src="https://o.example/"></iframe>`, []string{"iframe src https://o.example/"}},
		{`<object data="https://o.example/x.swf"></object><embed src="https://o.example/y.swf">`, []string{"object data https://o.example/x.swf", "embed src https://o.example/y.swf"}},
		{`<link rel="stylesheet" href="https://o.example/s.css">`, []string{"link href https://o.example/s.css"}},
		{`<link rel="icon" href="https://o.example/i.png"><link rel=preload as=image imagesrcset="https://o.example/p.png 1x" href="/p.png">`, []string{"link href https://o.example/i.png", "link imagesrcset https://o.example/p.png", "link href /p.png"}},
		{`<link rel="modulepreload" href="https://o.example/m.js"><link rel="dns-prefetch preconnect" href="https://o.example">`, []string{"link href https://o.example/m.js", "link href https://o.example"}},
		{`<link rel="canonical" href="https://o.example/x/"><link rel="alternate" hreflang="ar" href="https://o.example/ar/">`, nil},
		{`<a href="https://o.example/">a link</a><area href="https://o.example/">`, nil},
		{`<a href="/x/" ping="https://o.example/p https://o.example/q">x</a>`, []string{"a ping https://o.example/p", "a ping https://o.example/q"}},
		{`<base href="https://o.example/">`, []string{"base href https://o.example/"}},
		{`<script src="https://o.example/s.js"></script>`, []string{"script src https://o.example/s.js"}},
		{`<body background="https://o.example/b.png"><table background="//o.example/t.png"></table>`, []string{"body background https://o.example/b.png", "table background //o.example/t.png"}},
		{`<input type=image src="https://o.example/b.png">`, []string{"input src https://o.example/b.png"}},
		{`<div style="background:url(https://o.example/b.png)">x</div>`, []string{"div style url() https://o.example/b.png"}},
		{`<div style="background:url(&quot;https://o.example/b.png&quot;)">x</div>`, []string{"div style url() https://o.example/b.png"}},
		{`<style>a{background:url(https://o.example/b.png)}</style>`, []string{"style <style> url() https://o.example/b.png"}},
		{`<svg><image href="https://o.example/i.png"/><use xlink:href="https://o.example/s.svg#a"/><feImage href="//o.example/f.png"/><a href="https://o.example/">x</a></svg>`,
			[]string{"image href https://o.example/i.png", "use xlink:href https://o.example/s.svg#a", "feimage href //o.example/f.png"}},
		{`<svg><rect fill="url(https://o.example/p.svg#g)" cursor="image-set('https://o.example/c.png' 1x), auto"/></svg>`,
			[]string{"rect fill url() https://o.example/p.svg#g", "rect cursor image-set() https://o.example/c.png"}},
		{`<noscript><img src="https://o.example/n.png"></noscript>`, []string{"img src https://o.example/n.png"}},
		{`<iframe srcdoc="<img src='https://o.example/d.png'>"></iframe>`, []string{"iframe srcdoc img src https://o.example/d.png"}},
		{`<meta http-equiv="Refresh" content="0; URL='https://o.example/'">`, []string{"meta http-equiv=refresh https://o.example/"}},
		{`<meta http-equiv="refresh" content="30">`, nil},
		{`<!-- <img src="https://o.example/c.png"> --><p>https://o.example/x.png</p><textarea><img src="https://o.example/t.png"></textarea>`, nil},
		{`<img alt="url(https://o.example/a.png)" title="//o.example">`, nil},
	}
	for _, c := range cases {
		var got []string
		for _, r := range HTML([]byte(c.html)) {
			got = append(got, r.Tag+" "+r.Attr+" "+r.URL)
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("HTML(%s):\n got %q\nwant %q", c.html, got, c.want)
		}
	}
}

func TestHTMLGivesTheLineOfEachElement(t *testing.T) {
	page := "<!doctype html>\n<title>x</title>\n<p>a\nb</p>\n<img\n  src=\"https://o.example/a.png\">\n<style>\n\na{background:url(//o.example/b.png)}</style>\n<p title=\"&#10;&#10;\"><img src=//o.example/c.png>"
	var got []int
	for _, r := range HTML([]byte(page)) {
		got = append(got, r.Line)
	}
	if want := []int{5, 9, 10}; !slices.Equal(got, want) {
		t.Errorf("lines = %v, want %v", got, want)
	}
}

func TestHTMLMarksDocumentsScriptsAndStylesheets(t *testing.T) {
	page := `<iframe src="data:text/html,x"></iframe><img src="data:image/png,x"><link rel=stylesheet href="data:text/css,x"><link rel=icon href="data:image/png,x"><script src="data:text/javascript,x"></script>`
	var docs []string
	for _, r := range HTML([]byte(page)) {
		if _, remote := r.Remote("example.org"); remote {
			docs = append(docs, r.Tag)
		}
	}
	if want := []string{"iframe", "link", "script"}; !slices.Equal(docs, want) {
		t.Errorf("data: URLs that load more: %q, want %q", docs, want)
	}
}

func TestHTMLReadsNestedNoscriptAndSrcdocToABound(t *testing.T) {
	inner := `<img src="https://o.example/deep.png">`
	for range maxNest + 2 {
		inner = `<iframe srcdoc="` + strings.NewReplacer("&", "&amp;", `"`, "&quot;").Replace(inner) + `"></iframe>`
	}
	HTML([]byte(inner)) // must end
	page := strings.Repeat("<noscript>", 3) + `<img src="https://o.example/n.png">`
	if got := urls(HTML([]byte(page))); !slices.Equal(got, []string{"https://o.example/n.png"}) {
		t.Errorf("noscript in noscript: %q", got)
	}
}

func TestRemoteHTMLKeepsOnlyOtherHosts(t *testing.T) {
	page := `<link rel=canonical href="https://own.example/x/"><link rel=stylesheet href="/css/a.css"><img src="https://own.example/a.png" srcset="/a.png 1x, //cdn.example/b.png 2x">` +
		`<img src="/\tcdn.example/c.png"><img src="a:b"><a href="https://other.example/">x</a><img src="#x"><img src="?//x">`
	var got []string
	for _, r := range RemoteHTML([]byte(page), "own.example") {
		got = append(got, r.Tag+" "+r.Attr+" "+r.URL)
	}
	if want := []string{"img srcset //cdn.example/b.png", `img src /\tcdn.example/c.png`}; !slices.Equal(got, want) {
		t.Errorf("RemoteHTML = %q, want %q", got, want)
	}
	for _, tag := range []string{`<img/src=//o.example/a>`, `<img alt="x"src=//o.example/a>`, `<IMG SRC=//o.example/a>`, `<svg><use XLINK:HREF=//o.example/a /></svg>`,
		`<a title=x href=/x Style="background:url(//o.example/a)">`, `<img lowsrc=//o.example/a>`} {
		if len(RemoteHTML([]byte(tag), "own.example")) != 1 {
			t.Errorf("RemoteHTML misses the load of %s", tag)
		}
	}
	if got := RemoteHTML([]byte(`<img alt=x/src=//o.example/a>`), "own.example"); len(got) != 0 {
		t.Errorf("an unquoted value holds no attribute: %+v", got)
	}
	for _, v := range []string{"/a.png", "a.png", "#x", "?x", " /a", "", "x/y:z", "/\tx"} {
		if !plainlyLocal([]byte(v)) {
			t.Errorf("plainlyLocal(%q) = false", v)
		}
	}
	for _, v := range []string{"//x", `/\x`, "/\t/x", "\\\\x", "a:b", "https://x", " //x"} {
		if plainlyLocal([]byte(v)) {
			t.Errorf("plainlyLocal(%q) = true", v)
		}
	}
}
