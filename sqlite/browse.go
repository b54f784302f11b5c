package sqlite

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

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

// EventCounts counts event mentions per period and PLOVER category. The events' first and last
// days and categories come from the index entries of the query's plan as one JSON array,
// and are counted here.
func (s *Store) EventCounts(ctx context.Context, f chronicle.EventFilter, unit string) ([]chronicle.EventCount, error) {
	ps, err := periodExpr(unit, "date_start")
	if err != nil {
		return nil, err
	}
	p, err := s.eventPlan(ctx, f, false)
	if err != nil {
		return nil, fmt.Errorf("sqlite.EventCounts: %w", err)
	}
	if p.none {
		return []chronicle.EventCount{}, nil
	}
	inner, args := p.sql(timeline)
	rows, err := s.query(ctx, "SELECT json_group_array(x) FROM ("+inner+")", args...)
	if err != nil {
		return nil, fmt.Errorf("sqlite.EventCounts: %w", err)
	}
	var js string
	if rows.Next() {
		err = rows.Scan(&js)
	}
	rows.Close()
	if err == nil {
		err = rows.Err()
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite.EventCounts: %w", err)
	}
	if out, ok := countDays(js, unit); ok {
		return out, nil
	}
	// Some first or last day is not a YYYY-MM-DD date: SQLite's date functions count.
	pe, _ := periodExpr(unit, "date_end")
	inner, args = p.sql("CASE WHEN " + ps + " = " + pe + " THEN " + ps + " ELSE '' END AS p, plover")
	rows, err = s.db.QueryContext(ctx, "SELECT p, plover, count(*) FROM ("+inner+") GROUP BY p, plover ORDER BY p, plover", args...)
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

// countDays counts per period of unit and category the events of js, a JSON array of strings
// "YYYY-MM-DD" (first day) "YYYY-MM-DD" (last day) category, as periodExpr would; ok is
// false when some day is not of that form. The strings come mostly in date order: the period
// of the previous one is reused.
func countDays(js, unit string) (out []chronicle.EventCount, ok bool) {
	// Counts per period (groups, found by index) and category (plovers, by number).
	type group struct {
		period string
		n      []int32 // by category number
	}
	var (
		groups  []group
		index   = map[string]int{} // of groups by period
		plovers []string           // the categories seen, numbered
		lastDay string             // the previous day given to period (valid)
		lastP   string             // its period
		monday  = math.MinInt      // for weeks: the day number of lastP
	)
	// period returns the period of a day, "" and false when it is not one.
	period := func(day string) (string, bool) {
		if day == lastDay {
			return lastP, true
		}
		if !isDay(day) {
			return "", false
		}
		p := lastP
		switch unit {
		case chronicle.Day:
			p = day
		case chronicle.Month:
			if len(lastP) != 10 || lastP[:7] != day[:7] {
				p = day[:7] + "-01"
			}
		case chronicle.Year:
			if len(lastP) != 10 || lastP[:4] != day[:4] {
				p = day[:4] + "-01-01"
			}
		default:
			n, _ := dayNumber(day)
			if n < monday || n >= monday+7 {
				monday = n - (n+3)%7 // back to Monday; 1970-01-01 was a Thursday
				p = dayString(monday)
			}
		}
		lastDay, lastP = day, p
		return p, true
	}
	cur, pl := -1, -1 // the group and category of the previous event
	ok = eachString(js, func(x string) bool {
		if len(x) < 20 {
			return false
		}
		p, ok := period(x[:10])
		if !ok {
			return false
		}
		if x[10:20] != x[:10] {
			q, ok := period(x[10:20])
			if !ok {
				return false
			}
			if q != p {
				p = ""
			}
		}
		if cur < 0 || groups[cur].period != p {
			g, ok := index[p]
			if !ok {
				g = len(groups)
				index[p] = g
				groups = append(groups, group{period: p, n: make([]int32, len(plovers), max(len(plovers), 16))})
			}
			cur = g
		}
		if plover := x[20:]; pl < 0 || plovers[pl] != plover {
			pl = slices.Index(plovers, plover)
			if pl < 0 {
				pl = len(plovers)
				plovers = append(plovers, plover)
			}
		}
		g := &groups[cur]
		for len(g.n) <= pl {
			g.n = append(g.n, 0)
		}
		g.n[pl]++
		return true
	})
	if !ok {
		return nil, false
	}
	slices.SortFunc(groups, func(a, b group) int { return strings.Compare(a.period, b.period) })
	order := make([]int, len(plovers)) // category numbers by name
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return strings.Compare(plovers[a], plovers[b]) })
	out = make([]chronicle.EventCount, 0, len(groups)*min(len(plovers), 4))
	for _, g := range groups {
		for _, k := range order {
			if k < len(g.n) && g.n[k] > 0 {
				out = append(out, chronicle.EventCount{Period: g.period, Plover: plovers[k], Count: int(g.n[k])})
			}
		}
	}
	return out, true
}

// isDay reports whether s has the form YYYY-MM-DD with a month from 1 to 12 and a day from
// 1 to 31 (SQLite's date functions take such a day and carry the excess into the next month).
func isDay(s string) bool {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return false
	}
	for i, c := range []byte(s) {
		if i != 4 && i != 7 && (c < '0' || c > '9') {
			return false
		}
	}
	m := int(s[5]-'0')*10 + int(s[6]-'0')
	d := int(s[8]-'0')*10 + int(s[9]-'0')
	return m >= 1 && m <= 12 && d >= 1 && d <= 31
}

// dayNumber returns the number of days from 1970-01-01 to the day s (YYYY-MM-DD, see isDay).
func dayNumber(s string) (int, bool) {
	if !isDay(s) {
		return 0, false
	}
	y := int(s[0]-'0')*1000 + int(s[1]-'0')*100 + int(s[2]-'0')*10 + int(s[3]-'0')
	m := int(s[5]-'0')*10 + int(s[6]-'0')
	d := int(s[8]-'0')*10 + int(s[9]-'0')
	// Days from civil (H. Hinnant), linear in d.
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era--
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468, true
}

// dayString formats a day number of dayNumber as YYYY-MM-DD.
func dayString(n int) string {
	return time.Unix(int64(n)*86400, 0).UTC().Format(chronicle.DateLayout)
}

// eachString calls fn with each string of a JSON array of strings, as long as fn returns
// true; it reports whether the array was read to its end.
func eachString(js string, fn func(string) bool) bool {
	if len(js) < 2 || js[0] != '[' || js[len(js)-1] != ']' {
		return false
	}
	rest := js[1 : len(js)-1]
	for rest != "" {
		if rest[0] != '"' {
			return false
		}
		end := strings.IndexByte(rest[1:], '"') + 1
		if end == 0 {
			return false
		}
		s := rest[1:end]
		if strings.IndexByte(s, '\\') >= 0 {
			// Escapes: find the closing quote past escaped ones, and decode.
			end = 1
			for end < len(rest) && rest[end] != '"' {
				if rest[end] == '\\' {
					end++
				}
				end++
			}
			if end >= len(rest) {
				return false
			}
			var u string
			if err := json.Unmarshal([]byte(rest[:end+1]), &u); err != nil {
				return false
			}
			s = u
		}
		if !fn(s) {
			return false
		}
		rest = rest[end+1:]
		if rest != "" {
			if rest[0] != ',' || len(rest) == 1 {
				return false
			}
			rest = rest[1:]
		}
	}
	return true
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
