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
	for _, a := range as {
		if err := addSketch(ctx, st, a); err != nil {
			return err
		}
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

// addSketch stores the sketch of one article, links it to its stored near-duplicates (one
// per duplicate group is enough) and merges their groups under the Before-first original.
func addSketch(ctx context.Context, st chronicle.Store, a *chronicle.Article) error {
	k := Sketch(a)
	var links []chronicle.DupLink
	var groups []string
	if len(k.Bands) > 0 {
		cands, err := st.Sketches(ctx, chronicle.SketchFilter{Bands: k.Bands, PerBand: PerBand})
		if err != nil {
			return fmt.Errorf("cluster.Update(%s): %w", a.ID, err)
		}
		sort.Slice(cands, func(i, j int) bool { return cands[i].Article < cands[j].Article })
		linked := map[string]bool{}
		for _, c := range cands {
			if c.Article == a.ID || linked[c.Original] {
				continue
			}
			if ok, sim := Duplicate(k, c); ok {
				l := chronicle.DupLink{A: a.ID, B: c.Article, Similarity: sim}
				if l.B < l.A {
					l.A, l.B = l.B, l.A
				}
				links = append(links, l)
				linked[c.Original] = true
				groups = append(groups, c.Original)
			}
		}
	}
	orig := k
	if len(groups) > 0 {
		os, err := st.Sketches(ctx, chronicle.SketchFilter{Articles: groups})
		if err != nil {
			return fmt.Errorf("cluster.Update(%s): %w", a.ID, err)
		}
		for _, o := range os {
			if o.Article != a.ID && Before(o, orig) {
				orig = o
			}
		}
	}
	k.Original = orig.Article
	if err := st.PutSketches(ctx, []chronicle.Sketch{k}, links); err != nil {
		return fmt.Errorf("cluster.Update(%s): %w", a.ID, err)
	}
	if err := st.MergeGroups(ctx, orig.Article, groups); err != nil {
		return fmt.Errorf("cluster.Update(%s): %w", a.ID, err)
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
