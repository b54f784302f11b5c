// Package sqlite implements chronicle.Store on an embedded SQLite database (modernc.org/sqlite,
// pure Go) in WAL mode, with numbered migrations embedded in the binary and FTS5 full-text
// search over article text and quotes. See doc/schema.md.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver

	"chronicle"
)

//go:embed migrations/*.sql
var migrations embed.FS

// maxConns is the most connections a store opens; one is kept by DataVersion once called.
const maxConns = 8

// Store is a chronicle.Store on SQLite.
type Store struct {
	db *sql.DB
	// mu serialises writers inside this process (SQLite has one writer at a time; other
	// processes wait on the busy timeout).
	mu sync.Mutex
	// Now returns the current time (injected for tests).
	Now func() time.Time

	// verConn is a connection that never writes, for DataVersion (verStmt).
	verMu   sync.Mutex
	verConn *sql.Conn
	verStmt *sql.Stmt

	// stmts are prepared read statements by their text (query.go).
	stmtMu sync.Mutex
	stmts  map[string]*sql.Stmt
	// argMirror is the args table in memory (keys.go).
	argMirror argMirror
}

var _ chronicle.Store = (*Store)(nil)

// Open opens (creating if needed) the database at path and brings its schema up to date.
func Open(ctx context.Context, path string) (*Store, error) {
	q := url.Values{}
	q.Set("_busy_timeout", "30000")
	q.Set("_journal_mode", "WAL")
	q.Set("_foreign_keys", "1")
	q.Set("_synchronous", "NORMAL")
	q.Set("_txlock", "immediate")
	// Reads go through a memory map of the file (no system call per page, one copy of the
	// pages for every connection); writes of many index entries need more than the default
	// 2 MB of page cache.
	q.Add("_pragma", "mmap_size(1073741824)")
	q.Add("_pragma", "cache_size(-16384)")
	dsn := "file:" + path + "?" + q.Encode()
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("sqlite.Open(%q): %w", path, err)
	}
	// Connections are kept open: a new one reads the whole schema.
	db.SetMaxOpenConns(maxConns)
	db.SetMaxIdleConns(maxConns)
	s := &Store{db: db, Now: time.Now}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("sqlite.Open(%q): %w", path, err)
	}
	if err := s.backfillArgs(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("sqlite.Open(%q): %w", path, err)
	}
	s.optimize(ctx)
	return s, nil
}

// Close closes the database, first refreshing the planner's statistics.
func (s *Store) Close() error {
	s.verMu.Lock()
	if s.verConn != nil {
		s.verStmt.Close()
		s.verConn.Close()
		s.verConn, s.verStmt = nil, nil
	}
	s.verMu.Unlock()
	s.closeStmts()
	s.optimize(context.Background())
	return s.db.Close()
}

// DB returns the underlying database handle (for packages that add their own tables, such as
// cluster).
func (s *Store) DB() *sql.DB { return s.db }

