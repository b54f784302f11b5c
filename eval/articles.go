package eval

import (
	"unicode"
	"unicode/utf8"
)

// Article-body scoring: the article-extraction benchmark's own metric (METRICS.md, "Article
// body"), as its evaluate.py computes it:
//
//   - a text is split into \w+ tokens (Unicode letters, numbers and "_", case kept);
//   - it becomes the multiset of its 4-token shingles (a text of 1–3 tokens is one shorter
//     shingle, an empty text none);
//   - per page tp = |gold ∩ pred|, fp = |pred − gold|, fn = |gold − pred| over the multisets,
//     each divided by tp+fp+fn when that is not 0;
//   - precision is the mean of tp/(tp+fp) over pages with tp+fp > 0, recall the mean of
//     tp/(tp+fn) over pages with tp+fn > 0, F1 = 2PR/(P+R) from the two means;
//   - accuracy is the share of pages whose token sequences are equal.

// ShingleN is the benchmark's shingle length.
const ShingleN = 4

// BodyCounts are one page's normalised shingle counts (tp+fp+fn = 1, or all 0).
type BodyCounts struct {
	TP, FP, FN float64
	Exact      bool // the token sequences are equal
}

// ScoreBody compares a predicted article body with the gold one.
func ScoreBody(gold, pred string) BodyCounts {
	gt, pt := WordTokens(gold), WordTokens(pred)
	exact := len(gt) == len(pt)
	for i := 0; exact && i < len(gt); i++ {
		exact = gt[i] == pt[i]
	}
	g, p := shingles(gt), shingles(pt)
	var tp, fp, fn float64
	for k, gc := range g {
		pc := p[k]
		tp += float64(min(gc, pc))
		fn += float64(max(0, gc-pc))
	}
	for k, pc := range p {
		fp += float64(max(0, pc-g[k]))
	}
	if s := tp + fp + fn; s > 0 {
		tp, fp, fn = tp/s, fp/s, fn/s
	}
	return BodyCounts{TP: tp, FP: fp, FN: fn, Exact: exact}
}

// WordTokens splits s into \w+ tokens as Python's re does on str: runs of letters, numbers
// and underscores.
func WordTokens(s string) []string {
	var out []string
	start := -1
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		w := r == '_' || unicode.IsLetter(r) || unicode.IsNumber(r)
		if w && start < 0 {
			start = i
		} else if !w && start >= 0 {
			out = append(out, s[start:i])
			start = -1
		}
		i += size
	}
	if start >= 0 {
		out = append(out, s[start:])
	}
	return out
}

// shingles counts the ShingleN-token shingles of tokens (keys joined by "\x00").
func shingles(tokens []string) map[string]int {
	m := map[string]int{}
	n := max(1, len(tokens)-ShingleN+1)
	for i := 0; i < n && i < len(tokens); i++ {
		end := min(i+ShingleN, len(tokens))
		key := ""
		for j := i; j < end; j++ {
			if j > i {
				key += "\x00"
			}
			key += tokens[j]
		}
		m[key]++
	}
	return m
}

// BodyScore accumulates pages.
type BodyScore struct {
	Pages               int
	sumP, sumR          float64
	nP, nR              int
	Exact               int
	SumTP, SumFP, SumFN float64
}

// Add adds one page.
func (s *BodyScore) Add(c BodyCounts) {
	s.Pages++
	if c.Exact {
		s.Exact++
	}
	s.SumTP += c.TP
	s.SumFP += c.FP
	s.SumFN += c.FN
	if c.TP+c.FP > 0 {
		s.sumP += c.TP / (c.TP + c.FP)
		s.nP++
	}
	if c.TP+c.FN > 0 {
		s.sumR += c.TP / (c.TP + c.FN)
		s.nR++
	}
}

// Precision is the mean page precision.
func (s *BodyScore) Precision() float64 {
	if s.nP == 0 {
		return 0
	}
	return s.sumP / float64(s.nP)
}

// Recall is the mean page recall.
func (s *BodyScore) Recall() float64 {
	if s.nR == 0 {
		return 0
	}
	return s.sumR / float64(s.nR)
}

// F1 is computed from the mean precision and recall.
func (s *BodyScore) F1() float64 {
	p, r := s.Precision(), s.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// Accuracy is the share of pages whose tokens match exactly.
func (s *BodyScore) Accuracy() float64 {
	if s.Pages == 0 {
		return 0
	}
	return float64(s.Exact) / float64(s.Pages)
}
