// Package postgres implements chronicle.Store on PostgreSQL (github.com/jackc/pgx/v5), for
// when one machine is not enough: many `chronicle work` processes on many machines share one
// database, claiming articles from its work queue (queue.go).
//
// The schema mirrors the SQLite store's table for table and column for column
// (migrations/*.sql, embedded and applied on Open under an advisory lock), so that both answer
// every query alike: text columns sort by code point (COLLATE "C", as SQLite's BINARY), LIKE is
// ILIKE (SQLite's LIKE ignores ASCII case), and list orders are the same. Full-text search uses
// tsvector columns with GIN indexes instead of FTS5; its ranking and snippets differ in detail.
//
// Open takes a DSN (postgres://user@host:port/db?sslmode=disable); any parameter pgx does not
// know, such as search_path, is passed to the server, so a schema can hold one store.
package postgres

import (
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"chronicle"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Store is a chronicle.Store on PostgreSQL. It is safe for concurrent use, by many goroutines
// and many processes.
type Store struct {
	pool *pgxpool.Pool
	// Now returns the current time (injected for tests).
	Now func() time.Time
}

var _ chronicle.Store = (*Store)(nil)

// IsDSN reports whether dsn names a PostgreSQL database (postgres:// or postgresql://).
func IsDSN(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// Open connects to the database named by dsn and brings its schema up to date.
func Open(ctx context.Context, dsn string) (*Store, error) {
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		return nil, &chronicle.Error{Code: chronicle.EINVALID, Message: "bad PostgreSQL DSN", Err: err,
			Hint: "write it as postgres://USER[:PASSWORD]@HOST:PORT/DATABASE?sslmode=disable"}
	}
	if cfg.MaxConns < 8 {
		cfg.MaxConns = 8
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("postgres.Open: %w", err)
	}
	s := &Store{pool: pool, Now: time.Now}
	if err := s.migrate(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("postgres.Open(%s): %w", redact(cfg), err)
	}
	return s, nil
}

// redact names the database without its password.
func redact(cfg *pgxpool.Config) string {
	c := cfg.ConnConfig
	return fmt.Sprintf("postgres://%s@%s:%d/%s", c.User, c.Host, c.Port, c.Database)
}

// Close closes the connections.
func (s *Store) Close() error {
	s.pool.Close()
	return nil
}

// Pool returns the connection pool (for packages that add their own tables).
func (s *Store) Pool() *pgxpool.Pool { return s.pool }

// migrationLock is the advisory lock that serialises migrations of processes starting together.
const migrationLock = 0x6368726f6e // "chron"

// migrate applies the embedded migrations the database has not seen yet, each in its own
// transaction, recording them in schema_migrations.
func (s *Store) migrate(ctx context.Context) error {
	conn, err := s.pool.Acquire(ctx)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, `SELECT pg_advisory_lock($1)`, migrationLock); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	defer conn.Exec(context.Background(), `SELECT pg_advisory_unlock($1)`, migrationLock)
	if _, err := conn.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)`); err != nil {
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
		if err := conn.QueryRow(ctx, `SELECT count(*) FROM schema_migrations WHERE name = $1`, base).Scan(&n); err != nil {
			return fmt.Errorf("migrate: %w", err)
		}
		if n > 0 {
			continue
		}
		body, err := migrations.ReadFile(name)
		if err != nil {
			return err
		}
		tx, err := conn.Begin(ctx)
		if err != nil {
			return fmt.Errorf("migrate %s: %w", base, err)
		}
		if _, err := tx.Exec(ctx, string(body)); err != nil {
			tx.Rollback(ctx)
			return fmt.Errorf("migrate %s: %w", base, err)
		}
		if base == "0005_event_args.sql" {
			if err := backfillArgs(ctx, tx); err != nil {
				tx.Rollback(ctx)
				return fmt.Errorf("migrate %s: %w", base, err)
			}
		}
		if _, err := tx.Exec(ctx, `INSERT INTO schema_migrations (name, applied_at) VALUES ($1, $2)`, base, s.Now().UTC().Format(time.RFC3339)); err != nil {
			tx.Rollback(ctx)
			return fmt.Errorf("migrate %s: %w", base, err)
		}
		if err := tx.Commit(ctx); err != nil {
			return fmt.Errorf("migrate %s: %w", base, err)
		}
	}
	return nil
}

// rebind turns the "?" placeholders of q (written as for SQLite) into $1, $2, ….
func rebind(q string) string {
	if strings.IndexByte(q, '?') < 0 {
		return q
	}
	var b strings.Builder
	b.Grow(len(q) + 16)
	n := 0
	inQuote := false
	for i := 0; i < len(q); i++ {
		c := q[i]
		switch {
		case c == '\'':
			inQuote = !inQuote
		case c == '?' && !inQuote:
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// querier is what a pool and a transaction have in common.
type querier interface {
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

// q runs queries written with "?" placeholders.
type q struct{ querier }

func (x q) exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error) {
	return x.Exec(ctx, rebind(sql), args...)
}

func (x q) query(ctx context.Context, sql string, args ...any) (pgx.Rows, error) {
	return x.Query(ctx, rebind(sql), args...)
}

func (x q) queryRow(ctx context.Context, sql string, args ...any) pgx.Row {
	return x.QueryRow(ctx, rebind(sql), args...)
}

func (s *Store) db() q { return q{s.pool} }

// HasKeys reports which keys are stored.
func (s *Store) HasKeys(ctx context.Context, keys []string) (map[string]bool, error) {
	found := make(map[string]bool, len(keys))
	if len(keys) == 0 {
		return found, nil
	}
	rows, err := s.pool.Query(ctx, `SELECT key FROM articles WHERE key = ANY($1)`, keys)
	if err != nil {
		return nil, fmt.Errorf("postgres.HasKeys: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			return nil, fmt.Errorf("postgres.HasKeys: %w", err)
		}
		found[k] = true
	}
	return found, rows.Err()
}

// PutArticles stores articles in one transaction (as the SQLite store does: one commit for a
// batch); an article whose key is already stored is skipped. A stored id that is taken by
// another record gets a suffix from the key.
func (s *Store) PutArticles(ctx context.Context, as []*chronicle.Article) ([]chronicle.PutResult, error) {
	res := make([]chronicle.PutResult, len(as))
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		for i, a := range as {
			r, err := putArticle(ctx, tx, a, s.Now(), 0)
			if err != nil {
				return fmt.Errorf("%q: %w", a.ID, err)
			}
			res[i] = r
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("postgres.PutArticles: %w", err)
	}
	for i, a := range as {
		a.ID = res[i].ID
	}
	return res, nil
}

// inTx runs fn in a transaction, retrying a few times when it clashes with a concurrent one
// (a serialization failure, a deadlock, or two new articles taking the same id at once).
func (s *Store) inTx(ctx context.Context, fn func(pgx.Tx) error) error {
	var err error
	for attempt := 0; attempt < 5; attempt++ {
		err = pgx.BeginFunc(ctx, s.pool, fn)
		if !retryable(err) {
			return err
		}
		time.Sleep(time.Duration(attempt+1) * 5 * time.Millisecond)
	}
	return err
}

func retryable(err error) bool {
	var pe *pgconn.PgError
	if !errors.As(err, &pe) {
		return false
	}
	switch pe.Code {
	case "40001", "40P01": // serialization_failure, deadlock_detected
		return true
	case "23505": // unique_violation: an id taken by a concurrent insert
		return pe.ConstraintName == "articles_id_key"
	}
	return false
}

// putArticle stores one article in tx (see PutArticles). seq is its place in the input order
// (0: now, the next number).
func putArticle(ctx context.Context, tx pgx.Tx, a *chronicle.Article, now time.Time, seq int64) (chronicle.PutResult, error) {
	db := q{tx}
	// The record's stored id if it is stored, and whether its own id is taken.
	var stored *string
	var taken bool
	if err := db.queryRow(ctx, `SELECT (SELECT id FROM articles WHERE key = ?), EXISTS (SELECT 1 FROM articles WHERE id = ?)`,
		a.Key, a.ID).Scan(&stored, &taken); err != nil {
		return chronicle.PutResult{}, err
	}
	if stored != nil {
		return chronicle.PutResult{ID: *stored}, nil
	}
	id := a.ID
	if taken {
		var err error
		if id, err = freeID(ctx, db, a.ID, a.Key); err != nil {
			return chronicle.PutResult{}, err
		}
	}
	versions, _ := json.Marshal(a.Versions)
	diags, _ := json.Marshal(nonNil(a.Diagnostics))
	var pk int64
	var seqArg *int64
	if seq > 0 {
		seqArg = &seq
	}
	err := db.queryRow(ctx, `INSERT INTO articles (id, key, source, url, outlet, date, date_from, title, lang, text, status, versions, diagnostics, ingested_at, seq)
		VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?, COALESCE(?::bigint, nextval('article_seq'))) ON CONFLICT (key) DO NOTHING RETURNING pk`,
		id, a.Key, a.Source, a.URL, a.Outlet, a.Date, a.DateFrom, a.Title, a.Lang, a.Text, status(a), string(versions), string(diags),
		now.UTC().Format(time.RFC3339), seqArg).Scan(&pk)
	if errors.Is(err, pgx.ErrNoRows) { // stored meanwhile by a concurrent transaction
		if err := db.queryRow(ctx, `SELECT id FROM articles WHERE key = ?`, a.Key).Scan(&id); err != nil {
			return chronicle.PutResult{}, err
		}
		return chronicle.PutResult{ID: id}, nil
	}
	if err != nil {
		return chronicle.PutResult{}, err
	}
	if err := putExtractions(ctx, tx, pk, a); err != nil {
		return chronicle.PutResult{}, err
	}
	return chronicle.PutResult{ID: id, Created: true}, nil
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
func freeID(ctx context.Context, db q, id, key string) (string, error) {
	cand := id
	for i := 0; ; i++ {
		var n int
		if err := db.queryRow(ctx, `SELECT count(*) FROM articles WHERE id = ?`, cand).Scan(&n); err != nil {
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
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		db := q{tx}
		var pk int64
		if err := db.queryRow(ctx, `SELECT pk FROM articles WHERE id = ? FOR UPDATE`, a.ID).Scan(&pk); err != nil {
			if errors.Is(err, pgx.ErrNoRows) {
				return chronicle.Errorf(chronicle.ENOTFOUND, "no article %q", a.ID)
			}
			return err
		}
		for _, t := range []string{"entities", "mentions", "timexes", "quotes", "events"} {
			if _, err := db.exec(ctx, `DELETE FROM `+t+` WHERE article = ?`, pk); err != nil {
				return err
			}
		}
		versions, _ := json.Marshal(a.Versions)
		diags, _ := json.Marshal(nonNil(a.Diagnostics))
		if _, err := db.exec(ctx, `UPDATE articles SET status = ?, versions = ?, diagnostics = ?, lang = ? WHERE pk = ?`,
			status(a), string(versions), string(diags), a.Lang, pk); err != nil {
			return err
		}
		return putExtractions(ctx, tx, pk, a)
	})
	if err != nil && chronicle.ErrorCode(err) != chronicle.ENOTFOUND {
		return fmt.Errorf("postgres.ReplaceExtractions(%q): %w", a.ID, err)
	}
	return err
}

// putExtractions inserts an article's extractions, all in one round trip.
func putExtractions(ctx context.Context, tx pgx.Tx, pk int64, a *chronicle.Article) error {
	b := &pgx.Batch{}
	add := func(sql string, args ...any) { b.Queue(rebind(sql), args...) }
	byID := make(map[string]*chronicle.Entity, len(a.Entities))
	for i := range a.Entities {
		e := &a.Entities[i]
		byID[e.ID] = e
		add(`INSERT INTO entities (article, eid, type, name, text, start, "end", role, actor, kb, country) VALUES (?,?,?,?,?,?,?,?,?,?,?)`,
			pk, e.ID, e.Type, e.Name, e.Text, e.Start, e.End, e.Role, e.Actor, e.KB, e.Country)
		for _, m := range e.Mentions {
			add(`INSERT INTO mentions (article, eid, start, "end") VALUES (?,?,?,?) ON CONFLICT DO NOTHING`, pk, e.ID, m[0], m[1])
		}
	}
	for _, t := range a.Timexes {
		add(`INSERT INTO timexes (article, tid, type, value, mod, freq, quant, anchor, text, start, "end") VALUES (?,?,?,?,?,?,?,?,?,?,?)`,
			pk, t.ID, t.Type, t.Value, t.Mod, t.Freq, t.Quant, t.AnchorID, t.Text, t.Start, t.End)
	}
	for _, x := range a.Quotes {
		name, kb, actor := "", "", ""
		if e := byID[x.Speaker.Entity]; e != nil {
			name, kb, actor = e.Name, e.KB, e.Actor
		}
		via, _ := json.Marshal(nonNil(x.Via))
		parts, _ := json.Marshal(nonNil(x.Parts))
		add(`INSERT INTO quotes (article, qid, kind, content, content_start, content_end, cue, cue_start, cue_end,
			speaker, speaker_start, speaker_end, speaker_entity, speaker_name, speaker_kb, speaker_actor, via, parts) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
			pk, x.ID, x.Kind, x.Content.Text, x.Content.Start, x.Content.End, x.Cue.Text, x.Cue.Start, x.Cue.End,
			x.Speaker.Text, x.Speaker.Start, x.Speaker.End, x.Speaker.Entity, name, kb, actor, string(via), string(parts))
	}
	all := map[arg]bool{}
	for i := range a.Events {
		v := &a.Events[i]
		sname, skb := argName(byID, v.Source)
		tname, tkb := argName(byID, v.Target)
		all[argOf(sname, skb, v.Source.Actor, v.Source.Text)] = true
		all[argOf(tname, tkb, v.Target.Actor, v.Target.Text)] = true
	}
	queueArgs(b, all) // before the events that point to them
	for i := range a.Events {
		v := &a.Events[i]
		sname, skb := argName(byID, v.Source)
		tname, tkb := argName(byID, v.Target)
		src, tgt := argOf(sname, skb, v.Source.Actor, v.Source.Text), argOf(tname, tkb, v.Target.Actor, v.Target.Text)
		start, end := eventDays(v.Date, a.Date)
		var pname string
		var geo int
		var lat, lon *float64
		if v.Place != nil {
			pname, geo, lat, lon = v.Place.Name, v.Place.GeoNames, &v.Place.Lat, &v.Place.Lon
		}
		add(`INSERT INTO events (article, vid, code, root, plover, modality,
			source_entity, source_actor, source_text, source_name, source_kb,
			target_entity, target_actor, target_text, target_name, target_kb,
			date, date_start, date_end, date_from, timex, place_name, place_geonames, place_lat, place_lon,
			trigger, trigger_start, trigger_end, sentence_start, sentence_end, quote, confidence, why, cluster, source_arg, target_arg)
			VALUES (?,?,?,?,?,?, ?,?,?,?,?, ?,?,?,?,?, ?,?,?,?,?,?,?,?,?, ?,?,?,?,?,?,?,?,?, `+argID+`, `+argID+`)`,
			pk, v.ID, v.Code, v.Root, v.Plover, v.Modality,
			v.Source.Entity, v.Source.Actor, v.Source.Text, sname, skb,
			v.Target.Entity, v.Target.Actor, v.Target.Text, tname, tkb,
			v.Date, start, end, v.DateFrom, v.TimexID, pname, geo, lat, lon,
			v.Trigger.Text, v.Trigger.Start, v.Trigger.End, v.Sentence.Start, v.Sentence.End, v.QuoteID, v.Confidence, v.Why, v.Cluster,
			src.name, src.text, src.kb, src.code, tgt.name, tgt.text, tgt.kb, tgt.code)
	}
	if b.Len() == 0 {
		return nil
	}
	return tx.SendBatch(ctx, b).Close()
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

