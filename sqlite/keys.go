package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"math/bits"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"chronicle"
)

// Event arguments (migration 0005): every event points to the args row of its source and of
// its target: the argument's canonical name and text (normalised by normName), Wikidata id and
// actor code. An actor query is resolved to the set of argument ids it matches (argSet), and
// an event matches when its source or its target is in the set. See doc/schema.md, "Event
// queries".

// arg is the identity of an event argument, as stored in args.
type arg struct{ name, text, kb, code string }

// argOf returns the identity of an argument with canonical name, Wikidata id, actor code and
// the text naming it.
func argOf(name, kb, code, text string) arg {
	return arg{normName(name), normName(text), kb, code}
}

// normName lower-cases s and collapses its white space.
func normName(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(s)), " ")
}

// unknownSpan is the span of an event whose dates are not calendar days.
const unknownSpan = 63

// spanOf returns the span class of an event's first and last day: 0 for one day, else the bit
// length of the number of days between them (so the event started less than 2^span days before
// its end), unknownSpan when they are not dates.
func spanOf(start, end string) int {
	if start == end {
		return 0
	}
	s, err1 := time.Parse(chronicle.DateLayout, start)
	e, err2 := time.Parse(chronicle.DateLayout, end)
	if err1 != nil || err2 != nil || e.Before(s) {
		return unknownSpan
	}
	return bits.Len(uint(e.Sub(s).Hours() / 24))
}

// argWriter finds or adds the args rows of the events written in one transaction.
type argWriter struct {
	sel, ins *sql.Stmt
	ids      map[arg]int64
}

func newArgWriter(ctx context.Context, c *txStmts) (*argWriter, error) {
	sel, err := c.stmt(ctx, `SELECT id FROM args WHERE name = ? AND text = ? AND kb = ? AND code = ?`)
	if err != nil {
		return nil, err
	}
	ins, err := c.stmt(ctx, `INSERT INTO args (name, text, kb, code) VALUES (?,?,?,?)`)
	if err != nil {
		return nil, err
	}
	return &argWriter{sel: sel, ins: ins, ids: map[arg]int64{}}, nil
}

// id returns the id of a, adding it to args when it is new.
func (w *argWriter) id(ctx context.Context, a arg) (int64, error) {
	if id, ok := w.ids[a]; ok {
		return id, nil
	}
	var id int64
	err := w.sel.QueryRowContext(ctx, a.name, a.text, a.kb, a.code).Scan(&id)
	if err == sql.ErrNoRows {
		r, err := w.ins.ExecContext(ctx, a.name, a.text, a.kb, a.code)
		if err != nil {
			return 0, err
		}
		if id, err = r.LastInsertId(); err != nil {
			return 0, err
		}
	} else if err != nil {
		return 0, err
	}
	w.ids[a] = id
	return id, nil
}

// eventArgs returns the ids of an event's source and target arguments and the span class of
// its dates, given the canonical names and Wikidata ids of its arguments and its first and
// last day.
func (w *argWriter) eventArgs(ctx context.Context, v *chronicle.Event, sname, skb, tname, tkb string) (src, tgt int64, err error) {
	if src, err = w.id(ctx, argOf(sname, skb, v.Source.Actor, v.Source.Text)); err != nil {
		return 0, 0, err
	}
	tgt, err = w.id(ctx, argOf(tname, tkb, v.Target.Actor, v.Target.Text))
	return src, tgt, err
}

