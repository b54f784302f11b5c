package postgres_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"chronicle"
	"chronicle/sqlite"
)

// TestEventsLikeSQLite stores the same random articles in PostgreSQL and in SQLite (whose plans
// sqlite's TestEventPlans checks against a reference) and compares the answers of random event
// filters and timelines.
func TestEventsLikeSQLite(t *testing.T) {
	ctx := context.Background()
	pg := open(t)
	defer pg.Close()
	lite, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "lite.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer lite.Close()
	rng := rand.New(rand.NewPCG(7, 8))
	as := randomArticles(rng, 80)
	for _, s := range []chronicle.Store{pg, lite} {
		if _, err := s.PutArticles(ctx, as); err != nil {
			t.Fatal(err)
		}
	}
	names := []string{"Putin", "putin", "vladimir  PUTIN", "Trump", "RUS", "RUSGOV", "USA", "Q7747", "Kremlin", "pu", "ñandú", "he", "Nobody", "e", "UKR"}
	forms := [][]string{nil, nil, {"Vladimir Putin", "Q7747"}, {"Q22686"}, {"", "  "}, {"the kremlin"}}
	for i := range 400 {
		var f chronicle.EventFilter
		for range 1 + rng.IntN(3) {
			switch rng.IntN(8) {
			case 0, 1:
				f.Actor, f.ActorForms = names[rng.IntN(len(names))], forms[rng.IntN(len(forms))]
			case 2, 3:
				f.Pair = []string{names[rng.IntN(len(names))], names[rng.IntN(len(names))]}
				if rng.IntN(3) == 0 {
					f.PairForms = [][]string{forms[rng.IntN(len(forms))], forms[rng.IntN(len(forms))]}
				}
			case 4:
				f.Code = []string{"0", "04", "041", "19"}[rng.IntN(4)]
			case 5:
				f.Plover = []string{"consult", "ACCUSE"}[rng.IntN(2)]
			case 6:
				f.From = []string{"2024-03-01", "2024-03-06", "2024-04-01"}[rng.IntN(3)]
				if rng.IntN(2) == 0 {
					f.To = "2024-04-15"
				}
			default:
				f.Place = []string{"moscow", "GENEVA"}[rng.IntN(2)]
			}
		}
		if rng.IntN(2) == 0 {
			f.Limit = []int{1, 5, 51}[rng.IntN(3)]
		}
		f.Sentences = rng.IntN(2) == 0
		want, err := lite.Events(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		got, err := pg.Events(ctx, f)
		if err != nil {
			t.Fatalf("%+v: %v", f, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("Events(%+v):\n postgres %+v\n   sqlite %+v", f, got, want)
		}
		unit := []string{chronicle.Day, chronicle.Week, chronicle.Month, chronicle.Year}[i%4]
		wc, err := lite.EventCounts(ctx, f, unit)
		if err != nil {
			t.Fatal(err)
		}
		gc, err := pg.EventCounts(ctx, f, unit)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(gc, wc) {
			t.Fatalf("EventCounts(%+v, %s):\n postgres %v\n   sqlite %v", f, unit, gc, wc)
		}
	}
}

func randomArticles(rng *rand.Rand, n int) []*chronicle.Article {
	people := []struct{ name, kb, code string }{
		{"Vladimir Putin", "Q7747", "RUSGOV"}, {"Donald Trump", "Q22686", "USAGOV"}, {"Russia", "Q159", "RUS"},
		{"Ukraine", "", "UKR"}, {"Putina Street Committee", "", "---"}, {"", "", ""}, {"Ñandú Öko", "Q1", "ARG"},
	}
	texts := []string{"", "Putin", "President Vladimir Putin", "the  Kremlin", "TRUMP", "he", `say "no"`, "Ñandú"}
	dates := []string{"2024-03-05", "2024-03-31", "2024-04-01", "2024-W10", "2024-03", "2024", "PRESENT_REF"}
	codes := []string{"010", "040", "041", "112", "190"}
	plovers := []string{"", "CONSULT", "ACCUSE"}
	var as []*chronicle.Article
	for i := range n {
		day := fmt.Sprintf("2024-%02d-%02d", 2+rng.IntN(3), 1+rng.IntN(28))
		a := &chronicle.Article{ID: fmt.Sprintf("a%03d", i), Key: fmt.Sprintf("k%03d", i), Source: "test", Date: day,
			Text: strings.Repeat("Some wörds «here» 🙂. ", 6), Offsets: chronicle.CodePoints, Versions: map[string]string{}}
		for j, p := range people {
			if p.name != "" {
				a.Entities = append(a.Entities, chronicle.Entity{ID: fmt.Sprintf("e%d", j+1), Type: "PER", Name: p.name, KB: p.kb, Actor: p.code})
			}
		}
		arg := func() chronicle.EventArg {
			j := rng.IntN(len(people))
			arg := chronicle.EventArg{Actor: people[j].code, Text: texts[rng.IntN(len(texts))]}
			if people[j].name != "" && rng.IntN(4) > 0 {
				arg.Entity = fmt.Sprintf("e%d", j+1)
			}
			return arg
		}
		for j := range 1 + rng.IntN(5) {
			code := codes[rng.IntN(len(codes))]
			v := chronicle.Event{ID: fmt.Sprintf("v%d", j+1), Code: code, Root: code[:2], Plover: plovers[rng.IntN(len(plovers))],
				Modality: "asserted", Source: arg(), Target: arg(), Date: dates[rng.IntN(len(dates))], Confidence: rng.Float64(),
				Sentence: chronicle.Span{Start: rng.IntN(30) - 3, End: rng.IntN(100)}, Why: texts[rng.IntN(len(texts))]}
			if rng.IntN(2) == 0 {
				v.Place = &chronicle.Place{Name: []string{"Moscow", "moscow", "Geneva"}[rng.IntN(3)], Lat: 1.5, Lon: 1 / 3.0}
			}
			a.Events = append(a.Events, v)
		}
		as = append(as, a)
	}
	return as
}
