package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"chronicle"
	"chronicle/actors"
)

// actorsSetting is the store setting that holds the user's actors files (doc/actors.md).
const actorsSetting = "actors"

// settingsStore is a store that keeps settings.
type settingsStore interface {
	Setting(ctx context.Context, name string) (string, error)
	SetSetting(ctx context.Context, name, value string) error
}

// storedActors returns the actors text kept in the store, "" when there is none or the store
// keeps no settings.
func storedActors(ctx context.Context, st any) (string, error) {
	ss, ok := st.(settingsStore)
	if !ok {
		return "", nil
	}
	return ss.Setting(ctx, actorsSetting)
}

// actors manages the user's actors kept in the store, and looks names up.
func (m *Main) actors(ctx context.Context, args []string) error {
	if len(args) == 0 {
		return &usageError{message: "actors: what to do?", hint: "chronicle actors add FILE | show | clear | lookup NAME [--date YYYY-MM-DD]"}
	}
	switch args[0] {
	case "add", "show", "clear":
		return m.actorsSetting(ctx, args[0], args[1:])
	case "lookup":
		return m.actorsLookup(ctx, args[1:])
	}
	return &usageError{message: fmt.Sprintf("actors: unknown action %q", args[0]), hint: "chronicle actors add FILE | show | clear | lookup NAME"}
}

func (m *Main) actorsSetting(ctx context.Context, action string, args []string) error {
	fs := m.newFlagSet("actors "+action, "[flags] [FILE]", "Keep your own actors, aliases and dated roles in the database (format: doc/actors.md).\nadd FILE checks the file and adds it; show prints what is kept; clear removes it.\nEvery later ingest and reprocess on this database uses them; --actors FILE on a command wins over them.")
	var sf storeFlags
	sf.register(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	if action == "add" && fs.NArg() != 1 || action != "add" && fs.NArg() != 0 {
		return &usageError{message: "actors " + action + ": wrong arguments", hint: "chronicle actors add FILE | show | clear"}
	}
	st, err := openStore(ctx, sf.DB, action != "add")
	if err != nil {
		return err
	}
	defer st.Close()
	ss, ok := any(st).(settingsStore)
	if !ok {
		return fmt.Errorf("this database does not keep settings")
	}
	cur, err := ss.Setting(ctx, actorsSetting)
	if err != nil {
		return err
	}
	switch action {
	case "show":
		if cur == "" {
			fmt.Fprintln(m.Stdout, "# no actors kept in this database")
			return nil
		}
		fmt.Fprint(m.Stdout, cur)
		return nil
	case "clear":
		return ss.SetSetting(ctx, actorsSetting, "")
	}
	path := fs.Arg(0)
	data, err := os.ReadFile(path)
	if err != nil {
		return &usageError{message: fmt.Sprintf("actors add: %v", err), hint: "give the path of an actors file (doc/actors.md)"}
	}
	kb, err := actors.Default()
	if err != nil {
		return err
	}
	// Check the stored actors and the new file together: the result is what ingest will use.
	if cur != "" {
		if err := kb.ExtendNamed(strings.NewReader(cur), "stored actors"); err != nil {
			return err
		}
	}
	if err := kb.ExtendNamed(bytes.NewReader(data), path); err != nil {
		return &chronicle.Error{Code: chronicle.EINVALID, Message: "bad actors file", Err: err, Hint: "fix the line named above (format: doc/actors.md)"}
	}
	text := string(data)
	if !strings.HasSuffix(text, "\n") {
		text += "\n"
	}
	next := cur + fmt.Sprintf("# added from %s on %s\n", path, time.Now().UTC().Format(chronicle.DateLayout)) + text
	if err := ss.SetSetting(ctx, actorsSetting, next); err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "added %s; 'chronicle reprocess --all' applies it to articles already stored\n", path)
	return nil
}

