// Package postags lets the quotes development commands read part-of-speech tags from a file
// instead of running the tagger: lines "name<TAB>ntokens<TAB>tag tag …" (tag "_" for none).
package postags

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"

	"chronicle/text"
)

// Cache maps a file name (without .txt) to its tags.
type Cache map[string][]string

// Read reads a tag file.
func Read(path string) (Cache, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	c := Cache{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 1<<20), 64<<20)
	for sc.Scan() {
		parts := strings.SplitN(sc.Text(), "\t", 3)
		if len(parts) != 3 {
			continue
		}
		n, _ := strconv.Atoi(parts[1])
		tags := strings.Fields(parts[2])
		if len(tags) != n {
			return nil, fmt.Errorf("postags: %s: %d tags for %d tokens", parts[0], len(tags), n)
		}
		c[parts[0]] = tags
	}
	return c, sc.Err()
}

// Apply sets the tags of name on d; it reports false when the cache has none or the token
// counts differ.
func (c Cache) Apply(name string, d *text.Doc) bool {
	tags, ok := c[name]
	if !ok || len(tags) != len(d.Tokens) {
		return false
	}
	for i := range d.Tokens {
		if tags[i] != "_" {
			d.Tokens[i].POS = tags[i]
		}
	}
	return true
}
