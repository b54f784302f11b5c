package chronicle

import (
	"errors"
	"fmt"
)

// Error codes. Each maps to one HTTP status in the server and one exit behaviour in the CLI.
const (
	EINVALID  = "invalid"  // bad input or arguments: the user can fix it
	ENOTFOUND = "notfound" // no such article, event, entity …
	ECONFLICT = "conflict" // the operation clashes with what is stored
	EINTERNAL = "internal" // a bug or an I/O failure
)

// Error is chronicle's coded error: Code says what kind of failure it is, Message says what
// happened in words a user understands, and Hint says what to do next.
type Error struct {
	Code    string
	Message string
	Hint    string
	Err     error // underlying cause, if any
}

func (e *Error) Error() string {
	s := e.Message
	if e.Err != nil {
		if s == "" {
			s = e.Err.Error()
		} else {
			s += ": " + e.Err.Error()
		}
	}
	if e.Hint != "" {
		s += " (" + e.Hint + ")"
	}
	return s
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error with the given code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL for other errors and
// "" for nil.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the user-facing message of err: the *Error's message and hint when there
// is one, else a generic message for internal errors.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Error()
	}
	return "internal error"
}

// InputError is a problem with one input record: which file, where in it, what is wrong and
// what to do. Readers return it for a bad record and go on with the next one.
type InputError struct {
	Path   string // file path, URL or "-" for standard input
	Line   int    // 1-based line (0 when not line-oriented)
	Offset int64  // byte offset in the file (-1 when unknown)
	Record string // record number or URI inside a container file, if any
	Err    error
	Hint   string
}

func (e *InputError) Error() string {
	s := e.Path
	if e.Line > 0 {
		s += fmt.Sprintf(":%d", e.Line)
	}
	if e.Record != "" {
		s += " record " + e.Record
	}
	if e.Offset >= 0 && e.Line == 0 {
		s += fmt.Sprintf(" (byte %d)", e.Offset)
	}
	s += ": " + e.Err.Error()
	if e.Hint != "" {
		s += "; " + e.Hint
	}
	return s
}

func (e *InputError) Unwrap() error { return e.Err }
