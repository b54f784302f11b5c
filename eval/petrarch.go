package eval

import (
	"bufio"
	"fmt"
	"io"
	"sort"
	"strings"

	"chronicle/petrarch"
)

// PETRARCH validation records scoring (METRICS.md, "Events (PETRARCH validation records)").

// PetrarchTriple is one coded event of a sentence: `sentence_id<TAB>eventcode<TAB>sourcecode<TAB>targetcode`.
type PetrarchTriple struct {
	Sentence, Code, Source, Target string
}

// PetrarchCounts are matched, predicted and gold item counts.
type PetrarchCounts struct{ Matched, Pred, Gold int }

// P is matched / predicted.
func (c PetrarchCounts) P() float64 { return petrarchRatio(c.Matched, c.Pred) }

// R is matched / gold.
func (c PetrarchCounts) R() float64 { return petrarchRatio(c.Matched, c.Gold) }

// F1 is 2PR/(P+R), 0 when P+R = 0.
func (c PetrarchCounts) F1() float64 {
	p, r := c.P(), c.R()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func petrarchRatio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// PetrarchScores are the event-coding metrics over the scored records.
type PetrarchScores struct {
	Records      int            // records scored
	ExactRecords int            // records whose predicted triples equal the gold ones
	Triple       PetrarchCounts // exact (sentence, code, source, target)
	Code         PetrarchCounts // (sentence, code)
	Root         PetrarchCounts // (sentence, two-digit root)
	// ActorOK of ActorPairs code matches also have the gold source and target.
	ActorOK, ActorPairs int
	// ByCategory holds the triple counts per record category.
	ByCategory map[string]*PetrarchCounts
}

// ActorAccuracy is ActorOK / ActorPairs.
func (s *PetrarchScores) ActorAccuracy() float64 { return petrarchRatio(s.ActorOK, s.ActorPairs) }

// RecordAccuracy is ExactRecords / Records.
func (s *PetrarchScores) RecordAccuracy() float64 { return petrarchRatio(s.ExactRecords, s.Records) }

// ReadPetrarchPredictions reads prediction lines; blank lines are skipped, and a line with
// fewer than four tab-separated fields is an error.
func ReadPetrarchPredictions(r io.Reader) ([]PetrarchTriple, error) {
	var out []PetrarchTriple
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<16), 1<<24)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) < 4 {
			return nil, fmt.Errorf("eval.ReadPetrarchPredictions: line %d: want 4 tab-separated fields, got %d", n, len(f))
		}
		out = append(out, PetrarchTriple{Sentence: f[0], Code: f[1], Source: f[2], Target: f[3]})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("eval.ReadPetrarchPredictions: %w", err)
	}
	return out, nil
}

// PetrarchRoot is the two-digit CAMEO root of a code ("0352" → "03").
func PetrarchRoot(code string) string {
	if len(code) < 2 {
		return code
	}
	return code[:2]
}