// actorsLookup prints what chronicle knows about a name as of a date.
func (m *Main) actorsLookup(ctx context.Context, args []string) error {
	fs := m.newFlagSet("actors lookup", "[flags] NAME...", "Look names up in the actors knowledge base: canonical name, Wikidata id, role and CAMEO code as of a date.")
	date := fs.String("date", "", "as of this date (YYYY-MM-DD; default today)")
	file := fs.String("actors", "", "extra actors file (doc/actors.md)")
	format := fs.String("format", "table", "table, json or csv")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return &usageError{message: "actors lookup: no name", hint: `chronicle actors lookup "Zelenskiy" --date 2025-07-03`}
	}
	day := time.Now().UTC()
	if *date != "" {
		t, err := time.Parse(chronicle.DateLayout, *date)
		if err != nil {
			return &usageError{message: fmt.Sprintf("bad --date %q", *date), hint: "write it as YYYY-MM-DD"}
		}
		day = t
	}
	kb, err := actors.Default()
	if err != nil {
		return err
	}
	if *file != "" {
		f, err := os.Open(*file)
		if err != nil {
			return &usageError{message: err.Error(), hint: "check the --actors path"}
		}
		err = kb.ExtendNamed(f, *file)
		f.Close()
		if err != nil {
			return err
		}
	}
	type row struct {
		Query   string `json:"query"`
		Found   bool   `json:"found"`
		Name    string `json:"name,omitempty"`
		Type    string `json:"type,omitempty"`
		Role    string `json:"role,omitempty"`
		Code    string `json:"actor,omitempty"`
		KB      string `json:"kb,omitempty"`
		Country string `json:"country,omitempty"`
	}
	var rows []row
	for _, q := range fs.Args() {
		a, ok := kb.Actor(q, day)
		rows = append(rows, row{q, ok, a.Name, a.Type, a.Role, a.Code, a.KB, a.Country})
	}
	if *format == "json" {
		return writeJSON(m.Stdout, rows)
	}
	t := table{header: []string{"query", "name", "type", "role", "code", "kb", "country"}}
	for _, r := range rows {
		if !r.Found {
			t.add(r.Query, "(unknown)", "", "", "", "", "")
			continue
		}
		t.add(r.Query, r.Name, r.Type, r.Role, r.Code, r.KB, r.Country)
	}
	return t.write(m.Stdout, *format, 0)
}

// actorForms returns the canonical name and Wikidata id the actors knowledge base gives a
// user's actor query ("Zelensky" → "Volodymyr Zelenskyy", "Q3874799"), so that queries find
// every spelling; nil when the name is unknown.
func actorForms(q string) []string {
	if q == "" {
		return nil
	}
	kb, err := actors.Default()
	if err != nil {
		return nil
	}
	a, ok := kb.Actor(q, time.Now().UTC())
	if !ok {
		return nil
	}
	var forms []string
	for _, f := range []string{a.Name, a.KB} {
		if f != "" && !strings.EqualFold(f, q) {
			forms = append(forms, f)
		}
	}
	return forms
}

// formsStore fills in the other forms of the actors and speakers that queries name, from the
// actors knowledge base, before passing them to the store (for the server, whose filters come
// from URLs).
type formsStore struct {
	chronicle.Store
}

func (s formsStore) withForms(f chronicle.EventFilter) chronicle.EventFilter {
	if f.Actor != "" && f.ActorForms == nil {
		f.ActorForms = actorForms(f.Actor)
	}
	if len(f.Pair) == 2 && f.PairForms == nil {
		f.PairForms = [][]string{actorForms(f.Pair[0]), actorForms(f.Pair[1])}
	}
	return f
}

func (s formsStore) Events(ctx context.Context, f chronicle.EventFilter) ([]chronicle.Event, error) {
	return s.Store.Events(ctx, s.withForms(f))
}

func (s formsStore) EventCounts(ctx context.Context, f chronicle.EventFilter, unit string) ([]chronicle.EventCount, error) {
	return s.Store.EventCounts(ctx, s.withForms(f), unit)
}

func (s formsStore) Quotes(ctx context.Context, f chronicle.QuoteFilter) ([]chronicle.QuoteRow, error) {
	if f.Speaker != "" && f.SpeakerForms == nil {
		f.SpeakerForms = actorForms(f.Speaker)
	}
	return s.Store.Quotes(ctx, f)
}

// DataVersion passes the store's data version through (the server caches by it).
func (s formsStore) DataVersion(ctx context.Context) (int64, error) {
	if v, ok := s.Store.(interface {
		DataVersion(context.Context) (int64, error)
	}); ok {
		return v.DataVersion(ctx)
	}
	return 0, errors.New("the store has no data version")
}
