package postgres

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/jackc/pgx/v5"

	"chronicle"
)

// Cross-article state: sketches, duplicate links, clusters and claims (migration 0002), as in
// the SQLite store. The algorithms live in package cluster; these methods only persist and
// query.

// pks maps article ids to primary keys (ids that are not stored are left out).
func pks(ctx context.Context, db q, ids []string) (map[string]int64, error) {
	out := make(map[string]int64, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	rows, err := db.Query(ctx, `SELECT id, pk FROM articles WHERE id = ANY($1)`, ids)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		var pk int64
		if err := rows.Scan(&id, &pk); err != nil {
			return nil, err
		}
		out[id] = pk
	}
	return out, rows.Err()
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

func bandArgs(bs []uint64) []int64 {
	out := make([]int64, len(bs))
	for i, b := range bs {
		out[i] = int64(b)
	}
	return out
}

// Sketches returns the sketches selected by f (see chronicle.Store).
func (s *Store) Sketches(ctx context.Context, f chronicle.SketchFilter) ([]chronicle.Sketch, error) {
	const sel = `SELECT a.id, a.date, k.shingles, k.minhash, o.id FROM sketches k
		JOIN articles a ON a.pk = k.article JOIN articles o ON o.pk = k.original`
	seen := map[string]bool{}
	var out []chronicle.Sketch
	query := func(tail string, args ...any) error {
		rows, err := s.pool.Query(ctx, sel+" "+tail, args...)
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
	var err error
	if len(f.Bands) == 0 && len(f.Articles) == 0 && len(f.Originals) == 0 {
		err = query("ORDER BY a.pk")
	}
	if err == nil && len(f.Bands) > 0 {
		if f.PerBand > 0 {
			// At most PerBand·len(Bands) candidates, in band then storage order.
			err = query(`WHERE k.article IN (SELECT article FROM sketch_bands WHERE band = ANY($1)
				GROUP BY article ORDER BY min(band), article LIMIT $2)`, bandArgs(f.Bands), f.PerBand*len(f.Bands))
		} else {
			err = query(`WHERE k.article IN (SELECT article FROM sketch_bands WHERE band = ANY($1))`, bandArgs(f.Bands))
		}
	}
	if err == nil && len(f.Articles) > 0 {
		err = query(`WHERE a.id = ANY($1)`, f.Articles)
	}
	if err == nil && len(f.Originals) > 0 {
		err = query(`WHERE o.id = ANY($1)`, f.Originals)
	}
	if err != nil {
		return nil, fmt.Errorf("postgres.Sketches: %w", err)
	}
	return out, nil
}

// PutSketches stores sketches with their bands and adds duplicate links, in one transaction.
func (s *Store) PutSketches(ctx context.Context, ss []chronicle.Sketch, links []chronicle.DupLink) error {
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		db := q{tx}
		var ids []string
		for _, k := range ss {
			ids = append(ids, k.Article, k.Original)
		}
		for _, l := range links {
			ids = append(ids, l.A, l.B)
		}
		pk, err := pks(ctx, db, ids)
		if err != nil {
			return err
		}
		get := func(id string) (int64, error) {
			p, ok := pk[id]
			if !ok {
				return 0, chronicle.Errorf(chronicle.ENOTFOUND, "no article %q", id)
			}
			return p, nil
		}
		b := &pgx.Batch{}
		for _, k := range ss {
			a, err := get(k.Article)
			if err != nil {
				return err
			}
			o := a
			if k.Original != "" {
				if o, err = get(k.Original); err != nil {
					return err
				}
			}
			b.Queue(`INSERT INTO sketches (article, shingles, minhash, original) VALUES ($1,$2,$3,$4)
				ON CONFLICT (article) DO UPDATE SET shingles = excluded.shingles, minhash = excluded.minhash, original = excluded.original`,
				a, k.Shingles, encodeMinHash(k.MinHash), o)
			b.Queue(`DELETE FROM sketch_bands WHERE article = $1`, a)
			if len(k.Bands) > 0 {
				b.Queue(`INSERT INTO sketch_bands (band, article) SELECT DISTINCT u, $2::bigint FROM unnest($1::bigint[]) AS u ON CONFLICT DO NOTHING`,
					bandArgs(k.Bands), a)
			}
		}
		for _, l := range links {
			a, err := get(l.A)
			if err != nil {
				return err
			}
			c, err := get(l.B)
			if err != nil {
				return err
			}
			if a > c {
				a, c = c, a
			}
			b.Queue(`INSERT INTO duplicates (a, b, similarity) VALUES ($1,$2,$3) ON CONFLICT (a, b) DO UPDATE SET similarity = excluded.similarity`,
				a, c, l.Similarity)
		}
		return tx.SendBatch(ctx, b).Close()
	})
	if err != nil {
		return fmt.Errorf("postgres.PutSketches: %w", err)
	}
	return nil
}

