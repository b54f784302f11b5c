package pipeline

import (
	"chronicle/timex"
)

// Options configure the default pipeline.
type Options struct {
	// ActorsFile extends the built-in actors (see doc/actors.md).
	ActorsFile string
}

// Default returns the pipeline with chronicle's extractors, in order: entities, time, quotes,
// events.
func Default(opt Options) (*Pipeline, error) {
	return &Pipeline{Stages: []Stage{timexStage{}}}, nil
}

// timexStage finds and normalises time expressions against the article's date.
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
