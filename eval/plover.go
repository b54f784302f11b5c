package eval

import (
	"bufio"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"io"
	"sort"
	"strings"
)

// PLOVER gold records scoring (METRICS.md, "PLOVER gold records").

// PloverRecord is one PLOVER gold-standard record: its id, text and event category mapped to
// PLOVER 2.0.
type PloverRecord struct {
	ID, Text string
	Event    string // PLOVER 2.0 category
	Label    string // the record's own (2016, PLOVER 0.5) label
}

// Plover2016 maps a PLOVER 0.5 (2016) category to its PLOVER 2.0 name: DEMAND became
// REQUEST, DISAPPROVE and INVESTIGATE are ACCUSE, FIGHT merged into ASSAULT.
func Plover2016(label string) string {
	switch label = strings.ToUpper(strings.TrimSpace(label)); label {
	case "DEMAND":
		return "REQUEST"
	case "DISAPPROVE", "INVESTIGATE":
		return "ACCUSE"
	case "FIGHT":
		return "ASSAULT"
	}
	return label
}

// PloverPart splits the PLOVER gold records deterministically by id: "heldout" for the third
// whose FNV-1a 32-bit hash of the id is divisible by 3, "tune" for the rest. All 322 records
// are public; rules are developed on the tune part only and the held-out part estimates how
// they do on records of the same kind they were not developed on.
func PloverPart(id string) string {
	h := fnv.New32a()
	h.Write([]byte(id))
	if h.Sum32()%3 == 0 {
		return "heldout"
	}
	return "tune"
}

// ReadPloverGSR reads the PLOVER GSR JSON array; the DOCUMENT header record is skipped.
func ReadPloverGSR(r io.Reader) ([]PloverRecord, error) {
	var raw []struct {
		ID    string `json:"id"`
		Text  string `json:"text"`
		Event string `json:"event"`
	}
	if err := json.NewDecoder(r).Decode(&raw); err != nil {
		return nil, fmt.Errorf("eval.ReadPloverGSR: %w", err)
	}
	var out []PloverRecord
	for _, x := range raw {
		if x.Event == "" || x.Event == "DOCUMENT" {
			continue
		}
		out = append(out, PloverRecord{ID: x.ID, Text: x.Text, Label: x.Event, Event: Plover2016(x.Event)})
	}
	return out, nil
}

// ReadPloverPredictions reads `id<TAB>CATEGORY` lines.
func ReadPloverPredictions(r io.Reader) (map[string]string, error) {
	out := map[string]string{}
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		id, cat, ok := strings.Cut(line, "\t")
		if !ok {
			return nil, fmt.Errorf("eval.ReadPloverPredictions: line %d: want id<TAB>category", n)
		}
		out[id] = strings.TrimSpace(cat)
	}
	return out, sc.Err()
}

// PloverScores is the category accuracy, in total and per gold category.
type PloverScores struct {
	N, Correct int
	ByCategory map[string]*[2]int // gold category → {correct, n}
	Predicted  map[string]int     // predicted category → count ("" for none)
}

// Accuracy is Correct / N.
func (s *PloverScores) Accuracy() float64 { return petrarchRatio(s.Correct, s.N) }

// ScorePlover scores predicted categories (by record id) against the gold records.
func ScorePlover(gold []PloverRecord, pred map[string]string) PloverScores {
	s := PloverScores{ByCategory: map[string]*[2]int{}, Predicted: map[string]int{}}
	for _, g := range gold {
		p := strings.ToUpper(strings.TrimSpace(pred[g.ID]))
		c := s.ByCategory[g.Event]
		if c == nil {
			c = &[2]int{}
			s.ByCategory[g.Event] = c
		}
		c[1]++
		s.N++
		s.Predicted[p]++
		if p == g.Event {
			c[0]++
			s.Correct++
		}
	}
	return s
}

// WritePlover prints the per-category table and ends with one `key=value …` line.
func WritePlover(w io.Writer, s *PloverScores) {
	cats := make([]string, 0, len(s.ByCategory))
	for c := range s.ByCategory {
		cats = append(cats, c)
	}
	sort.Strings(cats)
	fmt.Fprintf(w, "%-10s %6s %6s %8s %6s\n", "category", "gold", "right", "accuracy", "pred")
	for _, c := range cats {
		x := s.ByCategory[c]
		fmt.Fprintf(w, "%-10s %6d %6d %8.3f %6d\n", c, x[1], x[0], petrarchRatio(x[0], x[1]), s.Predicted[c])
	}
	fmt.Fprintf(w, "%-10s %6s %6s %8s %6d\n", "(none)", "", "", "", s.Predicted[""])
	fmt.Fprintf(w, "records=%d correct=%d accuracy=%.4f\n", s.N, s.Correct, s.Accuracy())
}
