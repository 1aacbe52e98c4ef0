package docscheck

import (
	"maps"
	"strings"
	"testing"
	"testing/fstest"
)

// site is a small repository whose documentation is whole: every link,
// image and anchor leads somewhere, and every page and picture of docs/ is
// reached from the README.
func site() fstest.MapFS {
	file := func(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }
	return fstest.MapFS{
		"README.md": file("# Project\n\n## The two commands\n\n" +
			"Read [the guide](docs/ar/README.md) ([English](docs/en/)), and the [reference][ref].\n\n" +
			"[ref]: docs/reference/commands.md#site-serve\n"),
		"docs/ar/README.md": file("# دليل المحررين\n\n## المحرر على الويب (`/admin/`)\n\n" +
			"![شاشة الدخول](../images/signin.png)\n\n" +
			"انظر [رسائل الأخطاء](errors.md#ماذا-تعني-رسائل-الأخطاء) و[الأوامر](../../README.md#the-two-commands).\n"),
		"docs/ar/errors.md": file("# ماذا تعني رسائل الأخطاء؟\n\n## مثال\n\n## مثال\n\n" +
			"[المثال الثاني](#مثال-1)، [بترميز الرابط](#%D9%85%D8%AB%D8%A7%D9%84)، [الدليل](README.md).\n"),
		"docs/en/README.md": file("# Editor's guide\n\n<a id=\"top\"></a>\n\n" +
			"See <https://sveltiacms.app/en/docs>, https://example.org/a and [mail](mailto:ira@example.org), " +
			"<a href=\"../ar/README.md#المحرر-على-الويب-admin\">العربية</a>, [line](../../cmd/site/main.go#L10) and [top](#top).\n\n" +
			"Footnote[^1].\n\n[^1]: https://example.org/note\n"),
		"docs/reference/commands.md": file("# Commands\n\n## `site serve`\n\n[The code](../../cmd/site/) and [home](../../README.md).\n"),
		"docs/images/signin.png":     file("\x89PNG"),
		"cmd/site/main.go":           file("package main\n"),
	}
}

// TestWholeDocumentationPasses: every kind of link GitHub follows is
// accepted when it leads somewhere: to pages and folders, to headings in
// English and Arabic (as written or percent-encoded, repeated headings
// numbered), to anchors of raw HTML, to lines of code, reference links,
// autolinks, web addresses in text, e-mail.
func TestWholeDocumentationPasses(t *testing.T) {
	if errs := Check(site(), "README.md", "docs"); len(errs) != 0 {
		t.Errorf("problems in whole documentation:\n%s", join(errs))
	}
}

// TestBrokenLinksAreReported: each way a link can break is reported at its
// file and line, saying what is wrong.
func TestBrokenLinksAreReported(t *testing.T) {
	for _, c := range []struct {
		name, file, text, want string
	}{
		{"a page that does not exist", "docs/en/README.md", "[x](guide.md)", "docs/en/README.md:3: the link \"guide.md\" leads to docs/en/guide.md, which does not exist"},
		{"a name in the wrong case", "docs/en/README.md", "[x](../AR/README.md)", "leads to docs/AR/README.md, which does not exist"},
		{"a heading that is not there", "README.md", "[x](docs/reference/commands.md#site-build)", "README.md:3: the link \"docs/reference/commands.md#site-build\" leads to #site-build, which is not a heading of docs/reference/commands.md (it has: commands, site-serve)"},
		{"an Arabic heading misspelt", "docs/en/README.md", "[x](../ar/errors.md#رسائل-الاخطاء)", "leads to #رسائل-الاخطاء, which is not a heading of docs/ar/errors.md"},
		{"a repeated heading numbered past its count", "docs/ar/errors.md", "[x](#مثال-2)", "leads to #مثال-2, which is not a heading"},
		{"an anchor in the same page", "docs/reference/commands.md", "[x](#site-check)", "docs/reference/commands.md:3: the link \"#site-check\" leads to #site-check"},
		{"an anchor in a folder's README", "README.md", "[x](docs/en/#nowhere)", "leads to #nowhere, which is not a heading of docs/en/README.md"},
		{"an anchor in code that is not a line", "README.md", "[x](cmd/site/main.go#main)", "is not a Markdown page: link to lines as #L10"},
		{"an empty anchor", "README.md", "[x](docs/en/README.md#)", "ends in # with no anchor"},
		{"an image that does not exist", "docs/ar/README.md", "![x](../images/signin.webp)", "docs/ar/README.md:3: the image \"../images/signin.webp\" leads to docs/images/signin.webp, which does not exist"},
		{"an image that is not a picture", "docs/ar/README.md", "![x](errors.md)", "the image \"errors.md\" is docs/ar/errors.md, not a picture"},
		{"a link out of the repository", "README.md", "[x](../other/README.md)", "the link \"../other/README.md\" leads out of the repository"},
		{"a link from the computer's root", "docs/en/README.md", "[x](/docs/ar/README.md)", "starts at the root of the computer outside GitHub: write it from this file, like ../../docs/ar/README.md"},
		{"a link without https", "README.md", "[x](//example.org/)", "leaves out https: write https://example.org/"},
		{"an http link", "README.md", "[x](http://example.org/)", "the link \"http://example.org/\" is not encrypted: write https://"},
		{"an http address in text", "README.md", "Open http://127.0.0.1:1313/ to see it.", "the link \"http://127.0.0.1:1313/\" is not encrypted"},
		{"a www address in text", "README.md", "See www.example.org.", "the link \"http://www.example.org\" is not encrypted"},
		{"an https link without a site", "README.md", "[x](https:///a)", "names no site after https://"},
		{"a malformed address", "README.md", "[x](https://exa%mple.org/)", "is not a well-formed address"},
		{"another scheme", "README.md", "[x](ftp://example.org/)", "is neither a page of the repository nor an https address"},
		{"a javascript link", "README.md", "[x](javascript:alert(1))", "is neither a page of the repository nor an https address"},
		{"an empty link", "README.md", "[x]()", "README.md:3: the link has no address"},
		{"a broken reference link", "README.md", "[x][gone]\n\n[gone]: docs/gone.md", "README.md:3: the link \"docs/gone.md\" leads to docs/gone.md"},
		{"a broken link in HTML", "docs/en/README.md", "<p>See <a href=\"../ar/gone.md\">this</a>.</p>", "the link \"../ar/gone.md\" leads to docs/ar/gone.md, which does not exist"},
		{"a broken image in HTML", "docs/en/README.md", "<img src=\"shot.png\" alt=\"x\">", "the image \"shot.png\" leads to docs/en/shot.png"},
		{"a link in a table", "README.md", "| a | b |\n| --- | --- |\n| [x](docs/nowhere.md) | y |", "README.md:5: the link \"docs/nowhere.md\""},
	} {
		t.Run(c.name, func(t *testing.T) {
			fsys := site()
			page := fsys[c.file]
			lines := strings.SplitN(string(page.Data), "\n", 3)
			fsys[c.file] = &fstest.MapFile{Data: []byte(lines[0] + "\n\n" + c.text + "\n\n" + lines[2])}
			got := join(Check(fsys, "README.md", "docs"))
			if !strings.Contains(got, c.want) {
				t.Errorf("want a problem with %q; got:\n%s", c.want, got)
			}
		})
	}
}

