package server

import (
	"context"
	"net/http"
	"slices"

	"strings"

	"chronicle"
	"chronicle/web"
)

// render writes a page with status 200.
func (s *Server) render(w http.ResponseWriter, name string, data any) error {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	return s.pages.Render(w, name, data)
}

// pager returns the links of a web list showing rows (up to p.Limit+1: the extra one says
// there is more) at p.Offset; api is the same list's API path ("" for none).
func pager(r *http.Request, n int, p chronicle.Page, api string) web.Pager {
	pg := web.Pager{}
	shown := min(n, p.Limit)
	if shown > 0 {
		pg.From, pg.To = p.Offset+1, p.Offset+shown
	}
	if p.Offset > 0 {
		pg.Prev = nextURL(r, max(p.Offset-p.Limit, 0))
	}
	if n > p.Limit {
		pg.Next = nextURL(r, p.Offset+p.Limit)
	}
	if api != "" && shown > 0 {
		q := r.URL.Query()
		q.Del("offset")
		q.Del("limit")
		pg.JSON = api + "?" + q.Encode()
		q.Set("format", "csv")
		pg.CSV = api + "?" + q.Encode()
	}
	return pg
}

// webPage reads ?offset= for a web list of pageRows rows.
func webPage(r *http.Request) (chronicle.Page, error) {
	p, err := page(r, pageRows, pageRows)
	p.Limit = pageRows
	return p, err
}

func (s *Server) pageHome(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	st, err := s.store.Stats(ctx)
	if err != nil {
		return err
	}
	// The latest articles: the last ones in date order.
	recent, err := s.store.Articles(ctx, chronicle.ArticleFilter{Page: chronicle.Page{Limit: 10, Offset: max(st.Articles-10, 0)}})
	if err != nil {
		return err
	}
	slices.Reverse(recent)
	ents, err := s.store.Entities(ctx, chronicle.EntityFilter{Page: chronicle.Page{Limit: 12}})
	if err != nil {
		return err
	}
	return s.render(w, "home", web.HomePage{Page: web.Page{Title: "chronicle"}, Stats: st, Recent: recent, Entities: ents})
}

func (s *Server) pageSearch(w http.ResponseWriter, r *http.Request) error {
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	pg := web.SearchPage{Page: web.Page{Title: "Search", Query: q, Nav: "search"}}
	if q == "" {
		return s.render(w, "search", pg)
	}
	p, err := webPage(r)
	if err != nil {
		return err
	}
	hits, err := s.store.Search(r.Context(), chronicle.SearchFilter{Query: q, Page: more(p)})
	if err != nil {
		return err
	}
	pg.Pager = pager(r, len(hits), p, "/api/v1/search")
	pg.Hits = hits[:min(len(hits), p.Limit)]
	quotes, err := s.store.Quotes(r.Context(), chronicle.QuoteFilter{Text: q, Page: chronicle.Page{Limit: 6}})
	if err != nil {
		return err
	}
	if len(quotes) > 5 {
		quotes = quotes[:5]
		pg.MoreQuotes = web.Link("/quotes", "q", q)
	}
	pg.Quotes = quotes
	return s.render(w, "search", pg)
}

// typeLabels name entity types for people.
var typeLabels = []struct{ Type, Label string }{
	{chronicle.PER, "People"}, {chronicle.ORG, "Organisations"}, {chronicle.LOC, "Places"}, {chronicle.MISC, "Other names"},
}

