package server

import (
	"bytes"
	"net/http"
	"runtime"
	"strings"
	"sync"
)

// limiter lets a few requests at a time compute their answers and queues the others in
// arrival order. Under many concurrent clients the store and the encoding of answers share
// a few cores: running everything at once would make every answer wait for all the others
// (and the pool of database connections hands its connections to waiters in random order),
// while a queue makes each wait only for those that came before it. An answer is computed
// into memory (up to maxBuffered bytes) and sent after its request has left the queue, so
// that a slow reader does not hold a place.
type limiter chan struct{}

// maxBuffered is the most bytes of an answer kept before it is sent.
const maxBuffered = 4 << 20

// newLimiter returns a limiter of n requests at a time (one per core when n ≤ 0: the work is
// computing, the store's file being read through memory).
func newLimiter(n int) limiter {
	if n <= 0 {
		n = max(runtime.GOMAXPROCS(0), 2)
	}
	return make(limiter, n)
}

// wrap returns next with the requests for pages and the API limited (static files and the
// health check are not).
func (l limiter) wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/static/") || r.URL.Path == "/healthz" {
			next.ServeHTTP(w, r)
			return
		}
		select {
		case l <- struct{}{}: // goroutines blocked on a channel send are woken in order
		case <-r.Context().Done():
			return
		}
		bw := &bufferedWriter{ResponseWriter: w}
		func() {
			defer func() { <-l }()
			next.ServeHTTP(bw, r)
		}()
		bw.flush()
		if bw.owned != nil {
			putBuffer(bw.owned)
		}
	})
}

// buffers recycles the memory of answers written with writeOwned.
var buffers sync.Pool

// getBuffer returns an empty byte slice of at least n bytes of capacity.
func getBuffer(n int) []byte {
	if b, ok := buffers.Get().(*[]byte); ok && cap(*b) >= n {
		return (*b)[:0]
	}
	return make([]byte, 0, n)
}

func putBuffer(b []byte) {
	if cap(b) <= maxBuffered {
		b = b[:0]
		buffers.Put(&b)
	}
}

// writeBody writes a whole answer body b obtained from getBuffer: handed over without a copy to
// a bufferedWriter (which recycles it), written and recycled otherwise.
func writeBody(w http.ResponseWriter, b []byte) error {
	if bw, ok := w.(*bufferedWriter); ok && !bw.through && bw.buf.Len() == 0 && bw.owned == nil {
		if bw.status == 0 {
			bw.status = http.StatusOK
		}
		bw.owned = b
		return nil
	}
	_, err := w.Write(b)
	putBuffer(b)
	return err
}

// bufferedWriter keeps a response in memory until flush, or until it grows past maxBuffered
// (from then on it writes through).
type bufferedWriter struct {
	http.ResponseWriter
	status  int
	buf     bytes.Buffer
	owned   []byte // a body handed over by writeBody (before buf)
	through bool
}

func (b *bufferedWriter) WriteHeader(code int) {
	if b.status == 0 {
		b.status = code
	}
}

func (b *bufferedWriter) Write(p []byte) (int, error) {
	if b.status == 0 {
		b.status = http.StatusOK
	}
	if !b.through && b.owned == nil && b.buf.Len()+len(p) <= maxBuffered {
		return b.buf.Write(p)
	}
	if err := b.flush(); err != nil {
		return 0, err
	}
	return b.ResponseWriter.Write(p)
}

// flush sends the status and what is buffered, and makes the writer write through.
func (b *bufferedWriter) flush() error {
	if b.through {
		return nil
	}
	b.through = true
	if b.status == 0 {
		return nil // nothing was written: net/http sends an empty 200
	}
	b.ResponseWriter.WriteHeader(b.status)
	if b.owned != nil {
		if _, err := b.ResponseWriter.Write(b.owned); err != nil {
			return err
		}
	}
	_, err := b.ResponseWriter.Write(b.buf.Bytes())
	b.buf = bytes.Buffer{}
	return err
}

func (b *bufferedWriter) Unwrap() http.ResponseWriter { return b.ResponseWriter }
