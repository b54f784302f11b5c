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

	// Cross-article state, kept by package cluster (see doc/design.md, "Events across articles").

	// Sketches returns stored near-duplicate sketches: those sharing a band with f.Bands (when
	// f.PerBand > 0, at most f.PerBand·len(f.Bands) of them, in band then storage order), those
	// of f.Articles, and
	// those whose duplicate group's original is one of f.Originals (the union; all sketches
	// when every field is empty).
	Sketches(ctx context.Context, f SketchFilter) ([]Sketch, error)
	// PutSketches stores (or replaces) the sketches of articles, with their bands and their
	// Original, and adds the duplicate links. Articles must be stored.
	PutSketches(ctx context.Context, ss []Sketch, links []DupLink) error
	// MergeGroups makes original the original of every stored sketch whose original is one of
	// groups (merging those duplicate groups into one).
	MergeGroups(ctx context.Context, original string, groups []string) error
	// Mentions returns the stored event mentions of the given clustering blocks or articles
	// (the union; every mention when both are empty), in no particular order.
	Mentions(ctx context.Context, f MentionFilter) ([]Mention, error)
	// PutClusters replaces the clusters of the given blocks with cs and sets the block and
	// cluster of every mention in ms (matched by article and event id).
	PutClusters(ctx context.Context, blocks []string, cs []Cluster, ms []Mention) error
	// Timeline returns clusters (real-world events) with their mentions, articles and number
	// of independent sources, by date then id.
	Timeline(ctx context.Context, f TimelineFilter) ([]Cluster, error)
	// PutClaims replaces the count claims extracted from one stored article.
	PutClaims(ctx context.Context, article string, cs []Claim) error
	// Claims returns stored count claims (Status, Known and Events unset: see cluster.Check),
	// by article date, article and id.
	Claims(ctx context.Context, f ClaimFilter) ([]Claim, error)
	// ResetClusters deletes every sketch, duplicate link, cluster and claim and clears the
	// block and cluster of every event mention (before a rebuild from scratch).
	ResetClusters(ctx context.Context) error

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
	Actor string // an actor name, alias, entity name or CAMEO code, as source or target
	// ActorForms are other forms of Actor (its canonical name, its Wikidata id) matched exactly
	// against the stored canonical names and Wikidata ids; the CLI and the server fill them
	// from the actors knowledge base so that "Zelensky" finds "Volodymyr Zelenskyy".
	ActorForms []string
	Pair       []string // two actors, in either direction
	// PairForms are other forms of each actor of Pair, as ActorForms (nil or two lists).
	PairForms     [][]string
	Code          string // CAMEO code prefix ("04" matches 040–046)
	Plover        string
	Modality      []string
	From, To      string // event date range, inclusive, compared at the date's granularity
	Article       string
	Cluster       string
	Place         string
	MinConfidence float64
	// Sentences asks for each event's Sentence.Text (the sentence it was found in, as
	// BrowseStore.Excerpts would return it); it is left empty otherwise.
	Sentences bool
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
	Speaker string // name, alias or entity; matches the speaker span or its entity's name
	// SpeakerForms are other forms of Speaker (canonical name, Wikidata id), as ActorForms.
	SpeakerForms []string
	Text         string // full-text query over the content
	Kind         string
	From, To     string
	Article      string
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

// Sketch is an article's near-duplicate fingerprint: a MinHash signature of its word shingles
// and the locality-sensitive-hashing bands derived from it (see package cluster).
type Sketch struct {
	Article  string   // article id
	Date     string   // article date (YYYY-MM-DD)
	Shingles int      // number of distinct shingles
	MinHash  []uint32 // the signature
	Bands    []uint64 // LSH band hashes
	// Original is the id of the original of the article's duplicate group: the article itself
	// when it is no copy. Articles of one group count as one independent source.
	Original string
}

// DupLink says that two stored articles are near-duplicates (one is a copy of the other, or
// both of a third).
type DupLink struct {
	A, B       string  // article ids, A < B
	Similarity float64 // estimated containment of the shorter in the longer (0–1)
}

// SketchFilter selects sketches (see Store.Sketches).
type SketchFilter struct {
	Bands     []uint64
	PerBand   int
	Articles  []string
	Originals []string
}

