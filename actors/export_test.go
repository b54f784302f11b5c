package actors

import "errors"

var errorsAs = errors.As

// DecodeForBenchmark decodes the embedded KB afresh (the work Default does once), actor file
// and places file both.
func DecodeForBenchmark(places bool) (*KB, error) {
	t, err := decode(kbGz)
	if err != nil {
		return nil, err
	}
	if places {
		t.citiesGz = placesGz
		t.loadCities()
	}
	return &KB{base: t}, nil
}

func asParseError(err error, pe **ParseError) bool { return errorsAs(err, pe) }
