package cluster

import (
	"fmt"
	"io"
	"math/rand/v2"
	"sort"
	"strings"

	"chronicle"
	"chronicle/text"
)

// Evaluation of near-duplicate detection: real articles, and for each a copy made with the
// edits a copy desk makes to wire copy. Detection runs over originals and copies together;
// the gold pairs are (original, its copy), every other pair is a non-duplicate.

// DupDoc is an article of the duplicate-detection test set.
type DupDoc struct {
	ID, Date, Title, Text string
	// Story groups distinct articles about the same story (from the data set), "" if unknown.
	Story string
	// Of is the id of the original a copy was made from ("" for an original).
	Of    string
	Edits []string
}

// Edits a copy can get.
var Edits = []string{"headline", "lede", "trim", "dateline", "paragraph", "words"}

var ledes = []string{
	"%s, according to people familiar with the matter.",
	"In a development that drew attention on %s, %s.",
	"%s, officials said, as the story continued to develop.",
	"The latest: %s, in news that was confirmed on %s.",
}

var weekdays = []string{"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}

var substitutions = [][2]string{
	{"said", "stated"}, {"percent", "per cent"}, {"U.S.", "US"}, {"told", "informed"},
	{"about", "around"}, {"also", "additionally"}, {"but", "however"}, {"because", "as"},
	{"company", "firm"}, {"government", "administration"}, {"officials", "authorities"},
	{"announced", "unveiled"}, {"expected", "anticipated"}, {"more than", "over"},
}

var outlets = []string{"(Example Wire)", "(Daily Ledger)", "(The Courier)", "(Metro News)"}

// MakeCopy returns a copy of d with the headline changed and at least one edit of its text:
// a new lede, a trimmed end, a changed dateline or credit, a dropped middle paragraph, or a
// few words substituted. The copy's id is d.ID + "-copy".
func MakeCopy(r *rand.Rand, d DupDoc) DupDoc {
	c := DupDoc{ID: d.ID + "-copy", Date: d.Date, Story: d.Story, Of: d.ID, Edits: []string{"headline"}}
	c.Title = "UPDATE 1-" + strings.ToUpper(d.Title[:min(len(d.Title), 1)]) + d.Title[min(len(d.Title), 1):]
	if r.IntN(2) == 0 {
		words := strings.Fields(d.Title)
		r.Shuffle(len(words), func(i, j int) { words[i], words[j] = words[j], words[i] })
		c.Title = strings.Join(words, " ")
	}
	doc := text.Segment(d.Text)
	sents := make([]string, 0, len(doc.Sentences))
	for _, s := range doc.Sentences {
		sents = append(sents, d.Text[s.Start:s.End])
	}
	edits := map[string]bool{}
	for len(edits) == 0 {
		for _, e := range Edits[1:] {
			p := map[string]float64{"lede": 0.5, "trim": 0.6, "dateline": 0.3, "paragraph": 0.3, "words": 0.4}[e]
			if r.Float64() < p {
				edits[e] = true
			}
		}
	}
	if edits["paragraph"] && len(sents) > 4 {
		i := 1 + r.IntN(len(sents)-2)
		sents = append(sents[:i:i], sents[i+1:]...)
	} else {
		delete(edits, "paragraph")
	}
	if edits["trim"] && len(sents) > 2 {
		keep := len(sents) - int(float64(len(sents))*(0.2+0.3*r.Float64()))
		sents = sents[:max(keep, 2)]
	} else {
		delete(edits, "trim")
	}
	if edits["lede"] && len(sents) > 1 {
		day := weekdays[r.IntN(len(weekdays))]
		t := ledes[r.IntN(len(ledes))]
		var lede string
		if strings.Count(t, "%s") == 2 {
			if t[0] == 'I' {
				lede = fmt.Sprintf(t, day, lowerFirst(d.Title))
			} else {
				lede = fmt.Sprintf(t, d.Title, day)
			}
		} else {
			lede = fmt.Sprintf(t, d.Title)
		}
		sents[0] = lede
	} else {
		delete(edits, "lede")
	}
	body := strings.Join(sents, " ")
	if edits["dateline"] {
		o := outlets[r.IntN(len(outlets))]
		if i := strings.Index(body, "(Reuters)"); i >= 0 {
			body = body[:i] + o + body[i+len("(Reuters)"):]
		} else {
			body = strings.ToUpper(strings.Fields(d.Title + " NEWS")[0]) + " " + o + " - " + body
		}
	}
	if edits["words"] {
		for _, s := range substitutions {
			if r.IntN(2) == 0 {
				body = strings.ReplaceAll(body, " "+s[0]+" ", " "+s[1]+" ")
			}
		}
	}
	c.Text = body
	for _, e := range Edits[1:] {
		if edits[e] {
			c.Edits = append(c.Edits, e)
		}
	}
	return c
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

// DupScore is the outcome of EvalDuplicates.
type DupScore struct {
	Originals, Copies int
	// Pairs: gold (original, copy) pairs; flagged pairs (two articles in one predicted group);
	// true positives.
	Gold, Flagged, TP int
	// ByEdit counts copies and found copies per edit.
	ByEdit map[string][2]int
	// SameStory: pairs of distinct originals of the same story, and how many were flagged.
	SameStory, SameStoryFlagged int
	// OriginalPairs are flagged pairs of two originals: the data's own near-duplicates
	// (syndicated copies, updated versions) or false positives.
	OriginalPairs [][2]string
	// DataDup counts the flagged pairs whose originals are near-duplicates in the data itself
	// (exact shingle containment ≥ MinContainment): right, though not in the synthetic gold.
	DataDup int
	// Missed are copies not found (at most 20).
	Missed []string
}

// AdjustedPrecision counts flagged pairs that the data's own near-duplicates explain as right.
func (s *DupScore) AdjustedPrecision() float64 { return ratio(s.TP+s.DataDup, s.Flagged) }

// containment is the exact share of the smaller shingle set found in the larger.
func containment(a, b []uint64) float64 {
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(a) == 0 {
		return 0
	}
	n, j := 0, 0
	for _, x := range a {
		for j < len(b) && b[j] < x {
			j++
		}
		if j < len(b) && b[j] == x {
			n++
		}
	}
	return float64(n) / float64(len(a))
}

// Precision, Recall and F1 of the flagged pairs.
func (s *DupScore) Precision() float64 { return ratio(s.TP, s.Flagged) }
func (s *DupScore) Recall() float64    { return ratio(s.TP, s.Gold) }
func (s *DupScore) F1() float64 {
	p, r := s.Precision(), s.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// EvalDuplicates makes one copy of every original (with a generator seeded by seed), runs Dedup
// over originals and copies together and scores the predicted groups pairwise.
func EvalDuplicates(originals []DupDoc, seed uint64) DupScore {
	r := rand.New(rand.NewPCG(seed, seed^0x5eed))
	all := append([]DupDoc(nil), originals...)
	for _, d := range originals {
		all = append(all, MakeCopy(r, d))
	}
	ss := make([]chronicle.Sketch, len(all))
	byID := make(map[string]*DupDoc, len(all))
	for i := range all {
		a := chronicle.Article{ID: all[i].ID, Date: all[i].Date, Text: all[i].Text}
		ss[i] = Sketch(&a)
		byID[all[i].ID] = &all[i]
	}
	_, orig := Dedup(ss)
	shingles := map[string][]uint64{}
	sh := func(id string) []uint64 {
		if v, ok := shingles[id]; ok {
			return v
		}
		v := Shingles(byID[id].Text)
		shingles[id] = v
		return v
	}
	root := func(d *DupDoc) string {
		if d.Of != "" {
			return d.Of
		}
		return d.ID
	}
	groups := map[string][]string{}
	for _, d := range all {
		groups[orig[d.ID]] = append(groups[orig[d.ID]], d.ID)
	}
	s := DupScore{Originals: len(originals), Copies: len(originals), Gold: len(originals), ByEdit: map[string][2]int{}}
	for _, g := range groups {
		sort.Strings(g)
		for i := range g {
			for j := i + 1; j < len(g); j++ {
				a, b := byID[g[i]], byID[g[j]]
				s.Flagged++
				switch {
				case a.Of == b.ID || b.Of == a.ID:
					s.TP++
				default:
					if containment(sh(root(a)), sh(root(b))) >= MinContainment {
						s.DataDup++
					}
					if a.Of == "" && b.Of == "" {
						s.OriginalPairs = append(s.OriginalPairs, [2]string{a.ID, b.ID})
					}
				}
			}
		}
	}
	sort.Slice(s.OriginalPairs, func(i, j int) bool { return s.OriginalPairs[i][0] < s.OriginalPairs[j][0] })
	for _, d := range all[len(originals):] {
		found := orig[d.ID] == orig[d.Of]
		if !found && len(s.Missed) < 20 {
			s.Missed = append(s.Missed, d.ID)
		}
		for _, e := range append([]string{"all"}, d.Edits...) {
			v := s.ByEdit[e]
			v[0]++
			if found {
				v[1]++
			}
			s.ByEdit[e] = v
		}
	}
	for i, a := range originals {
		for _, b := range originals[i+1:] {
			if a.Story != "" && a.Story == b.Story {
				s.SameStory++
				if orig[a.ID] == orig[b.ID] {
					s.SameStoryFlagged++
				}
			}
		}
	}
	return s
}

// Write prints the score as tables and ends with one key=value line.
func (s *DupScore) Write(w io.Writer) {
	fmt.Fprintf(w, "near-duplicate articles: %d originals, %d copies\n\n", s.Originals, s.Copies)
	fmt.Fprintf(w, "%-10s %7s %7s %7s\n", "edit", "copies", "found", "recall")
	for _, e := range append([]string{"all"}, Edits...) {
		v := s.ByEdit[e]
		fmt.Fprintf(w, "%-10s %7d %7d %7.3f\n", e, v[0], v[1], ratio(v[1], v[0]))
	}
	fmt.Fprintf(w, "\npairs: gold %d, flagged %d, correct %d\n", s.Gold, s.Flagged, s.TP)
	fmt.Fprintf(w, "distinct articles on the same story: %d pairs, %d flagged\n", s.SameStory, s.SameStoryFlagged)
	fmt.Fprintf(w, "flagged pairs of two originals (duplicates in the data itself, or false positives): %d\n", len(s.OriginalPairs))
	for i, p := range s.OriginalPairs {
		if i == 10 {
			fmt.Fprintf(w, "  …\n")
			break
		}
		fmt.Fprintf(w, "  %s %s\n", p[0], p[1])
	}
	fmt.Fprintf(w, "flagged pairs explained by near-duplicates in the data itself (exact containment ≥ %.2f): %d\n", MinContainment, s.DataDup)
	if len(s.Missed) > 0 {
		fmt.Fprintf(w, "missed copies: %s\n", strings.Join(s.Missed, " "))
	}
	fmt.Fprintf(w, "copies=%d precision=%.4f adjusted_precision=%.4f recall=%.4f f1=%.4f same_story_pairs=%d same_story_flagged=%d original_pairs_flagged=%d\n",
		s.Copies, s.Precision(), s.AdjustedPrecision(), s.Recall(), s.F1(), s.SameStory, s.SameStoryFlagged, len(s.OriginalPairs))
}
