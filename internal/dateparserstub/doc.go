// Package dateparser stands in for github.com/markusmobius/go-dateparser, which go-htmldate
// imports for its "extensive" date search.
//
// The real package compiles about 4,600 regular expressions for 200 locales in its init
// functions: 160 ms and 95 MB on every start of the chronicle binary, whatever it reads, which
// alone would cost a tenth of the JSON Lines speed budget (DESIGN.md). chronicle runs
// go-htmldate in its fast mode (SkipExtensiveSearch), which never calls the external parser, so
// this stub keeps only the API go-htmldate compiles against; Parse finds nothing.
package dateparser

import (
	"errors"
	"sync"
	"time"

	"github.com/markusmobius/go-dateparser/date"
)

// ParserType selects a parser.
type ParserType uint8

// Parser types named by go-htmldate.
const (
	Timestamp ParserType = iota
	NegativeTimestamp
	RelativeTime
	CustomFormat
	AbsoluteTime
	NoSpacesTime
)

// PreferredDateSource says which interpretation of an ambiguous date wins.
type PreferredDateSource uint8

// Preferred date sources.
const (
	CurrentPeriod PreferredDateSource = iota
	Past
	Future
)

// Configuration is the parser configuration (the fields go-htmldate sets or reads).
type Configuration struct {
	Locales             []string
	Languages           []string
	CurrentTime         time.Time
	DefaultTimezone     *time.Location
	PreferredDateSource PreferredDateSource
	StrictParsing       bool
}

// Parser parses dates in natural language.
type Parser struct {
	sync.Mutex
	DetectLanguagesFunction func(string) []string
	ParserTypes             []ParserType
}

// ErrNotSupported is returned by Parse: this build has no natural-language date parser.
var ErrNotSupported = errors.New("dateparser: not included in this build")

// Parse returns the zero date and ErrNotSupported.
func (p *Parser) Parse(cfg *Configuration, str string, formats ...string) (date.Date, error) {
	return date.Date{}, ErrNotSupported
}
