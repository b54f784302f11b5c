package sqlite

import (
	"context"
	"database/sql"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"chronicle"
)

// Cross-article state: sketches, duplicate links, clusters and claims (migration 0002). The
// algorithms live in package cluster; these methods only persist and query.

// pks maps article ids to primary keys (ids that are not stored are left out).
func pks(ctx context.Context, q interface {
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
}, ids []string) (map[string]int64, error) {
	out := make(map[string]int64, len(ids))
	for len(ids) > 0 {
		n := min(len(ids), 500)
		batch := ids[:n]
		ids = ids[n:]
		args := make([]any, len(batch))
		for i, id := range batch {
			args[i] = id
		}
		rows, err := q.QueryContext(ctx, `SELECT id, pk FROM articles WHERE id IN (`+placeholders(len(batch))+`)`, args...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var id string
			var pk int64
			if err := rows.Scan(&id, &pk); err != nil {
				rows.Close()
				return nil, err
			}
			out[id] = pk
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func encodeMinHash(h []uint32) []byte {
	b := make([]byte, 4*len(h))
	for i, v := range h {
		binary.LittleEndian.PutUint32(b[4*i:], v)
	}
	return b
}

func decodeMinHash(b []byte) []uint32 {
	h := make([]uint32, len(b)/4)
	for i := range h {
		h[i] = binary.LittleEndian.Uint32(b[4*i:])
	}
	return h
}

// Sketches returns the sketches selected by f (see chronicle.Store).
func (s *Store) Sketches(ctx context.Context, f chronicle.SketchFilter) ([]chronicle.Sketch, error) {
	const sel = `SELECT a.id, a.date, k.shingles, k.minhash, o.id FROM sketches k
		JOIN articles a ON a.pk = k.article JOIN articles o ON o.pk = k.original`
	seen := map[string]bool{}
	var out []chronicle.Sketch
	query := func(tail string, args []any) error {
		rows, err := s.db.QueryContext(ctx, sel+" "+tail, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var k chronicle.Sketch
			var mh []byte
			if err := rows.Scan(&k.Article, &k.Date, &k.Shingles, &mh, &k.Original); err != nil {
				return err
			}
			if seen[k.Article] {
				continue
			}
			seen[k.Article] = true
			k.MinHash = decodeMinHash(mh)
			out = append(out, k)
		}
		return rows.Err()
	}
	chunks := func(n int, f func(lo, hi int) error) error {
		for lo := 0; lo < n; lo += 500 {
			if err := f(lo, min(n, lo+500)); err != nil {
				return err
			}
		}
		return nil
	}
	var err error
	if len(f.Bands) == 0 && len(f.Articles) == 0 && len(f.Originals) == 0 {
		err = query("ORDER BY a.pk", nil)
	}
	if err == nil {
		if f.PerBand > 0 {
			args := make([]any, 0, len(f.Bands)+1)
			for _, b := range f.Bands {
				args = append(args, int64(b))
			}
			args = append(args, f.PerBand*len(f.Bands))
			err = query(`WHERE k.article IN (SELECT DISTINCT article FROM sketch_bands WHERE band IN (`+placeholders(len(f.Bands))+`) LIMIT ?)`, args)
		} else {
			err = chunks(len(f.Bands), func(lo, hi int) error {
				args := make([]any, hi-lo)
				for i, b := range f.Bands[lo:hi] {
					args[i] = int64(b)
				}
				return query(`WHERE k.article IN (SELECT article FROM sketch_bands WHERE band IN (`+placeholders(len(args))+`))`, args)
			})
		}
	}
	if err == nil {
		err = chunks(len(f.Articles), func(lo, hi int) error {
			return query(`WHERE a.id IN (`+placeholders(hi-lo)+`)`, strArgs(f.Articles[lo:hi]))
		})
	}
	if err == nil {
		err = chunks(len(f.Originals), func(lo, hi int) error {
			return query(`WHERE o.id IN (`+placeholders(hi-lo)+`)`, strArgs(f.Originals[lo:hi]))
		})
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite.Sketches: %w", err)
	}
	return out, nil
}

func strArgs(ss []string) []any {
	args := make([]any, len(ss))
	for i, s := range ss {
		args[i] = s
	}
	return args
}

// PutSketches stores sketches with their bands and adds duplicate links, in one transaction.
func (s *Store) PutSketches(ctx context.Context, ss []chronicle.Sketch, links []chronicle.DupLink) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqlite.PutSketches: %w", err)
	}
	defer tx.Rollback()
	var ids []string
	for _, k := range ss {
		ids = append(ids, k.Article, k.Original)
	}
	for _, l := range links {
		ids = append(ids, l.A, l.B)
	}
	pk, err := pks(ctx, tx, ids)
	if err != nil {
		return fmt.Errorf("sqlite.PutSketches: %w", err)
	}
	get := func(id string) (int64, error) {
		p, ok := pk[id]
		if !ok {
			return 0, chronicle.Errorf(chronicle.ENOTFOUND, "no article %q", id)
		}
		return p, nil
	}
	c := newTxStmts(tx)
	for _, k := range ss {
		a, err := get(k.Article)
		if err != nil {
			return fmt.Errorf("sqlite.PutSketches: %w", err)
		}
		o := a
		if k.Original != "" {
			if o, err = get(k.Original); err != nil {
				return fmt.Errorf("sqlite.PutSketches: %w", err)
			}
		}
		if _, err := c.exec(ctx, `INSERT OR REPLACE INTO sketches (article, shingles, minhash, original) VALUES (?,?,?,?)`,
			a, k.Shingles, encodeMinHash(k.MinHash), o); err != nil {
			return fmt.Errorf("sqlite.PutSketches(%q): %w", k.Article, err)
		}
		if _, err := c.exec(ctx, `DELETE FROM sketch_bands WHERE article = ?`, a); err != nil {
			return fmt.Errorf("sqlite.PutSketches(%q): %w", k.Article, err)
		}
		if len(k.Bands) > 0 {
			args := make([]any, 0, 2*len(k.Bands))
			for _, b := range k.Bands {
				args = append(args, int64(b), a)
			}
			q := `INSERT OR IGNORE INTO sketch_bands (band, article) VALUES ` + strings.TrimSuffix(strings.Repeat("(?,?),", len(k.Bands)), ",")
			if _, err := c.exec(ctx, q, args...); err != nil {
				return fmt.Errorf("sqlite.PutSketches(%q): %w", k.Article, err)
			}
		}
	}
	for _, l := range links {
		a, err := get(l.A)
		if err != nil {
			return fmt.Errorf("sqlite.PutSketches: %w", err)
		}
		b, err := get(l.B)
		if err != nil {
			return fmt.Errorf("sqlite.PutSketches: %w", err)
		}
		if a > b {
			a, b = b, a
		}
		if _, err := c.exec(ctx, `INSERT OR REPLACE INTO duplicates (a, b, similarity) VALUES (?,?,?)`, a, b, l.Similarity); err != nil {
			return fmt.Errorf("sqlite.PutSketches: link %s %s: %w", l.A, l.B, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("sqlite.PutSketches: %w", err)
	}
	return nil
}

// MergeGroups merges duplicate groups under one original.
func (s *Store) MergeGroups(ctx context.Context, original string, groups []string) error {
	if len(groups) == 0 {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqlite.MergeGroups: %w", err)
	}
	defer tx.Rollback()
	pk, err := pks(ctx, tx, append([]string{original}, groups...))
	if err != nil {
		return fmt.Errorf("sqlite.MergeGroups: %w", err)
	}
	po, ok := pk[original]
	if !ok {
		return fmt.Errorf("sqlite.MergeGroups(%q): %w", original, chronicle.Errorf(chronicle.ENOTFOUND, "no article %q", original))
	}
	for _, g := range groups {
		if pg, ok := pk[g]; ok && pg != po {
			if _, err := tx.ExecContext(ctx, `UPDATE sketches SET original = ? WHERE original = ?`, po, pg); err != nil {
				return fmt.Errorf("sqlite.MergeGroups(%q): %w", original, err)
			}
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("sqlite.MergeGroups: %w", err)
	}
	return nil
}

// Mentions returns the stored event mentions of blocks or articles.
func (s *Store) Mentions(ctx context.Context, f chronicle.MentionFilter) ([]chronicle.Mention, error) {
	const sel = `SELECT a.id, a.date, v.vid, v.code, v.root, v.plover, v.modality,
		v.source_entity, v.source_actor, v.source_text, v.source_name, v.source_kb,
		v.target_entity, v.target_actor, v.target_text, v.target_name, v.target_kb,
		v.date, v.date_from, v.confidence, v.trigger, v.block, v.cluster
		FROM events v JOIN articles a ON a.pk = v.article `
	seen := map[[2]string]bool{}
	out := []chronicle.Mention{}
	query := func(tail string, args []any) error {
		rows, err := s.db.QueryContext(ctx, sel+tail, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var m chronicle.Mention
			if err := rows.Scan(&m.Article, &m.ArticleDate, &m.ID, &m.Code, &m.Root, &m.Plover, &m.Modality,
				&m.Source.Entity, &m.Source.Actor, &m.Source.Text, &m.Source.Name, &m.SourceKB,
				&m.Target.Entity, &m.Target.Actor, &m.Target.Text, &m.Target.Name, &m.TargetKB,
				&m.Date, &m.DateFrom, &m.Confidence, &m.Trigger.Text, &m.Block, &m.Cluster); err != nil {
				return err
			}
			k := [2]string{m.Article, m.ID}
			if seen[k] {
				continue
			}
			seen[k] = true
			out = append(out, m)
		}
		return rows.Err()
	}
	var err error
	if len(f.Blocks) == 0 && len(f.Articles) == 0 {
		err = query("ORDER BY v.pk", nil)
	}
	for lo := 0; err == nil && lo < len(f.Blocks); lo += 500 {
		hi := min(len(f.Blocks), lo+500)
		err = query(`WHERE v.block IN (`+placeholders(hi-lo)+`)`, strArgs(f.Blocks[lo:hi]))
	}
	for lo := 0; err == nil && lo < len(f.Articles); lo += 500 {
		hi := min(len(f.Articles), lo+500)
		err = query(`WHERE a.id IN (`+placeholders(hi-lo)+`)`, strArgs(f.Articles[lo:hi]))
	}
	if err != nil {
		return nil, fmt.Errorf("sqlite.Mentions: %w", err)
	}
	return out, nil
}

// PutClusters replaces the clusters of blocks and assigns mentions to clusters.
func (s *Store) PutClusters(ctx context.Context, blocks []string, cs []chronicle.Cluster, ms []chronicle.Mention) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqlite.PutClusters: %w", err)
	}
	defer tx.Rollback()
	del, err := tx.PrepareContext(ctx, `DELETE FROM clusters WHERE block = ?`)
	if err != nil {
		return fmt.Errorf("sqlite.PutClusters: %w", err)
	}
	defer del.Close()
	for _, b := range blocks {
		if _, err := del.ExecContext(ctx, b); err != nil {
			return fmt.Errorf("sqlite.PutClusters: %w", err)
		}
	}
	ins, err := tx.PrepareContext(ctx, `INSERT OR REPLACE INTO clusters (id, block, code, root, plover, modality, date, date_start, date_end,
		source_key, source_actor, source_name, source_text, target_key, target_actor, target_name, target_text, realized, act)
		VALUES (?,?,?,?,?,?,?,?,?, ?,?,?,?, ?,?,?,?, ?,?)`)
	if err != nil {
		return fmt.Errorf("sqlite.PutClusters: %w", err)
	}
	defer ins.Close()
	for _, c := range cs {
		if _, err := ins.ExecContext(ctx, c.ID, c.Block, c.Code, c.Root, c.Plover, c.Modality, c.Date, c.DateStart, c.DateEnd,
			c.SourceKey, c.Source.Actor, c.Source.Name, c.Source.Text, c.TargetKey, c.Target.Actor, c.Target.Name, c.Target.Text, c.Realized, c.Act); err != nil {
			return fmt.Errorf("sqlite.PutClusters(%s): %w", c.ID, err)
		}
	}
	ids := make([]string, len(ms))
	for i, m := range ms {
		ids[i] = m.Article
	}
	pk, err := pks(ctx, tx, ids)
	if err != nil {
		return fmt.Errorf("sqlite.PutClusters: %w", err)
	}
	upd, err := tx.PrepareContext(ctx, `UPDATE events SET block = ?, cluster = ? WHERE article = ? AND vid = ?`)
	if err != nil {
		return fmt.Errorf("sqlite.PutClusters: %w", err)
	}
	defer upd.Close()
	for _, m := range ms {
		p, ok := pk[m.Article]
		if !ok {
			continue // the article is gone
		}
		if _, err := upd.ExecContext(ctx, m.Block, m.Cluster, p, m.ID); err != nil {
			return fmt.Errorf("sqlite.PutClusters: mention %s/%s: %w", m.Article, m.ID, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("sqlite.PutClusters: %w", err)
	}
	return nil
}

// clusterActorMatch is actorMatch (query.go) over the clusters table.
func clusterActorMatch(prefix, q string) (string, []any) {
	p := "c." + prefix + "_"
	conds := []string{p + "name = ? COLLATE NOCASE", p + "key = ?", p + "key = ?", p + "text LIKE ?"}
	args := []any{q, "kb:" + q, "n:" + strings.ToLower(q), "%" + escapeLike(q) + "%"}
	if isCode(q) {
		conds = append(conds, p+"actor LIKE ?")
		args = append(args, q+"%")
	}
	return "(" + strings.Join(conds, " OR ") + ")", args
}

// Timeline returns clusters with their counts.
func (s *Store) Timeline(ctx context.Context, f chronicle.TimelineFilter) ([]chronicle.Cluster, error) {
	var w where
	w.add("EXISTS (SELECT 1 FROM events e WHERE e.cluster = c.id)")
	if f.Actor != "" {
		cs, as := clusterActorMatch("source", f.Actor)
		ct, at := clusterActorMatch("target", f.Actor)
		w.add("("+cs+" OR "+ct+")", append(as, at...)...)
	}
	if len(f.Pair) == 2 {
		s1, a1 := clusterActorMatch("source", f.Pair[0])
		t1, b1 := clusterActorMatch("target", f.Pair[1])
		s2, a2 := clusterActorMatch("source", f.Pair[1])
		t2, b2 := clusterActorMatch("target", f.Pair[0])
		args := append(append(append(a1, b1...), a2...), b2...)
		w.add("(("+s1+" AND "+t1+") OR ("+s2+" AND "+t2+"))", args...)
	}
	if len(f.Keys) == 2 {
		w.add("((c.source_key = ? AND c.target_key = ?) OR (c.source_key = ? AND c.target_key = ?))", f.Keys[0], f.Keys[1], f.Keys[1], f.Keys[0])
	}
	if f.Code != "" {
		w.add("c.code LIKE ?", f.Code+"%")
	}
	if f.Plover != "" {
		w.add("c.plover = ? COLLATE NOCASE", f.Plover)
	}
	if len(f.Modality) > 0 {
		w.add("c.modality IN ("+placeholders(len(f.Modality))+")", strArgs(f.Modality)...)
	}
	if f.From != "" {
		w.add("c.date_end >= ?", f.From)
	}
	if f.To != "" {
		w.add("c.date_start <= ?", f.To)
	}
	if f.ID != "" {
		w.add("c.id = ?", f.ID)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT c.id, c.block, c.code, c.root, c.plover, c.modality, c.date, c.date_start, c.date_end,
		c.source_key, c.source_actor, c.source_name, c.source_text, c.target_key, c.target_actor, c.target_name, c.target_text, c.realized, c.act
		FROM clusters c`+w.String()+` ORDER BY c.date_start, c.date_end, c.id`+limit(f.Page), w.args...)
	if err != nil {
		return nil, fmt.Errorf("sqlite.Timeline: %w", err)
	}
	out := []chronicle.Cluster{}
	idx := map[string]int{}
	for rows.Next() {
		var c chronicle.Cluster
		if err := rows.Scan(&c.ID, &c.Block, &c.Code, &c.Root, &c.Plover, &c.Modality, &c.Date, &c.DateStart, &c.DateEnd,
			&c.SourceKey, &c.Source.Actor, &c.Source.Name, &c.Source.Text, &c.TargetKey, &c.Target.Actor, &c.Target.Name, &c.Target.Text, &c.Realized, &c.Act); err != nil {
			rows.Close()
			return nil, fmt.Errorf("sqlite.Timeline: %w", err)
		}
		c.Articles = []string{}
		idx[c.ID] = len(out)
		out = append(out, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("sqlite.Timeline: %w", err)
	}
	// Counts: mentions, distinct articles, distinct duplicate groups.
	type art struct{ id, date, orig string }
	arts := make([][]art, len(out))
	for lo := 0; lo < len(out); lo += 500 {
		hi := min(len(out), lo+500)
		args := make([]any, hi-lo)
		for i := range args {
			args[i] = out[lo+i].ID
		}
		rows, err := s.db.QueryContext(ctx, `SELECT v.cluster, a.id, a.date, COALESCE(o.id, a.id), count(*)
			FROM events v JOIN articles a ON a.pk = v.article
			LEFT JOIN sketches k ON k.article = a.pk LEFT JOIN articles o ON o.pk = k.original
			WHERE v.cluster IN (`+placeholders(len(args))+`) GROUP BY v.cluster, a.pk`, args...)
		if err != nil {
			return nil, fmt.Errorf("sqlite.Timeline: %w", err)
		}
		for rows.Next() {
			var cid string
			var a art
			var n int
			if err := rows.Scan(&cid, &a.id, &a.date, &a.orig, &n); err != nil {
				rows.Close()
				return nil, fmt.Errorf("sqlite.Timeline: %w", err)
			}
			i := idx[cid]
			out[i].Mentions += n
			arts[i] = append(arts[i], a)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("sqlite.Timeline: %w", err)
		}
	}
	for i := range out {
		as := arts[i]
		sort.Slice(as, func(x, y int) bool {
			if as[x].date != as[y].date {
				return as[x].date < as[y].date
			}
			return as[x].id < as[y].id
		})
		groups := map[string]bool{}
		for _, a := range as {
			out[i].Articles = append(out[i].Articles, a.id)
			groups[a.orig] = true
		}
		out[i].Sources = len(groups)
		if len(as) > 0 {
			out[i].First, out[i].Last = as[0].date, as[len(as)-1].date
		}
	}
	return out, nil
}

// PutClaims replaces the claims of one article.
func (s *Store) PutClaims(ctx context.Context, article string, cs []chronicle.Claim) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqlite.PutClaims(%q): %w", article, err)
	}
	defer tx.Rollback()
	var pk int64
	if err := tx.QueryRowContext(ctx, `SELECT pk FROM articles WHERE id = ?`, article).Scan(&pk); err != nil {
		if err == sql.ErrNoRows {
			return chronicle.Errorf(chronicle.ENOTFOUND, "no article %q", article)
		}
		return fmt.Errorf("sqlite.PutClaims(%q): %w", article, err)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM claims WHERE article = ?`, pk); err != nil {
		return fmt.Errorf("sqlite.PutClaims(%q): %w", article, err)
	}
	for _, c := range cs {
		actors, _ := json.Marshal(nonNil(c.Actors))
		keys, _ := json.Marshal(nonNil(c.Keys))
		if _, err := tx.ExecContext(ctx, `INSERT INTO claims (article, cid, text, span, span_start, span_end, count, kind, act, code, actors, keys, date_from, date_to)
			VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)`, pk, c.ID, c.Text, c.Span.Text, c.Span.Start, c.Span.End, c.Count, c.Kind, c.Act, c.Code,
			string(actors), string(keys), c.From, c.To); err != nil {
			return fmt.Errorf("sqlite.PutClaims(%q): claim %s: %w", article, c.ID, err)
		}
	}
	return tx.Commit()
}

// Claims returns stored claims by article date, article and id.
func (s *Store) Claims(ctx context.Context, f chronicle.ClaimFilter) ([]chronicle.Claim, error) {
	var w where
	if f.Article != "" {
		w.add("a.id = ?", f.Article)
	}
	if f.Actor != "" {
		w.add("(k.actors LIKE ? OR k.keys LIKE ?)", "%"+f.Actor+"%", "%"+f.Actor+"%")
	}
	if f.From != "" {
		w.add("a.date >= ?", f.From)
	}
	if f.To != "" {
		w.add("a.date <= ?", f.To)
	}
	rows, err := s.db.QueryContext(ctx, `SELECT a.id, a.date, k.cid, k.text, k.span, k.span_start, k.span_end, k.count, k.kind, k.act, k.code,
		k.actors, k.keys, k.date_from, k.date_to FROM claims k JOIN articles a ON a.pk = k.article`+w.String()+
		` ORDER BY a.date, a.id, length(k.cid), k.cid`+limit(f.Page), w.args...)
	if err != nil {
		return nil, fmt.Errorf("sqlite.Claims: %w", err)
	}
	defer rows.Close()
	out := []chronicle.Claim{}
	for rows.Next() {
		var c chronicle.Claim
		var actors, keys string
		if err := rows.Scan(&c.Article, &c.Date, &c.ID, &c.Text, &c.Span.Text, &c.Span.Start, &c.Span.End, &c.Count, &c.Kind, &c.Act, &c.Code,
			&actors, &keys, &c.From, &c.To); err != nil {
			return nil, fmt.Errorf("sqlite.Claims: %w", err)
		}
		c.Actors, c.Keys, c.Events = []string{}, []string{}, []string{}
		json.Unmarshal([]byte(actors), &c.Actors)
		json.Unmarshal([]byte(keys), &c.Keys)
		out = append(out, c)
	}
	return out, rows.Err()
}

// ResetClusters deletes all cross-article state.
func (s *Store) ResetClusters(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("sqlite.ResetClusters: %w", err)
	}
	defer tx.Rollback()
	for _, q := range []string{`DELETE FROM sketch_bands`, `DELETE FROM duplicates`, `DELETE FROM sketches`, `DELETE FROM clusters`,
		`DELETE FROM claims`, `UPDATE events SET block = '', cluster = '' WHERE block != '' OR cluster != ''`} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("sqlite.ResetClusters: %w", err)
		}
	}
	return tx.Commit()
}
