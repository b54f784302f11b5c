package eval

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode"

	"chronicle"
)

// TimeML scoring: TempEval-3 Task A (timex extraction and normalisation) as defined in
// METRICS.md, "Time".

// TimeMLDoc is one document's plain TEXT and its TIMEX3 annotations (byte offsets into Text,
// the document creation time excluded).
type TimeMLDoc struct {
	Name    string
	Text    string
	Timexes []chronicle.Timex
}

// TimexTypes are the TIMEX3 types reported separately, in report order.
var TimexTypes = []string{chronicle.DATE, chronicle.TIME, chronicle.DURATION, chronicle.SET}

// TimexCounts are the counts behind the TempEval-3 timex metrics.
//
// Gold-side counts (Gold, StrictGold, RelaxedGold, TypeOK, ValueOK) are indexed by the gold
// item's type; prediction-side counts (Pred, StrictPred, RelaxedPred) by the predicted item's
// type. The totals are the sums over types.
type TimexCounts struct {
	Gold, Pred               int // items
	StrictGold, StrictPred   int // items in an identical-span pair
	RelaxedGold, RelaxedPred int // items in a relaxed pair
	TypeOK, ValueOK          int // relaxed pairs whose type / value strings are equal
}

// TimeMLScore accumulates counts over documents, in total and per type.
type TimeMLScore struct {
	Docs   int
	Total  TimexCounts
	ByType map[string]*TimexCounts
}

// NewTimeMLScore returns an empty score.
func NewTimeMLScore() *TimeMLScore {
	return &TimeMLScore{ByType: map[string]*TimexCounts{}}
}

func (s *TimeMLScore) typ(t string) *TimexCounts {
	c := s.ByType[t]
	if c == nil {
		c = &TimexCounts{}
		s.ByType[t] = c
	}
	return c
}

// TimexPair is a gold item paired with a predicted one (indexes into the documents' Timexes).
type TimexPair struct{ Gold, Pred int }

// AlignTimexes pairs gold and predicted timexes of one text one-to-one: identical spans first,
// then, greedily by the number of shared non-whitespace characters (ties: earlier gold, then
// earlier prediction), spans that share at least one non-whitespace character. It returns the
// pairs and how many of them are identical spans.
func AlignTimexes(text string, gold, pred []chronicle.Timex) (pairs []TimexPair, strict int) {
	gUsed := make([]bool, len(gold))
	pUsed := make([]bool, len(pred))
	for i, g := range gold {
		for j, p := range pred {
			if !pUsed[j] && g.Start == p.Start && g.End == p.End {
				gUsed[i], pUsed[j] = true, true
				pairs = append(pairs, TimexPair{i, j})
				break
			}
		}
	}
	strict = len(pairs)
	type cand struct{ g, p, shared int }
	var cands []cand
	for i, g := range gold {
		if gUsed[i] {
			continue
		}
		for j, p := range pred {
			if pUsed[j] {
				continue
			}
			if n := sharedChars(text, g.Start, g.End, p.Start, p.End); n > 0 {
				cands = append(cands, cand{i, j, n})
			}
		}
	}
	sort.SliceStable(cands, func(a, b int) bool { return cands[a].shared > cands[b].shared })
	for _, c := range cands {
		if gUsed[c.g] || pUsed[c.p] {
			continue
		}
		gUsed[c.g], pUsed[c.p] = true, true
		pairs = append(pairs, TimexPair{c.g, c.p})
	}
	return pairs, strict
}

// sharedChars counts the non-whitespace characters in the intersection of two byte spans.
func sharedChars(text string, s1, e1, s2, e2 int) int {
	s, e := max(s1, s2), min(e1, e2)
	if s < 0 {
		s = 0
	}
	if e > len(text) {
		e = len(text)
	}
	n := 0
	for _, r := range text[max(s, 0):max(e, s)] {
		if !unicode.IsSpace(r) {
			n++
		}
	}
	return n
}

// AddTimeML scores one predicted document against its gold and adds the counts to s. It fails
// when the two plain texts differ (the prediction must not change TEXT).
func (s *TimeMLScore) AddTimeML(gold, pred TimeMLDoc) error {
	if gold.Text != pred.Text {
		return fmt.Errorf("eval.AddTimeML(%q): predicted TEXT differs from the gold TEXT at byte %d", gold.Name, firstDiff(gold.Text, pred.Text))
	}
	s.Docs++
	for _, g := range gold.Timexes {
		s.typ(g.Type).Gold++
		s.Total.Gold++
	}
	for _, p := range pred.Timexes {
		s.typ(p.Type).Pred++
		s.Total.Pred++
	}
	pairs, strict := AlignTimexes(gold.Text, gold.Timexes, pred.Timexes)
	for k, pr := range pairs {
		g, p := gold.Timexes[pr.Gold], pred.Timexes[pr.Pred]
		gc, pc := s.typ(g.Type), s.typ(p.Type)
		if k < strict {
			gc.StrictGold++
			pc.StrictPred++
			s.Total.StrictGold++
			s.Total.StrictPred++
		}
		gc.RelaxedGold++
		pc.RelaxedPred++
		s.Total.RelaxedGold++
		s.Total.RelaxedPred++
		if g.Type == p.Type {
			gc.TypeOK++
			s.Total.TypeOK++
		}
		if g.Value == p.Value {
			gc.ValueOK++
			s.Total.ValueOK++
		}
	}
	return nil
}

