// Package chronicle is the domain of chronicle: the article and every fact extracted from it
// (entities, time expressions, quotes, events), the store that keeps them and the filters that
// query it, and the coded errors every layer returns.
//
// It imports only the standard library. Extractors (timex, ner, quotes, events, actors) produce
// these types; stores (sqlite, postgres) persist them; the CLI and the server print them.
//
// # Offsets
//
// While an article is inside the pipeline every Span indexes Article.Text in bytes, which is what
// Go slicing wants. Before an article leaves the pipeline (JSON output, the store, the API) its
// offsets are converted once to Unicode code points with (*Article).ToCodePoints, so that
// text[start:end] in Python (or []rune(text)[start:end] in Go) is the mention. Article.Offsets
// says which unit the spans are in.
package chronicle

import (
	"time"
	"unicode/utf8"
)

// DateLayout is the layout of every civil date chronicle reads and writes (YYYY-MM-DD).
const DateLayout = "2006-01-02"

// Offset units of an article's spans.
const (
	Bytes      = "bytes"
	CodePoints = "codepoints"
)

// Article is one dated news article and, after the pipeline ran, everything extracted from it.
// Its JSON form is the output contract of `chronicle extract --format json`.
type Article struct {
	ID     string `json:"id"`               // URL-safe, no "/": the record's id, else a content-hash prefix
	Source string `json:"source"`           // path or URL read from, as given ("a.jsonl:17" for a record)
	URL    string `json:"url"`              // the article's own URL when known
	Outlet string `json:"outlet,omitempty"` // publisher
	Author string `json:"author,omitempty"` // byline, when the input names one (web pages)
	Date   string `json:"date"`             // YYYY-MM-DD, the article's date (the anchor of relative time)
	// DateFrom says where Date came from: "header", "field", "flag" (--date), "html" (the page's
	// own markup, found by go-htmldate), "feed" (the feed item), "warc" (the WARC record),
	// "http" (the Last-Modified header).
	DateFrom string `json:"date_from,omitempty"`
	Title    string `json:"title"`
	Lang     string `json:"lang,omitempty"`
	Text     string `json:"text"` // cleaned text; every offset indexes it

	Entities []Entity `json:"entities"`
	Timexes  []Timex  `json:"timexes"`
	Quotes   []Quote  `json:"quotes"`
	Events   []Event  `json:"events"`

	// Status is "ok", or "skipped: …" when the extractors did not run (e.g. another language).
	Status      string       `json:"status,omitempty"`
	Diagnostics []Diagnostic `json:"diagnostics,omitempty"`
	// Versions holds the name and version of every extractor that ran ("timex": "3").
	Versions map[string]string `json:"versions,omitempty"`

	// Key identifies the input record for idempotent ingest: the same key is the same record.
	Key string `json:"-"`
	// Offsets is Bytes while the article is in the pipeline, CodePoints after ToCodePoints.
	Offsets string `json:"-"`
	// CleanMap maps byte offsets of Text back to byte offsets of the input text (nil when
	// cleaning removed nothing). It stays in bytes after ToCodePoints.
	CleanMap *OffsetMap `json:"-"`
	// Raw is the text before cleaning, as read; kept only while processing (not stored).
	Raw string `json:"-"`
}

// Time returns the article's date as a time.Time at midnight UTC, and false when Date is not
// a valid YYYY-MM-DD date.
func (a *Article) Time() (time.Time, bool) {
	t, err := time.Parse(DateLayout, a.Date)
	return t, err == nil
}

// Diagnostic is something an extractor could not do ("could not resolve 'last spring'"); it is
// not an error.
type Diagnostic struct {
	Stage   string `json:"stage"`
	Start   int    `json:"start,omitempty"`
	End     int    `json:"end,omitempty"`
	Message string `json:"message"`
}

// Span is a stretch of the article's text: Text == text[Start:End] in the article's offset unit.
type Span struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
}

// Len is the length of the span in its unit.
func (s Span) Len() int { return s.End - s.Start }

// Empty reports whether the span covers nothing.
func (s Span) Empty() bool { return s.End <= s.Start }

// Entity types as in CoNLL-2003.
const (
	PER  = "PER"
	ORG  = "ORG"
	LOC  = "LOC"
	MISC = "MISC"
)