// Mention is a stored event mention as cross-article clustering sees it: the event (with its
// Article and Cluster) plus the article's date, the Wikidata ids of its arguments and the
// clustering block it belongs to.
type Mention struct {
	Event
	ArticleDate        string
	SourceKB, TargetKB string
	Block              string
}

// MentionFilter selects stored event mentions (see Store.Mentions).
type MentionFilter struct {
	Blocks   []string
	Articles []string
}

// Cluster is one real-world event: the event mentions of many articles that describe it.
// Its JSON form is the output of `chronicle timeline --format json`.
type Cluster struct {
	ID   string `json:"id"`
	Code string `json:"code"` // the most frequent specific CAMEO code of its mentions
	// Act is the kind of act (cluster.Act: call, meet, … or a three-digit code; "" when
	// unknown), from the codes or, for generic codes, the triggers of its mentions.
	Act      string   `json:"act,omitempty"`
	Root     string   `json:"root"`     // two-digit CAMEO root
	Plover   string   `json:"plover"`   // PLOVER category
	Date     string   `json:"date"`     // the earliest best-supported date, at its granularity
	Modality string   `json:"modality"` // asserted, or the prevailing modality of a non-asserted cluster
	Source   EventArg `json:"source"`
	Target   EventArg `json:"target"`
	// Mentions is the number of event mentions in the cluster.
	Mentions int `json:"mentions"`
	// Articles are the ids of the distinct articles reporting it, by article date then id.
	Articles []string `json:"articles"`
	// Sources is the number of independent articles: near-duplicates (wire copies) count once.
	Sources int    `json:"sources"`
	First   string `json:"first"` // dates of the first and last article reporting it
	Last    string `json:"last"`
	// Realized is, for a future, hedged or hypothetical cluster, the id of the asserted
	// cluster that it announced ("" when nothing like it is known to have happened).
	Realized string `json:"realized,omitempty"`

	Block              string `json:"-"` // the clustering block (actor pair and CAMEO root)
	DateStart, DateEnd string `json:"-"` // the days Date covers
	SourceKey          string `json:"-"` // the arguments' identity keys (cluster.ArgKey)
	TargetKey          string `json:"-"`
}

// TimelineFilter selects clusters. Empty fields do not filter.
type TimelineFilter struct {
	Actor string   // an actor name, Wikidata id, CAMEO code or text, as source or target
	Pair  []string // two actors, in either direction
	// Keys are two argument identity keys (cluster.ArgKey), in either direction.
	Keys     []string
	Code     string // CAMEO code prefix
	Plover   string
	Modality []string
	From, To string // event date range, inclusive, compared at the date's granularity
	ID       string
	Page
}

// Claim is a count claim in an article ("their sixth phone call since January") and, once
// checked against the stored timeline, whether it agrees with it.
type Claim struct {
	ID      string `json:"id"` // "k1", … within the article
	Article string `json:"article"`
	Date    string `json:"date"` // the article's date
	Text    string `json:"text"` // the sentence
	Span    Span   `json:"span"` // the count phrase ("sixth publicly known conversation")
	Count   int    `json:"count"`
	Kind    string `json:"kind"` // ordinal or cardinal
	// Act is what is counted: call, meet or consult (any CAMEO 04 contact); Code its CAMEO code.
	Act    string   `json:"act"`
	Code   string   `json:"code"`
	Actors []string `json:"actors"` // the two actors' names
	Keys   []string `json:"-"`      // their identity keys (cluster.ArgKey)
	From   string   `json:"from"`   // counting period, inclusive ("" for open)
	To     string   `json:"to"`

	// Set by checking (cluster.Check).
	Status string   `json:"status"` // consistent, inconsistent or unverifiable
	Known  int      `json:"known"`  // how many such events the store knows in the period
	Events []string `json:"events"` // the ids of the clusters counted
	Note   string   `json:"note,omitempty"`
}

// Claim statuses.
const (
	Consistent   = "consistent"
	Inconsistent = "inconsistent"
	Unverifiable = "unverifiable"
)

// ClaimFilter selects stored claims.
type ClaimFilter struct {
	Article  string
	Actor    string // a name among the claim's actors
	From, To string // article date range
	Page
}
