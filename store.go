package chronicle

import (
	"context"
)

// Store keeps articles with everything extracted from them and answers queries over them.
// Implementations: sqlite (default) and postgres. Every method is safe for concurrent use.
type Store interface {
	// PutArticles stores articles (offsets in code points) with their extractions, each one
	// atomically. An article whose Key is already stored is left unchanged and reported as not
	// created. Results are in the order of the input.
	PutArticles(ctx context.Context, as []*Article) ([]PutResult, error)
	// HasKeys reports which of the given input-record keys are already stored.
	HasKeys(ctx context.Context, keys []string) (map[string]bool, error)
	// ReplaceExtractions replaces the extractions, status and versions of a stored article
	// (reprocess); the article's text and metadata are kept.
	ReplaceExtractions(ctx context.Context, a *Article) error

	// Article returns the stored article with all its extractions; ENOTFOUND when absent.
	Article(ctx context.Context, id string) (*Article, error)
	// Articles lists stored articles (metadata only, no extractions unless f.Full).
	Articles(ctx context.Context, f ArticleFilter) ([]*Article, error)
	// Stale returns the ids of stored articles whose recorded version of some extractor
	// differs from the given versions.
	Stale(ctx context.Context, versions map[string]string) ([]string, error)

	Events(ctx context.Context, f EventFilter) ([]Event, error)
	Quotes(ctx context.Context, f QuoteFilter) ([]QuoteRow, error)
	Entities(ctx context.Context, f EntityFilter) ([]EntityRow, error)
	Search(ctx context.Context, f SearchFilter) ([]SearchHit, error)
	Stats(ctx context.Context) (Stats, error)

	// BrowseStore: one entity, event counts over time, text excerpts (browse.go).
	BrowseStore

	Close() error
}

// PutResult says what PutArticles did with one article.
type PutResult struct {
	ID      string // the stored id (may differ from the requested one when it was taken)
	Created bool
}

// Page is the common pagination of list queries: at most Limit rows (0: all) after skipping
// Offset rows, in a stable order.
type Page struct {
	Limit  int
	Offset int
}

// ArticleFilter selects articles.
type ArticleFilter struct {
	From, To string // article date range, inclusive (YYYY-MM-DD)
	Outlet   string
	Full     bool // load extractions too
	Page
}

// EventFilter selects stored event mentions. Empty fields do not filter.
type EventFilter struct {
	Actor         string   // an actor name, alias, entity name or CAMEO code, as source or target
	Pair          []string // two actors, in either direction
	Code          string   // CAMEO code prefix ("04" matches 040–046)
	Plover        string
	Modality      []string
	From, To      string // event date range, inclusive, compared at the date's granularity
	Article       string
	Cluster       string
	Place         string
	MinConfidence float64
	Page
}

// QuoteRow is a stored quote with its article.
type QuoteRow struct {
	Quote
	Article     string `json:"article"`
	Date        string `json:"date"`
	Title       string `json:"title"`
	SpeakerName string `json:"speaker_name,omitempty"` // the speaker entity's canonical name
	Actor       string `json:"actor,omitempty"`
}

// QuoteFilter selects stored quotes.
type QuoteFilter struct {
	Speaker  string // name, alias or entity; matches the speaker span or its entity's name
	Text     string // full-text query over the content
	Kind     string
	From, To string
	Article  string
	Page
}

// EntityRow is one entity aggregated over the store: a canonical actor or a name.
type EntityRow struct {
	Name     string `json:"name"`
	Type     string `json:"type"`
	Actor    string `json:"actor,omitempty"`
	KB       string `json:"kb,omitempty"`
	Role     string `json:"role,omitempty"` // the most recent role seen
	Articles int    `json:"articles"`
	Mentions int    `json:"mentions"`
	First    string `json:"first"` // first and last article dates
	Last     string `json:"last"`
}

// EntityFilter selects entities.
type EntityFilter struct {
	Name     string // substring of the name, or an alias
	Type     string
	Actor    string // CAMEO code prefix
	From, To string
	Article  string
	Page
}

// SearchFilter is a full-text query over article text and quotes.
type SearchFilter struct {
	Query    string
	From, To string
	Page
}

// SearchHit is one article matching a search.
type SearchHit struct {
	Article string  `json:"article"`
	Title   string  `json:"title"`
	Date    string  `json:"date"`
	Snippet string  `json:"snippet"`
	Score   float64 `json:"score"`
	In      string  `json:"in"` // "text" or "quote"
}

// Stats counts what the store holds.
type Stats struct {
	Articles int `json:"articles"`
	Entities int `json:"entities"`
	Timexes  int `json:"timexes"`
	Quotes   int `json:"quotes"`
	Events   int `json:"events"`
	Failed   int `json:"failed"`
}
