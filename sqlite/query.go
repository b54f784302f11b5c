package sqlite

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"chronicle"
)

// where accumulates SQL conditions and their arguments.
type where struct {
	conds []string
	args  []any
}

func (w *where) add(cond string, args ...any) {
	w.conds = append(w.conds, cond)
	w.args = append(w.args, args...)
}

func (w *where) String() string {
	if len(w.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(w.conds, " AND ")
}

func limit(p chronicle.Page) string {
	s := ""
	if p.Limit > 0 {
		s = fmt.Sprintf(" LIMIT %d", p.Limit)
	} else if p.Offset > 0 {
		s = " LIMIT -1"
	}
	if p.Offset > 0 {
		s += fmt.Sprintf(" OFFSET %d", p.Offset)
	}
	return s
}

// Article returns one article with all its extractions.
func (s *Store) Article(ctx context.Context, id string) (*chronicle.Article, error) {
	as, err := s.articles(ctx, `WHERE a.id = ?`, []any{id}, true)
	if err != nil {
		return nil, fmt.Errorf("sqlite.Article(%q): %w", id, err)
	}
	if len(as) == 0 {
		return nil, &chronicle.Error{Code: chronicle.ENOTFOUND, Message: fmt.Sprintf("no article %q", id),
			Hint: "list stored articles with 'chronicle search' or 'chronicle events'"}
	}
	return as[0], nil
}

// Articles lists articles by date, then id.
func (s *Store) Articles(ctx context.Context, f chronicle.ArticleFilter) ([]*chronicle.Article, error) {
	var w where
	if f.From != "" {
		w.add("a.date >= ?", f.From)
	}
	if f.To != "" {
		w.add("a.date <= ?", f.To)
	}
	if f.Outlet != "" {
		w.add("a.outlet = ?", f.Outlet)
	}
	as, err := s.articles(ctx, w.String()+" ORDER BY a.date, a.id"+limit(f.Page), w.args, f.Full)
	if err != nil {
		return nil, fmt.Errorf("sqlite.Articles: %w", err)
	}
	return as, nil
}

func (s *Store) articles(ctx context.Context, tail string, args []any, full bool) ([]*chronicle.Article, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT a.pk, a.id, a.key, a.source, a.url, a.outlet, a.date, a.date_from, a.title, a.lang, a.text,
		a.status, a.versions, a.diagnostics FROM articles a `+tail, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var as []*chronicle.Article
	var pks []int64
	for rows.Next() {
		a := &chronicle.Article{Offsets: chronicle.CodePoints}
		var pk int64
		var versions, diags string
		if err := rows.Scan(&pk, &a.ID, &a.Key, &a.Source, &a.URL, &a.Outlet, &a.Date, &a.DateFrom, &a.Title, &a.Lang, &a.Text,
			&a.Status, &versions, &diags); err != nil {
			return nil, err
		}
		json.Unmarshal([]byte(versions), &a.Versions)
		json.Unmarshal([]byte(diags), &a.Diagnostics)
		a.Entities, a.Timexes, a.Quotes, a.Events = []chronicle.Entity{}, []chronicle.Timex{}, []chronicle.Quote{}, []chronicle.Event{}
		as = append(as, a)
		pks = append(pks, pk)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	if full {
		for i, a := range as {
			if err := s.loadExtractions(ctx, pks[i], a); err != nil {
				return nil, err
			}
		}
	}
	return as, nil
}

func (s *Store) loadExtractions(ctx context.Context, pk int64, a *chronicle.Article) error {
	rows, err := s.db.QueryContext(ctx, `SELECT eid, type, name, text, start, end, role, actor, kb, country FROM entities WHERE article = ?`, pk)
	if err != nil {
		return err
	}
	idx := map[string]int{}
	for rows.Next() {
		var e chronicle.Entity
		if err := rows.Scan(&e.ID, &e.Type, &e.Name, &e.Text, &e.Start, &e.End, &e.Role, &e.Actor, &e.KB, &e.Country); err != nil {
			rows.Close()
			return err
		}
		e.Mentions = [][2]int{}
		idx[e.ID] = len(a.Entities)
		a.Entities = append(a.Entities, e)
	}
	rows.Close()
	sortByID(a.Entities, func(e chronicle.Entity) string { return e.ID })
	for i, e := range a.Entities {
		idx[e.ID] = i
	}
	rows, err = s.db.QueryContext(ctx, `SELECT eid, start, end FROM mentions WHERE article = ? ORDER BY start`, pk)
	if err != nil {
		return err
	}
	for rows.Next() {
		var eid string
		var m [2]int
		if err := rows.Scan(&eid, &m[0], &m[1]); err != nil {
			rows.Close()
			return err
		}
		if i, ok := idx[eid]; ok {
			a.Entities[i].Mentions = append(a.Entities[i].Mentions, m)
		}
	}
	rows.Close()

	rows, err = s.db.QueryContext(ctx, `SELECT tid, type, value, mod, freq, quant, anchor, text, start, end FROM timexes WHERE article = ?`, pk)
	if err != nil {
		return err
	}
	for rows.Next() {
		var t chronicle.Timex
		if err := rows.Scan(&t.ID, &t.Type, &t.Value, &t.Mod, &t.Freq, &t.Quant, &t.AnchorID, &t.Text, &t.Start, &t.End); err != nil {
			rows.Close()
			return err
		}
		a.Timexes = append(a.Timexes, t)
	}
	rows.Close()
	sortByID(a.Timexes, func(t chronicle.Timex) string { return t.ID })

	qs, err := s.quotes(ctx, `WHERE q.article = ?`, []any{pk})
	if err != nil {
		return err
	}
	for _, q := range qs {
		a.Quotes = append(a.Quotes, q.Quote)
	}
	sortByID(a.Quotes, func(q chronicle.Quote) string { return q.ID })
	evs, err := s.events(ctx, "events v", `WHERE v.article = ?`, []any{pk}, false, false)
	if err != nil {
		return err
	}
	a.Events = append(a.Events, evs...)
	sortByID(a.Events, func(v chronicle.Event) string { return v.ID })
	return nil
}

// sortByID sorts extractions by their id's number ("e2" before "e10").
func sortByID[T any](xs []T, id func(T) string) {
	num := func(s string) int {
		n := 0
		for _, c := range s {
			if c >= '0' && c <= '9' {
				n = n*10 + int(c-'0')
			}
		}
		return n
	}
	for i := 1; i < len(xs); i++ {
		for j := i; j > 0 && num(id(xs[j])) < num(id(xs[j-1])); j-- {
			xs[j], xs[j-1] = xs[j-1], xs[j]
		}
	}
}

// Stale returns the ids of articles whose recorded versions differ from versions.
func (s *Store) Stale(ctx context.Context, versions map[string]string) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT id, versions, status FROM articles ORDER BY pk`)
	if err != nil {
		return nil, fmt.Errorf("sqlite.Stale: %w", err)
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id, vs, st string
		if err := rows.Scan(&id, &vs, &st); err != nil {
			return nil, err
		}
		var have map[string]string
		json.Unmarshal([]byte(vs), &have)
		if strings.HasPrefix(st, "failed") || !sameVersions(have, versions) {
			ids = append(ids, id)
		}
	}
	return ids, rows.Err()
}

