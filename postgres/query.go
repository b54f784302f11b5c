package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"unicode"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"chronicle"
)

// The queries of chronicle.Store, written to list exactly what the SQLite store lists (same
// conditions, same orders); see the package comment for the differences of dialect.

// where accumulates SQL conditions and their arguments ("?" placeholders).
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
	}
	if p.Offset > 0 {
		s += fmt.Sprintf(" OFFSET %d", p.Offset)
	}
	return s
}

func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?,", n), ",")
}

func strArgs(ss []string) []any {
	args := make([]any, len(ss))
	for i, s := range ss {
		args[i] = s
	}
	return args
}

// Article returns one article with all its extractions.
func (s *Store) Article(ctx context.Context, id string) (*chronicle.Article, error) {
	as, err := s.articles(ctx, `WHERE a.id = ?`, []any{id}, true)
	if err != nil {
		return nil, fmt.Errorf("postgres.Article(%q): %w", id, err)
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
		return nil, fmt.Errorf("postgres.Articles: %w", err)
	}
	return as, nil
}

func (s *Store) articles(ctx context.Context, tail string, args []any, full bool) ([]*chronicle.Article, error) {
	rows, err := s.db().query(ctx, `SELECT a.pk, a.id, a.key, a.source, a.url, a.outlet, a.date, a.date_from, a.title, a.lang, a.text,
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
	db := s.db()
	rows, err := db.query(ctx, `SELECT eid, type, name, text, start, "end", role, actor, kb, country FROM entities WHERE article = ?`, pk)
	if err != nil {
		return err
	}
	for rows.Next() {
		var e chronicle.Entity
		if err := rows.Scan(&e.ID, &e.Type, &e.Name, &e.Text, &e.Start, &e.End, &e.Role, &e.Actor, &e.KB, &e.Country); err != nil {
			rows.Close()
			return err
		}
		e.Mentions = [][2]int{}
		a.Entities = append(a.Entities, e)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	sortByID(a.Entities, func(e chronicle.Entity) string { return e.ID })
	idx := map[string]int{}
	for i, e := range a.Entities {
		idx[e.ID] = i
	}
	rows, err = db.query(ctx, `SELECT eid, start, "end" FROM mentions WHERE article = ? ORDER BY start, eid`, pk)
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
	if err := rows.Err(); err != nil {
		return err
	}

	rows, err = db.query(ctx, `SELECT tid, type, value, mod, freq, quant, anchor, text, start, "end" FROM timexes WHERE article = ?`, pk)
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
	if err := rows.Err(); err != nil {
		return err
	}
	sortByID(a.Timexes, func(t chronicle.Timex) string { return t.ID })

	qs, err := s.quotes(ctx, `WHERE q.article = ?`, []any{pk})
	if err != nil {
		return err
	}
	for _, q := range qs {
		a.Quotes = append(a.Quotes, q.Quote)
	}
	sortByID(a.Quotes, func(q chronicle.Quote) string { return q.ID })
	evs, err := s.events(ctx, `WHERE v.article = ?`, []any{pk}, " ORDER BY v.pk", false)
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
	rows, err := s.pool.Query(ctx, `SELECT id, versions, status FROM articles ORDER BY pk`)
	if err != nil {
		return nil, fmt.Errorf("postgres.Stale: %w", err)
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

// Events returns stored event mentions, by event date, then in input order (see migration
// 9002: SQLite's storage order after an ingest).
func (s *Store) Events(ctx context.Context, f chronicle.EventFilter) ([]chronicle.Event, error) {
	w := eventWhere(f)
	evs, err := s.events(ctx, w.String(), w.args, " ORDER BY v.date_start, a.seq, v.pk"+limit(f.Page), f.Sentences)
	if err != nil {
		return nil, fmt.Errorf("postgres.Events: %w", err)
	}
	return evs, nil
}

// eventWhere returns the conditions of an event filter over events v joined with articles a.
func eventWhere(f chronicle.EventFilter) *where {
	var w where
	if f.Actor != "" {
		c, args := actorCond(f.Actor, f.ActorForms)
		w.add(c, args...)
	}
	if len(f.Pair) == 2 {
		var af, bf []string
		if len(f.PairForms) == 2 {
			af, bf = f.PairForms[0], f.PairForms[1]
		}
		c, args := pairCond(f.Pair[0], f.Pair[1], af, bf)
		w.add(c, args...)
	}
	if f.Code != "" {
		w.add("v.code >= ? AND v.code < ?", f.Code, f.Code+"\x7f")
	}
	if f.Plover != "" {
		w.add("lower(v.plover) = lower(?)", f.Plover)
	}
	if len(f.Modality) > 0 {
		w.add("v.modality IN ("+placeholders(len(f.Modality))+")", strArgs(f.Modality)...)
	}
	switch {
	case f.From != "" && f.To != "":
		// Events starting in the range, or starting before it and still running.
		w.add("(v.date_start BETWEEN ? AND ? OR v.date_start < ? AND v.date_end >= ?)", f.From, f.To, f.From, f.From)
	case f.From != "":
		w.add("v.date_end >= ?", f.From)
	case f.To != "":
		w.add("v.date_start <= ?", f.To)
	}
	if f.Article != "" {
		w.add("a.id = ?", f.Article)
	}
	if f.Cluster != "" {
		w.add("v.cluster = ?", f.Cluster)
	}
	if f.Place != "" {
		w.add("lower(v.place_name) = lower(?)", f.Place)
	}
	if f.MinConfidence > 0 {
		w.add("v.confidence >= ?", f.MinConfidence)
	}
	return &w
}

func (s *Store) events(ctx context.Context, cond string, args []any, order string, sentences bool) ([]chronicle.Event, error) {
	text := "''"
	if sentences { // as Excerpts cuts them
		text = "substr(a.text, greatest(v.sentence_start, 0) + 1, greatest(v.sentence_end - greatest(v.sentence_start, 0), 0))"
	}
	rows, err := s.db().query(ctx, `SELECT a.id, v.vid, v.code, v.root, v.plover, v.modality,
		v.source_entity, v.source_actor, v.source_text, v.source_name,
		v.target_entity, v.target_actor, v.target_text, v.target_name,
		v.date, v.date_from, v.timex, v.place_name, v.place_geonames, v.place_lat, v.place_lon,
		v.trigger, v.trigger_start, v.trigger_end, v.sentence_start, v.sentence_end, `+text+`, v.quote, v.confidence, v.why, v.cluster
		FROM events v JOIN articles a ON a.pk = v.article `+cond+order, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	evs := []chronicle.Event{}
	for rows.Next() {
		var v chronicle.Event
		var pname string
		var geo int
		var lat, lon *float64
		if err := rows.Scan(&v.Article, &v.ID, &v.Code, &v.Root, &v.Plover, &v.Modality,
			&v.Source.Entity, &v.Source.Actor, &v.Source.Text, &v.Source.Name,
			&v.Target.Entity, &v.Target.Actor, &v.Target.Text, &v.Target.Name,
			&v.Date, &v.DateFrom, &v.TimexID, &pname, &geo, &lat, &lon,
			&v.Trigger.Text, &v.Trigger.Start, &v.Trigger.End, &v.Sentence.Start, &v.Sentence.End, &v.Sentence.Text, &v.QuoteID, &v.Confidence, &v.Why, &v.Cluster); err != nil {
			return nil, err
		}
		if pname != "" || geo != 0 {
			v.Place = &chronicle.Place{Name: pname, GeoNames: geo}
			if lat != nil {
				v.Place.Lat = *lat
			}
			if lon != nil {
				v.Place.Lon = *lon
			}
		}
		evs = append(evs, v)
	}
	return evs, rows.Err()
}

// Quotes returns stored quotes by article date, then article and id.
func (s *Store) Quotes(ctx context.Context, f chronicle.QuoteFilter) ([]chronicle.QuoteRow, error) {
	var w where
	if f.Speaker != "" {
		conds := "lower(q.speaker_name) = lower(?) OR q.speaker_kb = ? OR q.speaker ILIKE ? OR q.speaker_name ILIKE ?"
		args := []any{f.Speaker, f.Speaker, "%" + f.Speaker + "%", "%" + f.Speaker + "%"}
		for _, form := range f.SpeakerForms {
			if form != "" {
				conds += " OR lower(q.speaker_name) = lower(?) OR q.speaker_kb = ?"
				args = append(args, form, form)
			}
		}
		w.add("("+conds+")", args...)
	}
	if f.Text != "" {
		tq := tsQuery(f.Text)
		if tq == "" {
			return []chronicle.QuoteRow{}, nil
		}
		w.add("q.tsv @@ to_tsquery('english', ?)", tq)
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
		return nil, fmt.Errorf("postgres.Quotes: %w", err)
	}
	return qs, nil
}

func (s *Store) quotes(ctx context.Context, tail string, args []any) ([]chronicle.QuoteRow, error) {
	rows, err := s.db().query(ctx, `SELECT a.id, a.date, a.title, q.qid, q.kind, q.content, q.content_start, q.content_end,
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
		w.add("(e.name ILIKE ? OR e.text ILIKE ? OR e.kb = ?)", "%"+f.Name+"%", "%"+f.Name+"%", f.Name)
	}
	if f.Type != "" {
		w.add("e.type = ?", strings.ToUpper(f.Type))
	}
	if f.Actor != "" {
		w.add("e.actor ILIKE ?", f.Actor+"%")
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
	query := `SELECT e.name, e.type, max(e.actor), max(e.kb),
			(SELECT e2.role FROM entities e2 JOIN articles a2 ON a2.pk = e2.article
			  WHERE e2.name = e.name AND e2.type = e.type AND e2.role != '' ORDER BY a2.date DESC LIMIT 1),
			count(DISTINCT e.article),
			(SELECT count(*) FROM mentions m JOIN entities e3 ON e3.article = m.article AND e3.eid = m.eid WHERE e3.name = e.name AND e3.type = e.type),
			min(a.date), max(a.date)
		FROM entities e JOIN articles a ON a.pk = e.article` + w.String() + `
		GROUP BY e.name, e.type ORDER BY count(DISTINCT e.article) DESC, e.name, e.type` + limit(f.Page)
	rows, err := s.db().query(ctx, query, w.args...)
	if err != nil {
		return nil, fmt.Errorf("postgres.Entities: %w", err)
	}
	defer rows.Close()
	out := []chronicle.EntityRow{}
	for rows.Next() {
		var r chronicle.EntityRow
		var role *string
		if err := rows.Scan(&r.Name, &r.Type, &r.Actor, &r.KB, &role, &r.Articles, &r.Mentions, &r.First, &r.Last); err != nil {
			return nil, fmt.Errorf("postgres.Entities: %w", err)
		}
		if role != nil {
			r.Role = *role
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// tsQuery turns a user's query into a to_tsquery expression with the meaning the SQLite store
// gives it: words are ANDed, "quoted phrases" kept (words in sequence), AND, OR and NOT (a NOT
// b: a and not b) honoured, word* a prefix. Only letters and digits reach the expression, so it
// is never a syntax error; "" when nothing searchable is left.
func tsQuery(query string) string {
	var out []string
	lexemes := func(s string, prefix bool) string {
		var ws []string
		for _, f := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) }) {
			ws = append(ws, "'"+strings.ToLower(f)+"'")
		}
		if len(ws) == 0 {
			return ""
		}
		if prefix {
			ws[len(ws)-1] += ":*"
		}
		if len(ws) == 1 {
			return ws[0]
		}
		return "(" + strings.Join(ws, " <-> ") + ")"
	}
	rest := strings.TrimSpace(query)
	for rest != "" {
		if rest[0] == '"' {
			end := strings.IndexByte(rest[1:], '"')
			phrase := rest[1:]
			if end >= 0 {
				phrase, rest = rest[1:end+1], rest[end+2:]
			} else {
				rest = ""
			}
			if t := lexemes(phrase, false); t != "" {
				out = append(out, t)
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
		if t := lexemes(strings.Trim(word, `"`), strings.HasSuffix(word, "*")); t != "" {
			out = append(out, t)
		}
	}
	// Operators sit between terms; a run of them keeps its last.
	var b strings.Builder
	pending := "&"
	terms := 0
	for _, t := range out {
		switch t {
		case "AND":
			pending = "&"
			continue
		case "OR":
			pending = "|"
			continue
		case "NOT":
			pending = "& !"
			continue
		}
		if terms > 0 {
			b.WriteString(" " + pending + " ")
		}
		b.WriteString(t)
		terms++
		pending = "&"
	}
	return b.String()
}

// Search runs a full-text query over article titles and text and over quotes; each hit is one
// article, best first.
func (s *Store) Search(ctx context.Context, f chronicle.SearchFilter) ([]chronicle.SearchHit, error) {
	tq := tsQuery(f.Query)
	if tq == "" {
		return nil, &chronicle.Error{Code: chronicle.EINVALID, Message: "empty search query", Hint: "give one or more words, or a \"quoted phrase\""}
	}
	dates := ""
	var dargs []any
	if f.From != "" {
		dates += " AND a.date >= ?"
		dargs = append(dargs, f.From)
	}
	if f.To != "" {
		dates += " AND a.date <= ?"
		dargs = append(dargs, f.To)
	}
	args := append(append(append([]any{tq}, dargs...), tq), dargs...)
	const opts = `'StartSel=[, StopSel=], MaxWords=24, MinWords=10, MaxFragments=1, FragmentDelimiter=…'`
	rows, err := s.db().query(ctx, `
		SELECT id, title, date, snippet, score, src FROM (
			SELECT a.id, a.title, a.date, ts_headline('english', a.text, x.q, `+opts+`) AS snippet, ts_rank(a.tsv, x.q) AS score, 'text' AS src
			FROM articles a, to_tsquery('english', ?) AS x(q) WHERE a.tsv @@ x.q`+dates+`
			UNION ALL
			SELECT a.id, a.title, a.date, ts_headline('english', q.content, x.q, `+opts+`), ts_rank(q.tsv, x.q), 'quote'
			FROM quotes q JOIN articles a ON a.pk = q.article, to_tsquery('english', ?) AS x(q) WHERE q.tsv @@ x.q`+dates+`
		) AS hits ORDER BY src = 'quote', score DESC, date DESC, id`, args...)
	if err != nil {
		var pe *pgconn.PgError
		if errors.As(err, &pe) && pe.Code == "42601" { // syntax_error in tsquery
			return nil, &chronicle.Error{Code: chronicle.EINVALID, Message: fmt.Sprintf("bad search query %q", f.Query), Err: err,
				Hint: "use words, \"quoted phrases\", AND, OR, NOT and word*"}
		}
		return nil, fmt.Errorf("postgres.Search(%q): %w", f.Query, err)
	}
	defer rows.Close()
	seen := map[string]bool{}
	hits := []chronicle.SearchHit{}
	for rows.Next() {
		var h chronicle.SearchHit
		var score float32
		if err := rows.Scan(&h.Article, &h.Title, &h.Date, &h.Snippet, &score, &h.In); err != nil {
			return nil, err
		}
		if seen[h.Article] {
			continue
		}
		seen[h.Article] = true
		h.Score = float64(score)
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
	err := s.pool.QueryRow(ctx, `SELECT
		(SELECT count(*) FROM articles), (SELECT count(*) FROM entities), (SELECT count(*) FROM timexes),
		(SELECT count(*) FROM quotes), (SELECT count(*) FROM events),
		(SELECT count(*) FROM articles WHERE status LIKE 'failed%')`).Scan(
		&st.Articles, &st.Entities, &st.Timexes, &st.Quotes, &st.Events, &st.Failed)
	if err != nil && !errors.Is(err, pgx.ErrNoRows) {
		return st, fmt.Errorf("postgres.Stats: %w", err)
	}
	return st, nil
}
