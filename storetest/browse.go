package storetest

import (
	"context"
	"slices"
	"testing"

	"chronicle"
)

// ec is an EventCount.
func ec(period, plover string, n int) chronicle.EventCount {
	return chronicle.EventCount{Period: period, Plover: plover, Count: n}
}

// testBrowse checks the chronicle.BrowseStore methods.
func testBrowse(t *testing.T, s chronicle.Store) {
	defer s.Close()
	ctx := context.Background()
	put(t, s, Article(1, "2025-07-03"), Article(2, "2025-06-10"), Article(3, "2025-05-01"))

	t.Run("Entity", func(t *testing.T) {
		for _, name := range []string{"vladimir putin", "Q7747"} {
			d, err := s.Entity(ctx, name, "")
			if err != nil {
				t.Fatalf("Entity(%q): %v", name, err)
			}
			if d.Name != "Vladimir Putin" || d.Type != "PER" || d.Articles != 3 || d.Mentions != 6 ||
				d.First != "2025-05-01" || d.Last != "2025-07-03" || d.Role != "President of Russia" || d.KB != "Q7747" {
				t.Errorf("Entity(%q) = %+v", name, d.EntityRow)
			}
			if !slices.Equal(d.Aliases, []string{"Vladimir Putin"}) {
				t.Errorf("aliases %q", d.Aliases)
			}
			if len(d.Roles) != 1 || d.Roles[0] != (chronicle.RoleSpan{Role: "President of Russia", First: "2025-05-01", Last: "2025-07-03", Articles: 3}) {
				t.Errorf("roles %+v", d.Roles)
			}
			// Trump shares the three articles and one event in each; he comes first.
			if len(d.Related) < 3 || d.Related[0].Name != "Donald Trump" || d.Related[0].Events != 3 || d.Related[0].Articles != 3 {
				t.Errorf("related %+v", d.Related)
			}
			for _, r := range d.Related {
				if r.Name == "Vladimir Putin" {
					t.Errorf("related lists the entity itself: %+v", d.Related)
				}
			}
		}
		if _, err := s.Entity(ctx, "Russia", "PER"); chronicle.ErrorCode(err) != chronicle.ENOTFOUND {
			t.Errorf("Entity(Russia, PER): err = %v, want ENOTFOUND", err)
		}
		if _, err := s.Entity(ctx, "nobody at all", ""); chronicle.ErrorCode(err) != chronicle.ENOTFOUND {
			t.Errorf("Entity(nobody): err = %v, want ENOTFOUND", err)
		}
	})

	t.Run("EventCounts", func(t *testing.T) {
		tests := []struct {
			unit string
			f    chronicle.EventFilter
			want []chronicle.EventCount
		}{
			{chronicle.Month, chronicle.EventFilter{}, []chronicle.EventCount{
				ec("2025-05-01", "ACCUSE", 1), ec("2025-05-01", "CONSULT", 1),
				ec("2025-06-01", "ACCUSE", 1), ec("2025-06-01", "CONSULT", 1),
				ec("2025-07-01", "ACCUSE", 1), ec("2025-07-01", "CONSULT", 1)}},
			// The ACCUSE events are dated to a month: too coarse for days.
			{chronicle.Day, chronicle.EventFilter{}, []chronicle.EventCount{
				ec("", "ACCUSE", 3), ec("2025-05-01", "CONSULT", 1), ec("2025-06-10", "CONSULT", 1), ec("2025-07-03", "CONSULT", 1)}},
			{chronicle.Week, chronicle.EventFilter{Pair: []string{"Donald Trump", "Vladimir Putin"}}, []chronicle.EventCount{
				ec("2025-04-28", "CONSULT", 1), ec("2025-06-09", "CONSULT", 1), ec("2025-06-30", "CONSULT", 1)}},
			{chronicle.Year, chronicle.EventFilter{Plover: "consult", From: "2025-06-01"}, []chronicle.EventCount{
				ec("2025-01-01", "CONSULT", 2)}},
			{chronicle.Year, chronicle.EventFilter{Article: "art-2"}, []chronicle.EventCount{
				ec("2025-01-01", "ACCUSE", 1), ec("2025-01-01", "CONSULT", 1)}},
		}
		for _, tt := range tests {
			got, err := s.EventCounts(ctx, tt.f, tt.unit)
			if err != nil {
				t.Fatalf("%s %+v: %v", tt.unit, tt.f, err)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("EventCounts(%+v, %s) =\n %v\nwant\n %v", tt.f, tt.unit, got, tt.want)
			}
		}
		if _, err := s.EventCounts(ctx, chronicle.EventFilter{}, "fortnight"); chronicle.ErrorCode(err) != chronicle.EINVALID {
			t.Errorf("unit fortnight: err = %v, want EINVALID", err)
		}
	})

	t.Run("Excerpts", func(t *testing.T) {
		a := Article(1, "2025-07-03")
		runes := []rune(a.Text)
		aide := a.Quotes[0].Speaker // "Ushakov", after a curly apostrophe: code points, not bytes
		got, err := s.Excerpts(ctx, []chronicle.Excerpt{
			{Article: "art-1", Start: 0, End: 7},
			{Article: "art-1", Start: aide.Start, End: aide.End},
			{Article: "missing", Start: 0, End: 5},
			{Article: "art-1", Start: len(runes) - 3, End: len(runes) + 10},
			{Article: "art-2", Start: 5, End: 2},
		})
		if err != nil {
			t.Fatal(err)
		}
		want := []string{"Russian", aide.Text, "", string(runes[len(runes)-3:]), ""}
		if !slices.Equal(got, want) {
			t.Errorf("Excerpts = %q, want %q", got, want)
		}
		if got, err := s.Excerpts(ctx, nil); err != nil || len(got) != 0 {
			t.Errorf("Excerpts(nil) = %q, %v", got, err)
		}
	})

	t.Run("Titles", func(t *testing.T) {
		got, err := s.Titles(ctx, []string{"art-2", "missing", "art-1", "art-2"})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 2 || got["art-1"] != "Putin and Trump talk (1)" || got["art-2"] != "Putin and Trump talk (2)" {
			t.Errorf("Titles = %q", got)
		}
	})
}