func (s *Server) pageArticle(w http.ResponseWriter, r *http.Request) error {
	a, err := s.store.Article(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	title := a.Title
	if title == "" {
		title = "Article " + a.ID
	}
	pg := web.ArticlePage{Page: web.Page{Title: title}, Article: a, Text: web.Highlight(a.Text, web.Marks(a)), Speakers: map[string]string{}}
	for _, tl := range typeLabels {
		g := web.EntityGroup{Type: tl.Type, Label: tl.Label}
		for _, e := range a.Entities {
			if e.Type == tl.Type {
				g.Entities = append(g.Entities, e)
			}
		}
		if len(g.Entities) > 0 {
			pg.Groups = append(pg.Groups, g)
		}
	}
	names := map[string]string{}
	for _, e := range a.Entities {
		names[e.ID] = e.Name
	}
	for _, q := range a.Quotes {
		if n := names[q.Speaker.Entity]; n != "" {
			pg.Speakers[q.ID] = n
		} else if q.Speaker.Text != "" {
			pg.Speakers[q.ID] = q.Speaker.Text
		}
	}
	return s.render(w, "article", pg)
}

func (s *Server) pageEntities(w http.ResponseWriter, r *http.Request) error {
	f, err := entityFilter(r)
	if err != nil {
		return err
	}
	p, err := webPage(r)
	if err != nil {
		return err
	}
	f.Page = more(p)
	es, err := s.store.Entities(r.Context(), f)
	if err != nil {
		return err
	}
	pg := web.EntitiesPage{Page: web.Page{Title: "Entities", Nav: "entities"}, Name: f.Name, Type: f.Type,
		Pager: pager(r, len(es), p, "/api/v1/entities"), Entities: es[:min(len(es), p.Limit)]}
	return s.render(w, "entities", pg)
}

// views turns event mentions into views with their sentences and article titles.
func (s *Server) views(ctx context.Context, evs []chronicle.Event) ([]web.EventView, error) {
	if err := s.withSentences(ctx, evs); err != nil {
		return nil, err
	}
	ids := make([]string, len(evs))
	for i, v := range evs {
		ids[i] = v.Article
	}
	titles, err := s.store.Titles(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make([]web.EventView, len(evs))
	for i, v := range evs {
		out[i] = web.EventView{Event: v, Sentence: v.Sentence.Text, Title: titles[v.Article]}
	}
	return out, nil
}

func (s *Server) pageEntity(w http.ResponseWriter, r *http.Request) error {
	d, err := s.entity(r.Context(), r.PathValue("name"), r.URL.Query().Get("type"))
	if err != nil {
		return err
	}
	pg := web.EntityPage{Page: web.Page{Title: d.Name, Nav: "entities"}, Entity: d.EntityDetail,
		Timeline: web.Link("/timeline", "actor", d.Name)}
	if len(d.Quotes) > entityLists {
		d.Quotes = d.Quotes[:entityLists]
		pg.MoreQuotes = web.Link("/quotes", "speaker", d.Name)
	}
	if len(d.Events) > entityLists {
		d.Events = d.Events[:entityLists]
		pg.MoreEvents = web.Link("/events", "actor", d.Name)
	}
	pg.Quotes = d.Quotes
	if pg.Events, err = s.views(r.Context(), d.Events); err != nil {
		return err
	}
	return s.render(w, "entity", pg)
}

func (s *Server) pageTimeline(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	pg := web.TimelinePage{Page: web.Page{Title: "Timeline", Nav: "timeline"}, Actor: strings.TrimSpace(q.Get("actor")),
		Pair: strings.TrimSpace(q.Get("pair")), Unit: q.Get("by"),
		Units: []string{"auto", chronicle.Day, chronicle.Week, chronicle.Month, chronicle.Year}}
	if pg.Unit == "" {
		pg.Unit = "auto"
	}
	if pg.Actor == "" && pg.Pair == "" {
		return s.render(w, "timeline", pg)
	}
	f, unit, err := timelineFilter(r)
	if err != nil {
		return err
	}
	if f.Pair != nil {
		f.Actor, pg.Actor = "", ""
		pg.Pair = f.Pair[0] + ", " + f.Pair[1]
	}
	cs, unit, err := s.counts(r.Context(), f, unit)
	if err != nil {
		return err
	}
	// Once clustering has run the chart counts real-world events, each once however many
	// articles report it; mentions when there are no clusters or too many to count here.
	pg.Counted = "event mention"
	ec, err := s.clusterCounts(r.Context(), f, unit)
	if err != nil {
		return err
	}
	if ec.ok && ec.found > 0 {
		cs, pg.Counted, pg.Mentions, pg.NotAsserted = ec.counts, "event", ec.mentions, ec.notAsserted
	}
	pg.Series = web.NewSeries(cs, unit)
	pg.Series.Noun = pg.Counted
	what, whose := "Event mentions", "of "+pg.Actor
	if pg.Counted == "event" {
		what = "Events"
	}
	if pg.Pair != "" {
		whose = "between " + f.Pair[0] + " and " + f.Pair[1]
	}
	pg.Chart = pg.Series.SVG(what + " " + whose + " per " + unit + ", by PLOVER category")
	pg.Series.Unit = unit
	p, err := webPage(r)
	if err != nil {
		return err
	}
	f.Page = more(p)
	// The real-world events with their mentions when clustering has run, else the mentions.
	cvs, err := s.clusterViews(r.Context(), f)
	if err != nil {
		return err
	}
	if len(cvs) > 0 {
		pg.Pager = pager(r, len(cvs), p, "/api/v1/clusters")
		pg.Clusters = cvs[:min(len(cvs), p.Limit)]
		return s.render(w, "timeline", pg)
	}
	evs, err := s.store.Events(r.Context(), f)
	if err != nil {
		return err
	}
	pg.Pager = pager(r, len(evs), p, "/api/v1/events")
	if pg.Events, err = s.views(r.Context(), evs[:min(len(evs), p.Limit)]); err != nil {
		return err
	}
	if err := s.mentions(r.Context(), pg.Events); err != nil {
		return err
	}
	return s.render(w, "timeline", pg)
}

// mentions adds to each clustered event the other mentions of its cluster.
func (s *Server) mentions(ctx context.Context, evs []web.EventView) error {
	for i := range evs {
		c := evs[i].Cluster
		if c == "" {
			continue
		}
		ms, err := s.store.Events(ctx, chronicle.EventFilter{Cluster: c, Page: chronicle.Page{Limit: 50}})
		if err != nil {
			return err
		}
		for _, m := range ms {
			if m.Article != evs[i].Article || m.ID != evs[i].ID {
				evs[i].Mentions = append(evs[i].Mentions, m)
			}
		}
	}
	return nil
}

func (s *Server) pageQuotes(w http.ResponseWriter, r *http.Request) error {
	f, err := quoteFilter(r)
	if err != nil {
		return err
	}
	p, err := webPage(r)
	if err != nil {
		return err
	}
	f.Page = more(p)
	qs, err := s.store.Quotes(r.Context(), f)
	if err != nil {
		return err
	}
	title := "Quotes"
	if f.Speaker != "" {
		title += " of " + f.Speaker
	}
	pg := web.QuotesPage{Page: web.Page{Title: title, Nav: "quotes"}, Speaker: f.Speaker, Text: f.Text, Kind: f.Kind,
		Pager: pager(r, len(qs), p, "/api/v1/quotes"), Quotes: qs[:min(len(qs), p.Limit)]}
	return s.render(w, "quotes", pg)
}

func (s *Server) pageEvents(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	f, err := eventFilter(q)
	if err != nil {
		return err
	}
	p, err := webPage(r)
	if err != nil {
		return err
	}
	f.Page = more(p)
	evs, err := s.store.Events(r.Context(), f)
	if err != nil {
		return err
	}
	pg := web.EventsPage{Page: web.Page{Title: "Events", Nav: "events"},
		Filter: web.EventForm{Actor: f.Actor, Pair: q.Get("pair"), Code: f.Code, Plover: f.Plover, Modality: q.Get("modality"),
			From: f.From, To: f.To, Place: f.Place},
		Pager:    pager(r, len(evs), p, "/api/v1/events"),
		Modality: []string{chronicle.Asserted, chronicle.Negated, chronicle.Hedged, chronicle.Future, chronicle.Hypothetical}}
	for _, c := range web.Plover[:len(web.Plover)-1] {
		pg.Plovers = append(pg.Plovers, c.Name)
	}
	if pg.Events, err = s.views(r.Context(), evs[:min(len(evs), p.Limit)]); err != nil {
		return err
	}
	return s.render(w, "events", pg)
}