// migrate applies the embedded migrations that the database has not seen yet, each in its own
// transaction, recording them in schema_migrations.
func (s *Store) migrate(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, err := s.db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)`); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return err
	}
	sort.Strings(names)
	for _, name := range names {
		base := path.Base(name)
		var n int
		if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations WHERE name = ?`, base).Scan(&n); err != nil {
			return fmt.Errorf("migrate: %w", err)
		}
		if n > 0 {
			continue
		}
		body, err := migrations.ReadFile(name)
		if err != nil {
			return err
		}
		tx, err := s.db.BeginTx(ctx, nil)
		if err != nil {
			return fmt.Errorf("migrate %s: %w", base, err)
		}
		if _, err := tx.ExecContext(ctx, string(body)); err != nil {
			tx.Rollback()
			return fmt.Errorf("migrate %s: %w", base, err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)`, base, s.Now().UTC().Format(time.RFC3339)); err != nil {
			tx.Rollback()
			return fmt.Errorf("migrate %s: %w", base, err)
		}
		if err := tx.Commit(); err != nil {
			return fmt.Errorf("migrate %s: %w", base, err)
		}
	}
	return nil
}

// HasKeys reports which keys are stored.
func (s *Store) HasKeys(ctx context.Context, keys []string) (map[string]bool, error) {
	found := make(map[string]bool, len(keys))
	for len(keys) > 0 {
		n := min(len(keys), 500)
		batch := keys[:n]
		keys = keys[n:]
		args := make([]any, len(batch))
		for i, k := range batch {
			args[i] = k
		}
		rows, err := s.db.QueryContext(ctx, `SELECT key FROM articles WHERE key IN (`+placeholders(len(batch))+`)`, args...)
		if err != nil {
			return nil, fmt.Errorf("sqlite.HasKeys: %w", err)
		}
		for rows.Next() {
			var k string
			if err := rows.Scan(&k); err != nil {
				rows.Close()
				return nil, err
			}
			found[k] = true
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return found, nil
}

func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?,", n), ",")
}

// PutArticles stores articles in one transaction; an article whose key is already stored is
// skipped. A stored id that is taken by another record gets a suffix from the key.
func (s *Store) PutArticles(ctx context.Context, as []*chronicle.Article) ([]chronicle.PutResult, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("sqlite.PutArticles: %w", err)
	}
	defer tx.Rollback()
	res := make([]chronicle.PutResult, len(as))
	now := s.Now().UTC().Format(time.RFC3339)
	c := newTxStmts(tx)
	for i, a := range as {
		var id string
		err := c.scan(ctx, `SELECT id FROM articles WHERE key = ?`, []any{a.Key}, &id)
		if err == nil {
			res[i] = chronicle.PutResult{ID: id}
			continue
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return nil, fmt.Errorf("sqlite.PutArticles(%q): %w", a.ID, err)
		}
		id, err = freeID(ctx, c, a.ID, a.Key)
		if err != nil {
			return nil, fmt.Errorf("sqlite.PutArticles(%q): %w", a.ID, err)
		}
		versions, _ := json.Marshal(a.Versions)
		diags, _ := json.Marshal(nonNil(a.Diagnostics))
		r, err := c.exec(ctx, `INSERT INTO articles (id, key, source, url, outlet, date, date_from, title, lang, text, status, versions, diagnostics, ingested_at)
			VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
			id, a.Key, a.Source, a.URL, a.Outlet, a.Date, a.DateFrom, a.Title, a.Lang, a.Text, status(a), string(versions), string(diags), now)
		if err != nil {
			return nil, fmt.Errorf("sqlite.PutArticles(%q): %w", a.ID, err)
		}
		pk, err := r.LastInsertId()
		if err != nil {
			return nil, err
		}
		if err := putExtractions(ctx, c, pk, a); err != nil {
			return nil, fmt.Errorf("sqlite.PutArticles(%q): %w", a.ID, err)
		}
		res[i] = chronicle.PutResult{ID: id, Created: true}
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("sqlite.PutArticles: %w", err)
	}
	for i, a := range as {
		a.ID = res[i].ID
	}
	return res, nil
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func status(a *chronicle.Article) string {
	if a.Status == "" {
		return "ok"
	}
	return a.Status
}

// freeID returns id when no stored article has it, else id with a suffix taken from the key.
func freeID(ctx context.Context, c *txStmts, id, key string) (string, error) {
	cand := id
	for i := 0; ; i++ {
		var n int
		if err := c.scan(ctx, `SELECT count(*) FROM articles WHERE id = ?`, []any{cand}, &n); err != nil {
			return "", err
		}
		if n == 0 {
			return cand, nil
		}
		suffix := key
		if len(suffix) > 8+i {
			suffix = suffix[len(suffix)-8-i:]
		} else {
			suffix += strconv.Itoa(i)
		}
		cand = id + "-" + suffix
	}
}