// Setting returns the value of a setting, "" when it is not set.
func (s *Store) Setting(ctx context.Context, name string) (string, error) {
	var v string
	err := s.pool.QueryRow(ctx, `SELECT value FROM settings WHERE name = $1`, name).Scan(&v)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("postgres.Setting(%q): %w", name, err)
	}
	return v, nil
}

// SetSetting sets a setting; an empty value removes it.
func (s *Store) SetSetting(ctx context.Context, name, value string) error {
	var err error
	if value == "" {
		_, err = s.pool.Exec(ctx, `DELETE FROM settings WHERE name = $1`, name)
	} else {
		_, err = s.pool.Exec(ctx, `INSERT INTO settings (name, value) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET value = excluded.value`, name, value)
	}
	if err != nil {
		return fmt.Errorf("postgres.SetSetting(%q): %w", name, err)
	}
	return nil
}

// DataVersion returns a number that changes whenever anything is written to the store, by this
// process or another (migration 9003). The server uses it to know when its cached answers are
// stale.
func (s *Store) DataVersion(ctx context.Context) (int64, error) {
	var v int64
	var called bool
	if err := s.pool.QueryRow(ctx, `SELECT last_value, is_called FROM data_version`).Scan(&v, &called); err != nil {
		return 0, fmt.Errorf("postgres.DataVersion: %w", err)
	}
	if !called {
		v = 0
	}
	return v, nil
}
