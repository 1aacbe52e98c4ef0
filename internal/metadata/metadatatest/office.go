package metadatatest

import (
	"archive/zip"
	"bytes"
	"fmt"
	"slices"
)

// Zip returns an archive of the files, in the order given: deflated, or
// stored as they are when Stored is set.
func Zip(files ...File) []byte {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, f := range files {
		method := zip.Deflate
		if f.Stored {
			method = zip.Store
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: method})
		if err != nil {
			panic(err)
		}
		w.Write(f.Data)
	}
	if err := zw.Close(); err != nil {
		panic(err)
	}
	return b.Bytes()
}

// withFiles returns base with each of over in place of the file of its
// name, or added after.
func withFiles(base []File, over []File) []File {
	out := slices.Clone(base)
	for _, f := range over {
		if i := slices.IndexFunc(out, func(o File) bool { return o.Name == f.Name }); i >= 0 {
			out[i] = f
		} else {
			out = append(out, f)
		}
	}
	return out
}

// CoreXML returns the document properties of an Office file
// (docProps/core.xml) naming its creator and last author ("" for none).
func CoreXML(creator, lastModifiedBy string) []byte {
	return fmt.Appendf(nil, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>Application form (example)</dc:title><dc:creator>%s</dc:creator><cp:lastModifiedBy>%s</cp:lastModifiedBy><cp:revision>2</cp:revision><dcterms:created xsi:type="dcterms:W3CDTF">2026-10-01T09:00:00Z</dcterms:created></cp:coreProperties>`, creator, lastModifiedBy)
}

// DOCX returns a Word document with one paragraph and no one's name in it;
// files replace its parts or are added to it (a picture in word/media/).
func DOCX(files ...File) []byte {
	return Zip(withFiles([]File{
		{Name: "[Content_Types].xml", Data: []byte(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="jpeg" ContentType="image/jpeg"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>`)},
		{Name: "_rels/.rels", Data: []byte(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/></Relationships>`)},
		{Name: "word/document.xml", Data: []byte(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Application form for exchange students (an example).</w:t></w:r></w:p></w:body></w:document>`)},
		{Name: "docProps/core.xml", Data: CoreXML("", "")},
		{Name: "docProps/app.xml", Data: []byte(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>Microsoft Office Word</Application><Pages>1</Pages><Company></Company></Properties>`)},
	}, files)...)
}

// TrackedChange is the text of a Word document with a tracked insertion by
// a named author.
var TrackedChange = []byte(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:ins w:id="1" w:author="Example Editor" w:date="2026-10-01T09:00:00Z"><w:r><w:t>Added.</w:t></w:r></w:ins></w:p></w:body></w:document>`)

// MetaXML returns the properties of an OpenDocument file (meta.xml)
// naming its first author and last one ("" for none).
func MetaXML(initialCreator, creator string) []byte {
	return fmt.Appendf(nil, `<?xml version="1.0" encoding="UTF-8"?>
<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3"><office:meta><meta:generator>LibreOffice</meta:generator><meta:initial-creator>%s</meta:initial-creator><dc:creator>%s</dc:creator><meta:editing-cycles>3</meta:editing-cycles></office:meta></office:document-meta>`, initialCreator, creator)
}

// ODT returns an OpenDocument text with no one's name in it; files replace
// its parts or are added to it (a picture in Pictures/).
func ODT(files ...File) []byte {
	return Zip(withFiles([]File{
		{Name: "mimetype", Data: []byte("application/vnd.oasis.opendocument.text"), Stored: true},
		{Name: "META-INF/manifest.xml", Data: []byte(`<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/><manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/></manifest:manifest>`)},
		{Name: "content.xml", Data: []byte(`<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3"><office:body><office:text><text:p>A call for partners (an example).</text:p></office:text></office:body></office:document-content>`)},
		{Name: "meta.xml", Data: MetaXML("", "")},
	}, files)...)
}