// ReplaceExtractions replaces the extractions of a stored article.
func (s *Store) ReplaceExtractions(ctx context.Context, a *chronicle.Article) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqlite.ReplaceExtractions(%q): %w", a.ID, err)
	}
	defer tx.Rollback()
	var pk int64
	if err := tx.QueryRowContext(ctx, `SELECT pk FROM articles WHERE id = ?`, a.ID).Scan(&pk); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return chronicle.Errorf(chronicle.ENOTFOUND, "no article %q", a.ID)
		}
		return fmt.Errorf("sqlite.ReplaceExtractions(%q): %w", a.ID, err)
	}
	for _, t := range []string{"entities", "mentions", "timexes", "quotes", "events"} {
		if _, err := tx.ExecContext(ctx, `DELETE FROM `+t+` WHERE article = ?`, pk); err != nil {
			return fmt.Errorf("sqlite.ReplaceExtractions(%q): %w", a.ID, err)
		}
	}
	versions, _ := json.Marshal(a.Versions)
	diags, _ := json.Marshal(nonNil(a.Diagnostics))
	if _, err := tx.ExecContext(ctx, `UPDATE articles SET status = ?, versions = ?, diagnostics = ?, lang = ? WHERE pk = ?`,
		status(a), string(versions), string(diags), a.Lang, pk); err != nil {
		return fmt.Errorf("sqlite.ReplaceExtractions(%q): %w", a.ID, err)
	}
	if err := putExtractions(ctx, newTxStmts(tx), pk, a); err != nil {
		return fmt.Errorf("sqlite.ReplaceExtractions(%q): %w", a.ID, err)
	}
	return tx.Commit()
}

func putExtractions(ctx context.Context, c *txStmts, pk int64, a *chronicle.Article) error {
	byID := make(map[string]*chronicle.Entity, len(a.Entities))
	if len(a.Entities) > 0 {
		es, err := c.stmt(ctx, `INSERT INTO entities (article, eid, type, name, text, start, end, role, actor, kb, country) VALUES (?,?,?,?,?,?,?,?,?,?,?)`)
		if err != nil {
			return err
		}
		ms, err := c.stmt(ctx, `INSERT OR IGNORE INTO mentions (article, eid, start, end) VALUES (?,?,?,?)`)
		if err != nil {
			return err
		}
		for i := range a.Entities {
			e := &a.Entities[i]
			byID[e.ID] = e
			if _, err := es.ExecContext(ctx, pk, e.ID, e.Type, e.Name, e.Text, e.Start, e.End, e.Role, e.Actor, e.KB, e.Country); err != nil {
				return fmt.Errorf("entity %s: %w", e.ID, err)
			}
			for _, m := range e.Mentions {
				if _, err := ms.ExecContext(ctx, pk, e.ID, m[0], m[1]); err != nil {
					return fmt.Errorf("mention of %s: %w", e.ID, err)
				}
			}
		}
	}
	if len(a.Timexes) > 0 {
		ts, err := c.stmt(ctx, `INSERT INTO timexes (article, tid, type, value, mod, freq, quant, anchor, text, start, end) VALUES (?,?,?,?,?,?,?,?,?,?,?)`)
		if err != nil {
			return err
		}
		for _, t := range a.Timexes {
			if _, err := ts.ExecContext(ctx, pk, t.ID, t.Type, t.Value, t.Mod, t.Freq, t.Quant, t.AnchorID, t.Text, t.Start, t.End); err != nil {
				return fmt.Errorf("timex %s: %w", t.ID, err)
			}
		}
	}
	if len(a.Quotes) > 0 {
		qs, err := c.stmt(ctx, `INSERT INTO quotes (article, qid, kind, content, content_start, content_end, cue, cue_start, cue_end,
			speaker, speaker_start, speaker_end, speaker_entity, speaker_name, speaker_kb, speaker_actor, via, parts) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`)
		if err != nil {
			return err
		}
		for _, q := range a.Quotes {
			name, kb, actor := "", "", ""
			if e := byID[q.Speaker.Entity]; e != nil {
				name, kb, actor = e.Name, e.KB, e.Actor
			}
			via, _ := json.Marshal(nonNil(q.Via))
			parts, _ := json.Marshal(nonNil(q.Parts))
			if _, err := qs.ExecContext(ctx, pk, q.ID, q.Kind, q.Content.Text, q.Content.Start, q.Content.End, q.Cue.Text, q.Cue.Start, q.Cue.End,
				q.Speaker.Text, q.Speaker.Start, q.Speaker.End, q.Speaker.Entity, name, kb, actor, string(via), string(parts)); err != nil {
				return fmt.Errorf("quote %s: %w", q.ID, err)
			}
		}
	}
	if len(a.Events) > 0 {
		vs, err := c.stmt(ctx, `INSERT INTO events (article, vid, code, root, plover, modality,
			source_entity, source_actor, source_text, source_name, source_kb,
			target_entity, target_actor, target_text, target_name, target_kb,
			date, date_start, date_end, date_from, timex, place_name, place_geonames, place_lat, place_lon,
			trigger, trigger_start, trigger_end, sentence_start, sentence_end, quote, confidence, why, cluster,
			source_arg, target_arg, span)
			VALUES (?,?,?,?,?,?, ?,?,?,?,?, ?,?,?,?,?, ?,?,?,?,?,?,?,?,?, ?,?,?,?,?,?,?,?,?, ?,?,?)`)
		if err != nil {
			return err
		}
		aw, err := newArgWriter(ctx, c)
		if err != nil {
			return err
		}
		for _, v := range a.Events {
			sname, skb := argName(byID, v.Source)
			tname, tkb := argName(byID, v.Target)
			start, end := eventDays(v.Date, a.Date)
			var pname string
			var geo int
			var lat, lon any
			if v.Place != nil {
				pname, geo, lat, lon = v.Place.Name, v.Place.GeoNames, v.Place.Lat, v.Place.Lon
			}
			src, tgt, err := aw.eventArgs(ctx, &v, sname, skb, tname, tkb)
			if err != nil {
				return fmt.Errorf("event %s arguments: %w", v.ID, err)
			}
			if _, err := vs.ExecContext(ctx, pk, v.ID, v.Code, v.Root, v.Plover, v.Modality,
				v.Source.Entity, v.Source.Actor, v.Source.Text, sname, skb,
				v.Target.Entity, v.Target.Actor, v.Target.Text, tname, tkb,
				v.Date, start, end, v.DateFrom, v.TimexID, pname, geo, lat, lon,
				v.Trigger.Text, v.Trigger.Start, v.Trigger.End, v.Sentence.Start, v.Sentence.End, v.QuoteID, v.Confidence, v.Why, v.Cluster,
				src, tgt, spanOf(start, end)); err != nil {
				return fmt.Errorf("event %s: %w", v.ID, err)
			}
		}
	}
	return nil
}