// MergeGroups merges duplicate groups under one original.
func (s *Store) MergeGroups(ctx context.Context, original string, groups []string) error {
	if len(groups) == 0 {
		return nil
	}
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		db := q{tx}
		pk, err := pks(ctx, db, append([]string{original}, groups...))
		if err != nil {
			return err
		}
		po, ok := pk[original]
		if !ok {
			return chronicle.Errorf(chronicle.ENOTFOUND, "no article %q", original)
		}
		for _, g := range groups {
			if pg, ok := pk[g]; ok && pg != po {
				if _, err := db.exec(ctx, `UPDATE sketches SET original = ? WHERE original = ?`, po, pg); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("postgres.MergeGroups(%q): %w", original, err)
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
	query := func(tail string, args ...any) error {
		rows, err := s.pool.Query(ctx, sel+tail, args...)
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
		err = query("ORDER BY v.pk")
	}
	if err == nil && len(f.Blocks) > 0 {
		err = query(`WHERE v.block = ANY($1) ORDER BY v.pk`, f.Blocks)
	}
	if err == nil && len(f.Articles) > 0 {
		err = query(`WHERE a.id = ANY($1) ORDER BY v.pk`, f.Articles)
	}
	if err != nil {
		return nil, fmt.Errorf("postgres.Mentions: %w", err)
	}
	return out, nil
}

// PutClusters replaces the clusters of blocks and assigns mentions to clusters.
func (s *Store) PutClusters(ctx context.Context, blocks []string, cs []chronicle.Cluster, ms []chronicle.Mention) error {
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		db := q{tx}
		b := &pgx.Batch{}
		if len(blocks) > 0 {
			b.Queue(`DELETE FROM clusters WHERE block = ANY($1)`, blocks)
		}
		for _, c := range cs {
			b.Queue(`INSERT INTO clusters (id, block, code, root, plover, modality, date, date_start, date_end,
				source_key, source_actor, source_name, source_text, target_key, target_actor, target_name, target_text, realized, act)
				VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9, $10,$11,$12,$13, $14,$15,$16,$17, $18,$19)
				ON CONFLICT (id) DO UPDATE SET block = excluded.block, code = excluded.code, root = excluded.root, plover = excluded.plover,
				modality = excluded.modality, date = excluded.date, date_start = excluded.date_start, date_end = excluded.date_end,
				source_key = excluded.source_key, source_actor = excluded.source_actor, source_name = excluded.source_name, source_text = excluded.source_text,
				target_key = excluded.target_key, target_actor = excluded.target_actor, target_name = excluded.target_name, target_text = excluded.target_text,
				realized = excluded.realized, act = excluded.act`,
				c.ID, c.Block, c.Code, c.Root, c.Plover, c.Modality, c.Date, c.DateStart, c.DateEnd,
				c.SourceKey, c.Source.Actor, c.Source.Name, c.Source.Text, c.TargetKey, c.Target.Actor, c.Target.Name, c.Target.Text, c.Realized, c.Act)
		}
		ids := make([]string, len(ms))
		for i, m := range ms {
			ids[i] = m.Article
		}
		pk, err := pks(ctx, db, ids)
		if err != nil {
			return err
		}
		for _, m := range ms {
			p, ok := pk[m.Article]
			if !ok {
				continue // the article is gone
			}
			b.Queue(`UPDATE events SET block = $1, cluster = $2 WHERE article = $3 AND vid = $4`, m.Block, m.Cluster, p, m.ID)
		}
		if b.Len() == 0 {
			return nil
		}
		return tx.SendBatch(ctx, b).Close()
	})
	if err != nil {
		return fmt.Errorf("postgres.PutClusters: %w", err)
	}
	return nil
}

