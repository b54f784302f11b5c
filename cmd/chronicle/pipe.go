package main

import (
	"chronicle/pipeline"
)

// pipeline returns the extraction pipeline with the default extractors. The built-in actors are
// extended by storedActors (the actors kept in the database, "" for none) and then by
// actorsFile (--actors), whose entries win.
func (m *Main) pipeline(storedActors, actorsFile string) (*pipeline.Pipeline, error) {
	return pipeline.Default(pipeline.Options{ActorsText: storedActors, ActorsFile: actorsFile})
}
