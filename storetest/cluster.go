package storetest

import (
	"context"
	"slices"
	"sort"
	"testing"

	"chronicle"
)

// testCluster checks the persistence of cross-article state: sketches and duplicate groups,
// mentions and clusters, the timeline's counts (wire copies count once), claims and reset.
func testCluster(t *testing.T, s chronicle.Store) {
	defer s.Close()
	ctx := context.Background()
	put(t, s, Article(1, "2025-07-03"), Article(2, "2025-07-04"), Article(3, "2025-07-04"))

	// Sketches: bands, lookups by band, article and original; merging groups.
	sig := func(v uint32) []uint32 {
		h := make([]uint32, 8)
		for i := range h {
			h[i] = v + uint32(i)
		}
		return h
	}
	ss := []chronicle.Sketch{
		{Article: "art-1", Date: "2025-07-03", Shingles: 40, MinHash: sig(1), Bands: []uint64{11, 12}, Original: "art-1"},
		{Article: "art-2", Date: "2025-07-04", Shingles: 30, MinHash: sig(1), Bands: []uint64{11, 13}, Original: "art-1"},
		{Article: "art-3", Date: "2025-07-04", Shingles: 50, MinHash: sig(9), Bands: []uint64{14, 15}, Original: "art-3"},
	}
	if err := s.PutSketches(ctx, ss, []chronicle.DupLink{{A: "art-1", B: "art-2", Similarity: 0.9}}); err != nil {
		t.Fatal(err)
	}
	ids := func(ks []chronicle.Sketch) []string {
		var out []string
		for _, k := range ks {
			out = append(out, k.Article+"<"+k.Original)
		}
		sort.Strings(out)
		return out
	}
	for _, tt := range []struct {
		f    chronicle.SketchFilter
		want []string
	}{
		{chronicle.SketchFilter{}, []string{"art-1<art-1", "art-2<art-1", "art-3<art-3"}},
		{chronicle.SketchFilter{Bands: []uint64{12}}, []string{"art-1<art-1"}},
		{chronicle.SketchFilter{Bands: []uint64{11, 15}}, []string{"art-1<art-1", "art-2<art-1", "art-3<art-3"}},
		{chronicle.SketchFilter{Bands: []uint64{11}, PerBand: 1}, []string{"art-1<art-1"}},
		{chronicle.SketchFilter{Articles: []string{"art-2"}}, []string{"art-2<art-1"}},
		{chronicle.SketchFilter{Originals: []string{"art-1"}}, []string{"art-1<art-1", "art-2<art-1"}},
		{chronicle.SketchFilter{Bands: []uint64{99}}, nil},
	} {
		got, err := s.Sketches(ctx, tt.f)
		if err != nil {
			t.Fatal(err)
		}
		if g := ids(got); !slices.Equal(g, tt.want) {
			t.Errorf("Sketches(%+v) = %v, want %v", tt.f, g, tt.want)
		}
	}
	got, _ := s.Sketches(ctx, chronicle.SketchFilter{Articles: []string{"art-3"}})
	if len(got) != 1 || !slices.Equal(got[0].MinHash, sig(9)) || got[0].Shingles != 50 || got[0].Date != "2025-07-04" {
		t.Errorf("sketch round trip: %+v", got)
	}

	// Mentions and clusters: art-1 and art-2 (a copy) report the call; art-3 reports it too.
	ms, err := s.Mentions(ctx, chronicle.MentionFilter{Articles: []string{"art-1", "art-2", "art-3"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) != 6 {
		t.Fatalf("%d mentions, want 6", len(ms))
	}
	var call []chronicle.Mention
	for _, m := range ms {
		if m.Code == "041" {
			if m.ArticleDate == "" || m.Source.Name != "Vladimir Putin" || m.SourceKB != "Q7747" || m.TargetKB != "Q22686" {
				t.Errorf("mention %+v", m)
			}
			m.Block, m.Cluster = "04|putin|trump", "c1"
			call = append(call, m)
		}
	}
	c := chronicle.Cluster{ID: "c1", Block: "04|putin|trump", Code: "041", Root: "04", Plover: "CONSULT", Modality: "asserted",
		Date: "2025-07-03", DateStart: "2025-07-03", DateEnd: "2025-07-03", SourceKey: "n:vladimir putin", TargetKey: "n:donald trump",
		Source: chronicle.EventArg{Actor: "RUSGOV", Name: "Vladimir Putin", Text: "Vladimir Putin"},
		Target: chronicle.EventArg{Actor: "USAGOV", Name: "Donald Trump", Text: "Donald Trump"}}
	stale := chronicle.Cluster{ID: "c-old", Block: "04|putin|trump", Code: "041", Root: "04", Modality: "asserted", Date: "2025-07-01", DateStart: "2025-07-01", DateEnd: "2025-07-01"}
	if err := s.PutClusters(ctx, []string{"04|putin|trump"}, []chronicle.Cluster{stale}, nil); err != nil {
		t.Fatal(err)
	}
	if err := s.PutClusters(ctx, []string{"04|putin|trump"}, []chronicle.Cluster{c}, call); err != nil {
		t.Fatal(err)
	}
	tl, err := s.Timeline(ctx, chronicle.TimelineFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(tl) != 1 {
		t.Fatalf("timeline %+v", tl)
	}
	g := tl[0]
	if g.ID != "c1" || g.Mentions != 3 || !slices.Equal(g.Articles, []string{"art-1", "art-2", "art-3"}) || g.Sources != 2 ||
		g.First != "2025-07-03" || g.Last != "2025-07-04" || g.Source.Name != "Vladimir Putin" || g.Code != "041" || g.Plover != "CONSULT" {
		t.Errorf("timeline cluster %+v", g)
	}
	evs, _ := s.Events(ctx, chronicle.EventFilter{Cluster: "c1"})
	if len(evs) != 3 {
		t.Errorf("events of cluster c1: %d, want 3", len(evs))
	}
	bm, _ := s.Mentions(ctx, chronicle.MentionFilter{Blocks: []string{"04|putin|trump"}})
	if len(bm) != 3 || bm[0].Block != "04|putin|trump" {
		t.Errorf("mentions of the block: %+v", bm)
	}
	for _, tt := range []struct {
		f    chronicle.TimelineFilter
		want int
	}{
		{chronicle.TimelineFilter{Actor: "vladimir putin"}, 1},
		{chronicle.TimelineFilter{Actor: "RUS"}, 1},
		{chronicle.TimelineFilter{Actor: "Zelensky"}, 0},
		{chronicle.TimelineFilter{Pair: []string{"Trump", "Putin"}}, 1},
		{chronicle.TimelineFilter{Keys: []string{"n:donald trump", "n:vladimir putin"}}, 1},
		{chronicle.TimelineFilter{Code: "04"}, 1},
		{chronicle.TimelineFilter{Code: "05"}, 0},
		{chronicle.TimelineFilter{Plover: "consult"}, 1},
		{chronicle.TimelineFilter{Modality: []string{"future"}}, 0},
		{chronicle.TimelineFilter{From: "2025-07-04"}, 0},
		{chronicle.TimelineFilter{To: "2025-07-03"}, 1},
		{chronicle.TimelineFilter{ID: "c1"}, 1},
	} {
		got, err := s.Timeline(ctx, tt.f)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != tt.want {
			t.Errorf("Timeline(%+v): %d clusters, want %d", tt.f, len(got), tt.want)
		}
	}

	// Merging groups: art-3 joins art-1's group; the call then has one independent source.
	if err := s.MergeGroups(ctx, "art-1", []string{"art-3"}); err != nil {
		t.Fatal(err)
	}
	tl, _ = s.Timeline(ctx, chronicle.TimelineFilter{})
	if tl[0].Sources != 1 {
		t.Errorf("after merging, %d sources, want 1", tl[0].Sources)
	}

	// Claims.
	claim := chronicle.Claim{ID: "k1", Text: "This was their sixth call.", Span: chronicle.Span{Start: 14, End: 24, Text: "sixth call"},
		Count: 6, Kind: "ordinal", Act: "call", Code: "041", Actors: []string{"Donald Trump", "Vladimir Putin"},
		Keys: []string{"n:donald trump", "n:vladimir putin"}, From: "2025-01-01", To: "2025-07-03"}
	if err := s.PutClaims(ctx, "art-1", []chronicle.Claim{claim}); err != nil {
		t.Fatal(err)
	}
	if err := s.PutClaims(ctx, "nope", nil); chronicle.ErrorCode(err) != chronicle.ENOTFOUND {
		t.Errorf("PutClaims on a missing article: %v", err)
	}
	cs, err := s.Claims(ctx, chronicle.ClaimFilter{Actor: "Putin"})
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 1 {
		t.Fatalf("claims %+v", cs)
	}
	k := cs[0]
	if k.Article != "art-1" || k.Date != "2025-07-03" || k.Count != 6 || k.Span != claim.Span || k.Text != claim.Text ||
		!slices.Equal(k.Keys, claim.Keys) || !slices.Equal(k.Actors, claim.Actors) || k.From != claim.From || k.To != claim.To || k.Act != "call" {
		t.Errorf("claim round trip %+v", k)
	}
	if cs, _ := s.Claims(ctx, chronicle.ClaimFilter{From: "2025-07-04"}); len(cs) != 0 {
		t.Errorf("claims after 2025-07-04: %+v", cs)
	}

	// Reset.
	if err := s.ResetClusters(ctx); err != nil {
		t.Fatal(err)
	}
	if tl, _ := s.Timeline(ctx, chronicle.TimelineFilter{}); len(tl) != 0 {
		t.Errorf("timeline after reset: %+v", tl)
	}
	if ks, _ := s.Sketches(ctx, chronicle.SketchFilter{}); len(ks) != 0 {
		t.Errorf("sketches after reset: %d", len(ks))
	}
	if cs, _ := s.Claims(ctx, chronicle.ClaimFilter{}); len(cs) != 0 {
		t.Errorf("claims after reset: %d", len(cs))
	}
	if evs, _ := s.Events(ctx, chronicle.EventFilter{Cluster: "c1"}); len(evs) != 0 {
		t.Errorf("mentions still in a cluster after reset: %d", len(evs))
	}
}
