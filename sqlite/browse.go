package sqlite

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"

	"chronicle"
)

// This file implements chronicle.BrowseStore: the queries behind `chronicle serve`.

// isQID reports whether s is a Wikidata id (Q followed by digits).
func isQID(s string) bool {
	if len(s) < 2 || s[0] != 'Q' {
		return false
	}
	for _, c := range s[1:] {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// Entity returns one entity aggregated over the store.
func (s *Store) Entity(ctx context.Context, name, typ string) (*chronicle.EntityDetail, error) {
	match, arg := "e.name = ? COLLATE NOCASE", name
	if isQID(name) {
		match = "e.kb = ?"
	}
	q := `SELECT e.name, e.type, max(e.actor), max(e.kb), count(DISTINCT e.article), min(a.date), max(a.date)
		FROM entities e JOIN articles a ON a.pk = e.article WHERE ` + match
	args := []any{arg}
	if typ != "" {
		q += " AND e.type = ?"
		args = append(args, strings.ToUpper(typ))
	}
	q += " GROUP BY e.name, e.type ORDER BY count(DISTINCT e.article) DESC, e.name, e.type LIMIT 1"
	d := &chronicle.EntityDetail{Aliases: []string{}, Roles: []chronicle.RoleSpan{}, Related: []chronicle.Related{}}
	r := &d.EntityRow
	err := s.db.QueryRowContext(ctx, q, args...).Scan(&r.Name, &r.Type, &r.Actor, &r.KB, &r.Articles, &r.First, &r.Last)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, &chronicle.Error{Code: chronicle.ENOTFOUND, Message: fmt.Sprintf("no entity %q", name),
			Hint: "search for it: list entities with a part of the name"}
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite.Entity(%q): %w", name, err)
	}
	fail := func(err error) (*chronicle.EntityDetail, error) {
		return nil, fmt.Errorf("sqlite.Entity(%q): %w", name, err)
	}
	// From here on the entity is its exact stored name and type.
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM mentions m JOIN entities e ON e.article = m.article AND e.eid = m.eid
		WHERE e.name = ? AND e.type = ?`, r.Name, r.Type).Scan(&r.Mentions); err != nil {
		return fail(err)
	}

	rows, err := s.db.QueryContext(ctx, `SELECT e.text, count(*) FROM entities e WHERE e.name = ? AND e.type = ?
		GROUP BY e.text ORDER BY count(*) DESC, e.text LIMIT 20`, r.Name, r.Type)
	if err != nil {
		return fail(err)
	}
	for rows.Next() {
		var t string
		var n int
		if err := rows.Scan(&t, &n); err != nil {
			rows.Close()
			return fail(err)
		}
		d.Aliases = append(d.Aliases, t)
	}
	rows.Close()

	rows, err = s.db.QueryContext(ctx, `SELECT e.role, min(a.date), max(a.date), count(DISTINCT e.article)
		FROM entities e JOIN articles a ON a.pk = e.article WHERE e.name = ? AND e.type = ? AND e.role != ''
		GROUP BY e.role ORDER BY min(a.date), e.role`, r.Name, r.Type)
	if err != nil {
		return fail(err)
	}
	for rows.Next() {
		var rs chronicle.RoleSpan
		if err := rows.Scan(&rs.Role, &rs.First, &rs.Last, &rs.Articles); err != nil {
			rows.Close()
			return fail(err)
		}
		d.Roles = append(d.Roles, rs)
	}
	rows.Close()
	if n := len(d.Roles); n > 0 {
		r.Role = latestRole(d.Roles)
	}

	related := map[[2]string]*chronicle.Related{}
	rows, err = s.db.QueryContext(ctx, `SELECT e2.name, e2.type, max(e2.actor), count(DISTINCT e2.article)
		FROM entities e1 JOIN entities e2 ON e2.article = e1.article
		WHERE e1.name = ? AND e1.type = ? AND NOT (e2.name = e1.name AND e2.type = e1.type)
		GROUP BY e2.name, e2.type ORDER BY 4 DESC, 1 LIMIT 200`, r.Name, r.Type)
	if err != nil {
		return fail(err)
	}
	for rows.Next() {
		var x chronicle.Related
		if err := rows.Scan(&x.Name, &x.Type, &x.Actor, &x.Articles); err != nil {
			rows.Close()
			return fail(err)
		}
		related[[2]string{strings.ToLower(x.Name), x.Type}] = &x
	}
	rows.Close()
	// Event partners: the canonical names on the other side of its events.
	rows, err = s.db.QueryContext(ctx, `SELECT other, count(*) FROM (
			SELECT target_name AS other FROM events WHERE source_name = ? COLLATE NOCASE
			UNION ALL SELECT source_name FROM events WHERE target_name = ? COLLATE NOCASE)
		WHERE other != '' AND other != ? COLLATE NOCASE GROUP BY other COLLATE NOCASE`, r.Name, r.Name, r.Name)
	if err != nil {
		return fail(err)
	}
	for rows.Next() {
		var other string
		var n int
		if err := rows.Scan(&other, &n); err != nil {
			rows.Close()
			return fail(err)
		}
		found := false
		for k, x := range related {
			if k[0] == strings.ToLower(other) {
				x.Events += n
				found = true
				break
			}
		}
		if !found {
			related[[2]string{strings.ToLower(other), ""}] = &chronicle.Related{Name: other, Events: n}
		}
	}
	rows.Close()
	for _, x := range related {
		d.Related = append(d.Related, *x)
	}
	slices.SortFunc(d.Related, func(a, b chronicle.Related) int {
		return cmp.Or(cmp.Compare(b.Events, a.Events), cmp.Compare(b.Articles, a.Articles),
			cmp.Compare(a.Name, b.Name), cmp.Compare(a.Type, b.Type))
	})
	if len(d.Related) > 30 {
		d.Related = d.Related[:30]
	}
	return d, nil
}

// latestRole returns the role seen last (the latest Last date; the later First on a tie).
func latestRole(rs []chronicle.RoleSpan) string {
	best := rs[0]
	for _, r := range rs[1:] {
		if r.Last > best.Last || (r.Last == best.Last && r.First > best.First) {
			best = r
		}
	}
	return best.Role
}

// periodExpr returns the SQL expression of the first day of the period of unit that contains
// the date column col (YYYY-MM-DD).
func periodExpr(unit, col string) (string, error) {
	switch unit {
	case chronicle.Day:
		return col, nil
	case chronicle.Week: // back to Monday
		return "date(" + col + ", '-' || ((CAST(strftime('%w', " + col + ") AS INTEGER) + 6) % 7) || ' days')", nil
	case chronicle.Month:
		return "substr(" + col + ", 1, 7) || '-01'", nil
	case chronicle.Year:
		return "substr(" + col + ", 1, 4) || '-01-01'", nil
	}
	return "", &chronicle.Error{Code: chronicle.EINVALID, Message: fmt.Sprintf("unknown time unit %q", unit), Hint: "use day, week, month or year"}
}

// EventCounts counts event mentions per period and PLOVER category.
func (s *Store) EventCounts(ctx context.Context, f chronicle.EventFilter, unit string) ([]chronicle.EventCount, error) {
	q := eventQueryOf(f)
	col := "v" // where date_start, date_end and plover are read
	from := "events v"
	args := q.args
	if q.keys != "" {
		col = "m"
		from = "(" + q.keys + ") m"
		if len(q.conds) > 0 {
			from += " JOIN events v ON v.pk = m.pk"
		}
		args = append(q.keyArgs, q.args...)
	}
	if f.Article != "" {
		from += " JOIN articles a ON a.pk = v.article"
	}
	ps, err := periodExpr(unit, col+".date_start")
	if err != nil {
		return nil, err
	}
	pe, _ := periodExpr(unit, col+".date_end")
	w := &q.where
	rows, err := s.db.QueryContext(ctx, `SELECT CASE WHEN `+ps+` = `+pe+` THEN `+ps+` ELSE '' END AS p, `+col+`.plover, count(*)
		FROM `+from+w.String()+` GROUP BY p, `+col+`.plover ORDER BY p, `+col+`.plover`, args...)
	if err != nil {
		return nil, fmt.Errorf("sqlite.EventCounts: %w", err)
	}
	defer rows.Close()
	out := []chronicle.EventCount{}
	for rows.Next() {
		var c chronicle.EventCount
		if err := rows.Scan(&c.Period, &c.Plover, &c.Count); err != nil {
			return nil, fmt.Errorf("sqlite.EventCounts: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// Excerpts returns stretches of stored article texts.
func (s *Store) Excerpts(ctx context.Context, xs []chronicle.Excerpt) ([]string, error) {
	out := make([]string, len(xs))
	for base := 0; base < len(xs); base += 200 {
		batch := xs[base:min(base+200, len(xs))]
		var sb strings.Builder
		args := make([]any, 0, 4*len(batch))
		sb.WriteString("WITH r(i, id, s, n) AS (VALUES ")
		for i, x := range batch {
			if i > 0 {
				sb.WriteString(",")
			}
			sb.WriteString("(?,?,?,?)")
			start := max(x.Start, 0)
			args = append(args, base+i, x.Article, start+1, max(x.End-start, 0))
		}
		sb.WriteString(") SELECT r.i, substr(a.text, r.s, r.n) FROM r JOIN articles a ON a.id = r.id")
		rows, err := s.db.QueryContext(ctx, sb.String(), args...)
		if err != nil {
			return nil, fmt.Errorf("sqlite.Excerpts: %w", err)
		}
		for rows.Next() {
			var i int
			var t string
			if err := rows.Scan(&i, &t); err != nil {
				rows.Close()
				return nil, fmt.Errorf("sqlite.Excerpts: %w", err)
			}
			out[i] = t
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, fmt.Errorf("sqlite.Excerpts: %w", err)
		}
	}
	return out, nil
}

// Titles returns the titles of stored articles by id.
func (s *Store) Titles(ctx context.Context, ids []string) (map[string]string, error) {
	out := make(map[string]string, len(ids))
	ids = slices.Compact(slices.Sorted(slices.Values(ids)))
	for len(ids) > 0 {
		n := min(len(ids), 500)
		args := make([]any, n)
		for i, id := range ids[:n] {
			args[i] = id
		}
		ids = ids[n:]
		rows, err := s.db.QueryContext(ctx, `SELECT id, title FROM articles WHERE id IN (`+placeholders(n)+`)`, args...)
		if err != nil {
			return nil, fmt.Errorf("sqlite.Titles: %w", err)
		}
		for rows.Next() {
			var id, t string
			if err := rows.Scan(&id, &t); err != nil {
				rows.Close()
				return nil, fmt.Errorf("sqlite.Titles: %w", err)
			}
			out[id] = t
		}
		err = rows.Err()
		rows.Close()
		if err != nil {
			return nil, fmt.Errorf("sqlite.Titles: %w", err)
		}
	}
	return out, nil
}