// argName returns the canonical name and Wikidata id of an event argument's entity.
func argName(byID map[string]*chronicle.Entity, arg chronicle.EventArg) (string, string) {
	if arg.Name != "" {
		return arg.Name, ""
	}
	if e := byID[arg.Entity]; e != nil {
		return e.Name, e.KB
	}
	return "", ""
}

// eventDays returns the first and last day an event date covers, falling back to the article
// date for values that are not calendar dates.
func eventDays(value, articleDate string) (string, string) {
	if s, e, ok := chronicle.DateRange(value); ok {
		return s.Format(chronicle.DateLayout), e.Format(chronicle.DateLayout)
	}
	return articleDate, articleDate
}

// optimize refreshes the query planner's statistics where they are stale (cheap when they are
// not); run after opening and after large writes.
func (s *Store) optimize(ctx context.Context) {
	s.db.ExecContext(ctx, `PRAGMA optimize=0x10002`)
}

// DataVersion returns a number that changes whenever anything is committed to the database,
// by this process or another (SQLite's data_version, read on a connection that never writes).
// The server uses it to know when its cached answers are stale.
func (s *Store) DataVersion(ctx context.Context) (int64, error) {
	s.verMu.Lock()
	defer s.verMu.Unlock()
	if s.verConn == nil {
		c, err := s.db.Conn(ctx)
		if err != nil {
			return 0, fmt.Errorf("sqlite.DataVersion: %w", err)
		}
		st, err := c.PrepareContext(ctx, `PRAGMA data_version`)
		if err != nil {
			c.Close()
			return 0, fmt.Errorf("sqlite.DataVersion: %w", err)
		}
		s.verConn, s.verStmt = c, st
	}
	var v int64
	if err := s.verStmt.QueryRowContext(ctx).Scan(&v); err != nil {
		s.verStmt.Close()
		s.verConn.Close()
		s.verConn, s.verStmt = nil, nil
		return 0, fmt.Errorf("sqlite.DataVersion: %w", err)
	}
	return v, nil
}