func sameVersions(have, want map[string]string) bool {
	for k, v := range want {
		if have[k] != v {
			return false
		}
	}
	return true
}

// isCode reports whether q looks like a CAMEO actor code (upper-case letters, 3 to 12).
func isCode(q string) bool {
	if len(q) < 3 || len(q) > 12 {
		return false
	}
	for _, r := range q {
		if !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

// Events returns stored event mentions, by event date (its first day), then storage order.
func (s *Store) Events(ctx context.Context, f chronicle.EventFilter) ([]chronicle.Event, error) {
	p, err := s.eventPlan(ctx, f, true)
	if err != nil {
		return nil, fmt.Errorf("sqlite.Events: %w", err)
	}
	if p.none {
		return []chronicle.Event{}, nil
	}
	inner, args := p.page(f.Page)
	evs, err := s.events(ctx, "("+inner+") m JOIN events v ON v.pk = m.pk", "", args, f.Sentences, true)
	if err != nil {
		return nil, fmt.Errorf("sqlite.Events: %w", err)
	}
	return evs, nil
}

// page returns the SELECT of the date_start and pk of the events of one page.
func (p *plan) page(pg chronicle.Page) (string, []any) {
	q, args := p.sql("date_start, pk")
	if len(p.arms) > 1 {
		q += " ORDER BY 1, 2"
	} else {
		q += " ORDER BY date_start, pk"
	}
	if pg.Limit > 0 || pg.Offset > 0 {
		lim := pg.Limit
		if lim <= 0 {
			lim = -1
		}
		q += " LIMIT ? OFFSET ?"
		args = append(args, lim, pg.Offset)
	}
	return q, args
}

// Event queries (see doc/schema.md, "Event queries"). A filter becomes a plan: a few arms,
// each a range of one index of events whose conditions the index columns can check, the arms
// disjoint, their union the events that match. A page merges arms that each come in the
// order of the answer (date_start, pk), so a first page reads about as many index entries as
// it returns; counts read the arms whole.

// Limits of the plans (variables for the tests).
var (
	maxOrderedArgs = 24    // most actor arguments read as one ordered arm each (per role)
	maxPairArms    = 64    // most argument pairs read as one arm each
	maxInlineIDs   = 24    // longer lists of ids are written into the SQL rather than bound
	maxSorted      = 20000 // most events of many actor arguments sorted for a page, rather than all events read by date
)

// arm is one SELECT over events: an index (INDEXED BY; "" lets SQLite choose) and conditions.
type arm struct {
	index string
	conds []string
	args  []any
}

func (a *arm) add(cond string, args ...any) {
	a.conds = append(a.conds, cond)
	a.args = append(a.args, args...)
}

// plan is the arms of an event filter, or none when nothing can match.
type plan struct {
	none bool
	arms []arm
}

// timeline is the column list of plan.sql that selects an event's tl (see migration 0005), as
// one column x.
const timeline = "tl"

// sql returns the arms selecting cols as one compound SELECT (without ORDER BY).
func (p *plan) sql(cols string) (string, []any) {
	var sb strings.Builder
	var args []any
	for i, a := range p.arms {
		if i > 0 {
			sb.WriteString(" UNION ALL ")
		}
		sb.WriteString("SELECT ")
		if cols == timeline {
			switch a.index {
			case "events_by_pair", "events_by_source", "events_by_target":
				sb.WriteString("tl AS x") // in the index
			default:
				sb.WriteString("date_start || date_end || plover AS x")
			}
		} else {
			sb.WriteString(cols)
		}
		sb.WriteString(" FROM events")
		if a.index != "" {
			sb.WriteString(" INDEXED BY ")
			sb.WriteString(a.index)
		}
		for j, c := range a.conds {
			if j == 0 {
				sb.WriteString(" WHERE ")
			} else {
				sb.WriteString(" AND ")
			}
			sb.WriteString(c)
		}
		args = append(args, a.args...)
	}
	return sb.String(), args
}

// keys is what the actor and pair filters of a query select: the argument ids of the actor
// (ids, with the number of events each has as source or target), or the argument pairs that
// have events (cells, with their numbers of events).
type keys struct {
	any   bool // an actor or pair filter is given
	ids   []int64
	cells [][2]int64
	est   int64 // events they have (an upper bound)
}

// resolve looks up the arguments of the actor and pair filters of f.
func (s *Store) resolve(ctx context.Context, f chronicle.EventFilter) (*keys, error) {
	k := &keys{}
	pair := len(f.Pair) == 2
	if f.Actor == "" && !pair {
		return k, nil
	}
	k.any = true
	snap, err := s.argSnapshot(ctx)
	if err != nil {
		return nil, err
	}
	var x []int64
	if f.Actor != "" {
		if x, err = s.argIDs(ctx, snap, f.Actor, f.ActorForms); err != nil || len(x) == 0 {
			return k, err
		}
	}
	if !pair {
		// The arguments that have events, and how many.
		l, la := idList(x)
		rows, err := s.query(ctx, `SELECT source, total(n) FROM arg_pairs WHERE source IN `+l+` GROUP BY source
			UNION ALL SELECT target, total(n) FROM arg_pairs WHERE target IN `+l+` GROUP BY target`, append(la, la...)...)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			var n float64
			if err := rows.Scan(&id, &n); err != nil {
				return nil, err
			}
			if n > 0 {
				k.ids = append(k.ids, id)
				k.est += int64(n)
			}
		}
		slices.Sort(k.ids)
		k.ids = slices.Compact(k.ids)
		return k, rows.Err()
	}
	var af, bf []string
	if len(f.PairForms) == 2 {
		af, bf = f.PairForms[0], f.PairForms[1]
	}
	a, err := s.argIDs(ctx, snap, f.Pair[0], af)
	if err != nil || len(a) == 0 {
		return k, err
	}
	b, err := s.argIDs(ctx, snap, f.Pair[1], bf)
	if err != nil || len(b) == 0 {
		return k, err
	}
	al, aa := idList(a)
	bl, ba := idList(b)
	rows, err := s.query(ctx, `SELECT source, target, n FROM arg_pairs WHERE source IN `+al+` AND target IN `+bl+` AND n > 0
		UNION SELECT source, target, n FROM arg_pairs WHERE source IN `+bl+` AND target IN `+al+` AND n > 0 ORDER BY 1, 2`,
		slices.Concat(aa, ba, ba, aa)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var c [2]int64
		var n int64
		if err := rows.Scan(&c[0], &c[1], &n); err != nil {
			return nil, err
		}
		if x != nil && !slices.Contains(x, c[0]) && !slices.Contains(x, c[1]) {
			continue // not the actor's
		}
		k.cells = append(k.cells, c)
		k.est += n
	}
	return k, rows.Err()
}

// idList returns a parenthesised list of ids for IN: placeholders for short lists, the numbers
// themselves for long ones.
func idList(ids []int64) (string, []any) {
	if len(ids) > maxInlineIDs {
		var sb strings.Builder
		sb.WriteString(inlined + "(")
		for i, id := range ids {
			if i > 0 {
				sb.WriteByte(',')
			}
			sb.WriteString(strconv.FormatInt(id, 10))
		}
		sb.WriteByte(')')
		return sb.String(), nil
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	return "(" + plus(len(ids)) + ")", args
}

// filter returns the condition that the selected keys put on an event.
func (k *keys) filter() (string, []any) {
	if k.cells != nil {
		var sb strings.Builder
		var args []any
		if len(k.cells) > maxInlineIDs {
			sb.WriteString(inlined)
		}
		sb.WriteString("(source_arg, target_arg) IN (VALUES ")
		for i, c := range k.cells {
			if i > 0 {
				sb.WriteByte(',')
			}
			if len(k.cells) > maxInlineIDs {
				fmt.Fprintf(&sb, "(%d,%d)", c[0], c[1])
			} else {
				sb.WriteString("(+?,+?)")
				args = append(args, c[0], c[1])
			}
		}
		sb.WriteByte(')')
		return sb.String(), args
	}
	l, args := idList(k.ids)
	return "(source_arg IN " + l + " OR target_arg IN " + l + ")", append(args, args...)
}

// eventPlan returns the plan of f. With ordered, the plan serves a page (arms that come in
// date order where possible); else it serves counts (every match read once, in any order).
func (s *Store) eventPlan(ctx context.Context, f chronicle.EventFilter, ordered bool) (*plan, error) {
	k, err := s.resolve(ctx, f)
	if err != nil {
		return nil, err
	}
	if k.any && len(k.ids) == 0 && len(k.cells) == 0 {
		return &plan{none: true}, nil
	}
	// The filters every arm checks.
	var common arm
	if f.Code != "" {
		common.add("code >= +? AND code < +?", f.Code, f.Code+"\x7f")
	}
	if f.Plover != "" {
		common.add("plover = +? COLLATE NOCASE", f.Plover)
	}
	if len(f.Modality) > 0 {
		common.add("modality IN ("+plus(len(f.Modality))+")", strArgs(f.Modality)...)
	}
	if f.Place != "" {
		common.add("place_name = +? COLLATE NOCASE", f.Place)
	}
	if f.MinConfidence > 0 {
		common.add("confidence >= +?", f.MinConfidence)
	}
	var keyCond string
	var keyArgs []any
	if k.any {
		keyCond, keyArgs = k.filter()
	}
	if f.Article != "" || f.Cluster != "" {
		// Few events: SQLite reads them through events_article or events_cluster.
		a := arm{conds: slices.Clone(common.conds), args: slices.Clone(common.args)}
		if f.Article != "" {
			a.add("article = (SELECT pk FROM articles WHERE id = +?)", f.Article)
		}
		if f.Cluster != "" {
			a.add("cluster = +? AND cluster != ''", f.Cluster)
		}
		if keyCond != "" {
			a.add(keyCond, keyArgs...)
		}
		switch {
		case f.From != "" && f.To != "":
			a.add("(date_start BETWEEN +? AND +? OR date_start < +? AND date_end >= +?)", f.From, f.To, f.From, f.From)
		case f.From != "":
			a.add("date_end >= +?", f.From)
		case f.To != "":
			a.add("date_start <= +?", f.To)
		}
		return &plan{arms: []arm{a}}, nil
	}

	// Arms that select by the keys, when they drive.
	var drive []arm
	switch {
	case k.cells != nil && len(k.cells) <= maxPairArms:
		for _, c := range k.cells {
			drive = append(drive, arm{index: "events_by_pair", conds: []string{"source_arg = +? AND target_arg = +?"}, args: []any{c[0], c[1]}})
		}
	case k.cells != nil:
		drive = append(drive, arm{conds: []string{keyCond}, args: keyArgs})
	case k.ids != nil && ordered && len(k.ids) <= maxOrderedArgs:
		l, la := idList(k.ids)
		for _, id := range k.ids {
			drive = append(drive, arm{index: "events_by_source", conds: []string{"source_arg = +?"}, args: []any{id}})
		}
		for _, id := range k.ids {
			drive = append(drive, arm{index: "events_by_target", conds: []string{"target_arg = +? AND source_arg NOT IN " + l}, args: append([]any{id}, la...)})
		}
	case k.ids != nil && (!ordered || k.est <= int64(maxSorted)):
		l, la := idList(k.ids)
		drive = append(drive,
			arm{index: "events_by_source", conds: []string{"source_arg IN " + l}, args: la},
			arm{index: "events_by_target", conds: []string{"target_arg IN " + l + " AND source_arg NOT IN " + l}, args: append(la, la...)})
	}
	keysDrive := drive != nil
	if !keysDrive {
		drive = filterArms(f)
	}
	// The date range: events starting in it, as a range of the arms' index, and those started
	// before it and still running (straddle, below).
	for i := range drive {
		a := &drive[i]
		switch {
		case f.From != "" && f.To != "":
			a.add("date_start BETWEEN +? AND +?", f.From, f.To)
		case f.From != "":
			a.add("date_start >= +?", f.From)
		case f.To != "":
			a.add("date_start <= +?", f.To)
		}
	}
	if f.From != "" {
		spans, err := s.spans(ctx)
		if err != nil {
			return nil, err
		}
		from, err := time.Parse(chronicle.DateLayout, f.From)
		for _, sp := range spans {
			a := arm{index: "events_by_span"}
			a.add("span > 0 AND span = +?", sp) // the first term lets SQLite use the partial index
			if sp < unknownSpan && err == nil {
				a.add("date_start >= +?", from.AddDate(0, 0, -(1<<sp)).Format(chronicle.DateLayout))
			}
			a.add("date_start < +? AND date_end >= +?", f.From, f.From)
			if keyCond != "" {
				a.add(keyCond, keyArgs...)
			}
			drive = append(drive, a)
		}
	}
	for i := range drive {
		a := &drive[i]
		if !keysDrive && keyCond != "" && a.index != "events_by_span" {
			a.add(keyCond, keyArgs...)
		}
		a.conds = append(a.conds, common.conds...)
		a.args = append(a.args, common.args...)
	}
	return &plan{arms: drive}, nil
}

// filterArms returns the arms of a filter without actor or pair: the range of its most
// selective indexed filter (place, modality, CAMEO root, PLOVER category), else all events by
// date.
func filterArms(f chronicle.EventFilter) []arm {
	switch {
	case f.Place != "":
		return []arm{{index: "events_by_place", conds: []string{"place_name = +? COLLATE NOCASE"}, args: []any{f.Place}}}
	case len(f.Modality) > 0 && !slices.Contains(f.Modality, chronicle.Asserted):
		var arms []arm
		for _, m := range slices.Compact(slices.Sorted(slices.Values(f.Modality))) {
			arms = append(arms, arm{index: "events_by_modality", conds: []string{"modality = +?"}, args: []any{m}})
		}
		return arms
	case len(f.Code) >= 2:
		return []arm{{index: "events_by_root", conds: []string{"substr(code, 1, 2) = +?"}, args: []any{f.Code[:2]}}}
	case f.Plover != "":
		return []arm{{index: "events_by_plover", conds: []string{"plover = +? COLLATE NOCASE"}, args: []any{f.Plover}}}
	}
	return []arm{{index: "events_by_day"}}
}

// spans returns the span classes of stored events longer than a day.
func (s *Store) spans(ctx context.Context) ([]int, error) {
	rows, err := s.query(ctx, `SELECT span FROM event_spans WHERE span > 0 ORDER BY span`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []int
	for rows.Next() {
		var sp int
		if err := rows.Scan(&sp); err != nil {
			return nil, err
		}
		out = append(out, sp)
	}
	return out, rows.Err()
}

// events runs an event query: from names events v (and what it joins), cond its WHERE. With
// sentences, the events get their Sentence.Text (as Excerpts would cut it); with ordered, they
// come by (date_start, pk). The rows come from SQLite as one JSON array: reading each column
// through database/sql would cost more than the query.
func (s *Store) events(ctx context.Context, from, cond string, args []any, sentences, ordered bool) ([]chronicle.Event, error) {
	text := "''"
	if sentences {
		text = "substr(a.text, max(v.sentence_start, 0) + 1, max(v.sentence_end - max(v.sentence_start, 0), 0))"
	}
	rows, err := s.query(ctx, `SELECT json_group_array(json_array(a.id, v.vid, v.code, v.root, v.plover, v.modality,
		v.source_entity, v.source_actor, v.source_text, v.source_name,
		v.target_entity, v.target_actor, v.target_text, v.target_name,
		v.date, v.date_from, v.timex, v.place_name, v.place_geonames, v.place_lat, v.place_lon,
		v.trigger, v.trigger_start, v.trigger_end, v.sentence_start, v.sentence_end, `+text+`, v.quote, v.confidence, v.why, v.cluster,
		v.date_start, v.pk))
		FROM `+from+` JOIN articles a ON a.pk = v.article `+cond, args...)
	if err != nil {
		return nil, err
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
		return nil, err
	}
	type key struct {
		day string
		pk  int64
	}
	n := strings.Count(js, "],[") + 1 // about the number of events
	evs := make([]chronicle.Event, 0, n)
	keys := make([]key, 0, n)
	sorted := true
	j := &jsonReader{s: js}
	j.open()
	for !j.close() {
		j.open()
		var v chronicle.Event
		v.Article, v.ID, v.Code, v.Root, v.Plover, v.Modality = j.str(), j.str(), j.str(), j.str(), j.str(), j.str()
		v.Source = chronicle.EventArg{Entity: j.str(), Actor: j.str(), Text: j.str(), Name: j.str()}
		v.Target = chronicle.EventArg{Entity: j.str(), Actor: j.str(), Text: j.str(), Name: j.str()}
		v.Date, v.DateFrom, v.TimexID = j.str(), j.str(), j.str()
		pname, geo, lat, lon := j.str(), j.int(), j.float(), j.float()
		if pname != "" || geo != 0 {
			v.Place = &chronicle.Place{Name: pname, GeoNames: geo, Lat: lat, Lon: lon}
		}
		v.Trigger = chronicle.Span{Text: j.str(), Start: j.int(), End: j.int()}
		v.Sentence.Start, v.Sentence.End, v.Sentence.Text = j.int(), j.int(), j.str()
		v.QuoteID, v.Confidence, v.Why, v.Cluster = j.str(), j.float(), j.str(), j.str()
		k := key{j.str(), int64(j.int())}
		if !j.close() {
			j.fail()
		}
		if n := len(keys); n > 0 && (k.day < keys[n-1].day || k.day == keys[n-1].day && k.pk < keys[n-1].pk) {
			sorted = false
		}
		evs = append(evs, v)
		keys = append(keys, k)
	}
	if j.err != nil {
		return nil, j.err
	}
	if ordered && !sorted {
		idx := make([]int, len(evs))
		for i := range idx {
			idx[i] = i
		}
		slices.SortFunc(idx, func(a, b int) int {
			return cmp.Or(strings.Compare(keys[a].day, keys[b].day), cmp.Compare(keys[a].pk, keys[b].pk))
		})
		out := make([]chronicle.Event, len(evs))
		for i, k := range idx {
			out[i] = evs[k]
		}
		evs = out
	}
	return evs, nil
}

// jsonReader reads the JSON that SQLite's json_group_array(json_array(…)) writes: arrays of
// strings, numbers and nulls. Commas are skipped; the first error stops it.
type jsonReader struct {
	s   string
	err error
}

func (j *jsonReader) fail() {
	if j.err == nil {
		j.err = fmt.Errorf("bad JSON from SQLite at %.40q", j.s)
	}
	j.s = ""
}

// open reads the start of an array.
func (j *jsonReader) open() {
	if j.s == "" || j.s[0] != '[' {
		j.fail()
		return
	}
	j.s = j.s[1:]
}

// close reports whether the array ends here, reading its end; at an error it returns true.
func (j *jsonReader) close() bool {
	if j.s == "" {
		j.fail()
		return true
	}
	if j.s[0] != ']' {
		return false
	}
	j.s = j.s[1:]
	j.comma()
	return true
}

func (j *jsonReader) comma() {
	if j.s != "" && j.s[0] == ',' {
		j.s = j.s[1:]
	}
}

// str reads a string.
func (j *jsonReader) str() string {
	if j.s == "" || j.s[0] != '"' {
		j.fail()
		return ""
	}
	end := strings.IndexByte(j.s[1:], '"') + 1
	if end == 0 {
		j.fail()
		return ""
	}
	v := j.s[1:end]
	if strings.IndexByte(v, '\\') >= 0 {
		// Escapes: find the closing quote past escaped ones, and decode.
		end = 1
		for end < len(j.s) && j.s[end] != '"' {
			if j.s[end] == '\\' {
				end++
			}
			end++
		}
		if end >= len(j.s) {
			j.fail()
			return ""
		}
		var u string
		if err := json.Unmarshal([]byte(j.s[:end+1]), &u); err != nil {
			j.fail()
			return ""
		}
		v = u
	}
	j.s = j.s[end+1:]
	j.comma()
	return v
}

// number returns the text of a number or null, and reads it.
func (j *jsonReader) number() string {
	end := strings.IndexAny(j.s, ",]")
	if end <= 0 {
		j.fail()
		return ""
	}
	v := j.s[:end]
	j.s = j.s[end:]
	j.comma()
	return v
}

// int reads an integer (null is 0).
func (j *jsonReader) int() int {
	v := j.number()
	if v == "null" || j.err != nil {
		return 0
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		j.fail()
	}
	return n
}

// float reads a number (null is 0).
func (j *jsonReader) float() float64 {
	v := j.number()
	if v == "null" || j.err != nil {
		return 0
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil {
		j.fail()
	}
	return f
}

// Quotes returns stored quotes by article date, then article and id.
func (s *Store) Quotes(ctx context.Context, f chronicle.QuoteFilter) ([]chronicle.QuoteRow, error) {
	var w where
	if f.Speaker != "" {
		conds := "q.speaker_name = ? COLLATE NOCASE OR q.speaker_kb = ? OR q.speaker LIKE ? OR q.speaker_name LIKE ?"
		args := []any{f.Speaker, f.Speaker, "%" + f.Speaker + "%", "%" + f.Speaker + "%"}
		for _, form := range f.SpeakerForms {
			if form != "" {
				conds += " OR q.speaker_name = ? COLLATE NOCASE OR q.speaker_kb = ?"
				args = append(args, form, form)
			}
		}
		w.add("("+conds+")", args...)
	}
	if f.Text != "" {
		w.add("q.pk IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)", ftsQuery(f.Text))
	}
	if f.Kind != "" {
		w.add("q.kind = ?", f.Kind)
	}
	if f.From != "" {
		w.add("a.date >= ?", f.From)
	}
	if f.To != "" {
		w.add("a.date <= ?", f.To)
	}
	if f.Article != "" {
		w.add("a.id = ?", f.Article)
	}
	qs, err := s.quotes(ctx, w.String()+" ORDER BY a.date, a.id, q.pk"+limit(f.Page), w.args)
	if err != nil {
		return nil, fmt.Errorf("sqlite.Quotes: %w", err)
	}
	return qs, nil
}

func (s *Store) quotes(ctx context.Context, tail string, args []any) ([]chronicle.QuoteRow, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT a.id, a.date, a.title, q.qid, q.kind, q.content, q.content_start, q.content_end,
		q.cue, q.cue_start, q.cue_end, q.speaker, q.speaker_start, q.speaker_end, q.speaker_entity, q.speaker_name, q.speaker_actor, q.via, q.parts
		FROM quotes q JOIN articles a ON a.pk = q.article `+tail, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	qs := []chronicle.QuoteRow{}
	for rows.Next() {
		var r chronicle.QuoteRow
		var via, parts string
		if err := rows.Scan(&r.Article, &r.Date, &r.Title, &r.ID, &r.Kind, &r.Content.Text, &r.Content.Start, &r.Content.End,
			&r.Cue.Text, &r.Cue.Start, &r.Cue.End, &r.Speaker.Text, &r.Speaker.Start, &r.Speaker.End, &r.Speaker.Entity,
			&r.SpeakerName, &r.Actor, &via, &parts); err != nil {
			return nil, err
		}
		r.Via = []string{}
		json.Unmarshal([]byte(via), &r.Via)
		if parts != "[]" {
			json.Unmarshal([]byte(parts), &r.Parts)
		}
		qs = append(qs, r)
	}
	return qs, rows.Err()
}

// Entities aggregates entities over articles: one row per canonical name (and Wikidata id).
func (s *Store) Entities(ctx context.Context, f chronicle.EntityFilter) ([]chronicle.EntityRow, error) {
	var w where
	if f.Name != "" {
		w.add("(e.name LIKE ? OR e.text LIKE ? OR e.kb = ?)", "%"+f.Name+"%", "%"+f.Name+"%", f.Name)
	}
	if f.Type != "" {
		w.add("e.type = ?", strings.ToUpper(f.Type))
	}
	if f.Actor != "" {
		w.add("e.actor LIKE ?", f.Actor+"%")
	}
	if f.From != "" {
		w.add("a.date >= ?", f.From)
	}
	if f.To != "" {
		w.add("a.date <= ?", f.To)
	}
	if f.Article != "" {
		w.add("a.id = ?", f.Article)
	}
	q := `SELECT e.name, e.type, max(e.actor), max(e.kb),
			(SELECT e2.role FROM entities e2 JOIN articles a2 ON a2.pk = e2.article
			  WHERE e2.name = e.name AND e2.type = e.type AND e2.role != '' ORDER BY a2.date DESC LIMIT 1),
			count(DISTINCT e.article),
			(SELECT count(*) FROM mentions m JOIN entities e3 ON e3.article = m.article AND e3.eid = m.eid WHERE e3.name = e.name AND e3.type = e.type),
			min(a.date), max(a.date)
		FROM entities e JOIN articles a ON a.pk = e.article` + w.String() + `
		GROUP BY e.name, e.type ORDER BY count(DISTINCT e.article) DESC, e.name, e.type` + limit(f.Page)
	rows, err := s.db.QueryContext(ctx, q, w.args...)
	if err != nil {
		return nil, fmt.Errorf("sqlite.Entities: %w", err)
	}
	defer rows.Close()
	out := []chronicle.EntityRow{}
	for rows.Next() {
		var r chronicle.EntityRow
		var role sql.NullString
		if err := rows.Scan(&r.Name, &r.Type, &r.Actor, &r.KB, &role, &r.Articles, &r.Mentions, &r.First, &r.Last); err != nil {
			return nil, fmt.Errorf("sqlite.Entities: %w", err)
		}
		r.Role = role.String
		out = append(out, r)
	}
	return out, rows.Err()
}

// ftsQuery turns a user's query into an FTS5 query: words are ANDed, quoted phrases kept,
// FTS5 operators (AND OR NOT NEAR, *) honoured; anything else is quoted so it cannot be a
// syntax error.
func ftsQuery(q string) string {
	var out []string
	rest := strings.TrimSpace(q)
	for rest != "" {
		if rest[0] == '"' {
			end := strings.IndexByte(rest[1:], '"')
			phrase := rest[1:]
			if end >= 0 {
				phrase, rest = rest[1:end+1], rest[end+2:]
			} else {
				rest = ""
			}
			if p := strings.TrimSpace(phrase); p != "" {
				out = append(out, `"`+strings.ReplaceAll(p, `"`, `""`)+`"`)
			}
			rest = strings.TrimSpace(rest)
			continue
		}
		word := rest
		if i := strings.IndexAny(rest, " \t\n"); i >= 0 {
			word, rest = rest[:i], strings.TrimSpace(rest[i:])
		} else {
			rest = ""
		}
		switch word {
		case "AND", "OR", "NOT":
			out = append(out, word)
			continue
		}
		star := strings.HasSuffix(word, "*")
		word = strings.Trim(word, `*"`)
		if word == "" {
			continue
		}
		term := `"` + strings.ReplaceAll(word, `"`, `""`) + `"`
		if star {
			term += "*"
		}
		out = append(out, term)
	}
	// Operators must sit between terms.
	for len(out) > 0 && isOp(out[0]) {
		out = out[1:]
	}
	for len(out) > 0 && isOp(out[len(out)-1]) {
		out = out[:len(out)-1]
	}
	return strings.Join(out, " ")
}

func isOp(s string) bool { return s == "AND" || s == "OR" || s == "NOT" }

// Search runs a full-text query over article titles and text and over quotes; each hit is one
// article, best first.
func (s *Store) Search(ctx context.Context, f chronicle.SearchFilter) ([]chronicle.SearchHit, error) {
	q := ftsQuery(f.Query)
	if q == "" {
		return nil, &chronicle.Error{Code: chronicle.EINVALID, Message: "empty search query", Hint: "give one or more words, or a \"quoted phrase\""}
	}
	dates := ""
	args := []any{q}
	if f.From != "" {
		dates += " AND a.date >= ?"
		args = append(args, f.From)
	}
	if f.To != "" {
		dates += " AND a.date <= ?"
		args = append(args, f.To)
	}
	args = append(args, args...) // once for articles, once for quotes
	rows, err := s.db.QueryContext(ctx, `
		SELECT id, title, date, snippet, score, src FROM (
			SELECT a.id, a.title, a.date, snippet(articles_fts, 1, '[', ']', '…', 16) AS snippet, bm25(articles_fts) AS score, 'text' AS src
			FROM articles_fts JOIN articles a ON a.pk = articles_fts.rowid WHERE articles_fts MATCH ?`+dates+`
			UNION ALL
			SELECT a.id, a.title, a.date, snippet(quotes_fts, -1, '[', ']', '…', 16), bm25(quotes_fts), 'quote'
			FROM quotes_fts JOIN quotes q ON q.pk = quotes_fts.rowid JOIN articles a ON a.pk = q.article WHERE quotes_fts MATCH ?`+dates+`
		) ORDER BY src = 'quote', score, date DESC, id`, args...)
	if err != nil {
		if strings.Contains(err.Error(), "fts5") || strings.Contains(err.Error(), "syntax") {
			return nil, &chronicle.Error{Code: chronicle.EINVALID, Message: fmt.Sprintf("bad search query %q", f.Query), Err: err,
				Hint: "use words, \"quoted phrases\", AND, OR, NOT and word*"}
		}
		return nil, fmt.Errorf("sqlite.Search(%q): %w", f.Query, err)
	}
	defer rows.Close()
	seen := map[string]bool{}
	hits := []chronicle.SearchHit{}
	for rows.Next() {
		var h chronicle.SearchHit
		if err := rows.Scan(&h.Article, &h.Title, &h.Date, &h.Snippet, &h.Score, &h.In); err != nil {
			return nil, err
		}
		if seen[h.Article] {
			continue
		}
		seen[h.Article] = true
		h.Score = -h.Score
		hits = append(hits, h)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if f.Offset > 0 {
		if f.Offset >= len(hits) {
			hits = hits[:0]
		} else {
			hits = hits[f.Offset:]
		}
	}
	if f.Limit > 0 && len(hits) > f.Limit {
		hits = hits[:f.Limit]
	}
	return hits, nil
}

// Stats counts the stored rows.
func (s *Store) Stats(ctx context.Context) (chronicle.Stats, error) {
	var st chronicle.Stats
	err := s.db.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM articles), (SELECT count(*) FROM entities), (SELECT count(*) FROM timexes),
		(SELECT count(*) FROM quotes), (SELECT count(*) FROM events),
		(SELECT count(*) FROM articles WHERE status LIKE 'failed%')`).Scan(
		&st.Articles, &st.Entities, &st.Timexes, &st.Quotes, &st.Events, &st.Failed)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return st, fmt.Errorf("sqlite.Stats: %w", err)
	}
	return st, nil
}

func escapeLike(s string) string {
	return s // LIKE wildcards in names are rare; '%' and '_' match loosely
}

// plus returns n comma-separated placeholders written +?: SQLite reads the value of a bare
// placeholder compared with an indexed column to estimate the rows (STAT4), and then prepares
// the statement anew whenever the value changes, which would cost more than most event queries.
func plus(n int) string {
	return strings.TrimSuffix(strings.Repeat("+?,", n), ",")
}

// maxStmts bounds the prepared statements a store keeps.
const maxStmts = 256

// inlined marks SQL that holds values written into its text (long lists of ids): such
// statements are not kept.
const inlined = "/*inlined*/"

// query runs a read through a prepared statement kept by its text (statements with inlined
// values, and beyond maxStmts, are prepared each time).
func (s *Store) query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	if strings.Contains(q, inlined) {
		return s.db.QueryContext(ctx, q, args...)
	}
	s.stmtMu.Lock()
	st, ok := s.stmts[q]
	full := len(s.stmts) >= maxStmts
	s.stmtMu.Unlock()
	if !ok {
		if full {
			return s.db.QueryContext(ctx, q, args...)
		}
		var err error
		if st, err = s.db.PrepareContext(ctx, q); err != nil {
			return nil, err
		}
		s.stmtMu.Lock()
		if old, ok := s.stmts[q]; ok {
			st.Close()
			st = old
		} else {
			if s.stmts == nil {
				s.stmts = map[string]*sql.Stmt{}
			}
			s.stmts[q] = st
		}
		s.stmtMu.Unlock()
	}
	return st.QueryContext(ctx, args...)
}

// closeStmts closes the kept statements.
func (s *Store) closeStmts() {
	s.stmtMu.Lock()
	defer s.stmtMu.Unlock()
	for _, st := range s.stmts {
		st.Close()
	}
	s.stmts = nil
}
