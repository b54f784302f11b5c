package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"runtime/debug"
	"time"

	"chronicle/server"
)

// serve runs the HTTP JSON API and web UI until ctx ends (SIGINT or SIGTERM), then shuts
// down gracefully: it stops accepting connections and lets requests in flight finish.
func (m *Main) serve(ctx context.Context, args []string) error {
	fs := m.newFlagSet("serve", "[flags]", "Serve the web UI and the JSON API (/api/v1/, see doc/json-api.md) over HTTP.\n"+
		"The database may be written by 'chronicle ingest' at the same time; pages show what is stored when they load.\n"+
		"Stop with Ctrl-C (or SIGTERM): requests in flight are finished first.")
	var sf storeFlags
	sf.register(fs)
	addr := fs.String("addr", "localhost:8080", "address to listen on, host:port (:8080 listens on every interface)")
	quiet := fs.Bool("quiet", false, "log errors only, not every request")
	grace := fs.Duration("grace", 10*time.Second, "how long shutdown waits for requests in flight")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return &usageError{message: fmt.Sprintf("serve takes no arguments, got %q", fs.Args()), hint: "chronicle serve --addr :8080 --db FILE"}
	}
	// A server's heap is small and its garbage short-lived: collecting less often saves about
	// 15% of the CPU per request (server/internal/load) for a few MB more.
	debug.SetGCPercent(200)
	st, err := openStore(ctx, sf.DB, true)
	if err != nil {
		return err
	}
	defer st.Close()
	level := slog.LevelInfo
	if *quiet {
		level = slog.LevelWarn
	}
	log := slog.New(slog.NewTextHandler(m.Stderr, &slog.HandlerOptions{Level: level}))
	srv, err := server.New(formsStore{st}, server.Options{Logger: log})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return &usageError{message: fmt.Sprintf("cannot listen on %s: %v", *addr, err), hint: "pick another port: --addr localhost:8081"}
	}
	hs := &http.Server{
		Handler:           srv,
		ReadHeaderTimeout: 10 * time.Second,
		IdleTimeout:       2 * time.Minute,
		BaseContext:       func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	fmt.Fprintf(m.Stderr, "chronicle: serving %s on http://%s/ (Ctrl-C stops)\n", sf.DB, ln.Addr())
	done := make(chan error, 1)
	go func() { done <- hs.Serve(ln) }()
	select {
	case err := <-done:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	fmt.Fprintln(m.Stderr, "chronicle: shutting down")
	sctx, cancel := context.WithTimeout(context.Background(), *grace)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil {
		hs.Close()
		return fmt.Errorf("serve: shutdown: %w", err)
	}
	if err := <-done; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	return nil
}