// backfillArgs computes the arguments and spans of events stored before migration 0005 (or
// by an older program since), then recounts arg_pairs and event_spans.
func (s *Store) backfillArgs(ctx context.Context) error {
	var missing int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM events WHERE source_arg = 0 OR target_arg = 0`).Scan(&missing); err != nil || missing == 0 {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, `SELECT pk, source_name, source_kb, source_actor, source_text, target_name, target_kb, target_actor, target_text,
		date_start, date_end FROM events WHERE source_arg = 0 OR target_arg = 0`)
	if err != nil {
		return err
	}
	type row struct {
		pk                     int64
		v                      chronicle.Event
		sname, skb, tname, tkb string
		start, end             string
	}
	var rs []row
	for rows.Next() {
		var r row
		if err := rows.Scan(&r.pk, &r.sname, &r.skb, &r.v.Source.Actor, &r.v.Source.Text, &r.tname, &r.tkb, &r.v.Target.Actor, &r.v.Target.Text,
			&r.start, &r.end); err != nil {
			rows.Close()
			return err
		}
		rs = append(rs, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	w, err := newArgWriter(ctx, newTxStmts(tx))
	if err != nil {
		return err
	}
	upd, err := tx.PrepareContext(ctx, `UPDATE events SET source_arg = ?, target_arg = ?, span = ? WHERE pk = ?`)
	if err != nil {
		return err
	}
	defer upd.Close()
	for _, r := range rs {
		src, tgt, err := w.eventArgs(ctx, &r.v, r.sname, r.skb, r.tname, r.tkb)
		if err != nil {
			return fmt.Errorf("backfill event arguments: %w", err)
		}
		if _, err := upd.ExecContext(ctx, src, tgt, spanOf(r.start, r.end), r.pk); err != nil {
			return fmt.Errorf("backfill event arguments: %w", err)
		}
	}
	for _, q := range []string{
		`DELETE FROM arg_pairs`,
		`INSERT INTO arg_pairs (source, target, n) SELECT source_arg, target_arg, count(*) FROM events GROUP BY source_arg, target_arg`,
		`INSERT OR IGNORE INTO event_spans (span) SELECT DISTINCT span FROM events`,
	} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("backfill event arguments: %w", err)
		}
	}
	return tx.Commit()
}

// argMatcher is a user's actor query q with the other forms of the actor, as matched against
// stored arguments: a canonical name or a text naming it that contains q, case and spacing
// aside ("Putin" matches "Vladimir Putin" and "Russian President Vladimir Putin"), its
// Wikidata id, or an actor code that q prefixes (RUS matches RUSGOV) when q looks like one;
// forms are other exact names or Wikidata ids of the same actor.
type argMatcher struct {
	q, nq  string
	kbs    []string // q and the forms, for Wikidata ids
	names  []string // the forms normalised, for names and texts
	prefix bool     // q is an actor code prefix
}

func newArgMatcher(q string, forms []string) *argMatcher {
	m := &argMatcher{q: q, nq: normName(q), kbs: []string{q}, prefix: isCode(q)}
	for _, f := range forms {
		if f == "" {
			continue
		}
		m.kbs = append(m.kbs, f)
		if n := normName(f); n != "" {
			m.names = append(m.names, n)
		}
	}
	return m
}

// match reports whether the argument a matches.
func (m *argMatcher) match(a *arg) bool {
	if a.name != "" && strings.Contains(a.name, m.nq) || a.text != "" && strings.Contains(a.text, m.nq) {
		return true
	}
	if a.kb != "" && slices.Contains(m.kbs, a.kb) {
		return true
	}
	if slices.Contains(m.names, a.name) || slices.Contains(m.names, a.text) {
		return true
	}
	return m.prefix && strings.HasPrefix(a.code, m.q)
}

// sql returns a SELECT of the ids of the arguments that match, for an args table too large to
// scan: names of three characters or more are found through the trigram index args_fts (and
// checked exactly), shorter ones by a scan.
func (m *argMatcher) sql() (string, []any) {
	var subs []string
	var args []any
	if utf8.RuneCountInString(m.nq) >= 3 {
		subs = append(subs, `SELECT id FROM args WHERE id IN (SELECT rowid FROM args_fts WHERE args_fts MATCH ?) AND (instr(name, ?) > 0 OR instr(text, ?) > 0)`)
		args = append(args, `"`+strings.ReplaceAll(m.nq, `"`, `""`)+`"`, m.nq, m.nq)
	} else {
		p := "%" + likeEscape(m.nq) + "%"
		subs = append(subs, `SELECT id FROM args WHERE name != '' AND name LIKE +? ESCAPE '\' OR text != '' AND text LIKE +? ESCAPE '\'`)
		args = append(args, p, p)
	}
	subs = append(subs, `SELECT id FROM args WHERE kb IN (`+plus(len(m.kbs))+`) AND kb != ''`)
	args = append(args, strArgs(m.kbs)...)
	if len(m.names) > 0 {
		subs = append(subs, `SELECT id FROM args WHERE name IN (`+plus(len(m.names))+`)`,
			`SELECT id FROM args WHERE text IN (`+plus(len(m.names))+`)`)
		args = append(append(args, strArgs(m.names)...), strArgs(m.names)...)
	}
	if m.prefix {
		subs = append(subs, `SELECT id FROM args WHERE code >= +? AND code < +?`)
		args = append(args, m.q, m.q+"\x7f")
	}
	return strings.Join(subs, " UNION ") + " ORDER BY 1", args
}

// scanArgs is the most arguments that argIDs compares one by one in memory; beyond, it asks
// SQLite (argMatcher.sql).
var scanArgs = 2000

// argMirror holds the args table in memory. Arguments are only ever added, with increasing
// ids, so the mirror reads the rows it lacks before every use.
type argMirror struct {
	mu   sync.Mutex
	ids  []int64
	args []arg
}

// argSnapshot is the args table at one time: ids in increasing order and their arguments.
type argSnapshot struct {
	ids  []int64
	args []arg
}

// argSnapshot reads the arguments added since the last call into the mirror and returns it.
func (s *Store) argSnapshot(ctx context.Context) (argSnapshot, error) {
	m := &s.argMirror
	m.mu.Lock()
	defer m.mu.Unlock()
	var last int64
	if n := len(m.ids); n > 0 {
		last = m.ids[n-1]
	}
	rows, err := s.query(ctx, `SELECT id, name, text, kb, code FROM args WHERE id > ? ORDER BY id`, last)
	if err != nil {
		return argSnapshot{}, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var a arg
		if err := rows.Scan(&id, &a.name, &a.text, &a.kb, &a.code); err != nil {
			return argSnapshot{}, err
		}
		m.ids = append(m.ids, id)
		m.args = append(m.args, a)
	}
	return argSnapshot{m.ids, m.args}, rows.Err()
}

// argIDs returns the ids of the arguments of snap that a user's actor query q matches (see
// argMatcher), in increasing order.
func (s *Store) argIDs(ctx context.Context, snap argSnapshot, q string, forms []string) ([]int64, error) {
	match := newArgMatcher(q, forms)
	if len(snap.args) > scanArgs {
		sq, sa := match.sql()
		rows, err := s.query(ctx, sq, sa...)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		var out []int64
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				return nil, err
			}
			out = append(out, id)
		}
		return out, rows.Err()
	}
	var out []int64
	for i := range snap.args {
		if match.match(&snap.args[i]) {
			out = append(out, snap.ids[i])
		}
	}
	return out, nil
}

// likeEscape escapes the LIKE wildcards of s (with backslash as the escape character).
func likeEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}
