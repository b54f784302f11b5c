package postgres

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/jackc/pgx/v5"
)

// Event arguments (migration 0005), as in the SQLite store (sqlite/keys.go): every event points
// to the args row of its source and of its target (canonical name and text naming it, lower
// case with spaces collapsed; Wikidata id; actor code). An actor query matches the arguments
// whose name or text contains it (case and spacing aside), whose Wikidata id it is, whose actor
// code it prefixes, or whose name, text or Wikidata id is one of its other forms; an event
// matches when its source or its target does, so that both stores match alike.

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

// argID is an SQL expression of the id of a stored argument, with its four parameters.
const argID = `(SELECT id FROM args WHERE name = ? AND text = ? AND kb = ? AND code = ?)`

// queueArgs adds the insertion of args to b, sorted (so that concurrent transactions take their
// locks in one order).
func queueArgs(b *pgx.Batch, args map[arg]bool) {
	if len(args) == 0 {
		return
	}
	as := make([]arg, 0, len(args))
	for a := range args {
		as = append(as, a)
	}
	slices.SortFunc(as, func(x, y arg) int {
		return strings.Compare(x.name+"\x00"+x.text+"\x00"+x.kb+"\x00"+x.code, y.name+"\x00"+y.text+"\x00"+y.kb+"\x00"+y.code)
	})
	var ns, ts, ks, cs []string
	for _, a := range as {
		ns, ts, ks, cs = append(ns, a.name), append(ts, a.text), append(ks, a.kb), append(cs, a.code)
	}
	b.Queue(`INSERT INTO args (name, text, kb, code) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])
		ON CONFLICT DO NOTHING`, ns, ts, ks, cs)
}

// backfillArgs computes the arguments of the events stored before migration 0005.
func backfillArgs(ctx context.Context, tx pgx.Tx) error {
	rows, err := tx.Query(ctx, `SELECT pk, source_name, source_kb, source_actor, source_text, target_name, target_kb, target_actor, target_text
		FROM events WHERE source_arg = 0 OR target_arg = 0`)
	if err != nil {
		return err
	}
	type row struct {
		pk       int64
		src, tgt arg
	}
	var rs []row
	all := map[arg]bool{}
	for rows.Next() {
		var r row
		var sname, skb, scode, stext, tname, tkb, tcode, ttext string
		if err := rows.Scan(&r.pk, &sname, &skb, &scode, &stext, &tname, &tkb, &tcode, &ttext); err != nil {
			rows.Close()
			return err
		}
		r.src, r.tgt = argOf(sname, skb, scode, stext), argOf(tname, tkb, tcode, ttext)
		all[r.src], all[r.tgt] = true, true
		rs = append(rs, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	b := &pgx.Batch{}
	queueArgs(b, all)
	for _, r := range rs {
		b.Queue(rebind(`UPDATE events SET source_arg = `+argID+`, target_arg = `+argID+` WHERE pk = ?`),
			r.src.name, r.src.text, r.src.kb, r.src.code, r.tgt.name, r.tgt.text, r.tgt.kb, r.tgt.code, r.pk)
	}
	if b.Len() == 0 {
		return nil
	}
	if err := tx.SendBatch(ctx, b).Close(); err != nil {
		return fmt.Errorf("backfill event arguments: %w", err)
	}
	return nil
}

// argSet returns a SELECT of the ids of the arguments that a user's actor query q matches (see
// the top of this file); forms are other exact names or Wikidata ids of the same actor.
func argSet(q string, forms []string) (string, []any) {
	nq := normName(q)
	kbs := []string{q}
	names := []string{}
	for _, f := range forms {
		if f == "" {
			continue
		}
		kbs = append(kbs, f)
		if n := normName(f); n != "" {
			names = append(names, n)
		}
	}
	cond := `name != '' AND strpos(name, ?) > 0 OR text != '' AND strpos(text, ?) > 0 OR kb != '' AND kb = ANY(?)
		OR name = ANY(?) OR text = ANY(?)`
	args := []any{nq, nq, kbs, names, names}
	if isCode(q) {
		cond += ` OR code >= ? AND code < ?`
		args = append(args, q, q+"\x7f")
	}
	return "SELECT id FROM args WHERE " + cond, args
}

// actorCond is the condition on events v that the actor is their source or target.
func actorCond(q string, forms []string) (string, []any) {
	set, args := argSet(q, forms)
	return "(v.source_arg IN (" + set + ") OR v.target_arg IN (" + set + "))", append(args, args...)
}

// pairCond is the condition on events v that they are between two actors, in either
// direction.
func pairCond(a, b string, aForms, bForms []string) (string, []any) {
	sa, aa := argSet(a, aForms)
	sb, ba := argSet(b, bForms)
	return "(v.source_arg IN (" + sa + ") AND v.target_arg IN (" + sb + ") OR v.source_arg IN (" + sb + ") AND v.target_arg IN (" + sa + "))",
		slices.Concat(aa, ba, ba, aa)
}