// Entity is one person, organisation, place or other name in an article, with all its mentions.
// Its Span is the first (or most complete) mention.
type Entity struct {
	ID string `json:"id"` // "e1", "e2", … unique within the article
	Span
	Type    string `json:"type"`              // PER, ORG, LOC, MISC
	Name    string `json:"name"`              // canonical name when known, else the fullest mention
	Role    string `json:"role,omitempty"`    // role as of the article's date ("President of Russia")
	Actor   string `json:"actor,omitempty"`   // CAMEO actor code ("RUSGOV")
	KB      string `json:"kb,omitempty"`      // Wikidata id ("Q7747")
	Country string `json:"country,omitempty"` // ISO 3166 alpha-3 of a place, demonym or actor
	// Mentions are all spans that refer to the entity, as [start, end] pairs, in text order.
	Mentions [][2]int `json:"mentions"`
}

// Timex types of TimeML.
const (
	DATE     = "DATE"
	TIME     = "TIME"
	DURATION = "DURATION"
	SET      = "SET"
)

// Timex is a time expression normalised to a TIMEX3 value against the article's date.
type Timex struct {
	ID string `json:"id"` // "t1", …
	Span
	Type  string `json:"type"`  // DATE, TIME, DURATION, SET
	Value string `json:"value"` // TIMEX3 value: 2025-07-03, 2025-W27, P3Y, PRESENT_REF, XXXX-WXX-1 …
	Mod   string `json:"mod,omitempty"`
	Freq  string `json:"freq,omitempty"`
	Quant string `json:"quant,omitempty"`
	// AnchorID is the id of the timex this one was resolved against ("" for the article date).
	AnchorID string `json:"anchor,omitempty"`
}

// Quote kinds.
const (
	Direct   = "direct"
	Indirect = "indirect"
	Mixed    = "mixed"
)

// Quote is an attribution: what was said (Content), how (Cue) and by whom (Speaker), and the
// reporting chain it reached the article through (Via, outermost first).
type Quote struct {
	ID      string   `json:"id"` // "q1", …
	Kind    string   `json:"kind"`
	Content Span     `json:"content"`
	Cue     Span     `json:"cue"`
	Speaker Speaker  `json:"speaker"`
	Via     []string `json:"via"`
	// Parts are the pieces of a discontinuous content ("…," he said, "…"), in text order;
	// Content then spans from the first part's start to the last part's end. Empty when the
	// content is one piece.
	Parts []Span `json:"parts,omitempty"`
}

// Speaker is the span naming who is quoted and the entity it resolves to ("" when unresolved).
type Speaker struct {
	Span
	Entity string `json:"entity,omitempty"`
}

// Modalities of an event, in order of precedence.
const (
	Negated      = "negated"
	Hypothetical = "hypothetical"
	Hedged       = "hedged"
	Future       = "future"
	Asserted     = "asserted"
)

// ModalityRank orders modalities by precedence: the lowest rank wins when several apply.
func ModalityRank(m string) int {
	switch m {
	case Negated:
		return 0
	case Hypothetical:
		return 1
	case Hedged:
		return 2
	case Future:
		return 3
	case Asserted:
		return 4
	}
	return 5
}

// Event is one coded event mention: who did what to whom, when and where, and whether it
// happened at all.
type Event struct {
	ID         string   `json:"id"`     // "v1", …
	Code       string   `json:"code"`   // CAMEO code ("041")
	Root       string   `json:"root"`   // two-digit CAMEO root ("04")
	Plover     string   `json:"plover"` // PLOVER category ("CONSULT"), "" when unmapped
	Modality   string   `json:"modality"`
	Source     EventArg `json:"source"`
	Target     EventArg `json:"target"`
	Date       string   `json:"date"`      // TIMEX3 value at its own granularity, else the article's date
	DateFrom   string   `json:"date_from"` // "timex" or "article"
	TimexID    string   `json:"timex,omitempty"`
	Place      *Place   `json:"place,omitempty"`
	Trigger    Span     `json:"trigger"`
	Sentence   Span     `json:"sentence"`
	QuoteID    string   `json:"quote,omitempty"`
	Confidence float64  `json:"confidence"`
	Why        string   `json:"why"`

	// Set on stored events only.
	Article string `json:"article,omitempty"`
	Cluster string `json:"cluster,omitempty"`
}

