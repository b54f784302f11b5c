package pipeline

import (
	"fmt"
	"os"
	"runtime/debug"
	"strings"
	"sync"

	"chronicle"
	"chronicle/actors"
	"chronicle/events"
	"chronicle/ner"
	"chronicle/quotes"
	"chronicle/text"
	"chronicle/timex"
)

// Options configure the default pipeline.
type Options struct {
	// ActorsText extends the built-in actors (see doc/actors.md): the actors kept in the store.
	ActorsText string
	// ActorsFile extends them further (--actors FILE); its entries win.
	ActorsFile string
}

var loadMu sync.Mutex

// Default returns the pipeline with chronicle's extractors, in order: tagging and names (ner),
// entities with roles and actor codes (actors), time expressions (timex), quotes, events.
func Default(opt Options) (*Pipeline, error) {
	// Loading the models builds large tables: collecting garbage meanwhile only marks them
	// again and again as they grow (half a dozen collections), so the collector waits until
	// they are built. loadMu keeps concurrent calls from restoring each other's setting.
	loadMu.Lock()
	gc := debug.SetGCPercent(-1)
	defer func() {
		debug.SetGCPercent(gc)
		loadMu.Unlock()
	}()
	rec, err := ner.Default()
	if err != nil {
		return nil, fmt.Errorf("pipeline: loading the NER model: %w", err)
	}
	kb, err := actors.Default()
	if err != nil {
		return nil, fmt.Errorf("pipeline: loading the actors: %w", err)
	}
	if opt.ActorsText != "" {
		if err := kb.ExtendNamed(strings.NewReader(opt.ActorsText), "the actors kept in the database"); err != nil {
			return nil, &chronicle.Error{Code: chronicle.EINVALID, Message: "bad stored actors", Err: err, Hint: "see 'chronicle actors show'; 'chronicle actors clear' removes them"}
		}
	}
	if opt.ActorsFile != "" {
		f, err := os.Open(opt.ActorsFile)
		if err != nil {
			return nil, &chronicle.Error{Code: chronicle.EINVALID, Message: "cannot read the actors file", Err: err, Hint: "check the --actors path"}
		}
		err = kb.ExtendNamed(f, opt.ActorsFile)
		f.Close()
		if err != nil {
			return nil, &chronicle.Error{Code: chronicle.EINVALID, Message: "bad actors file", Err: err, Hint: "see doc/actors.md for the format"}
		}
	}
	coder, err := events.Default()
	if err != nil {
		return nil, fmt.Errorf("pipeline: loading the event dictionaries: %w", err)
	}
	coder = coder.WithPlaces(kb) // places the user added to the actors count too
	return &Pipeline{Stages: []Stage{
		nerStage{rec},
		actorStage{kb},
		timexStage{},
		quoteStage{},
		eventStage{coder},
	}}, nil
}

// nerStage tags parts of speech, chunks and named-entity mentions.
type nerStage struct{ r *ner.Recognizer }

func (nerStage) Name() string    { return "ner" }
func (nerStage) Version() string { return ner.Version }
func (s nerStage) Run(d *Doc)    { s.r.Tag(d.Text) }

// RunBatch tags the documents together (ner.Recognizer.TagBatch), as Run tags each.
func (s nerStage) RunBatch(ds []*Doc) {
	ts := make([]*text.Doc, len(ds))
	for i, d := range ds {
		ts[i] = d.Text
	}
	s.r.TagBatch(ts)
}

// actorStage resolves mentions into entities with roles and actor codes as of the article date.
type actorStage struct{ kb *actors.KB }

func (actorStage) Name() string    { return "actors" }
func (actorStage) Version() string { return actors.Version }
func (s actorStage) Run(d *Doc) {
	d.Article.Entities = append(d.Article.Entities, s.kb.Entities(d.Text, d.Date)...)
}

// timexStage finds and normalises time expressions against the article's date (it skips
// words inside the names of people and organisations found by the NER).
type timexStage struct{}

func (timexStage) Name() string    { return "timex" }
func (timexStage) Version() string { return timex.Version }
func (timexStage) Run(d *Doc) {
	ts, diags := timex.TagDiag(d.Text, d.Date)
	d.Article.Timexes = append(d.Article.Timexes, ts...)
	for _, dg := range diags {
		dg.Stage = "timex"
		d.Article.Diagnostics = append(d.Article.Diagnostics, dg)
	}
}

// quoteStage finds attributions and resolves their speakers to entities.
type quoteStage struct{}

func (quoteStage) Name() string    { return "quotes" }
func (quoteStage) Version() string { return quotes.Version }
func (quoteStage) Run(d *Doc) {
	d.Article.Quotes = append(d.Article.Quotes, quotes.Extract(d.Text, d.Article.Entities)...)
}

// eventStage codes events (CAMEO, PLOVER) with actors, dates, places and modality.
type eventStage struct{ c *events.Coder }

func (eventStage) Name() string    { return "events" }
func (eventStage) Version() string { return events.Version }
func (s eventStage) Run(d *Doc) {
	d.Article.Events = append(d.Article.Events, s.c.Code(d.Text, d.Article)...)
}
