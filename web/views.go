package web

import (
	"html/template"

	"chronicle"
)

// The view models of the pages. Package server fills them; the templates read them.

// Page is what every page has.
type Page struct {
	Title string // the page's title (the site name is added)
	Query string // the search box's value
	Nav   string // the active item of the main navigation
}

// Pager links to the previous and next pages of a list.
type Pager struct {
	Prev, Next string // "" when there is none
	From, To   int    // 1-based positions of the first and last row shown
	CSV        string // the same list as CSV ("" for none)
	JSON       string // the same list from the JSON API
}

// HomePage is /.
type HomePage struct {
	Page
	Stats    chronicle.Stats
	Recent   []*chronicle.Article
	Entities []chronicle.EntityRow
}

// SearchPage is /search.
type SearchPage struct {
	Page
	Hits   []chronicle.SearchHit
	Quotes []chronicle.QuoteRow
	Pager  Pager
	// MoreQuotes links to the quotes page with the same query when there are more quotes.
	MoreQuotes string
}

// ArticlePage is /articles/{id}.
type ArticlePage struct {
	Page
	Article *chronicle.Article
	Text    template.HTML // the article text with its extractions highlighted (escaped)
	// Groups are the entities by type.
	Groups []EntityGroup
	// Speakers maps quote ids to the speaker's name.
	Speakers map[string]string
}

// EntityGroup is the entities of one type in an article.
type EntityGroup struct {
	Type, Label string
	Entities    []chronicle.Entity
}

// EntitiesPage is /entities.
type EntitiesPage struct {
	Page
	Name, Type string
	Entities   []chronicle.EntityRow
	Pager      Pager
}

// EventView is an event mention with the sentence it came from and its article's title.
type EventView struct {
	chronicle.Event
	Sentence string
	Title    string // the article's title
	// Mentions are the other mentions of the same real-world event (when clustered).
	Mentions []chronicle.Event
}

// EntityPage is /entities/{name}.
type EntityPage struct {
	Page
	Entity     *chronicle.EntityDetail
	Quotes     []chronicle.QuoteRow
	Events     []EventView
	MoreQuotes string // links to the full lists ("" when everything is shown)
	MoreEvents string
	Timeline   string
}

// TimelinePage is /timeline.
type TimelinePage struct {
	Page
	Actor, Pair, Unit string
	Series            Series
	Chart             template.HTML
	// Counted is what the chart counts: "event" (real-world events, each once however many
	// articles report it) once clustering has run, else "event mention".
	Counted  string
	Mentions int // the event mentions of the events counted, when Counted is "event"
	// NotAsserted is the number of real-world events left out of the chart because they are
	// future, hedged, negated or hypothetical (when no modality was asked for).
	NotAsserted int
	Events      []EventView
	Clusters    []ClusterView // the real-world events, when clustering has run
	Pager       Pager
	Units       []string
}

// QuotesPage is /quotes.
type QuotesPage struct {
	Page
	Speaker, Text, Kind string
	Quotes              []chronicle.QuoteRow
	Pager               Pager
}

// EventsPage is /events.
type EventsPage struct {
	Page
	Filter   EventForm
	Events   []EventView
	Pager    Pager
	Plovers  []string
	Modality []string
}

// EventForm is the filter form of the events page, as typed.
type EventForm struct {
	Actor, Pair, Code, Plover, Modality, From, To, Place string
}

// ClusterView is a real-world event of a timeline with its mentions.
type ClusterView struct {
	chronicle.Cluster
	Events []EventView // its mentions (Cluster.Mentions counts them)
}

// ClaimsPage is /claims.
type ClaimsPage struct {
	Page
	Actor, Status string
	Claims        []chronicle.Claim
	Pager         Pager
}

// ErrorPage is shown for a failed request.
type ErrorPage struct {
	Page
	Status  int
	Code    string
	Message string
	Hint    string
}
