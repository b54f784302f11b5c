package events

import "errors"

// Default returns the coder with the embedded production dictionaries, loaded once.
func Default() (*Coder, error) {
	return nil, errors.New("events.Default: not yet")
}
