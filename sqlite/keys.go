package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"

	"chronicle"
)

// Event keys (migration 0004): each event argument is indexed under its canonical name,
// Wikidata id, actor code and the words of its text, prefixed by its role ("s:" source, "t:"
// target). Actor and pair queries become index range reads over event_keys.

// argKeys returns the keys of one event argument and the names to list in arg_names.
func argKeys(role, name, kb, code, text string) (keys, names []string) {
	add := func(k string) {
		if !slices.Contains(keys, k) {
			keys = append(keys, k)
		}
	}
	for _, n := range []string{normName(name), normName(text)} {
		if n != "" {
			add(role + "n:" + n)
			if !slices.Contains(names, n) {
				names = append(names, n)
			}
		}
	}
	if kb != "" {
		add(role + "k:" + kb)
	}
	if code != "" && code != "---" {
		add(role + "c:" + code)
	}
	return keys, names
}

// normName lower-cases s and collapses its white space.
func normName(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(s)), " ")
}

// keyStmts are the prepared statements that write event keys.
type keyStmts struct{ key, name *sql.Stmt }

func prepareKeys(ctx context.Context, tx *sql.Tx) (*keyStmts, error) {
	k, err := tx.PrepareContext(ctx, `INSERT OR IGNORE INTO event_keys (key, date_start, pk, date_end, plover) VALUES (?,?,?,?,?)`)
	if err != nil {
		return nil, err
	}
	n, err := tx.PrepareContext(ctx, `INSERT OR IGNORE INTO arg_names (name) VALUES (?)`)
	if err != nil {
		k.Close()
		return nil, err
	}
	return &keyStmts{k, n}, nil
}

func (ks *keyStmts) Close() {
	ks.key.Close()
	ks.name.Close()
}

// putEventKeys writes the keys of one stored event.
func putEventKeys(ctx context.Context, ks *keyStmts, pk int64, v *chronicle.Event, sname, skb, tname, tkb, start, end string) error {
	for _, arg := range []struct{ role, name, kb, code, text string }{
		{"s:", sname, skb, v.Source.Actor, v.Source.Text},
		{"t:", tname, tkb, v.Target.Actor, v.Target.Text},
	} {
		keys, names := argKeys(arg.role, arg.name, arg.kb, arg.code, arg.text)
		for _, k := range keys {
			if _, err := ks.key.ExecContext(ctx, k, start, pk, end, v.Plover); err != nil {
				return err
			}
		}
		for _, n := range names {
			if _, err := ks.name.ExecContext(ctx, n); err != nil {
				return err
			}
		}
	}
	return nil
}

// backfillKeys computes the keys of events stored before migration 0004.
func (s *Store) backfillKeys(ctx context.Context) error {
	var missing int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM events WHERE pk NOT IN (SELECT pk FROM event_keys)`).Scan(&missing); err != nil || missing == 0 {
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
		date_start, date_end, plover FROM events WHERE pk NOT IN (SELECT pk FROM event_keys)`)
	if err != nil {
		return err
	}
	type row struct {
		pk                                 int64
		v                                  chronicle.Event
		sname, skb, tname, tkb, start, end string
	}
	var rs []row
	for rows.Next() {
		var r row
		if err := rows.Scan(&r.pk, &r.sname, &r.skb, &r.v.Source.Actor, &r.v.Source.Text, &r.tname, &r.tkb, &r.v.Target.Actor, &r.v.Target.Text,
			&r.start, &r.end, &r.v.Plover); err != nil {
			rows.Close()
			return err
		}
		rs = append(rs, r)
	}
	rows.Close()
	st, err := prepareKeys(ctx, tx)
	if err != nil {
		return err
	}
	defer st.Close()
	for _, r := range rs {
		if err := putEventKeys(ctx, st, r.pk, &r.v, r.sname, r.skb, r.tname, r.tkb, r.start, r.end); err != nil {
			return fmt.Errorf("backfill event keys: %w", err)
		}
	}
	return tx.Commit()
}

// keySet returns a compound SELECT of (pk, date_start, date_end, plover) for the events whose
// argument in role ("s:" or "t:") matches a user's actor query q: a canonical name or a text
// naming it that contains q ("Putin" matches "Vladimir Putin" and "Russian President Vladimir
// Putin"), its Wikidata id, or an actor code (RUS matches RUSGOV); forms are other exact names
// or Wikidata ids of the same actor. The names are found in arg_names (one short scan), then
// each is an index range of event_keys.
func keySet(role, q string, forms []string) (string, []any) {
	const cols = "SELECT pk, date_start, date_end, plover FROM event_keys WHERE "
	exact := []any{role + "k:" + q}
	for _, f := range forms {
		if f != "" {
			exact = append(exact, role+"n:"+normName(f), role+"k:"+f)
		}
	}
	subs := []string{
		cols + "key IN (" + placeholders(len(exact)) + ")",
		cols + "key IN (SELECT ? || name FROM arg_names WHERE name LIKE ? ESCAPE '\\')",
	}
	args := append(exact, role+"n:", "%"+likeEscape(normName(q))+"%")
	if isCode(q) {
		subs = append(subs, cols+"key >= ? AND key < ?")
		args = append(args, role+"c:"+q, role+"c:"+q+"\x7f")
	}
	return strings.Join(subs, " UNION "), args
}

// likeEscape escapes the LIKE wildcards of s (with backslash as the escape character).
func likeEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// actorSet matches events with the actor as source or target.
func actorSet(q string, forms []string) (string, []any) {
	s, sa := keySet("s:", q, forms)
	t, ta := keySet("t:", q, forms)
	return s + " UNION " + t, append(sa, ta...)
}

// pairSet matches events between two actors, in either direction.
func pairSet(a, b string, aForms, bForms []string) (string, []any) {
	sa, x1 := keySet("s:", a, aForms)
	tb, x2 := keySet("t:", b, bForms)
	sb, x3 := keySet("s:", b, bForms)
	ta, x4 := keySet("t:", a, aForms)
	q := "SELECT * FROM (SELECT * FROM (" + sa + ") INTERSECT SELECT * FROM (" + tb + ")) UNION SELECT * FROM (SELECT * FROM (" + sb + ") INTERSECT SELECT * FROM (" + ta + "))"
	return q, append(append(append(x1, x2...), x3...), x4...)
}
