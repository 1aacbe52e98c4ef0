package layout

import (
	"errors"
	"fmt"
	"html/template"
	"io"
	"iter"
	"reflect"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	ttemplate "text/template"
	"text/template/parse"
	"time"

	"github.com/alaqsa-ira/site/internal/diag"
)

// Layouts are the site's own code, but a mistake in one must not hang or
// crash the build, and above all not the dev server. Three things can go
// wrong that html/template does not stop in time:
//
//   - a partial that includes itself through partialCached, directly or
//     through others: each level is a new execution, so nothing counts
//     them until the goroutine's stack overflows, which ends the program;
//   - a template that includes itself with {{template}} (or {{block}}):
//     text/template stops at 100,000 levels, but an error unwinding through
//     as many {{range}} levels takes hours;
//   - a loop that never ends, or one over far too much:
//     {{range $i := 1000000000}}{{end}} runs for minutes and writes nothing.
//
// So every layout's parse trees are changed at load: each {{range}} takes
// its value through the function _range, which checks that the render may
// go on and turns a number into a sequence that checks it at every turn;
// each {{template}} takes its value through _nest, which checks it too.
// Inside a {{range}}, {{template}} goes through _nestInLoop, which also
// checks the depth of the goroutine's stack, as partialCached does once
// many partials are being rendered at once. (Walking the stack costs a few
// microseconds, too much for every include. A loop of includes that
// crosses no {{range}} is stopped by text/template at 100,000 levels,
// which it unwinds in a moment; and any such loop that crosses a {{range}}
// does so through an include inside it.) A render that goes on
// too long is stopped: a timer aborts the set, and the render stops at its
// next loop turn, include or write, with an error naming the layout and
// line it was at. Any abort (a timeout, or the build's context ending)
// stops every render of the set, which is what a failing build wants.
//
// What this does not stop: a single {{range}} over a long list of data with
// nothing in its body that loops, includes or writes (it ends with the
// list), and the work of one call to a function or method. No goroutine is
// ever left running.

// DefaultTimeout is how long one page may take to render by default.
const DefaultTimeout = 30 * time.Second

// maxFrames bounds the goroutine's stack where a layout includes another.
// A level of {{template}} takes 3 frames, 7 inside a {{range}}, and a level
// of partialCached 13; this project's layouts never go past 60 frames. A
// layout that includes itself is stopped after 75 to 330 levels, which
// an error unwinds in a moment.
const maxFrames = 1000

// ErrAborted is wrapped by the errors of renders stopped because the set
// was aborted (see Abort): they are the consequence of another failure.
var ErrAborted = errors.New("the render was stopped")

type guard struct {
	aborted atomic.Pointer[error]
	// partials counts the partialCached renders in progress on all
	// goroutines: beyond a few per core, a partial may be including
	// itself, and the stack is checked.
	partials atomic.Int64
}

// Abort stops the renders in progress and refuses new ones until Reset.
// err says why; the renders' errors wrap ErrAborted and err.
func (s *Set) Abort(err error) {
	if err == nil {
		err = ErrAborted
	}
	s.guard.abort(err)
}

func (g *guard) abort(err error) { g.aborted.CompareAndSwap(nil, &err) }

// Reset forgets what partialCached rendered and a past Abort, for a new
// build.
func (s *Set) Reset() {
	s.ResetCache()
	s.guard.aborted.Store(nil)
}

// stopErr returns the error renders must stop with, or nil.
func (g *guard) stopErr() error {
	if p := g.aborted.Load(); p != nil {
		return fmt.Errorf("%w: %w", ErrAborted, *p)
	}
	return nil
}

// guardError is a render stopped at a place in a layout: where is
// "file:line:col" (relative to layouts/), or "" when not known.
type guardError struct {
	where string
	err   error
}

func (e *guardError) Error() string { return e.err.Error() }
func (e *guardError) Unwrap() error { return e.err }

// maxOutput bounds what one execution writes: a loop that writes without
// end would fill the memory long before its time is up.
const maxOutput = 64 << 20

// guardedWriter fails a write once the set is aborted, or once more than
// maxOutput bytes were written, which ends the execution that writes.
type guardedWriter struct {
	w       io.Writer
	g       *guard
	written int
}