func firstDiff(a, b string) int {
	n := min(len(a), len(b))
	for i := 0; i < n; i++ {
		if a[i] != b[i] {
			return i
		}
	}
	return n
}

// TimexMetrics are the published TempEval-3 figures for one set of counts.
type TimexMetrics struct {
	StrictP, StrictR, StrictF1    float64
	RelaxedP, RelaxedR, RelaxedF1 float64
	TypeAcc, ValueAcc             float64 // over relaxed pairs
	TypeF1, ValueF1               float64 // relaxed F1 × accuracy
}

// Metrics computes P/R/F1 and accuracies from the counts.
func (c TimexCounts) Metrics() TimexMetrics {
	var m TimexMetrics
	m.StrictP, m.StrictR = ratio(c.StrictPred, c.Pred), ratio(c.StrictGold, c.Gold)
	m.StrictF1 = f1(m.StrictP, m.StrictR)
	m.RelaxedP, m.RelaxedR = ratio(c.RelaxedPred, c.Pred), ratio(c.RelaxedGold, c.Gold)
	m.RelaxedF1 = f1(m.RelaxedP, m.RelaxedR)
	m.TypeAcc, m.ValueAcc = ratio(c.TypeOK, c.RelaxedGold), ratio(c.ValueOK, c.RelaxedGold)
	m.TypeF1, m.ValueF1 = m.RelaxedF1*m.TypeAcc, m.RelaxedF1*m.ValueAcc
	return m
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func f1(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// WriteReport prints the per-type table and, last, one line of key=value pairs for the totals.
// A type's recall counts gold items of that type, its precision predicted items of that type;
// its accuracies are over relaxed pairs whose gold item has that type.
func (s *TimeMLScore) WriteReport(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "TempEval-3 Task A (timexes), %d documents\n", s.Docs)
	fmt.Fprintf(&b, "%-9s %5s %5s | %6s %6s %6s | %6s %6s %6s | %6s %6s | %6s %6s\n",
		"type", "gold", "pred", "str-P", "str-R", "str-F1", "rel-P", "rel-R", "rel-F1", "typeA", "valA", "typeF1", "valF1")
	row := func(name string, c TimexCounts) {
		m := c.Metrics()
		fmt.Fprintf(&b, "%-9s %5d %5d | %6.4f %6.4f %6.4f | %6.4f %6.4f %6.4f | %6.4f %6.4f | %6.4f %6.4f\n",
			name, c.Gold, c.Pred, m.StrictP, m.StrictR, m.StrictF1, m.RelaxedP, m.RelaxedR, m.RelaxedF1,
			m.TypeAcc, m.ValueAcc, m.TypeF1, m.ValueF1)
	}
	for _, t := range TimexTypes {
		row(t, s.ByType[t].orZero())
	}
	var other []string
	for t := range s.ByType {
		if !isTimexType(t) {
			other = append(other, t)
		}
	}
	sort.Strings(other)
	for _, t := range other {
		row(fmt.Sprintf("%q", t), *s.ByType[t])
	}
	row("all", s.Total)
	m := s.Total.Metrics()
	fmt.Fprintf(&b, "docs=%d gold=%d pred=%d strict_p=%.4f strict_r=%.4f strict_f1=%.4f relaxed_p=%.4f relaxed_r=%.4f relaxed_f1=%.4f type_acc=%.4f value_acc=%.4f type_f1=%.4f value_f1=%.4f\n",
		s.Docs, s.Total.Gold, s.Total.Pred, m.StrictP, m.StrictR, m.StrictF1, m.RelaxedP, m.RelaxedR, m.RelaxedF1,
		m.TypeAcc, m.ValueAcc, m.TypeF1, m.ValueF1)
	_, err := io.WriteString(w, b.String())
	return err
}

func (c *TimexCounts) orZero() TimexCounts {
	if c == nil {
		return TimexCounts{}
	}
	return *c
}

func isTimexType(t string) bool {
	for _, x := range TimexTypes {
		if x == t {
			return true
		}
	}
	return false
}
