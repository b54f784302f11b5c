package chronicle

import "context"

// BrowseStore holds the store methods behind browsing the store (the JSON API and the web UI of
// `chronicle serve`) beyond the list queries of Store: one entity with what is known about it,
// event counts over time, and excerpts of stored text.
type BrowseStore interface {
	// Entity returns everything aggregated about one entity: name is a canonical name (any
	// case) or a Wikidata id, typ an entity type or "" for the most frequent type of that
	// name. ENOTFOUND when no stored entity has that name.
	Entity(ctx context.Context, name, typ string) (*EntityDetail, error)
	// EventCounts counts the event mentions that f selects (f.Page is ignored) per period
	// of the given unit (day, week, month or year) and PLOVER category, by period then
	// category. An event whose date covers more than one period (a month-long date counted
	// per week) is counted in a row with Period "".
	EventCounts(ctx context.Context, f EventFilter, unit string) ([]EventCount, error)
	// Excerpts returns the text of each excerpt (code-point offsets into the stored
	// article's text, clamped to it), "" for an article that is not stored.
	Excerpts(ctx context.Context, xs []Excerpt) ([]string, error)
	// Titles returns the titles of the stored articles among ids, by id.
	Titles(ctx context.Context, ids []string) (map[string]string, error)
}

// EntityDetail is one entity aggregated over the store, with the roles it held over time and
// the entities it appears with.
type EntityDetail struct {
	EntityRow
	// Aliases are the distinct texts of its mentions, most frequent first (at most 20).
	Aliases []string `json:"aliases"`
	// Roles are the roles it held, each with the first and last article dates it was seen
	// in, by first date.
	Roles []RoleSpan `json:"roles"`
	// Related are the entities it appears with, most shared events first, then most shared
	// articles (at most 30).
	Related []Related `json:"related"`
}

// RoleSpan is a role an entity was seen in between two article dates.
type RoleSpan struct {
	Role     string `json:"role"`
	First    string `json:"first"`
	Last     string `json:"last"`
	Articles int    `json:"articles"`
}

// Related is an entity that co-occurs with another: in how many articles both are named, and
// in how many event mentions one is the source and the other the target.
type Related struct {
	Name     string `json:"name"`
	Type     string `json:"type"`
	Actor    string `json:"actor,omitempty"`
	Articles int    `json:"articles"`
	Events   int    `json:"events"`
}

// Time units of EventCounts.
const (
	Day   = "day"
	Week  = "week"
	Month = "month"
	Year  = "year"
)

// EventCount is the number of event mentions of one PLOVER category in one period.
type EventCount struct {
	// Period is the first day of the period (YYYY-MM-DD; weeks start on Monday), "" for
	// events dated less precisely than the unit.
	Period string `json:"period"`
	Plover string `json:"plover"` // "" for CAMEO codes PLOVER does not map
	Count  int    `json:"count"`
}

// Excerpt is a stretch of a stored article's text, in code points.
type Excerpt struct {
	Article    string
	Start, End int
}
