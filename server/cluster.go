package server

import (
	"context"
	"net/http"
	"strconv"
	"strings"

	"chronicle"
	"chronicle/cluster"
	"chronicle/web"
)

// This file serves what package cluster keeps: event clusters (real-world events with their
// mentions across articles) and count claims checked against them.

// timelineFilterOf converts an event filter to the cluster timeline's.
func timelineFilterOf(f chronicle.EventFilter) chronicle.TimelineFilter {
	return chronicle.TimelineFilter{Actor: f.Actor, Pair: f.Pair, Code: f.Code, Plover: f.Plover, Modality: f.Modality,
		From: f.From, To: f.To, Page: f.Page}
}

func (s *Server) apiClusters(w http.ResponseWriter, r *http.Request) error {
	ef, err := eventFilter(r.URL.Query())
	if err != nil {
		return err
	}
	fm, err := format(r)
	if err != nil {
		return err
	}
	p, err := apiPage(r, fm)
	if err != nil {
		return err
	}
	f := timelineFilterOf(ef)
	f.Page = more(p)
	cs, err := s.store.Timeline(r.Context(), f)
	if err != nil {
		return err
	}
	if fm == "csv" {
		if p.Limit > 0 && len(cs) > p.Limit {
			cs = cs[:p.Limit]
		}
		return writeCSV(w, "clusters", clustersTable(cs))
	}
	return writeList(w, r, cs, p)
}

// clusterDetail is the JSON of one cluster: the real-world event and its mentions.
type clusterDetail struct {
	chronicle.Cluster
	Events []chronicle.Event `json:"events"` // its mentions, with their sentences
}

func (s *Server) apiCluster(w http.ResponseWriter, r *http.Request) error {
	id := r.PathValue("id")
	cs, err := s.store.Timeline(r.Context(), chronicle.TimelineFilter{ID: id})
	if err != nil {
		return err
	}
	if len(cs) == 0 {
		return &chronicle.Error{Code: chronicle.ENOTFOUND, Message: "no event cluster " + strconv.Quote(id),
			Hint: "list clusters with /api/v1/clusters (clustering runs at ingest; 'chronicle recluster' rebuilds it)"}
	}
	evs, err := s.store.Events(r.Context(), chronicle.EventFilter{Cluster: id})
	if err != nil {
		return err
	}
	if err := s.withSentences(r.Context(), evs); err != nil {
		return err
	}
	return writeJSON(w, clusterDetail{Cluster: cs[0], Events: evs})
}

// claimFilter reads actor, article, from, to and status.
func claimFilter(r *http.Request) (chronicle.ClaimFilter, string, error) {
	q := r.URL.Query()
	f := chronicle.ClaimFilter{Actor: strings.TrimSpace(q.Get("actor")), Article: q.Get("article")}
	var err error
	if f.From, f.To, err = dates(q); err != nil {
		return f, "", err
	}
	status := q.Get("status")
	switch status {
	case "", chronicle.Consistent, chronicle.Inconsistent, chronicle.Unverifiable:
	default:
		return f, "", invalid("use status=consistent, inconsistent or unverifiable", "unknown claim status %q", status)
	}
	return f, status, nil
}

// claims returns the stored claims of f checked against the timeline; with a status, only
// those with that status (then paged after checking).
func (s *Server) claims(ctx context.Context, f chronicle.ClaimFilter, status string) ([]chronicle.Claim, error) {
	p := f.Page
	if status != "" {
		f.Page = chronicle.Page{}
	}
	cs, err := s.store.Claims(ctx, f)
	if err != nil {
		return nil, err
	}
	out := cs[:0]
	for i := range cs {
		if err := cluster.Check(ctx, s.store, &cs[i]); err != nil {
			return nil, err
		}
		if status == "" || cs[i].Status == status {
			out = append(out, cs[i])
		}
	}
	if status != "" {
		out = out[min(p.Offset, len(out)):]
		if p.Limit > 0 && len(out) > p.Limit {
			out = out[:p.Limit]
		}
	}
	return out, nil
}

func (s *Server) apiClaims(w http.ResponseWriter, r *http.Request) error {
	f, status, err := claimFilter(r)
	if err != nil {
		return err
	}
	fm, err := format(r)
	if err != nil {
		return err
	}
	p, err := apiPage(r, fm)
	if err != nil {
		return err
	}
	f.Page = more(p)
	cs, err := s.claims(r.Context(), f, status)
	if err != nil {
		return err
	}
	if fm == "csv" {
		if p.Limit > 0 && len(cs) > p.Limit {
			cs = cs[:p.Limit]
		}
		return writeCSV(w, "claims", claimsTable(cs))
	}
	return writeList(w, r, cs, p)
}

func (s *Server) pageClaims(w http.ResponseWriter, r *http.Request) error {
	f, status, err := claimFilter(r)
	if err != nil {
		return err
	}
	p, err := webPage(r)
	if err != nil {
		return err
	}
	f.Page = more(p)
	cs, err := s.claims(r.Context(), f, status)
	if err != nil {
		return err
	}
	pg := web.ClaimsPage{Page: web.Page{Title: "Claims", Nav: "claims"}, Actor: f.Actor, Status: status,
		Pager: pager(r, len(cs), p, "/api/v1/claims"), Claims: cs[:min(len(cs), p.Limit)]}
	return s.render(w, "claims", pg)
}

// clusterViews returns a page of the clusters of f (f.Page) with their mentions; none when
// nothing is clustered for f.
func (s *Server) clusterViews(ctx context.Context, f chronicle.EventFilter) ([]web.ClusterView, error) {
	cs, err := s.store.Timeline(ctx, timelineFilterOf(f))
	if err != nil || len(cs) == 0 {
		return nil, err
	}
	out := make([]web.ClusterView, len(cs))
	for i, c := range cs {
		evs, err := s.store.Events(ctx, chronicle.EventFilter{Cluster: c.ID, Page: chronicle.Page{Limit: 20}})
		if err != nil {
			return nil, err
		}
		vs, err := s.views(ctx, evs)
		if err != nil {
			return nil, err
		}
		out[i] = web.ClusterView{Cluster: c, Events: vs}
	}
	return out, nil
}

func clustersTable(cs []chronicle.Cluster) table {
	t := table{header: []string{"cluster", "date", "code", "plover", "modality", "source_name", "source_actor", "target_name", "target_actor",
		"mentions", "articles", "sources", "first", "last", "realized"}}
	for _, c := range cs {
		t.rows = append(t.rows, []string{c.ID, c.Date, c.Code, c.Plover, c.Modality, c.Source.Name, c.Source.Actor, c.Target.Name, c.Target.Actor,
			strconv.Itoa(c.Mentions), strings.Join(c.Articles, " "), strconv.Itoa(c.Sources), c.First, c.Last, c.Realized})
	}
	return t
}

func claimsTable(cs []chronicle.Claim) table {
	t := table{header: []string{"article", "claim", "date", "count", "kind", "act", "code", "actors", "from", "to", "status", "known", "events", "text", "note"}}
	for _, c := range cs {
		t.rows = append(t.rows, []string{c.Article, c.ID, c.Date, strconv.Itoa(c.Count), c.Kind, c.Act, c.Code, strings.Join(c.Actors, "; "),
			c.From, c.To, c.Status, strconv.Itoa(c.Known), strings.Join(c.Events, " "), c.Text, c.Note})
	}
	return t
}