// EventArg is an event's source or target: the entity, its actor code and the text naming it.
type EventArg struct {
	Entity string `json:"entity,omitempty"`
	Actor  string `json:"actor"`
	Text   string `json:"text"`
	Name   string `json:"name,omitempty"` // canonical actor name (stored events)
}

// Place is where an event happened.
type Place struct {
	Name     string  `json:"name"`
	GeoNames int     `json:"geonames"`
	Lat      float64 `json:"lat"`
	Lon      float64 `json:"lon"`
}

// ToCodePoints converts every span of the article from byte offsets to code-point offsets.
// It is a no-op when the offsets already are code points.
func (a *Article) ToCodePoints() {
	if a.Offsets == CodePoints {
		return
	}
	a.Offsets = CodePoints
	if isASCII(a.Text) {
		return // byte and code-point offsets coincide
	}
	conv := newRuneIndex(a.Text)
	span := func(s *Span) { s.Start, s.End = conv.at(s.Start), conv.at(s.End) }
	for i := range a.Entities {
		e := &a.Entities[i]
		span(&e.Span)
		for j := range e.Mentions {
			e.Mentions[j] = [2]int{conv.at(e.Mentions[j][0]), conv.at(e.Mentions[j][1])}
		}
	}
	for i := range a.Timexes {
		span(&a.Timexes[i].Span)
	}
	for i := range a.Quotes {
		q := &a.Quotes[i]
		span(&q.Content)
		span(&q.Cue)
		span(&q.Speaker.Span)
		for j := range q.Parts {
			span(&q.Parts[j])
		}
	}
	for i := range a.Events {
		span(&a.Events[i].Trigger)
		span(&a.Events[i].Sentence)
	}
	for i := range a.Diagnostics {
		d := &a.Diagnostics[i]
		d.Start, d.End = conv.at(d.Start), conv.at(d.End)
	}
}

// ByteOffset converts a code-point offset into s to a byte offset (len(s) when past the end).
func ByteOffset(s string, cp int) int {
	if cp <= 0 {
		return 0
	}
	n := 0
	for i := range s {
		if n == cp {
			return i
		}
		n++
	}
	return len(s)
}

// CodePointOffset converts a byte offset into s to a code-point offset.
func CodePointOffset(s string, b int) int {
	if b > len(s) {
		b = len(s)
	}
	if b < 0 {
		return 0
	}
	return utf8.RuneCountInString(s[:b])
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// runeIndex converts byte offsets to code-point offsets in O(1) after O(n) set-up.
type runeIndex struct{ cp []int32 }

func newRuneIndex(s string) runeIndex {
	cp := make([]int32, len(s)+1)
	n := int32(0)
	for i := 0; i < len(s); {
		_, size := utf8.DecodeRuneInString(s[i:])
		for k := 0; k < size; k++ {
			cp[i+k] = n // a byte inside a rune maps to that rune
		}
		i += size
		n++
	}
	cp[len(s)] = n
	return runeIndex{cp}
}

func (r runeIndex) at(b int) int {
	if b < 0 {
		return 0
	}
	if b >= len(r.cp) {
		return int(r.cp[len(r.cp)-1])
	}
	return int(r.cp[b])
}

// OffsetMap maps offsets in a cleaned text back to offsets in the input it was cleaned from.
// Cleaning only deletes, so the map is a sorted list of kept pieces.
type OffsetMap struct {
	Pieces []Piece
}

// Piece says that cleaned[Clean:Clean+Len] == input[Input:Input+Len].
type Piece struct{ Clean, Input, Len int }

// Input returns the input offset of the cleaned offset off. An offset at the end of a piece
// maps to the end of that piece in the input.
func (m *OffsetMap) Input(off int) int {
	if m == nil || len(m.Pieces) == 0 {
		return off
	}
	lo, hi := 0, len(m.Pieces)-1
	for lo < hi { // last piece with Clean <= off
		mid := (lo + hi + 1) / 2
		if m.Pieces[mid].Clean <= off {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	p := m.Pieces[lo]
	if off > p.Clean+p.Len && lo == len(m.Pieces)-1 {
		return p.Input + p.Len + (off - p.Clean - p.Len)
	}
	return p.Input + (off - p.Clean)
}
