package server

import (
	"bytes"
	lru "container/list"
	"context"
	"net/http"
	"strings"
	"sync"
)

// versioned is a store that tells when its content changed (sqlite.Store.DataVersion).
type versioned interface {
	DataVersion(ctx context.Context) (int64, error)
}

// cache keeps the answers of GET /api/v1/ requests until the store changes: the answer to a
// URL is computed once per store version. Bounded by entries and bytes, least recently used
// first out.
type cache struct {
	mu      sync.Mutex
	version int64
	ll      *lru.List // of *entry, most recent first
	byKey   map[string]*lru.Element
	bytes   int

	maxEntries, maxBytes, maxBody int
}

type entry struct {
	key    string
	status int
	header http.Header
	body   []byte
}

func newCache() *cache {
	return &cache{ll: lru.New(), byKey: map[string]*lru.Element{}, maxEntries: 4096, maxBytes: 64 << 20, maxBody: 1 << 20}
}

// get returns the entry for key at store version v, dropping everything when v is newer.
func (c *cache) get(key string, v int64) *entry {
	c.mu.Lock()
	defer c.mu.Unlock()
	if v != c.version {
		c.ll.Init()
		clear(c.byKey)
		c.bytes = 0
		c.version = v
		return nil
	}
	el, ok := c.byKey[key]
	if !ok {
		return nil
	}
	c.ll.MoveToFront(el)
	return el.Value.(*entry)
}

// put keeps e as the answer at store version v.
func (c *cache) put(e *entry, v int64) {
	if len(e.body) > c.maxBody {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if v != c.version {
		return // the store changed while the answer was computed
	}
	if el, ok := c.byKey[e.key]; ok {
		c.bytes -= len(el.Value.(*entry).body)
		c.ll.Remove(el)
	}
	c.byKey[e.key] = c.ll.PushFront(e)
	c.bytes += len(e.body)
	for c.ll.Len() > c.maxEntries || c.bytes > c.maxBytes {
		last := c.ll.Back()
		old := last.Value.(*entry)
		c.ll.Remove(last)
		delete(c.byKey, old.key)
		c.bytes -= len(old.body)
	}
}

// cached serves API GET requests from the cache when the store can say its version, and
// fills it with successful answers.
func (s *Server) cached(w http.ResponseWriter, r *http.Request, next http.Handler) {
	vs, ok := s.store.(versioned)
	if !ok || s.cache == nil || r.Method != http.MethodGet || !strings.HasPrefix(r.URL.Path, "/api/v1/") {
		next.ServeHTTP(w, r)
		return
	}
	v, err := vs.DataVersion(r.Context())
	if err != nil {
		next.ServeHTTP(w, r)
		return
	}
	key := r.URL.Path + "?" + r.URL.RawQuery
	if e := s.cache.get(key, v); e != nil {
		h := w.Header()
		for k, vals := range e.header {
			h[k] = vals
		}
		h.Set("X-Cache", "hit")
		w.WriteHeader(e.status)
		w.Write(e.body)
		return
	}
	rec := &recorder{ResponseWriter: w, status: http.StatusOK}
	next.ServeHTTP(rec, r)
	if rec.status == http.StatusOK && !rec.tooBig {
		h := http.Header{}
		for _, k := range []string{"Content-Type", "Content-Disposition"} {
			if val := w.Header().Get(k); val != "" {
				h.Set(k, val)
			}
		}
		s.cache.put(&entry{key: key, status: rec.status, header: h, body: rec.buf.Bytes()}, v)
	}
}

// recorder passes a response through and keeps a copy of it (up to 1 MB).
type recorder struct {
	http.ResponseWriter
	status int
	buf    bytes.Buffer
	tooBig bool
}

func (r *recorder) WriteHeader(code int) {
	r.status = code
	r.ResponseWriter.WriteHeader(code)
}

func (r *recorder) Write(p []byte) (int, error) {
	if !r.tooBig {
		if r.buf.Len()+len(p) > 1<<20 {
			r.tooBig = true
			r.buf = bytes.Buffer{}
		} else {
			r.buf.Write(p)
		}
	}
	return r.ResponseWriter.Write(p)
}