// TestEveryPageAndPictureIsReached: a page of docs/ that no page reached
// from the README links to, or a picture no such page shows, is reported,
// even when a page that is not reached links to it.
func TestEveryPageAndPictureIsReached(t *testing.T) {
	fsys := site()
	fsys["docs/en/old.md"] = &fstest.MapFile{Data: []byte("# Old\n\n[also old](older.md) ![x](../images/old.png)\n")}
	fsys["docs/en/older.md"] = &fstest.MapFile{Data: []byte("# Older\n")}
	fsys["docs/images/old.png"] = &fstest.MapFile{Data: []byte("\x89PNG")}
	got := join(Check(fsys, "README.md", "docs"))
	for _, want := range []string{
		"docs/en/old.md: no reader finds this page: nothing links to it from README.md",
		"docs/en/older.md: no reader finds this page",
		"docs/images/old.png: no page reached from README.md shows or links to this file",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("want %q; got:\n%s", want, got)
		}
	}
	// Linked from a page that is reached, they are reached too.
	reached := maps.Clone(fsys)
	reached["docs/reference/commands.md"] = &fstest.MapFile{Data: append(fsys["docs/reference/commands.md"].Data, "\n[old](../en/old.md)\n"...)}
	if errs := Check(reached, "README.md", "docs"); len(errs) != 0 {
		t.Errorf("pages linked from a reached page are reached:\n%s", join(errs))
	}
}

// TestLinksInCodeAreNotLinks: addresses in code spans and code blocks are
// examples, not links, and are not checked.
func TestLinksInCodeAreNotLinks(t *testing.T) {
	fsys := site()
	fsys["docs/reference/commands.md"] = &fstest.MapFile{Data: append(fsys["docs/reference/commands.md"].Data,
		"\nOpen `http://127.0.0.1:1313/` or `[x](gone.md)`.\n\n```\nhttp://localhost:8000/ [y](gone.md)\n```\n"...)}
	if errs := Check(fsys, "README.md", "docs"); len(errs) != 0 {
		t.Errorf("code was checked as links:\n%s", join(errs))
	}
}

func join(errs []error) string {
	var b strings.Builder
	for _, e := range errs {
		b.WriteString(e.Error() + "\n")
	}
	return b.String()
}

// FuzzParse: any text is read without a panic, and every heading and link
// is placed on a line of the page.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"# Title\n\n[x](a.md#b) ![y](c.png)\n",
		"## المحرر على الويب (`/admin/`)\n\nhttp://127.0.0.1:1313/ www.example.org a@b.org\n",
		"<a href=\"x.md\" id=\"top\">x</a>\n\n<img src=\"y.png\">\n",
		"| a |\n| - |\n| [x][r] |\n\n[r]: z.md\n\nnote[^1]\n\n[^1]: https://example.org\n",
		"Title\n=====\n\n# a\n# a\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		p := Parse("page.md", []byte(src))
		lines := strings.Count(src, "\n") + 1
		for _, h := range p.Headings {
			if h.Line < 1 || h.Line > lines || !p.HasAnchor(h.ID) || !strings.HasPrefix(h.ID, HeadingID(h.Text)) {
				t.Fatalf("heading %+v of a page of %d lines", h, lines)
			}
		}
		for _, l := range p.Links {
			if l.Line < 1 || l.Line > lines {
				t.Fatalf("link %+v of a page of %d lines", l, lines)
			}
		}
	})
}