func (w *guardedWriter) Write(b []byte) (int, error) {
	if err := w.g.stopErr(); err != nil {
		return 0, &guardError{err: err}
	}
	if w.written += len(b); w.written > maxOutput {
		return 0, errTooLarge
	}
	return w.w.Write(b)
}

var errTooLarge = fmt.Errorf("the page is larger than %d MiB: a loop that writes without end, or over far too much?", maxOutput>>20)

// rangeHook is _range: it stops the render when the set is aborted, and
// turns a number to range over into a sequence that checks at every turn.
func (g *guard) rangeHook(where string, v reflect.Value) (reflect.Value, error) {
	if err := g.stopErr(); err != nil {
		return v, &guardError{where, err}
	}
	for v.IsValid() && (v.Kind() == reflect.Interface || v.Kind() == reflect.Pointer) && !v.IsNil() {
		v = v.Elem()
	}
	if !v.IsValid() {
		return v, nil
	}
	switch v.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return reflect.ValueOf(count(g, where, v.Int())), nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		n := v.Uint()
		if n > 1<<62 {
			n = 1 << 62
		}
		return reflect.ValueOf(count(g, where, int64(n))), nil
	}
	return v, nil
}

// range2Hook is _range2, rangeHook for a {{range}} that declares an index
// and a value.
func (g *guard) range2Hook(where string, v reflect.Value) (reflect.Value, error) {
	if err := g.stopErr(); err != nil {
		return v, &guardError{where, err}
	}
	return v, nil
}

// count is 0..n-1, stopping the render (by a panic that text/template
// turns into the error of the execution) when the set is aborted.
func count(g *guard, where string, n int64) iter.Seq[int] {
	return func(yield func(int) bool) {
		for i := int64(0); i < n; i++ {
			if err := g.stopErr(); err != nil {
				panic(ttemplate.ExecError{Name: where, Err: &guardError{where, err}})
			}
			if !yield(int(i)) {
				return
			}
		}
	}
}

// nestHook is _nest, through which a {{template}} takes its value: it
// stops the render when the set is aborted.
func (g *guard) nestHook(where, name string, v ...reflect.Value) (reflect.Value, error) {
	if err := g.stopErr(); err != nil {
		return reflect.Value{}, &guardError{where, err}
	}
	if len(v) == 0 {
		return reflect.Value{}, nil
	}
	return v[0], nil
}

// nestInLoopHook is _nestInLoop, nestHook for a {{template}} inside a
// {{range}}: it also stops the render when the layouts nest too deeply.
func (g *guard) nestInLoopHook(where, name string, v ...reflect.Value) (reflect.Value, error) {
	if tooDeep() {
		return reflect.Value{}, &nestError{where: where, chain: []string{name}, template: true, levels: levels()}
	}
	return g.nestHook(where, name, v...)
}

// enterPartial counts a partialCached render and reports whether the
// layouts nest too deeply; leavePartial must follow.
func (g *guard) enterPartial() bool {
	return g.partials.Add(1) > int64(8*runtime.GOMAXPROCS(0)) && tooDeep()
}

func (g *guard) leavePartial() { g.partials.Add(-1) }

// tooDeep reports whether the goroutine's stack is deeper than maxFrames.
func tooDeep() bool {
	var pc [1]uintptr
	return runtime.Callers(maxFrames, pc[:]) > 0
}

// nestError is layouts including each other without end: chain names
// what was included, outermost first, and where the innermost include is.
type nestError struct {
	where    string
	chain    []string
	template bool // by {{template}}; else by partialCached
	levels   int
}

func (e *nestError) Error() string {
	chain := e.chain
	if len(chain) > 6 {
		chain = append(chain[:5:5], "…")
	}
	how := "partialCached"
	if e.template {
		how = "{{template}}"
	}
	return fmt.Sprintf("layouts include each other without end (through %s, %d levels deep here: %s); make the include stop, with an {{if}} around it, or remove it",
		how, e.levels, strings.Join(chain, " → "))
}

// levels counts the layouts being executed on the goroutine's stack: the
// {{template}} includes and the partialCached renders.
func levels() int {
	pcs := make([]uintptr, maxFrames+100)
	frames := runtime.CallersFrames(pcs[:runtime.Callers(0, pcs)])
	n := 0
	for {
		f, more := frames.Next()
		if strings.HasSuffix(f.Function, "text/template.(*state).walkTemplate") || strings.HasSuffix(f.Function, "layout.(*partialCache).execute") {
			n++
		}
		if !more {
			return n
		}
	}
}

