package main

import (
	"chronicle/pipeline"
)

// pipeline returns the extraction pipeline with the default extractors; actorsFile, when set,
// extends the built-in actors.
func (m *Main) pipeline(actorsFile string) (*pipeline.Pipeline, error) {
	return pipeline.Default(pipeline.Options{ActorsFile: actorsFile})
}