// clusterActorMatch is actorMatch (query.go) over the clusters table.
func clusterActorMatch(prefix, query string) (string, []any) {
	p := "c." + prefix + "_"
	conds := []string{"lower(" + p + "name) = lower(?)", p + "key = ?", p + "key = ?", p + "text ILIKE ?"}
	args := []any{query, "kb:" + query, "n:" + strings.ToLower(query), "%" + query + "%"}
	if isCode(query) {
		conds = append(conds, p+"actor ILIKE ?")
		args = append(args, query+"%")
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
		w.add("c.code ILIKE ?", f.Code+"%")
	}
	if f.Plover != "" {
		w.add("lower(c.plover) = lower(?)", f.Plover)
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
	rows, err := s.db().query(ctx, `SELECT c.id, c.block, c.code, c.root, c.plover, c.modality, c.date, c.date_start, c.date_end,
		c.source_key, c.source_actor, c.source_name, c.source_text, c.target_key, c.target_actor, c.target_name, c.target_text, c.realized, c.act
		FROM clusters c`+w.String()+` ORDER BY c.date_start, c.date_end, c.id`+limit(f.Page), w.args...)
	if err != nil {
		return nil, fmt.Errorf("postgres.Timeline: %w", err)
	}
	out := []chronicle.Cluster{}
	idx := map[string]int{}
	for rows.Next() {
		var c chronicle.Cluster
		if err := rows.Scan(&c.ID, &c.Block, &c.Code, &c.Root, &c.Plover, &c.Modality, &c.Date, &c.DateStart, &c.DateEnd,
			&c.SourceKey, &c.Source.Actor, &c.Source.Name, &c.Source.Text, &c.TargetKey, &c.Target.Actor, &c.Target.Name, &c.Target.Text, &c.Realized, &c.Act); err != nil {
			rows.Close()
			return nil, fmt.Errorf("postgres.Timeline: %w", err)
		}
		c.Articles = []string{}
		idx[c.ID] = len(out)
		out = append(out, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("postgres.Timeline: %w", err)
	}
	if len(out) == 0 {
		return out, nil
	}
	// Counts: mentions, distinct articles, distinct duplicate groups.
	type art struct{ id, date, orig string }
	arts := make([][]art, len(out))
	ids := make([]string, len(out))
	for i, c := range out {
		ids[i] = c.ID
	}
	rows, err = s.pool.Query(ctx, `SELECT v.cluster, a.id, a.date, COALESCE(o.id, a.id), count(*)
		FROM events v JOIN articles a ON a.pk = v.article
		LEFT JOIN sketches k ON k.article = a.pk LEFT JOIN articles o ON o.pk = k.original
		WHERE v.cluster = ANY($1) GROUP BY v.cluster, a.pk, a.id, a.date, o.id`, ids)
	if err != nil {
		return nil, fmt.Errorf("postgres.Timeline: %w", err)
	}
	for rows.Next() {
		var cid string
		var a art
		var n int
		if err := rows.Scan(&cid, &a.id, &a.date, &a.orig, &n); err != nil {
			rows.Close()
			return nil, fmt.Errorf("postgres.Timeline: %w", err)
		}
		i := idx[cid]
		out[i].Mentions += n
		arts[i] = append(arts[i], a)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("postgres.Timeline: %w", err)
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
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		db := q{tx}
		var pk int64
		if err := db.queryRow(ctx, `SELECT pk FROM articles WHERE id = ?`, article).Scan(&pk); err != nil {
			if errors.Is(err, pgx.ErrNoRows) {
				return chronicle.Errorf(chronicle.ENOTFOUND, "no article %q", article)
			}
			return err
		}
		if _, err := db.exec(ctx, `DELETE FROM claims WHERE article = ?`, pk); err != nil {
			return err
		}
		for _, c := range cs {
			actors, _ := json.Marshal(nonNil(c.Actors))
			keys, _ := json.Marshal(nonNil(c.Keys))
			if _, err := db.exec(ctx, `INSERT INTO claims (article, cid, text, span, span_start, span_end, count, kind, act, code, actors, keys, date_from, date_to)
				VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)`, pk, c.ID, c.Text, c.Span.Text, c.Span.Start, c.Span.End, c.Count, c.Kind, c.Act, c.Code,
				string(actors), string(keys), c.From, c.To); err != nil {
				return fmt.Errorf("claim %s: %w", c.ID, err)
			}
		}
		return nil
	})
	if err != nil && chronicle.ErrorCode(err) != chronicle.ENOTFOUND {
		return fmt.Errorf("postgres.PutClaims(%q): %w", article, err)
	}
	return err
}

// Claims returns stored claims by article date, article and id.
func (s *Store) Claims(ctx context.Context, f chronicle.ClaimFilter) ([]chronicle.Claim, error) {
	var w where
	if f.Article != "" {
		w.add("a.id = ?", f.Article)
	}
	if f.Actor != "" {
		w.add("(k.actors ILIKE ? OR k.keys ILIKE ?)", "%"+f.Actor+"%", "%"+f.Actor+"%")
	}
	if f.From != "" {
		w.add("a.date >= ?", f.From)
	}
	if f.To != "" {
		w.add("a.date <= ?", f.To)
	}
	rows, err := s.db().query(ctx, `SELECT a.id, a.date, k.cid, k.text, k.span, k.span_start, k.span_end, k.count, k.kind, k.act, k.code,
		k.actors, k.keys, k.date_from, k.date_to FROM claims k JOIN articles a ON a.pk = k.article`+w.String()+
		` ORDER BY a.date, a.id, length(k.cid), k.cid`+limit(f.Page), w.args...)
	if err != nil {
		return nil, fmt.Errorf("postgres.Claims: %w", err)
	}
	defer rows.Close()
	out := []chronicle.Claim{}
	for rows.Next() {
		var c chronicle.Claim
		var actors, keys string
		if err := rows.Scan(&c.Article, &c.Date, &c.ID, &c.Text, &c.Span.Text, &c.Span.Start, &c.Span.End, &c.Count, &c.Kind, &c.Act, &c.Code,
			&actors, &keys, &c.From, &c.To); err != nil {
			return nil, fmt.Errorf("postgres.Claims: %w", err)
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
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		for _, stmt := range []string{`DELETE FROM sketch_bands`, `DELETE FROM duplicates`, `DELETE FROM sketches`, `DELETE FROM clusters`,
			`DELETE FROM claims`, `UPDATE events SET block = '', cluster = '' WHERE block != '' OR cluster != ''`} {
			if _, err := tx.Exec(ctx, stmt); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("postgres.ResetClusters: %w", err)
	}
	return nil
}
