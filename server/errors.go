package server

import (
	"encoding/json"
	"errors"
	"net/http"

	"chronicle"
	"chronicle/web"
)

// statusOf maps chronicle error codes to HTTP statuses: the one table of the server.
var statusOf = map[string]int{
	chronicle.EINVALID:  http.StatusBadRequest,
	chronicle.ENOTFOUND: http.StatusNotFound,
	chronicle.ECONFLICT: http.StatusConflict,
	chronicle.EINTERNAL: http.StatusInternalServerError,
}

// handlerFunc is a handler that returns its error instead of writing it.
type handlerFunc func(w http.ResponseWriter, r *http.Request) error

// handle registers h for pattern through the adapter.
func (s *Server) handle(pattern string, h handlerFunc) {
	s.mux.Handle(pattern, s.adapt(h))
}

// adapt turns a handlerFunc into an http.Handler: a returned error becomes the response.
func (s *Server) adapt(h handlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := h(w, r); err != nil {
			s.fail(w, r, err)
		}
	})
}

// errorBody is the JSON form of an error: {"error": {"code": …, "message": …, "hint": …}}.
type errorBody struct {
	Error apiError `json:"error"`
}

type apiError struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	Hint    string `json:"hint,omitempty"`
}

// fail writes err as a response: its code's status, and its message and hint for the user.
// Internal errors are logged with their details; the client only learns that one happened.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	code := chronicle.ErrorCode(err)
	status, ok := statusOf[code]
	if !ok {
		status = http.StatusInternalServerError
	}
	body := apiError{Code: code, Message: "internal error", Hint: "try again; if it persists, the server log says more"}
	var e *chronicle.Error
	if errors.As(err, &e) && code != chronicle.EINTERNAL {
		body.Message, body.Hint = e.Message, e.Hint
		if body.Message == "" && e.Err != nil {
			body.Message = e.Err.Error()
		}
	}
	switch {
	case ctxErr(err) && r.Context().Err() != nil:
		return // the client went away: nobody reads the answer
	case status >= 500:
		s.log.Error("request failed", "method", r.Method, "path", r.URL.Path, "query", r.URL.RawQuery, "err", err)
	}
	if isAPI(r) {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.WriteHeader(status)
		json.NewEncoder(w).Encode(errorBody{Error: body})
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	page := web.ErrorPage{Page: web.Page{Title: body.Message, Query: r.URL.Query().Get("q")}, Status: status, Code: body.Code,
		Message: body.Message, Hint: body.Hint}
	if err := s.pages.Render(w, "error", page); err != nil {
		s.log.Error("rendering the error page", "err", err)
	}
}

// invalid returns an EINVALID error with a hint.
func invalid(hint, format string, args ...any) error {
	e := chronicle.Errorf(chronicle.EINVALID, format, args...)
	e.Hint = hint
	return e
}
