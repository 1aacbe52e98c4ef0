package site

import (
	"bytes"
	"errors"
	"io/fs"
	"unicode/utf8"

	"github.com/alaqsa-ira/site/internal/diag"
	"github.com/alaqsa-ira/site/internal/regular"
)

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// cleanText checks that data is UTF-8 text and normalises it: a UTF-8 byte
// order mark is dropped and CRLF and CR line ends become LF, so that a file
// saved on Windows builds the same site as one saved elsewhere. Line numbers
// are unchanged by the normalisation.
func cleanText(path string, data []byte) ([]byte, error) {
	if bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}) {
		return nil, diag.Errorf(path, 1, "the file is saved as UTF-16; save it as UTF-8 (in most editors: Save with Encoding, UTF-8)")
	}
	data = bytes.TrimPrefix(data, utf8BOM)
	if i := bytes.IndexByte(data, 0); i >= 0 {
		line, col := position(data, i)
		return nil, &diag.Error{Path: path, Line: line, Col: col, Msg: "the file contains a NUL byte: it is not a text file, or was saved in a wrong encoding"}
	}
	if !utf8.Valid(data) {
		i := firstInvalid(data)
		line, col := position(data, i)
		return nil, &diag.Error{Path: path, Line: line, Col: col, Msg: "the file is not valid UTF-8 here; save it as UTF-8"}
	}
	return normalize(data), nil
}

// normalize drops a UTF-8 byte order mark and makes CRLF and CR line ends
// LF.
func normalize(data []byte) []byte {
	data = bytes.TrimPrefix(data, utf8BOM)
	if bytes.IndexByte(data, '\r') >= 0 {
		data = bytes.ReplaceAll(data, []byte("\r\n"), []byte("\n"))
		data = bytes.ReplaceAll(data, []byte("\r"), []byte("\n"))
	}
	return data
}

func firstInvalid(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return len(b)
}

// position returns the 1-based line and column (in characters) of byte i.
func position(b []byte, i int) (line, col int) {
	line = 1 + bytes.Count(b[:i], []byte("\n"))
	start := bytes.LastIndexByte(b[:i], '\n') + 1
	return line, utf8.RuneCount(b[start:i]) + 1
}

// errText shortens file system errors to what an editor needs.
func errText(err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "the file does not exist"
	case errors.Is(err, fs.ErrPermission):
		return "permission denied"
	}
	var nr *regular.NotRegularError
	if errors.As(err, &nr) {
		return nr.Error()
	}
	return err.Error()
}
