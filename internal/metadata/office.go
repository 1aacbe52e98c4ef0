package metadata

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"slices"
	"strings"
)

// An officeField is a piece of an office document's XML that names a
// person, or a place on their computer: the text of an element, or an
// attribute's value (attr), which may have to begin with prefix; named
// asks for an element whose name attribute (config:name) has this value.
// Only values with more than blanks count.
type officeField struct {
	elem, attr    string // local names; elem "" for any element
	prefix, named string
	detail        string // how a message names it; "" for its name as written
}

// officeFields are the pieces of office documents' XML that name people:
// in Word, Excel and PowerPoint files, in OpenDocument files and in EPUBs,
// wherever they are. Element and attribute names are matched without
// their namespace prefix.
var officeFields = []officeField{
	{elem: "creator"},                     // dc:creator: document properties (docProps/core.xml, meta.xml, EPUB), and the authors of OpenDocument comments and tracked changes
	{elem: "contributor"},                 // dc:contributor (EPUB, OpenDocument)
	{elem: "lastModifiedBy"},              // cp:lastModifiedBy (docProps/core.xml)
	{elem: "initial-creator"},             // meta:initial-creator (meta.xml)
	{elem: "printed-by"},                  // meta:printed-by (meta.xml)
	{elem: "user-defined"},                // meta:user-defined: a custom property (meta.xml)
	{elem: "property"},                    // a custom property (docProps/custom.xml)
	{elem: "Company"},                     // docProps/app.xml
	{elem: "Manager"},                     // docProps/app.xml
	{elem: "author"},                      // the authors of Excel's comments (xl/comments1.xml)
	{attr: "author"},                      // w:author of Word's comments and tracked changes, w15:author of its people
	{attr: "initials"},                    // w:initials of Word's comments, PowerPoint's comment authors
	{attr: "userId"},                      // the accounts (often an e-mail address) of Office 365 comment authors
	{attr: "userName"},                    // Excel: who protected the workbook, or made a tracked change
	{elem: "cmAuthor", attr: "name"},      // PowerPoint's comment authors (ppt/commentAuthors.xml)
	{elem: "author", attr: "name"},        // PowerPoint's comment authors (ppt/authors.xml)
	{elem: "userInfo", attr: "name"},      // Excel's users of a shared workbook
	{elem: "person", attr: "displayName"}, // Excel's people of threaded comments
	{elem: "absPath", attr: "url", detail: "the folder it was saved in"},                                         // Excel (xl/workbook.xml)
	{elem: "Relationship", attr: "Target", prefix: "file:", detail: "a link to a file on its author's computer"}, // Word's template, linked files
	{elem: "config-item", named: "PrinterName", detail: "PrinterName"},                                           // OpenDocument's settings.xml
}

// officeNeedles are the words one of the XML pieces above holds: a part
// with none of them is not parsed.
var officeNeedles = func() [][]byte {
	var out [][]byte
	for _, f := range officeFields {
		for _, n := range []string{f.elem, f.attr, f.named} {
			if n != "" && !slices.ContainsFunc(out, func(o []byte) bool { return string(o) == n }) {
				out = append(out, []byte(n))
			}
		}
	}
	return out
}()

// officeXML reads an XML part of an archive for the officeFields.
func (s *scanner) officeXML(b []byte) {
	if !containsAny(b, officeNeedles) {
		return
	}
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Strict = false
	var (
		depth   int
		capture *officeField // the element whose text is read
		name    string       // its name as written
		at      int          // its depth
		filled  bool
	)
	for {
		tok, err := d.RawToken()
		if err != nil {
			if !errors.Is(err, io.EOF) {
				s.unreadable("a part of it is not well-formed XML")
			}
			return
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			if f := s.officeAttrs(t); f != nil && capture == nil {
				capture, name, at, filled = f, qualified(t.Name), depth, false
				if n := attr(t, "name"); n != "" { // a custom property's
					name += " " + cleanName(n)
				}
			}
		case xml.CharData:
			if capture != nil && len(bytes.TrimSpace(t)) > 0 {
				filled = true
			}
		case xml.EndElement:
			if capture != nil && depth == at {
				if filled {
					s.add(Property, officeDetail(capture, name), true)
				}
				capture = nil
			}
			depth--
		}
	}
}

// officeAttrs records the attributes of an element that name a person, and
// returns the field whose text names one, if the element is one.
func (s *scanner) officeAttrs(t xml.StartElement) *officeField {
	var text *officeField
	for i := range officeFields {
		f := &officeFields[i]
		if f.elem != "" && f.elem != t.Name.Local {
			continue
		}
		if f.attr == "" {
			if f.named == "" || attr(t, "name") == f.named {
				text = f
			}
			continue
		}
		for _, a := range t.Attr {
			if a.Name.Local == f.attr && strings.TrimSpace(a.Value) != "" && strings.HasPrefix(a.Value, f.prefix) {
				name := qualified(a.Name)
				if f.elem != "" {
					name = qualified(t.Name) + "@" + name
				}
				s.add(Property, officeDetail(f, name), true)
			}
		}
	}
	return text
}

func officeDetail(f *officeField, name string) string {
	if f.detail != "" {
		return f.detail
	}
	return name
}

func attr(t xml.StartElement, local string) string {
	for _, a := range t.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// qualified is a name as written: "dc:creator".
func qualified(n xml.Name) string {
	if n.Space == "" {
		return cleanName(n.Local)
	}
	return cleanName(n.Space + ":" + n.Local)
}

func containsAny(b []byte, needles [][]byte) bool {
	for _, n := range needles {
		if bytes.Contains(b, n) {
			return true
		}
	}
	return false
}
