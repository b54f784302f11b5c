package eval

import (
	"strings"
	"testing"

	"chronicle"
)

func tx(s, e int, typ, val string) chronicle.Timex {
	return chronicle.Timex{Span: chronicle.Span{Start: s, End: e}, Type: typ, Value: val}
}

func TestAlignTimexes(t *testing.T) {
	text := "on Friday the third quarter and last year ago"
	//       0123456789012345678901234567890123456789012
	tests := []struct {
		name       string
		gold, pred []chronicle.Timex
		pairs      []TimexPair
		strict     int
	}{
		{"identical", []chronicle.Timex{tx(3, 9, "DATE", "")}, []chronicle.Timex{tx(3, 9, "DATE", "")}, []TimexPair{{0, 0}}, 1},
		{"overlap", []chronicle.Timex{tx(3, 9, "DATE", "")}, []chronicle.Timex{tx(0, 9, "DATE", "")}, []TimexPair{{0, 0}}, 0},
		{"whitespace only", []chronicle.Timex{tx(0, 3, "DATE", "")}, []chronicle.Timex{tx(2, 5, "DATE", "")}, nil, 0}, // "on " and " Fr" share only a space
		{"disjoint", []chronicle.Timex{tx(3, 9, "DATE", "")}, []chronicle.Timex{tx(10, 13, "DATE", "")}, nil, 0},
		{"identical first", []chronicle.Timex{tx(10, 27, "DATE", ""), tx(14, 27, "DATE", "")},
			[]chronicle.Timex{tx(14, 27, "DATE", ""), tx(10, 13, "DATE", "")}, []TimexPair{{1, 0}, {0, 1}}, 1},
		{"most shared wins", []chronicle.Timex{tx(10, 27, "DATE", "")},
			[]chronicle.Timex{tx(10, 13, "DATE", ""), tx(14, 27, "DATE", "")}, []TimexPair{{0, 1}}, 0},
	}
	for _, tt := range tests {
		pairs, strict := AlignTimexes(text, tt.gold, tt.pred)
		if strict != tt.strict || len(pairs) != len(tt.pairs) {
			t.Errorf("%s: pairs %v strict %d, want %v %d", tt.name, pairs, strict, tt.pairs, tt.strict)
			continue
		}
		for i := range pairs {
			if pairs[i] != tt.pairs[i] {
				t.Errorf("%s: pairs %v, want %v", tt.name, pairs, tt.pairs)
			}
		}
	}
}

func TestTimeMLScore(t *testing.T) {
	text := "Friday and two years and daily and now"
	gold := TimeMLDoc{Name: "a", Text: text, Timexes: []chronicle.Timex{
		tx(0, 6, "DATE", "1998-08-07"), tx(11, 20, "DURATION", "P2Y"), tx(25, 30, "SET", "P1D"),
	}}
	pred := TimeMLDoc{Name: "a", Text: text, Timexes: []chronicle.Timex{
		tx(0, 6, "DATE", "1998-08-14"),    // value wrong
		tx(15, 20, "DURATION", "P2Y"),     // relaxed only
		tx(35, 38, "DATE", "PRESENT_REF"), // spurious
	}}
	s := NewTimeMLScore()
	if err := s.AddTimeML(gold, pred); err != nil {
		t.Fatal(err)
	}
	m := s.Total.Metrics()
	near := func(a, b float64) bool { return a-b < 1e-9 && b-a < 1e-9 }
	if !near(m.StrictP, 1.0/3) || !near(m.StrictR, 1.0/3) || !near(m.RelaxedP, 2.0/3) || !near(m.RelaxedR, 2.0/3) ||
		!near(m.TypeAcc, 1) || !near(m.ValueAcc, 0.5) || !near(m.ValueF1, 2.0/3*0.5) {
		t.Errorf("metrics = %+v", m)
	}
	if c := s.ByType["SET"]; c.Gold != 1 || c.RelaxedGold != 0 {
		t.Errorf("SET counts = %+v", c)
	}
	if c := s.ByType["DATE"]; c.Pred != 2 || c.RelaxedPred != 1 || c.ValueOK != 0 {
		t.Errorf("DATE counts = %+v", c)
	}
	var b strings.Builder
	if err := s.WriteReport(&b); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	last := lines[len(lines)-1]
	if !strings.HasPrefix(last, "docs=1 gold=3 pred=3 strict_p=0.3333") || !strings.Contains(last, "value_f1=0.3333") {
		t.Errorf("last line = %q", last)
	}
	if err := s.AddTimeML(gold, TimeMLDoc{Text: text + "x"}); err == nil {
		t.Error("AddTimeML with a different text: no error")
	}
}
