package markdown

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

type fakePhoto string

func (f fakePhoto) Picture(alt string, eager bool) string {
	load := "lazy"
	if eager {
		load = "eager"
	}
	return `<picture data-src="` + string(f) + `" data-alt="` + alt + `" data-loading="` + load + `"></picture>`
}

func (f fakePhoto) URL() string { return "/big/" + string(f) }

func photoDoc(rtl bool) Doc {
	return Doc{Path: "content/a/index.en.md", Line: 3, BasePath: "/", RTL: rtl, EagerFirst: true,
		Photo: func(dest string) (Photo, bool, error) {
			switch {
			case dest == "missing.jpg":
				return nil, false, errors.New("the photo is not in the folder")
			case strings.HasSuffix(dest, ".jpg"), strings.HasSuffix(dest, ".png"):
				return fakePhoto(dest), true, nil
			}
			return nil, false, nil
		}}
}

func TestPhotoAloneIsAFigureWithItsCaption(t *testing.T) {
	for _, c := range []struct {
		rtl  bool
		dir  string
		text string
	}{{false, "ltr", "Group photo"}, {true, "rtl", "صورة جماعية"}} {
		var out bytes.Buffer
		src := "Intro.\n\n![" + c.text + "](group.jpg \"" + c.text + " <2027>\")\n\nSee ![inline](/images/x.png) here, [the photo](group.jpg) and [notes](notes.pdf).\n"
		res := New().Convert(&out, []byte(src), photoDoc(c.rtl))
		got := out.String()
		for _, want := range []string{
			`<figure><picture data-src="group.jpg" data-alt="` + c.text + `" data-loading="eager"></picture><figcaption dir="` + c.dir + `">` + c.text + ` &lt;2027&gt;</figcaption></figure>`,
			`<picture data-src="/images/x.png" data-alt="inline" data-loading="lazy"></picture>`,
			`href="/big/group.jpg"`,
			`href="notes.pdf"`,
		} {
			if !strings.Contains(got, want) {
				t.Errorf("rtl=%v: output lacks %s:\n%s", c.rtl, want, got)
			}
		}
		if strings.Contains(got, "<p><figure") || strings.Contains(got, "<img") {
			t.Errorf("a figure inside a paragraph, or an <img> left:\n%s", got)
		}
		if len(res.Problems) != 0 {
			t.Errorf("problems: %v", res.Problems)
		}
		var imgs int
		for _, l := range res.Links {
			if l.Image {
				imgs++
			}
		}
		if imgs != 2 {
			t.Errorf("links = %+v, want two images", res.Links)
		}
	}
}

func TestPhotoFarDownLoadsLazily(t *testing.T) {
	var out bytes.Buffer
	New().Convert(&out, []byte("One.\n\nTwo.\n\nThree.\n\n![far](a.jpg)\n"), photoDoc(false))
	if !strings.Contains(out.String(), `data-loading="lazy"`) {
		t.Errorf("a photo in the fourth block loads at once:\n%s", out.String())
	}
	out.Reset()
	doc := photoDoc(false)
	doc.EagerFirst = false // a cover photo is above it
	New().Convert(&out, []byte("![near](a.jpg)\n"), doc)
	if !strings.Contains(out.String(), `data-loading="lazy"`) {
		t.Errorf("a photo under a cover loads at once:\n%s", out.String())
	}
}

func TestMissingPhotoIsAnErrorAtItsLine(t *testing.T) {
	var out bytes.Buffer
	res := New().Convert(&out, []byte("Text.\n\n![gone](missing.jpg)\n"), photoDoc(false))
	if len(res.Problems) != 1 || !strings.HasPrefix(res.Problems[0].Error(), "content/a/index.en.md:5: the photo is not in the folder") {
		t.Fatalf("problems = %v", res.Problems)
	}
	if strings.Contains(out.String(), "missing.jpg") {
		t.Errorf("the missing photo is still linked:\n%s", out.String())
	}
}

func TestPhotoAltAndCaptionAreSearchText(t *testing.T) {
	var out bytes.Buffer
	doc := photoDoc(false)
	doc.TextLimit = 200
	res := New().Convert(&out, []byte("![A signing](a.jpg \"At the ministry\")\n"), doc)
	if !strings.Contains(res.Text, "A signing") || !strings.Contains(res.Text, "At the ministry") {
		t.Errorf("text = %q", res.Text)
	}
}
