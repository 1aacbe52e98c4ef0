// Package diag holds the one error type that points into a source file.
//
// Anything an editor can get wrong (a front matter key, a YAML value, a link
// in Markdown, a template) is reported as an *Error carrying the file's path
// relative to the site root, a 1-based line and optional column, and a message
// that says what is wrong and how to fix it. Errors are collected rather than
// returned at the first one, so that a build reports every mistake at once;
// Join and Flatten move between one error value and the list, and Sort puts a
// list in the order the files and lines appear.
package diag

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Severity says whether a finding stops the build.
type Severity int

const (
	// SevError stops the build and makes the command exit 1.
	SevError Severity = iota
	// SevWarning is reported but does not stop the build.
	SevWarning
)

func (s Severity) String() string {
	if s == SevWarning {
		return "warning"
	}
	return "error"
}

// Error is a problem at a place in a source file.
type Error struct {
	Path     string // slash-separated, relative to the site root
	Line     int    // 1-based; 0 when the whole file is meant
	Col      int    // 1-based; 0 when unknown
	Severity Severity
	Msg      string // what is wrong and how to fix it
	Err      error  // the underlying cause, if any
	// Title heads the annotation on a pull request ("" for none).
	Title string
}

// Errorf returns an *Error at path:line with a formatted message.
func Errorf(path string, line int, format string, args ...any) *Error {
	return &Error{Path: path, Line: line, Msg: fmt.Sprintf(format, args...)}
}

// Warnf returns a warning at path:line with a formatted message.
func Warnf(path string, line int, format string, args ...any) *Error {
	return &Error{Path: path, Line: line, Severity: SevWarning, Msg: fmt.Sprintf(format, args...)}
}

// Error formats the error as path:line:col: message, leaving out a zero line
// or column.
func (e *Error) Error() string {
	if e.Severity == SevWarning {
		return e.position() + ": warning: " + e.Msg
	}
	return e.position() + ": " + e.Msg
}

// position is path:line:col, leaving out a zero line or column.
func (e *Error) position() string {
	s := e.Path
	if e.Line > 0 {
		s += fmt.Sprintf(":%d", e.Line)
		if e.Col > 0 {
			s += fmt.Sprintf(":%d", e.Col)
		}
	}
	return s
}

// Unwrap returns the underlying cause.
func (e *Error) Unwrap() error { return e.Err }

// Flatten returns the leaves of err: the errors joined by errors.Join (at any
// depth) in order. An error that wraps a joined list through fmt.Errorf with
// %w is kept whole, so its context is not lost.
func Flatten(err error) []error {
	if err == nil {
		return nil
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var out []error
		for _, e := range j.Unwrap() {
			out = append(out, Flatten(e)...)
		}
		return out
	}
	return []error{err}
}

// Sort orders errors by path, line and column; errors without a position come
// last, in their original order.
func Sort(errs []error) {
	slices.SortStableFunc(errs, func(a, b error) int {
		var ea, eb *Error
		okA, okB := errors.As(a, &ea), errors.As(b, &eb)
		switch {
		case okA && okB:
			if c := strings.Compare(ea.Path, eb.Path); c != 0 {
				return c
			}
			if ea.Line != eb.Line {
				return ea.Line - eb.Line
			}
			if ea.Col != eb.Col {
				return ea.Col - eb.Col
			}
			return strings.Compare(ea.Msg, eb.Msg)
		case okA:
			return -1
		case okB:
			return 1
		}
		return 0
	})
}

// Join sorts errs and joins them into one error, or returns nil for none.
func Join(errs []error) error {
	if len(errs) == 0 {
		return nil
	}
	errs = slices.Clone(errs)
	Sort(errs)
	return errors.Join(errs...)
}

// Split separates warnings from errors.
func Split(errs []error) (errorsOnly, warnings []error) {
	for _, err := range errs {
		var e *Error
		if errors.As(err, &e) && e.Severity == SevWarning {
			warnings = append(warnings, err)
			continue
		}
		errorsOnly = append(errorsOnly, err)
	}
	return errorsOnly, warnings
}

// Format writes err as path:line:col: error|warning: message, naming the
// severity even for errors (site check's format).
func Format(err error) string {
	var e *Error
	if !errors.As(err, &e) {
		return "error: " + err.Error()
	}
	return e.position() + ": " + e.Severity.String() + ": " + e.Msg
}

// Annotation writes err as a GitHub Actions workflow command, so that it
// shows on the pull request beside the line it is about.
func Annotation(err error) string {
	var e *Error
	if !errors.As(err, &e) {
		return "::error::" + escapeData(err.Error())
	}
	var b strings.Builder
	b.WriteString("::" + e.Severity.String() + " file=" + escapeProperty(e.Path))
	if e.Line > 0 {
		fmt.Fprintf(&b, ",line=%d", e.Line)
		if e.Col > 0 {
			fmt.Fprintf(&b, ",col=%d", e.Col)
		}
	}
	if e.Title != "" {
		b.WriteString(",title=" + escapeProperty(e.Title))
	}
	b.WriteString("::" + escapeData(e.Msg))
	return b.String()
}

func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
