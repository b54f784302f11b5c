package events

import (
	"fmt"
	"os"
	"path/filepath"

	"chronicle/petrarch"
)

// Files names the dictionary files to read ("" for none).
type Files struct {
	Verbs    string
	Actors   []string
	Agents   string
	Discards string
}

// ReadSources reads and parses dictionary files. Malformed lines are skipped (PETRARCH's own
// dictionaries have a few); only unreadable files are errors.
func ReadSources(f Files) (Sources, error) {
	var s Sources
	read := func(p string) (string, error) {
		b, err := os.ReadFile(p)
		if err != nil {
			return "", fmt.Errorf("events: reading dictionary: %w", err)
		}
		return string(b), nil
	}
	if f.Verbs != "" {
		src, err := read(f.Verbs)
		if err != nil {
			return s, err
		}
		s.Verbs, _ = petrarch.ReadVerbs(filepath.Base(f.Verbs), src)
	}
	for _, a := range f.Actors {
		src, err := read(a)
		if err != nil {
			return s, err
		}
		as, _ := petrarch.ReadActors(filepath.Base(a), src)
		s.Actors = append(s.Actors, as...)
	}
	if f.Agents != "" {
		src, err := read(f.Agents)
		if err != nil {
			return s, err
		}
		s.Agents, _ = petrarch.ReadAgents(filepath.Base(f.Agents), src)
	}
	if f.Discards != "" {
		src, err := read(f.Discards)
		if err != nil {
			return s, err
		}
		s.Discards, _ = petrarch.ReadDiscards(filepath.Base(f.Discards), src)
	}
	return s, nil
}

// EnvFiles returns the files a validation file's <Environment> names, in directory dir.
func EnvFiles(dir string, env petrarch.Environment) Files {
	j := func(n string) string {
		if n == "" {
			return ""
		}
		return filepath.Join(dir, n)
	}
	f := Files{Verbs: j(env.Verbfile), Agents: j(env.Agentfile), Discards: j(env.Discardfile)}
	for _, a := range env.Actorfiles {
		f.Actors = append(f.Actors, j(a))
	}
	return f
}