// ScorePetrarch scores predictions against the records of f that METRICS.md scores: category in
// the <Include> list, valid/evaluate/sentence flag true, not FINAL-RECORD. Records sharing an
// id pool their gold triples; predictions for unscored ids are ignored. Pairings are
// one-to-one (multisets).
func ScorePetrarch(f *petrarch.RecordFile, pred []PetrarchTriple) PetrarchScores {
	s := PetrarchScores{ByCategory: map[string]*PetrarchCounts{}}
	gold := map[string][]PetrarchTriple{}
	cat := map[string]string{}
	var ids []string
	for i := range f.Records {
		r := &f.Records[i]
		if !r.Scored(f.Env.Include) {
			continue
		}
		if _, seen := cat[r.ID]; !seen {
			ids = append(ids, r.ID)
			s.Records++
		}
		cat[r.ID] = r.Category
		for _, c := range r.Gold() {
			gold[r.ID] = append(gold[r.ID], PetrarchTriple{Sentence: r.ID, Code: c.Event, Source: c.Source, Target: c.Target})
		}
	}
	preds := map[string][]PetrarchTriple{}
	for _, p := range pred {
		if _, ok := cat[p.Sentence]; ok {
			preds[p.Sentence] = append(preds[p.Sentence], p)
		}
	}
	sort.Strings(ids)
	for _, id := range ids {
		g, p := gold[id], preds[id]
		exact := multisetMatch(g, p, func(t PetrarchTriple) string { return t.Code + "\x00" + t.Source + "\x00" + t.Target })
		code := multisetMatch(g, p, func(t PetrarchTriple) string { return t.Code })
		root := multisetMatch(g, p, func(t PetrarchTriple) string { return PetrarchRoot(t.Code) })
		s.Triple.add(exact, len(p), len(g))
		s.Code.add(code, len(p), len(g))
		s.Root.add(root, len(p), len(g))
		// Code matches, paired exact-first: the actors are right on min(exact, code) pairs.
		s.ActorPairs += code
		s.ActorOK += exact
		if exact == len(g) && exact == len(p) {
			s.ExactRecords++
		}
		c := s.ByCategory[cat[id]]
		if c == nil {
			c = &PetrarchCounts{}
			s.ByCategory[cat[id]] = c
		}
		c.add(exact, len(p), len(g))
	}
	return s
}

func (c *PetrarchCounts) add(m, p, g int) { c.Matched += m; c.Pred += p; c.Gold += g }

// multisetMatch counts the one-to-one matches between gold and pred under key.
func multisetMatch(gold, pred []PetrarchTriple, key func(PetrarchTriple) string) int {
	n := map[string]int{}
	for _, g := range gold {
		n[key(g)]++
	}
	m := 0
	for _, p := range pred {
		k := key(p)
		if n[k] > 0 {
			n[k]--
			m++
		}
	}
	return m
}

// WritePetrarch prints the tables of s and ends with one `key=value …` line.
func WritePetrarch(w io.Writer, s *PetrarchScores) {
	fmt.Fprintf(w, "PETRARCH records scored: %d, exactly right: %d (%.3f)\n\n", s.Records, s.ExactRecords, s.RecordAccuracy())
	fmt.Fprintf(w, "%-8s %6s %6s %6s %6s %6s %6s\n", "level", "P", "R", "F1", "match", "pred", "gold")
	for _, row := range []struct {
		name string
		c    PetrarchCounts
	}{{"triple", s.Triple}, {"code", s.Code}, {"root", s.Root}} {
		fmt.Fprintf(w, "%-8s %6.3f %6.3f %6.3f %6d %6d %6d\n", row.name, row.c.P(), row.c.R(), row.c.F1(), row.c.Matched, row.c.Pred, row.c.Gold)
	}
	fmt.Fprintf(w, "\nactor accuracy on code matches: %.3f (%d/%d)\n\n", s.ActorAccuracy(), s.ActorOK, s.ActorPairs)
	cats := make([]string, 0, len(s.ByCategory))
	for c := range s.ByCategory {
		cats = append(cats, c)
	}
	sort.Strings(cats)
	fmt.Fprintf(w, "%-10s %6s %6s %6s %6s %6s %6s\n", "category", "P", "R", "F1", "match", "pred", "gold")
	for _, c := range cats {
		x := s.ByCategory[c]
		fmt.Fprintf(w, "%-10s %6.3f %6.3f %6.3f %6d %6d %6d\n", c, x.P(), x.R(), x.F1(), x.Matched, x.Pred, x.Gold)
	}
	fmt.Fprintf(w, "records=%d record_acc=%.4f triple_p=%.4f triple_r=%.4f triple_f1=%.4f code_f1=%.4f root_p=%.4f root_r=%.4f root_f1=%.4f actor_acc=%.4f\n",
		s.Records, s.RecordAccuracy(), s.Triple.P(), s.Triple.R(), s.Triple.F1(), s.Code.F1(), s.Root.P(), s.Root.R(), s.Root.F1(), s.ActorAccuracy())
}
