// Package server serves a chronicle.Store over HTTP: a JSON API under /api/v1/ (see
// doc/json-api.md) and the web UI of package web, on net/http with Go 1.22 route patterns.
//
// Handlers return an error; one adapter (Server.adapt) turns it into a response, with the
// HTTP status of its chronicle error code from one table (statusOf): JSON for the API, an
// HTML page for the UI. The server takes any chronicle.Store and never imports a store driver.
package server

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"chronicle"
	"chronicle/web"
)

// Options configure a Server.
type Options struct {
	// Logger receives one line per request and the details of internal errors (discarded
	// when nil).
	Logger *slog.Logger
	// NoCache turns off the cache of API answers (kept until the store changes).
	NoCache bool
	// Concurrency is how many requests compute their answers at once; the others wait in
	// arrival order (0: one per core, at least 2). Answers from the cache do not wait.
	Concurrency int
}

// Server is the HTTP handler of `chronicle serve`.
type Server struct {
	store chronicle.Store
	log   *slog.Logger
	pages *web.Templates
	mux   *http.ServeMux
	// Now returns the current time (injected for tests).
	Now func() time.Time
	// cache keeps API answers until the store changes (nil: no caching).
	cache *cache
	// handler is mux behind the limiter.
	handler http.Handler
}

// New returns a server over st. It does not close st.
func New(st chronicle.Store, opt Options) (*Server, error) {
	pages, err := web.Parse()
	if err != nil {
		return nil, err
	}
	log := opt.Logger
	if log == nil {
		log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	s := &Server{store: st, log: log, pages: pages, mux: http.NewServeMux(), Now: time.Now}
	if !opt.NoCache {
		s.cache = newCache()
	}
	s.routes()
	s.handler = newLimiter(opt.Concurrency).wrap(s.mux)
	return s, nil
}

func (s *Server) routes() {
	// JSON API.
	s.handle("GET /api/v1/{$}", s.apiIndex)
	s.handle("GET /api/v1/stats", s.apiStats)
	s.handle("GET /api/v1/articles", s.apiArticles)
	s.handle("GET /api/v1/articles/{id}", s.apiArticle)
	s.handle("GET /api/v1/events", s.apiEvents)
	s.handle("GET /api/v1/events/{id}", s.apiEvent)
	s.handle("GET /api/v1/quotes", s.apiQuotes)
	s.handle("GET /api/v1/entities", s.apiEntities)
	s.handle("GET /api/v1/entities/{name}", s.apiEntity)
	s.handle("GET /api/v1/timeline", s.apiTimeline)
	s.handle("GET /api/v1/search", s.apiSearch)
	s.handle("GET /api/v1/clusters", s.apiClusters)
	s.handle("GET /api/v1/clusters/{id}", s.apiCluster)
	s.handle("GET /api/v1/claims", s.apiClaims)
	s.handle("GET /api/", func(w http.ResponseWriter, r *http.Request) error {
		return &chronicle.Error{Code: chronicle.ENOTFOUND, Message: "no such API endpoint: " + r.Method + " " + r.URL.Path,
			Hint: "GET /api/v1/ lists the endpoints"}
	})

	// Web UI.
	s.handle("GET /{$}", s.pageHome)
	s.handle("GET /search", s.pageSearch)
	s.handle("GET /articles/{id}", s.pageArticle)
	s.handle("GET /entities", s.pageEntities)
	s.handle("GET /entities/{name}", s.pageEntity)
	s.handle("GET /timeline", s.pageTimeline)
	s.handle("GET /quotes", s.pageQuotes)
	s.handle("GET /events", s.pageEvents)
	s.handle("GET /claims", s.pageClaims)
	static := http.StripPrefix("/static/", http.FileServerFS(web.Static()))
	s.mux.Handle("GET /static/", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=3600")
		static.ServeHTTP(w, r)
	}))
	s.mux.HandleFunc("GET /favicon.ico", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/static/favicon.svg", http.StatusMovedPermanently)
	})
	s.mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		io.WriteString(w, "ok\n")
	})
	s.handle("GET /", func(w http.ResponseWriter, r *http.Request) error {
		return &chronicle.Error{Code: chronicle.ENOTFOUND, Message: "there is no page at " + r.URL.Path,
			Hint: "use the search box, or start from the start page"}
	})
}

// ServeHTTP serves a request with security headers, panic recovery and a log line.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	h := w.Header()
	// Article text is untrusted: no inline script or style may run, whatever slips through.
	h.Set("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "+
		"connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "same-origin")
	h.Set("X-Frame-Options", "DENY")
	rw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
	defer func() {
		if v := recover(); v != nil {
			if v == http.ErrAbortHandler {
				panic(v)
			}
			s.log.Error("panic", "method", r.Method, "path", r.URL.Path, "panic", v)
			if !rw.wrote {
				s.fail(rw, r, errors.New("panic"))
			}
		}
		s.log.Info("request", "method", r.Method, "path", r.URL.Path, "query", r.URL.RawQuery, "status", rw.status,
			"ms", float64(time.Since(start).Microseconds())/1000)
	}()
	s.cached(rw, r, s.handler)
}

// statusWriter records the status of a response for the log.
type statusWriter struct {
	http.ResponseWriter
	status int
	wrote  bool
}

func (w *statusWriter) WriteHeader(code int) {
	if !w.wrote {
		w.status, w.wrote = code, true
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	w.wrote = true
	return w.ResponseWriter.Write(b)
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// isAPI reports whether a request is for the JSON API (errors are JSON) rather than a page.
func isAPI(r *http.Request) bool { return strings.HasPrefix(r.URL.Path, "/api/") }

// ctxErr reports whether err only says that the client went away.
func ctxErr(err error) bool {
	return errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}
