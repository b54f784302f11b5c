package eval

import (
	"bufio"
	"fmt"
	"io"
	"sort"
	"strings"
)

// CoNLL-2003 NER scoring, exactly as the conlleval script: METRICS.md, "Entities".

// CoNLLTypes are the CoNLL-2003 entity types, in report order.
var CoNLLTypes = []string{"LOC", "MISC", "ORG", "PER"}

// CoNLLScores are conlleval's counts: chunks found in the gold column (Gold), in the predicted
// column (Found), and correct ones (first token, last token and type equal), overall and per type.
type CoNLLScores struct {
	Tokens, CorrectTags     int
	Gold, Found, Correct    int
	GoldT, FoundT, CorrectT map[string]int
}

// P, R and F1 of the whole data set.
func (s *CoNLLScores) P() float64  { return ratio(s.Correct, s.Found) }
func (s *CoNLLScores) R() float64  { return ratio(s.Correct, s.Gold) }
func (s *CoNLLScores) F1() float64 { return f1(s.P(), s.R()) }

// TypeP, TypeR and TypeF1 are the figures of one type.
func (s *CoNLLScores) TypeP(t string) float64  { return ratio(s.CorrectT[t], s.FoundT[t]) }
func (s *CoNLLScores) TypeR(t string) float64  { return ratio(s.CorrectT[t], s.GoldT[t]) }
func (s *CoNLLScores) TypeF1(t string) float64 { return f1(s.TypeP(t), s.TypeR(t)) }

// Accuracy is the share of tokens whose predicted tag equals the gold tag.
func (s *CoNLLScores) Accuracy() float64 { return ratio(s.CorrectTags, s.Tokens) }

// ScoreCoNLL reads conlleval input: one token per line whose last two space-separated columns
// are the gold and the predicted tag (O, B-T, I-T; IOB1 or IOB2), blank lines between
// sentences. Like conlleval, -DOCSTART- lines count as tokens tagged O.
func ScoreCoNLL(r io.Reader) (*CoNLLScores, error) {
	s := &CoNLLScores{GoldT: map[string]int{}, FoundT: map[string]int{}, CorrectT: map[string]int{}}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	const boundary = "-X-"
	inCorrect := false
	lastC, lastG, lastCT, lastGT := "O", "O", "", ""
	n := 0
	for sc.Scan() {
		n++
		f := strings.Fields(sc.Text())
		if len(f) == 0 {
			f = []string{boundary, "O", "O"}
		}
		if len(f) < 3 {
			return nil, fmt.Errorf("eval.ScoreCoNLL: line %d: want the word, the gold tag and the predicted tag, got %d columns", n, len(f))
		}
		c, ct, err := conllTag(f[len(f)-2])
		if err != nil {
			return nil, fmt.Errorf("eval.ScoreCoNLL: line %d: %w", n, err)
		}
		g, gt, err := conllTag(f[len(f)-1])
		if err != nil {
			return nil, fmt.Errorf("eval.ScoreCoNLL: line %d: %w", n, err)
		}
		if f[0] == boundary {
			g = "O"
		}
		endC := conllEnd(lastC, c, lastCT, ct)
		endG := conllEnd(lastG, g, lastGT, gt)
		if inCorrect {
			if endC && endG && lastGT == lastCT {
				inCorrect = false
				s.Correct++
				s.CorrectT[lastCT]++
			} else if endC != endG || gt != ct {
				inCorrect = false
			}
		}
		startC := conllStart(lastC, c, lastCT, ct)
		startG := conllStart(lastG, g, lastGT, gt)
		if startC && startG && gt == ct {
			inCorrect = true
		}
		if startC {
			s.Gold++
			s.GoldT[ct]++
		}
		if startG {
			s.Found++
			s.FoundT[gt]++
		}
		if f[0] != boundary {
			if c == g && gt == ct {
				s.CorrectTags++
			}
			s.Tokens++
		}
		lastC, lastG, lastCT, lastGT = c, g, ct, gt
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("eval.ScoreCoNLL: %w", err)
	}
	if inCorrect {
		s.Correct++
		s.CorrectT[lastCT]++
	}
	return s, nil
}

// conllTag splits a tag into its prefix (B, I, O…) and type, as conlleval does.
func conllTag(t string) (string, string, error) {
	if p, typ, ok := strings.Cut(t, "-"); ok {
		return p, typ, nil
	}
	if t != "O" {
		return "", "", fmt.Errorf("bad tag %q (want O, B-TYPE or I-TYPE)", t)
	}
	return t, "", nil
}

func conllEnd(prev, tag, prevType, typ string) bool {
	switch {
	case prev == "B" && tag == "B", prev == "B" && tag == "O",
		prev == "I" && tag == "B", prev == "I" && tag == "O",
		prev == "E" && tag == "E", prev == "E" && tag == "I", prev == "E" && tag == "O":
		return true
	case prev != "O" && prev != "." && prevType != typ:
		return true
	case prev == "]" || prev == "[":
		return true
	}
	return false
}

func conllStart(prev, tag, prevType, typ string) bool {
	switch {
	case prev == "B" && tag == "B", prev == "I" && tag == "B", prev == "O" && tag == "B",
		prev == "O" && tag == "I", prev == "E" && tag == "E", prev == "E" && tag == "I",
		prev == "O" && tag == "E":
		return true
	case tag != "O" && tag != "." && prevType != typ:
		return true
	case tag == "[" || tag == "]":
		return true
	}
	return false
}

// WriteCoNLL prints the scores as conlleval does (percentages), then one line of
// key=value pairs (fractions) with the overall and per-type figures.
func (s *CoNLLScores) Write(w io.Writer) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "processed %d tokens with %d phrases; found: %d phrases; correct: %d.\n", s.Tokens, s.Gold, s.Found, s.Correct)
	fmt.Fprintf(bw, "accuracy: %6.2f%%; precision: %6.2f%%; recall: %6.2f%%; FB1: %6.2f\n",
		100*s.Accuracy(), 100*s.P(), 100*s.R(), 100*s.F1())
	types := s.types()
	for _, t := range types {
		fmt.Fprintf(bw, "%17s: precision: %6.2f%%; recall: %6.2f%%; FB1: %6.2f  %d\n",
			t, 100*s.TypeP(t), 100*s.TypeR(t), 100*s.TypeF1(t), s.FoundT[t])
	}
	fmt.Fprintf(bw, "tokens=%d gold=%d found=%d correct=%d accuracy=%.4f p=%.4f r=%.4f f1=%.4f",
		s.Tokens, s.Gold, s.Found, s.Correct, s.Accuracy(), s.P(), s.R(), s.F1())
	for _, t := range types {
		fmt.Fprintf(bw, " %s_p=%.4f %s_r=%.4f %s_f1=%.4f", t, s.TypeP(t), t, s.TypeR(t), t, s.TypeF1(t))
	}
	fmt.Fprintln(bw)
	return bw.Flush()
}

// types returns the types seen in gold or predictions, sorted (the CoNLL types always).
func (s *CoNLLScores) types() []string {
	set := map[string]bool{}
	for _, t := range CoNLLTypes {
		set[t] = true
	}
	for t := range s.GoldT {
		set[t] = true
	}
	for t := range s.FoundT {
		set[t] = true
	}
	delete(set, "")
	var out []string
	for t := range set {
		out = append(out, t)
	}
	sort.Strings(out)
	return out
}
