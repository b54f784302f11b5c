package events

import (
	"bytes"
	_ "embed"
	"fmt"
	"sync"
)

// Version is the version of the events extractor; bump it when its output changes.
const Version = "5"

// dict.bin.gz is the compiled production dictionary (CAMEO.2.0 verbs with chronicle's own
// patterns from extra.txt, the Phoenix actors, agents and discards) in the compact form of
// Dict.WriteBinary, derived from ../shared/data/petrarch2 by go run ./events/internal/gen.
//
//go:embed dict.bin.gz
var embeddedDict []byte

var (
	defaultOnce  sync.Once
	defaultCoder *Coder
	defaultErr   error
)

// Default returns the coder with the embedded production dictionaries, loaded once, with
// DefaultOptions.
func Default() (*Coder, error) {
	defaultOnce.Do(func() {
		d, err := ReadBinary(bytes.NewReader(embeddedDict))
		if err != nil {
			defaultErr = fmt.Errorf("events.Default: embedded dictionary: %w", err)
			return
		}
		defaultCoder = New(d, DefaultOptions())
	})
	return defaultCoder, defaultErr
}