// outer adds the partial that included the one that failed, and the
// place of the include when not known yet.
func (e *nestError) outer(name string, err error) {
	if e.where == "" {
		if m := tmplPos.FindStringSubmatch(err.Error()); m != nil {
			e.where = m[1] + ":" + m[2]
		}
	}
	e.chain = append([]string{name}, e.chain...)
}

// diagError turns a guard's error into a positioned error: at where, or in
// the file of the layout being rendered.
func diagError(where, layout string, err error) error {
	path, line := layout, 0
	if where != "" {
		parts := strings.SplitN(where, ":", 3)
		path = parts[0]
		if len(parts) > 1 {
			line, _ = strconv.Atoi(parts[1])
		}
	}
	return &diag.Error{Path: Dir + "/" + path, Line: line, Msg: err.Error(), Err: err}
}

// timeoutError is a render stopped by its time limit.
type timeoutError struct{ limit time.Duration }

func (e timeoutError) Error() string {
	return fmt.Sprintf("rendering the page took longer than %s and was stopped here: a loop that never ends, or one over far too much? (--render-timeout changes the limit)", e.limit)
}

// guardTrees changes the parse trees of every template associated with t
// as the package's guard needs (see above). It can be run more than once.
func guardTrees(t *template.Template) {
	for _, x := range t.Templates() {
		if tr := x.Tree; tr != nil && tr.Root != nil {
			guardNode(tr, tr.Root, false)
		}
	}
}

// guardNode changes the tree under n; inLoop says n is in a {{range}}.
func guardNode(tr *parse.Tree, n parse.Node, inLoop bool) {
	switch n := n.(type) {
	case *parse.ListNode:
		if n == nil {
			return
		}
		for _, c := range n.Nodes {
			guardNode(tr, c, inLoop)
		}
	case *parse.IfNode:
		guardNode(tr, n.List, inLoop)
		guardNode(tr, n.ElseList, inLoop)
	case *parse.WithNode:
		guardNode(tr, n.List, inLoop)
		guardNode(tr, n.ElseList, inLoop)
	case *parse.RangeNode:
		if !hooked(n.Pipe) {
			where, _ := tr.ErrorContext(n)
			fn := "_range"
			if len(n.Pipe.Decl) > 1 {
				fn = "_range2" // an index and a value: no number to count
			}
			// An error in the loop quotes the last argument evaluated:
			// let it read as the loop's own pipeline.
			h := hook(tr, n.Pipe.Pos, fn, where)
			h.Args[1].(*parse.StringNode).Quoted = n.Pipe.String()
			n.Pipe.Cmds = append(n.Pipe.Cmds, h)
		}
		guardNode(tr, n.List, true)
		guardNode(tr, n.ElseList, inLoop)
	case *parse.TemplateNode:
		if n.Pipe == nil {
			n.Pipe = &parse.PipeNode{NodeType: parse.NodePipe, Pos: n.Pos, Line: n.Line}
		}
		if !hooked(n.Pipe) {
			fn := "_nest"
			if inLoop {
				fn = "_nestInLoop"
			}
			where, _ := tr.ErrorContext(n)
			n.Pipe.Cmds = append(n.Pipe.Cmds, hook(tr, n.Pos, fn, where, n.Name))
		}
	}
}

// hooked reports whether the pipe ends with a call to one of the guard's
// functions.
func hooked(p *parse.PipeNode) bool {
	if len(p.Cmds) == 0 {
		return false
	}
	args := p.Cmds[len(p.Cmds)-1].Args
	id, ok := args[0].(*parse.IdentifierNode)
	return ok && strings.HasPrefix(id.Ident, "_")
}

// hook is the command fn "arg"..., to end a pipe with.
func hook(tr *parse.Tree, pos parse.Pos, fn string, args ...string) *parse.CommandNode {
	cmd := &parse.CommandNode{NodeType: parse.NodeCommand, Pos: pos}
	cmd.Args = append(cmd.Args, parse.NewIdentifier(fn).SetTree(tr).SetPos(pos))
	for _, a := range args {
		cmd.Args = append(cmd.Args, &parse.StringNode{NodeType: parse.NodeString, Pos: pos, Quoted: strconv.Quote(a), Text: a})
	}
	return cmd
}
