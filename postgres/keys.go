package postgres

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/jackc/pgx/v5"

	"chronicle"
)

// Event keys (migration 0004), as in the SQLite store (sqlite/keys.go): each event argument is
// indexed under its canonical name, Wikidata id, actor code and the text naming it, prefixed by
// its role ("s:" source, "t:" target). Actor and pair queries read these keys, so that both
// stores match an actor query alike: a name or text containing it (case and spacing aside), its
// Wikidata id, an actor code it prefixes, or one of its other forms exactly.

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

// eventKeys returns the keys of one event and adds its names to names.
func eventKeys(v *chronicle.Event, sname, skb, tname, tkb string, names map[string]bool) []string {
	var all []string
	for _, arg := range []struct{ role, name, kb, code, text string }{
		{"s:", sname, skb, v.Source.Actor, v.Source.Text},
		{"t:", tname, tkb, v.Target.Actor, v.Target.Text},
	} {
		keys, ns := argKeys(arg.role, arg.name, arg.kb, arg.code, arg.text)
		all = append(all, keys...)
		for _, n := range ns {
			names[n] = true
		}
	}
	return all
}

// queueNames adds the insertion of names to b, sorted (so that concurrent transactions take
// their locks in one order).
func queueNames(b *pgx.Batch, names map[string]bool) {
	if len(names) == 0 {
		return
	}
	ns := make([]string, 0, len(names))
	for n := range names {
		ns = append(ns, n)
	}
	slices.Sort(ns)
	b.Queue(`INSERT INTO arg_names (name) SELECT unnest($1::text[]) ORDER BY 1 ON CONFLICT DO NOTHING`, ns)
}

// backfillKeys computes the keys of the events stored before migration 0004.
func backfillKeys(ctx context.Context, tx pgx.Tx) error {
	rows, err := tx.Query(ctx, `SELECT pk, source_name, source_kb, source_actor, source_text, target_name, target_kb, target_actor, target_text,
		date_start, date_end, plover FROM events e WHERE NOT EXISTS (SELECT 1 FROM event_keys k WHERE k.pk = e.pk)`)
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
	if err := rows.Err(); err != nil {
		return err
	}
	names := map[string]bool{}
	b := &pgx.Batch{}
	for _, r := range rs {
		keys := eventKeys(&r.v, r.sname, r.skb, r.tname, r.tkb, names)
		b.Queue(`INSERT INTO event_keys (key, date_start, pk, date_end, plover) SELECT unnest($1::text[]), $2, $3, $4, $5 ON CONFLICT DO NOTHING`,
			keys, r.start, r.pk, r.end, r.v.Plover)
	}
	queueNames(b, names)
	if b.Len() == 0 {
		return nil
	}
	if err := tx.SendBatch(ctx, b).Close(); err != nil {
		return fmt.Errorf("backfill event keys: %w", err)
	}
	return nil
}

// keySet returns a SELECT of the pks of events whose argument in role ("s:" or "t:") matches
// a user's actor query q (see the top of this file); forms are other exact names or Wikidata
// ids of the same actor.
func keySet(role, q string, forms []string) (string, []any) {
	exact := []string{role + "k:" + q}
	for _, f := range forms {
		if f != "" {
			exact = append(exact, role+"n:"+normName(f), role+"k:"+f)
		}
	}
	subs := []string{
		"SELECT pk FROM event_keys WHERE key = ANY(?)",
		"SELECT pk FROM event_keys WHERE key IN (SELECT ? || name FROM arg_names WHERE name LIKE ?)",
	}
	args := []any{exact, role + "n:", "%" + likeEscape(normName(q)) + "%"}
	if isCode(q) {
		subs = append(subs, "SELECT pk FROM event_keys WHERE key >= ? AND key < ?")
		args = append(args, role+"c:"+q, role+"c:"+q+"\x7f")
	}
	return strings.Join(subs, " UNION "), args
}

// likeEscape escapes the LIKE wildcards of s (backslash is PostgreSQL's escape character).
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
	q := "(SELECT pk FROM (" + sa + ") AS sa INTERSECT SELECT pk FROM (" + tb + ") AS tb) UNION (SELECT pk FROM (" + sb + ") AS sb INTERSECT SELECT pk FROM (" + ta + ") AS ta)"
	return q, append(append(append(x1, x2...), x3...), x4...)
}
