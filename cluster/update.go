package cluster

import (
	"context"
	"fmt"
	"sort"

	"chronicle"
)

// Update brings the store's cross-article state up to date after the articles as were stored
// (with their stored ids): their near-duplicate sketches and groups, the clusters of every
// block their event mentions fall in, and their count claims. Work is proportional to the new
// articles, their duplicate candidates and the mentions of the blocks they touch; the state
// reached is the same whatever order articles are ingested in.
func Update(ctx context.Context, st chronicle.Store, as []*chronicle.Article) error {
	if len(as) == 0 {
		return nil
	}
	if err := addSketches(ctx, st, as); err != nil {
		return err
	}
	ids := make([]string, len(as))
	for i, a := range as {
		ids[i] = a.ID
	}
	if err := reclusterArticles(ctx, st, ids); err != nil {
		return err
	}
	for _, a := range as {
		if cs := Claims(a); len(cs) > 0 {
			if err := st.PutClaims(ctx, a.ID, cs); err != nil {
				return fmt.Errorf("cluster.Update: %w", err)
			}
		}
	}
	return nil
}

// addSketches stores the sketches of a batch of new articles in one transaction, linking
// each to its near-duplicates among the stored articles and the batch articles before it (one
// link per duplicate group is enough) and merging their groups under the Before-first
// original, exactly as if the articles had been added one by one.
func addSketches(ctx context.Context, st chronicle.Store, as []*chronicle.Article) error {
	var (
		batch  []chronicle.Sketch
		index  = map[string]int{}    // batch article → position
		byBand = map[uint64][]int{}  // batch LSH index
		remap  = map[string]string{} // merged original → the original it merged into
		links  []chronicle.DupLink
		merges []struct {
			into   string
			groups []string
		}
	)
	resolve := func(o string) string {
		for {
			n, ok := remap[o]
			if !ok {
				return o
			}
			o = n
		}
	}
	for _, a := range as {
		k := Sketch(a)
		var cands []chronicle.Sketch
		if len(k.Bands) > 0 {
			stored, err := st.Sketches(ctx, chronicle.SketchFilter{Bands: k.Bands, PerBand: PerBand})
			if err != nil {
				return fmt.Errorf("cluster.Update(%s): %w", a.ID, err)
			}
			for _, c := range stored {
				if _, inBatch := index[c.Article]; !inBatch && c.Article != a.ID {
					cands = append(cands, c)
				}
			}
			seen := map[int]bool{}
			for _, b := range k.Bands {
				for _, i := range byBand[b] {
					if !seen[i] {
						seen[i] = true
						cands = append(cands, batch[i])
					}
				}
			}
		}
		sort.Slice(cands, func(i, j int) bool { return cands[i].Article < cands[j].Article })
		linked := map[string]bool{}
		var groups []string
		for _, c := range cands {
			o := resolve(c.Original)
			if linked[o] {
				continue
			}
			if ok, sim := Duplicate(k, c); ok {
				l := chronicle.DupLink{A: a.ID, B: c.Article, Similarity: sim}
				if l.B < l.A {
					l.A, l.B = l.B, l.A
				}
				links = append(links, l)
				linked[o] = true
				groups = append(groups, o)
			}
		}
		orig := k
		if len(groups) > 0 {
			var stored []string
			for _, g := range groups {
				if i, ok := index[g]; ok {
					if Before(batch[i], orig) {
						orig = batch[i]
					}
				} else {
					stored = append(stored, g)
				}
			}
			if len(stored) > 0 {
				os, err := st.Sketches(ctx, chronicle.SketchFilter{Articles: stored})
				if err != nil {
					return fmt.Errorf("cluster.Update(%s): %w", a.ID, err)
				}
				for _, o := range os {
					if Before(o, orig) {
						orig = o
					}
				}
			}
		}
		k.Original = orig.Article
		var merged []string
		for _, g := range groups {
			if g != orig.Article {
				remap[g] = orig.Article
				merged = append(merged, g)
			}
		}
		if len(merged) > 0 {
			for i := range batch {
				if m := resolve(batch[i].Original); m != batch[i].Original {
					batch[i].Original = m
				}
			}
			merges = append(merges, struct {
				into   string
				groups []string
			}{orig.Article, merged})
		}
		index[k.Article] = len(batch)
		for _, b := range k.Bands {
			if len(byBand[b]) < PerBand {
				byBand[b] = append(byBand[b], len(batch))
			}
		}
		batch = append(batch, k)
	}
	if err := st.PutSketches(ctx, batch, links); err != nil {
		return fmt.Errorf("cluster.Update: %w", err)
	}
	for _, m := range merges {
		if err := st.MergeGroups(ctx, m.into, m.groups); err != nil {
			return fmt.Errorf("cluster.Update: %w", err)
		}
	}
	return nil
}

