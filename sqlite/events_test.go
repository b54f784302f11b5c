package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"chronicle"
)

// The event query plans (query.go) against a reference: every stored event read with plain
// SQL and filtered here, as the filters are documented (store.go), then counted by SQLite's
// date functions. Random filters over random events with names, texts, Wikidata ids and codes
// that overlap, dates of every granularity, places and categories in varying case.

// refEvent is a stored event as the reference sees it.
type refEvent struct {
	pk                         int64
	id                         string // article:vid
	article                    string
	code, plover, modality     string
	place                      string
	start, end                 string
	conf                       float64
	sname, stext, skb, scode   string
	tname, ttext, tkb, tcode   string
	sentStart, sentEnd, artLen int
}

var (
	refPeople = []struct{ name, kb, code string }{
		{"Vladimir Putin", "Q7747", "RUSGOV"}, {"Donald Trump", "Q22686", "USAGOV"}, {"Sergei Lavrov", "Q156189", "RUSGOV"},
		{"Russia", "Q159", "RUS"}, {"United States", "Q30", "USA"}, {"Volodymyr Zelenskyy", "Q3881612", "UKRGOV"},
		{"Ukraine", "", "UKR"}, {"Putina Street Committee", "", "---"}, {"", "", ""}, {"Ñandú Öko", "Q1", "ARG"},
	}
	refTexts = []string{"", "Putin", "President Vladimir Putin", "the  Kremlin", "TRUMP", "Washington", "he", "Zelensky's office", "Ñandú",
		`Putin "the tsar"`, `back\slash`, "tab\there\nnewline \u0001", "emoji 🙂 and \u2028"}
	refDates  = []string{"2024-03-05", "2024-03-06", "2024-03-31", "2024-04-01", "2024-W10", "2024-W14", "2024-03", "2024-04", "2024", "2023-12-31", "2024-Q1", "PRESENT_REF", "202"}
	refPlaces = []string{"", "", "Moscow", "moscow", "Geneva", "Kyiv"}
	refCodes  = []string{"010", "036", "040", "041", "0411", "042", "112", "120", "190", "195"}
	refPlover = []string{"", "CONSULT", "ACCUSE", "AGREE", "ASSAULT"}
	refModal  = []string{"asserted", "asserted", "asserted", "negated", "hedged", "future", "hypothetical"}
)

func refArticles(rng *rand.Rand, n int) []*chronicle.Article {
	var as []*chronicle.Article
	for i := range n {
		day := fmt.Sprintf("2024-%02d-%02d", 1+rng.IntN(5), 1+rng.IntN(28))
		text := strings.Repeat("Some wörds of the «article» 🙂. ", 8)
		a := &chronicle.Article{ID: fmt.Sprintf("a%03d", i), Key: fmt.Sprintf("k%03d", i), Source: "test", Date: day, Text: text,
			Offsets: chronicle.CodePoints, Versions: map[string]string{}}
		for j, p := range refPeople {
			if p.name != "" {
				a.Entities = append(a.Entities, chronicle.Entity{ID: fmt.Sprintf("e%d", j+1), Type: "PER", Name: p.name, KB: p.kb, Actor: p.code})
			}
		}
		for j := range 1 + rng.IntN(6) {
			arg := func() chronicle.EventArg {
				p := refPeople[rng.IntN(len(refPeople))]
				arg := chronicle.EventArg{Actor: p.code, Text: refTexts[rng.IntN(len(refTexts))]}
				if p.name != "" && rng.IntN(4) > 0 {
					arg.Entity = fmt.Sprintf("e%d", slices.IndexFunc(refPeople, func(q struct{ name, kb, code string }) bool { return q.name == p.name })+1)
				}
				if arg.Text == "" && p.name != "" && rng.IntN(2) == 0 {
					arg.Text = p.name
				}
				return arg
			}
			code := refCodes[rng.IntN(len(refCodes))]
			v := chronicle.Event{ID: fmt.Sprintf("v%d", j+1), Code: code, Root: code[:2], Plover: refPlover[rng.IntN(len(refPlover))],
				Modality: refModal[rng.IntN(len(refModal))], Source: arg(), Target: arg(), Date: refDates[rng.IntN(len(refDates))],
				Confidence: rng.Float64(), Sentence: chronicle.Span{Start: rng.IntN(40) - 5, End: rng.IntN(300)},
				Trigger: chronicle.Span{Text: refTexts[rng.IntN(len(refTexts))], Start: rng.IntN(100), End: rng.IntN(100)},
				Why:     refTexts[rng.IntN(len(refTexts))], QuoteID: []string{"", "q1"}[rng.IntN(2)], TimexID: []string{"", "t2"}[rng.IntN(2)]}
			if rng.IntN(3) == 0 {
				v.Date = day
			}
			if p := refPlaces[rng.IntN(len(refPlaces))]; p != "" {
				v.Place = &chronicle.Place{Name: p, GeoNames: rng.IntN(3), Lat: rng.NormFloat64() * 40, Lon: 1 / 3.0}
			} else if rng.IntN(5) == 0 {
				v.Place = &chronicle.Place{GeoNames: 524901}
			}
			a.Events = append(a.Events, v)
		}
		as = append(as, a)
	}
	return as
}

// refLoad reads every stored event.
func refLoad(t *testing.T, s *Store) []refEvent {
	rows, err := s.db.Query(`SELECT v.pk, a.id || ':' || v.vid, a.id, v.code, v.plover, v.modality, v.place_name, v.date_start, v.date_end, v.confidence,
		v.source_name, v.source_text, v.source_kb, v.source_actor, v.target_name, v.target_text, v.target_kb, v.target_actor,
		v.sentence_start, v.sentence_end, length(a.text)
		FROM events v JOIN articles a ON a.pk = v.article ORDER BY v.date_start, v.pk`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []refEvent
	for rows.Next() {
		var e refEvent
		if err := rows.Scan(&e.pk, &e.id, &e.article, &e.code, &e.plover, &e.modality, &e.place, &e.start, &e.end, &e.conf,
			&e.sname, &e.stext, &e.skb, &e.scode, &e.tname, &e.ttext, &e.tkb, &e.tcode, &e.sentStart, &e.sentEnd, &e.artLen); err != nil {
			t.Fatal(err)
		}
		out = append(out, e)
	}
	return out
}

// refActor reports whether an argument matches an actor query (store.go: canonical name,
// Wikidata id, actor code prefix, a name or text containing the query; other forms exactly).
func refActor(q string, forms []string, name, text, kb, code string) bool {
	lower := func(s string) string { return strings.Join(strings.Fields(strings.ToLower(s)), " ") }
	nq, n, tx := lower(q), lower(name), lower(text)
	if n != "" && strings.Contains(n, nq) || tx != "" && strings.Contains(tx, nq) {
		return true
	}
	if kb != "" && kb == q {
		return true
	}
	for _, f := range forms {
		if f == "" {
			continue
		}
		if kb != "" && kb == f || lower(f) != "" && (lower(f) == n || lower(f) == tx) {
			return true
		}
	}
	return isCode(q) && code != "---" && strings.HasPrefix(code, q)
}

func refMatch(f chronicle.EventFilter, e *refEvent) bool {
	src := func(q string, forms []string) bool { return refActor(q, forms, e.sname, e.stext, e.skb, e.scode) }
	tgt := func(q string, forms []string) bool { return refActor(q, forms, e.tname, e.ttext, e.tkb, e.tcode) }
	if f.Actor != "" && !src(f.Actor, f.ActorForms) && !tgt(f.Actor, f.ActorForms) {
		return false
	}
	if len(f.Pair) == 2 {
		var af, bf []string
		if len(f.PairForms) == 2 {
			af, bf = f.PairForms[0], f.PairForms[1]
		}
		if !(src(f.Pair[0], af) && tgt(f.Pair[1], bf) || src(f.Pair[1], bf) && tgt(f.Pair[0], af)) {
			return false
		}
	}
	if f.Code != "" && !strings.HasPrefix(e.code, f.Code) {
		return false
	}
	if f.Plover != "" && !strings.EqualFold(e.plover, f.Plover) {
		return false
	}
	if len(f.Modality) > 0 && !slices.Contains(f.Modality, e.modality) {
		return false
	}
	switch {
	case f.From != "" && f.To != "":
		if !(e.start >= f.From && e.start <= f.To || e.start < f.From && e.end >= f.From) {
			return false
		}
	case f.From != "":
		if e.end < f.From {
			return false
		}
	case f.To != "":
		if e.start > f.To {
			return false
		}
	}
	if f.Article != "" && e.article != f.Article {
		return false
	}
	if f.Place != "" && !strings.EqualFold(e.place, f.Place) {
		return false
	}
	return f.MinConfidence <= 0 || e.conf >= f.MinConfidence
}

func randomFilter(rng *rand.Rand, evs []refEvent) chronicle.EventFilter {
	var f chronicle.EventFilter
	name := func() string {
		qs := []string{"Putin", "putin", "vladimir  PUTIN", "Trump", "RUS", "RUSGOV", "USA", "Q7747", "Q30", "Kremlin", "pu", "ñandú", "he",
			"Zelensky", "United States", "Nobody", "e", "Ukraine", "UKR"}
		return qs[rng.IntN(len(qs))]
	}
	forms := func() []string {
		if rng.IntN(4) > 0 {
			return nil
		}
		fs := [][]string{{"Vladimir Putin", "Q7747"}, {"Q22686"}, {"Volodymyr Zelenskyy"}, {"", "  "}, {"the kremlin"}}
		return fs[rng.IntN(len(fs))]
	}
	for range 1 + rng.IntN(3) {
		switch rng.IntN(10) {
		case 0, 1:
			f.Actor, f.ActorForms = name(), forms()
		case 2, 3:
			f.Pair = []string{name(), name()}
			if rng.IntN(3) == 0 {
				f.PairForms = [][]string{forms(), forms()}
			}
		case 4:
			f.Code = []string{"0", "04", "041", "0411", "19", "1"}[rng.IntN(6)]
		case 5:
			f.Plover = []string{"consult", "ACCUSE", "Agree"}[rng.IntN(3)]
		case 6:
			f.Modality = [][]string{{"negated"}, {"asserted"}, {"hedged", "future"}}[rng.IntN(3)]
		case 7:
			d := []string{"2024-01-15", "2024-03-01", "2024-03-06", "2024-04-01", "2023-12-31", "2024-06-01"}
			switch rng.IntN(3) {
			case 0:
				f.From = d[rng.IntN(len(d))]
			case 1:
				f.To = d[rng.IntN(len(d))]
			default:
				f.From, f.To = d[rng.IntN(len(d))], d[rng.IntN(len(d))]
			}
		case 8:
			f.Place = []string{"moscow", "GENEVA", "Kyiv", "Paris"}[rng.IntN(4)]
		default:
			if rng.IntN(2) == 0 {
				f.MinConfidence = 0.5
			} else {
				f.Article = evs[rng.IntN(len(evs))].article
			}
		}
	}
	if rng.IntN(2) == 0 {
		f.Limit = []int{1, 3, 10, 51}[rng.IntN(4)]
		if rng.IntN(3) == 0 {
			f.Offset = rng.IntN(20)
		}
	}
	f.Sentences = rng.IntN(2) == 0
	return f
}

func TestEventPlans(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "plans.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	rng := rand.New(rand.NewPCG(3, 4))
	if _, err := s.PutArticles(ctx, refArticles(rng, 150)); err != nil {
		t.Fatal(err)
	}
	// Replace some extractions: events deleted and stored anew.
	for _, a := range refArticles(rand.New(rand.NewPCG(5, 6)), 20) {
		if err := s.ReplaceExtractions(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	evs := refLoad(t, s)
	if len(evs) < 300 {
		t.Fatalf("only %d events", len(evs))
	}
	defer func(a, b, c, d, e int) {
		scanArgs, maxOrderedArgs, maxPairArms, maxInlineIDs, maxSorted = a, b, c, d, e
	}(scanArgs, maxOrderedArgs, maxPairArms, maxInlineIDs, maxSorted)
	nonEmpty := 0
	for i := range 1500 {
		scanArgs = []int{2000, 0}[i%2] // arguments compared in memory, and through SQLite
		// Every kind of plan: ordered arms and lists, bound and inlined.
		maxOrderedArgs, maxPairArms = []int{24, 1, 3}[i%3], []int{64, 1, 4}[i%3]
		maxInlineIDs, maxSorted = []int{24, 2}[i/2%2], []int{20000, 5, 0}[i/4%3]
		f := randomFilter(rng, evs)
		var want []string
		var pks []any
		for j := range evs {
			if refMatch(f, &evs[j]) {
				want = append(want, evs[j].id)
				pks = append(pks, evs[j].pk)
			}
		}
		page := want
		if f.Offset > 0 {
			page = page[min(f.Offset, len(page)):]
		}
		if f.Limit > 0 {
			page = page[:min(f.Limit, len(page))]
		}
		got, err := s.Events(ctx, f)
		if err != nil {
			t.Fatalf("%+v: %v", f, err)
		}
		var ids []string
		for _, v := range got {
			ids = append(ids, v.Article+":"+v.ID)
			if !f.Sentences && v.Sentence.Text != "" {
				t.Fatalf("%+v: sentence text without Sentences", f)
			}
		}
		if !slices.Equal(ids, page) {
			t.Fatalf("Events(%+v):\n got %v\nwant %v", f, ids, page)
		}
		if want := refRows(t, s, got, f.Sentences); !reflect.DeepEqual(got, want) {
			t.Fatalf("Events(%+v):\n got %+v\nwant %+v", f, got, want)
		}
		unit := []string{chronicle.Day, chronicle.Week, chronicle.Month, chronicle.Year}[i%4]
		counts, err := s.EventCounts(ctx, f, unit)
		if err != nil {
			t.Fatalf("EventCounts(%+v): %v", f, err)
		}
		if wc := refCounts(t, s, pks, unit); !slices.Equal(counts, wc) {
			t.Fatalf("EventCounts(%+v, %s):\n got %v\nwant %v", f, unit, counts, wc)
		}
		if len(page) > 0 {
			nonEmpty++
		}
	}
	if nonEmpty < 500 {
		t.Errorf("only %d filters select events", nonEmpty)
	}
	var spans int
	s.db.QueryRow(`SELECT count(*) FROM event_spans WHERE span > 0`).Scan(&spans)
	if spans < 4 {
		t.Errorf("only %d spans longer than a day", spans)
	}
}

// refRows reads the stored events evs (by article and id) column by column.
func refRows(t *testing.T, s *Store, evs []chronicle.Event, sentences bool) []chronicle.Event {
	out := []chronicle.Event{}
	for _, e := range evs {
		var v chronicle.Event
		var pname string
		var geo int
		var lat, lon sql.NullFloat64
		err := s.db.QueryRow(`SELECT a.id, v.vid, v.code, v.root, v.plover, v.modality,
			v.source_entity, v.source_actor, v.source_text, v.source_name,
			v.target_entity, v.target_actor, v.target_text, v.target_name,
			v.date, v.date_from, v.timex, v.place_name, v.place_geonames, v.place_lat, v.place_lon,
			v.trigger, v.trigger_start, v.trigger_end, v.sentence_start, v.sentence_end, v.quote, v.confidence, v.why, v.cluster
			FROM events v JOIN articles a ON a.pk = v.article WHERE a.id = ? AND v.vid = ?`, e.Article, e.ID).Scan(&v.Article, &v.ID, &v.Code, &v.Root, &v.Plover, &v.Modality,
			&v.Source.Entity, &v.Source.Actor, &v.Source.Text, &v.Source.Name,
			&v.Target.Entity, &v.Target.Actor, &v.Target.Text, &v.Target.Name,
			&v.Date, &v.DateFrom, &v.TimexID, &pname, &geo, &lat, &lon,
			&v.Trigger.Text, &v.Trigger.Start, &v.Trigger.End, &v.Sentence.Start, &v.Sentence.End, &v.QuoteID, &v.Confidence, &v.Why, &v.Cluster)
		if err != nil {
			t.Fatal(err)
		}
		if pname != "" || geo != 0 {
			v.Place = &chronicle.Place{Name: pname, GeoNames: geo, Lat: lat.Float64, Lon: lon.Float64}
		}
		if sentences {
			texts, err := s.Excerpts(context.Background(), []chronicle.Excerpt{{Article: v.Article, Start: v.Sentence.Start, End: v.Sentence.End}})
			if err != nil {
				t.Fatal(err)
			}
			v.Sentence.Text = texts[0]
		}
		out = append(out, v)
	}
	return out
}

// refCounts counts the events of pks per period of unit with SQLite's date functions.
func refCounts(t *testing.T, s *Store, pks []any, unit string) []chronicle.EventCount {
	out := []chronicle.EventCount{}
	if len(pks) == 0 {
		return out
	}
	ps, _ := periodExpr(unit, "date_start")
	pe, _ := periodExpr(unit, "date_end")
	rows, err := s.db.Query(`SELECT CASE WHEN `+ps+` = `+pe+` THEN `+ps+` ELSE '' END AS p, plover, count(*) FROM events
		WHERE pk IN (`+placeholders(len(pks))+`) GROUP BY p, plover ORDER BY p, plover`, pks...)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var c chronicle.EventCount
		if err := rows.Scan(&c.Period, &c.Plover, &c.Count); err != nil {
			t.Fatal(err)
		}
		out = append(out, c)
	}
	return out
}

// TestCountDays checks the counting of days against SQLite's date functions on every day of
// a few years and on days that are not.
func TestCountDays(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "days.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var days []string
	for y := 1999; y <= 2026; y++ {
		for m := 1; m <= 12; m++ {
			for _, d := range []int{1, 2, 3, 7, 15, 28, 29, 30, 31} {
				days = append(days, fmt.Sprintf("%04d-%02d-%02d", y, m, d))
			}
		}
	}
	for _, d := range days {
		for _, unit := range []string{chronicle.Week, chronicle.Month, chronicle.Year} {
			p, _ := periodExpr(unit, "?")
			var want string
			if err := s.db.QueryRow(`SELECT `+p, repeat(d, strings.Count(p, "?"))...).Scan(&want); err != nil {
				t.Fatal(err)
			}
			got, ok := countDays(`["`+d+d+`X"]`, unit)
			if !ok || len(got) != 1 || got[0].Period != want {
				t.Fatalf("%s of %s: got %v, want %s", unit, d, got, want)
			}
		}
	}
	for _, js := range []string{`["2024-1-0502024-01-05X"]`, `["2024-13-012024-13-01X"]`, `[`, `["a"]`, `["2024-01-052024-01-05X",]`} {
		if _, ok := countDays(js, chronicle.Week); ok {
			t.Errorf("countDays(%s) accepted", js)
		}
	}
	got, ok := countDays(`["2024-01-052024-01-05A\"B","2024-01-052024-01-07A\"B"]`, chronicle.Day)
	if !ok || !slices.Equal(got, []chronicle.EventCount{{Plover: `A"B`, Count: 1}, {Period: "2024-01-05", Plover: `A"B`, Count: 1}}) {
		t.Errorf("escaped category: %v %v", got, ok)
	}
}

func repeat(s string, n int) []any {
	out := make([]any, n)
	for i := range out {
		out[i] = s
	}
	return out
}

// TestBackfillArgs: events stored before migration 0005 (or by an older program) get their
// arguments and spans when the store opens, and answer as if stored now.
func TestBackfillArgs(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "backfill.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(9, 10))
	if _, err := s.PutArticles(ctx, refArticles(rng, 60)); err != nil {
		t.Fatal(err)
	}
	evs := refLoad(t, s)
	var filters []chronicle.EventFilter
	var before [][]chronicle.Event
	var counts [][]chronicle.EventCount
	for range 200 {
		f := randomFilter(rng, evs)
		got, err := s.Events(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		c, err := s.EventCounts(ctx, f, chronicle.Week)
		if err != nil {
			t.Fatal(err)
		}
		filters, before, counts = append(filters, f), append(before, got), append(counts, c)
	}
	for _, q := range []string{`UPDATE events SET source_arg = 0, target_arg = 0, span = 0`, `DELETE FROM args`,
		`INSERT INTO args_fts(args_fts) VALUES ('delete-all')`, `DELETE FROM arg_pairs`, `DELETE FROM event_spans`} {
		if _, err := s.db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	if s, err = Open(ctx, path); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for i, f := range filters {
		got, err := s.Events(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, before[i]) {
			t.Fatalf("Events(%+v) after the backfill:\n got %v\nwant %v", f, got, before[i])
		}
		c, err := s.EventCounts(ctx, f, chronicle.Week)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(c, counts[i]) {
			t.Fatalf("EventCounts(%+v) after the backfill:\n got %v\nwant %v", f, c, counts[i])
		}
	}
	scanArgs = 0 // through args_fts, rebuilt
	defer func() { scanArgs = 2000 }()
	for i, f := range filters {
		if got, _ := s.Events(ctx, f); !reflect.DeepEqual(got, before[i]) {
			t.Fatalf("Events(%+v) through args_fts after the backfill:\n got %v\nwant %v", f, got, before[i])
		}
	}
}