// reclusterArticles reclusters every block that a mention of the given articles falls in.
func reclusterArticles(ctx context.Context, st chronicle.Store, ids []string) error {
	fresh, err := st.Mentions(ctx, chronicle.MentionFilter{Articles: ids})
	if err != nil {
		return fmt.Errorf("cluster.Update: %w", err)
	}
	set := map[string]bool{}
	for i := range fresh {
		if b := Block(&fresh[i]); b != "" {
			set[b] = true
		}
	}
	if len(set) == 0 {
		return nil
	}
	blocks := make([]string, 0, len(set))
	for b := range set {
		blocks = append(blocks, b)
	}
	sort.Strings(blocks)
	old, err := st.Mentions(ctx, chronicle.MentionFilter{Blocks: blocks})
	if err != nil {
		return fmt.Errorf("cluster.Update: %w", err)
	}
	// The block's stored mentions and the new ones (whose block is not recorded yet).
	seen := map[[2]string]bool{}
	var ms []chronicle.Mention
	for _, m := range append(old, fresh...) {
		k := [2]string{m.Article, m.ID}
		if seen[k] {
			continue
		}
		seen[k] = true
		if b := Block(&m); set[b] {
			ms = append(ms, m)
		}
	}
	cs := Events(ms)
	if err := st.PutClusters(ctx, blocks, cs, ms); err != nil {
		return fmt.Errorf("cluster.Update: %w", err)
	}
	return nil
}

// Rebuild recomputes all cross-article state from the stored articles: sketches and duplicate
// groups, clusters and claims. It reads articles in pages of pageSize (all at once when ≤ 0).
func Rebuild(ctx context.Context, st chronicle.Store, pageSize int) error {
	if err := st.ResetClusters(ctx); err != nil {
		return err
	}
	// Near-duplicates: every sketch in memory (a few hundred bytes each), then one pass.
	var ss []chronicle.Sketch
	for off := 0; ; off += pageSize {
		as, err := st.Articles(ctx, chronicle.ArticleFilter{Full: true, Page: chronicle.Page{Limit: pageSize, Offset: off}})
		if err != nil {
			return fmt.Errorf("cluster.Rebuild: %w", err)
		}
		for _, a := range as {
			ss = append(ss, Sketch(a))
			if cs := Claims(a); len(cs) > 0 {
				if err := st.PutClaims(ctx, a.ID, cs); err != nil {
					return fmt.Errorf("cluster.Rebuild: %w", err)
				}
			}
		}
		if pageSize <= 0 || len(as) < pageSize {
			break
		}
	}
	links, originals := Dedup(ss)
	for i := range ss {
		ss[i].Original = originals[ss[i].Article]
	}
	for lo := 0; lo < len(ss); lo += 1000 {
		hi := min(len(ss), lo+1000)
		var ls []chronicle.DupLink
		if lo == 0 {
			ls = links
		}
		if err := st.PutSketches(ctx, ss[lo:hi], ls); err != nil {
			return fmt.Errorf("cluster.Rebuild: %w", err)
		}
	}
	if len(ss) == 0 && len(links) > 0 {
		return fmt.Errorf("cluster.Rebuild: links without sketches")
	}
	ms, err := st.Mentions(ctx, chronicle.MentionFilter{})
	if err != nil {
		return fmt.Errorf("cluster.Rebuild: %w", err)
	}
	cs := Events(ms)
	set := map[string]bool{}
	for _, m := range ms {
		if m.Block != "" {
			set[m.Block] = true
		}
	}
	blocks := make([]string, 0, len(set))
	for b := range set {
		blocks = append(blocks, b)
	}
	sort.Strings(blocks)
	if err := st.PutClusters(ctx, blocks, cs, ms); err != nil {
		return fmt.Errorf("cluster.Rebuild: %w", err)
	}
	return nil
}
