package eval

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"
)

// PolNeAR scoring (METRICS.md, "Quotes and attribution").
//
// An attribution's role spans are compared through their cores: the positions of the
// non-whitespace characters left after trimming each fragment of whitespace, punctuation and
// quote marks. Two spans match strictly when their cores are identical, partially when they
// share at least half of the larger core, and by overlap when they share one core character.
// Gold and predicted items are paired one to one by a maximum bipartite matching.

// PolNeARDoc is one article to score: its text, its gold attributions (the lexicographically
// first annotator's file) and the predicted ones.
type PolNeARDoc struct {
	Name       string
	Text       string
	Gold, Pred []Attribution
	// Invalid holds the predicted T lines that failed Brat.Check; they are not scored.
	Invalid []error
}

// Counts are the matched, predicted and gold totals of one measure.
type Counts struct{ Matched, Pred, Gold int }

// P is the precision: matched / predicted (0 when nothing was predicted).
func (c Counts) P() float64 { return pnRatio(c.Matched, c.Pred) }

// R is the recall: matched / gold (0 when there is no gold).
func (c Counts) R() float64 { return pnRatio(c.Matched, c.Gold) }

// F1 is the harmonic mean of P and R (0 when both are 0).
func (c Counts) F1() float64 {
	p, r := c.P(), c.R()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func (c *Counts) add(o Counts) { c.Matched += o.Matched; c.Pred += o.Pred; c.Gold += o.Gold }

func pnRatio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// PolNeARScores are the PolNeAR measures micro-averaged over a set of documents.
type PolNeARScores struct {
	Docs           int
	ContentStrict  Counts
	ContentPartial Counts
	Cue            Counts // attributions with a cue, by overlap
	Source         Counts // attributions with a source, by overlap
	Attribution    Counts // content partial and (sources overlap, or neither has a source)
	// Direct and Indirect split the gold attributions by whether the content's text begins
	// and ends with a quote mark: Gold is their number, Matched (in Content and Attribution)
	// how many were matched in the corresponding overall matching. Pred is unused.
	DirectContent, DirectAttribution     Counts
	IndirectContent, IndirectAttribution Counts
	Invalid                              int // predicted T lines that failed validation
}

// ScorePolNeAR scores the documents.
func ScorePolNeAR(docs []PolNeARDoc) PolNeARScores {
	var s PolNeARScores
	for i := range docs {
		s.add(pnScoreDoc(&docs[i]))
	}
	return s
}

func (s *PolNeARScores) add(o PolNeARScores) {
	s.Docs += o.Docs
	s.ContentStrict.add(o.ContentStrict)
	s.ContentPartial.add(o.ContentPartial)
	s.Cue.add(o.Cue)
	s.Source.add(o.Source)
	s.Attribution.add(o.Attribution)
	s.DirectContent.add(o.DirectContent)
	s.DirectAttribution.add(o.DirectAttribution)
	s.IndirectContent.add(o.IndirectContent)
	s.IndirectAttribution.add(o.IndirectAttribution)
	s.Invalid += o.Invalid
}

// pnItem is one attribution prepared for scoring.
type pnItem struct {
	content, cue, source pnCore
	hasSource            bool
	direct               bool
}

func pnScoreDoc(d *PolNeARDoc) PolNeARScores {
	runes := []rune(d.Text)
	prep := func(as []Attribution, gold bool) []pnItem {
		out := make([]pnItem, len(as))
		for i, a := range as {
			out[i] = pnItem{
				content:   pnCoreOf(runes, a.Content),
				cue:       pnCoreOf(runes, a.Cue),
				source:    pnCoreOf(runes, a.Source),
				hasSource: len(a.Source) > 0,
			}
			if gold {
				out[i].direct = pnIsDirect(runes, a.Content)
			}
		}
		return out
	}
	gold, pred := prep(d.Gold, true), prep(d.Pred, false)
	s := PolNeARScores{Docs: 1, Invalid: len(d.Invalid)}

	contentPartial := func(g, p *pnItem) bool { return pnPartial(g.content, p.content) }
	s.ContentStrict, _ = pnMatch(gold, pred, func(g, p *pnItem) bool { return pnStrict(g.content, p.content) }, nil)
	var gm []bool
	s.ContentPartial, gm = pnMatch(gold, pred, contentPartial, nil)
	s.DirectContent, s.IndirectContent = pnSplitDirect(gold, gm)
	s.Cue, _ = pnMatch(gold, pred, func(g, p *pnItem) bool { return pnOverlap(g.cue, p.cue) },
		func(it *pnItem) bool { return len(it.cue) > 0 })
	s.Source, _ = pnMatch(gold, pred, func(g, p *pnItem) bool { return pnOverlap(g.source, p.source) },
		func(it *pnItem) bool { return it.hasSource })
	s.Attribution, gm = pnMatch(gold, pred, func(g, p *pnItem) bool {
		if !pnPartial(g.content, p.content) {
			return false
		}
		if !g.hasSource && !p.hasSource {
			return true
		}
		return g.hasSource && p.hasSource && pnOverlap(g.source, p.source)
	}, nil)
	s.DirectAttribution, s.IndirectAttribution = pnSplitDirect(gold, gm)
	return s
}

func pnSplitDirect(gold []pnItem, matched []bool) (direct, indirect Counts) {
	for i, g := range gold {
		c := &indirect
		if g.direct {
			c = &direct
		}
		c.Gold++
		if matched[i] {
			c.Matched++
		}
	}
	return direct, indirect
}

// pnMatch pairs gold and predicted items one to one (a maximum bipartite matching over the pairs
// for which ok holds) among the items keep accepts (all when keep is nil). It returns the counts
// and which gold items were matched.
func pnMatch(gold, pred []pnItem, ok func(g, p *pnItem) bool, keep func(*pnItem) bool) (Counts, []bool) {
	var gi, pi []int
	for i := range gold {
		if keep == nil || keep(&gold[i]) {
			gi = append(gi, i)
		}
	}
	for i := range pred {
		if keep == nil || keep(&pred[i]) {
			pi = append(pi, i)
		}
	}
	adj := make([][]int, len(gi))
	for a, g := range gi {
		for b, p := range pi {
			if ok(&gold[g], &pred[p]) {
				adj[a] = append(adj[a], b)
			}
		}
	}
	owner := make([]int, len(pi)) // pred → gold index in gi, or -1
	for i := range owner {
		owner[i] = -1
	}
	var seen []bool
	var try func(a int) bool
	try = func(a int) bool {
		for _, b := range adj[a] {
			if seen[b] {
				continue
			}
			seen[b] = true
			if owner[b] < 0 || try(owner[b]) {
				owner[b] = a
				return true
			}
		}
		return false
	}
	n := 0
	for a := range gi {
		if len(adj[a]) == 0 {
			continue
		}
		seen = make([]bool, len(pi))
		if try(a) {
			n++
		}
	}
	matched := make([]bool, len(gold))
	for _, a := range owner {
		if a >= 0 {
			matched[gi[a]] = true
		}
	}
	return Counts{Matched: n, Pred: len(pi), Gold: len(gi)}, matched
}

// pnCore is a sorted set of code-point positions.
type pnCore []int32

// pnCoreOf returns the core of a span: for each fragment, trimmed of whitespace, punctuation and
// quote marks at both ends, the positions of its non-whitespace characters.
func pnCoreOf(runes []rune, frags [][2]int) pnCore {
	var c pnCore
	for _, f := range frags {
		s, e := max(0, f[0]), min(len(runes), f[1])
		for s < e && pnTrimmable(runes[s]) {
			s++
		}
		for e > s && pnTrimmable(runes[e-1]) {
			e--
		}
		for i := s; i < e; i++ {
			if !pnIsSpace(runes[i]) {
				c = append(c, int32(i))
			}
		}
	}
	if len(frags) > 1 {
		sort.Slice(c, func(i, j int) bool { return c[i] < c[j] })
		k := 0
		for i := range c {
			if i == 0 || c[i] != c[i-1] {
				c[k] = c[i]
				k++
			}
		}
		c = c[:k]
	}
	return c
}

func pnTrimmable(r rune) bool {
	return pnIsSpace(r) || unicode.IsPunct(r) || pnIsQuoteMark(r)
}

func pnIsSpace(r rune) bool { return unicode.IsSpace(r) || r == 0xFEFF || r == 0x200B }

// pnIsQuoteMark reports whether r is one of the quote marks METRICS.md lists.
func pnIsQuoteMark(r rune) bool {
	switch r {
	case '"', '\u201C', '\u201D', '\u201E', '\u201F', '\u00AB', '\u00BB', '\u2039', '\u203A',
		'\'', '\u2018', '\u2019', '`':
		return true
	}
	return false
}

// pnIsDirect reports whether the content's text, from its first fragment's start to its last
// fragment's end and trimmed of whitespace, begins and ends with a quote mark.
func pnIsDirect(runes []rune, frags [][2]int) bool {
	if len(frags) == 0 {
		return false
	}
	s, e := frags[0][0], frags[0][1]
	for _, f := range frags[1:] {
		s, e = min(s, f[0]), max(e, f[1])
	}
	s, e = max(0, s), min(len(runes), e)
	for s < e && pnIsSpace(runes[s]) {
		s++
	}
	for e > s && pnIsSpace(runes[e-1]) {
		e--
	}
	return e-s >= 2 && pnIsQuoteMark(runes[s]) && pnIsQuoteMark(runes[e-1])
}

func pnShared(a, b pnCore) int {
	n, i, j := 0, 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] == b[j]:
			n++
			i++
			j++
		case a[i] < b[j]:
			i++
		default:
			j++
		}
	}
	return n
}

func pnStrict(a, b pnCore) bool {
	if len(a) != len(b) || len(a) == 0 {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func pnPartial(a, b pnCore) bool {
	if len(a) == 0 || len(b) == 0 {
		return false
	}
	return 2*pnShared(a, b) >= max(len(a), len(b))
}

func pnOverlap(a, b pnCore) bool {
	if len(a) == 0 || len(b) == 0 || a[len(a)-1] < b[0] || b[len(b)-1] < a[0] {
		return false
	}
	return pnShared(a, b) > 0
}

// PolNeARArticle is one article of a PolNeAR split directory: DIR/text/<name>.txt and its gold,
// the lexicographically first annotator file DIR/attributions/<name>_<annotator>.ann.
type PolNeARArticle struct {
	Name     string // file name without .txt
	TextPath string
	AnnPath  string // the gold file
}

// PolNeARArticles returns the articles of the split directory dir, sorted by name. Articles
// without an annotation file are skipped.
func PolNeARArticles(dir string) ([]PolNeARArticle, error) {
	txts, err := filepath.Glob(filepath.Join(dir, "text", "*.txt"))
	if err != nil {
		return nil, fmt.Errorf("eval.PolNeARArticles(%q): %w", dir, err)
	}
	if len(txts) == 0 {
		return nil, fmt.Errorf("eval.PolNeARArticles(%q): no text/*.txt files (want a PolNeAR split such as ../shared/data/polnear/dev)", dir)
	}
	anns, err := os.ReadDir(filepath.Join(dir, "attributions"))
	if err != nil {
		return nil, fmt.Errorf("eval.PolNeARArticles(%q): %w", dir, err)
	}
	var annNames []string
	for _, a := range anns {
		if strings.HasSuffix(a.Name(), ".ann") {
			annNames = append(annNames, a.Name())
		}
	}
	sort.Strings(annNames)
	sort.Strings(txts)
	var out []PolNeARArticle
	for _, t := range txts {
		name := strings.TrimSuffix(filepath.Base(t), ".txt")
		// The annotator id follows the last "_" of the file name.
		i := sort.SearchStrings(annNames, name+"_")
		for ; i < len(annNames) && strings.HasPrefix(annNames[i], name+"_"); i++ {
			rest := strings.TrimSuffix(annNames[i][len(name)+1:], ".ann")
			if !strings.Contains(rest, "_") {
				out = append(out, PolNeARArticle{Name: name, TextPath: t, AnnPath: filepath.Join(dir, "attributions", annNames[i])})
				break
			}
		}
	}
	return out, nil
}

// ReadBratFile reads a brat file.
func ReadBratFile(path string) (*Brat, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := ReadBrat(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return b, nil
}

// ValidAttributions returns the attributions of b after dropping the T lines that fail Check
// against text, and those errors.
func ValidAttributions(b *Brat, text string) ([]Attribution, []error) {
	errs := b.Check(text)
	if len(errs) == 0 {
		return b.Attributions(), nil
	}
	runes := []rune(text)
	good := &Brat{Events: b.Events}
	for _, s := range b.Spans {
		if bratCheckSpan(runes, s) == nil {
			good.Spans = append(good.Spans, s)
		}
	}
	return good.Attributions(), errs
}

// WritePolNeARReport prints the PolNeAR tables of s and, last, one key=value line.
func WritePolNeARReport(w io.Writer, s PolNeARScores) {
	fmt.Fprintf(w, "PolNeAR attribution: %d documents\n\n", s.Docs)
	fmt.Fprintf(w, "%-22s %6s %6s %6s %7s %6s %6s\n", "measure", "P", "R", "F1", "matched", "pred", "gold")
	row := func(name string, c Counts) {
		fmt.Fprintf(w, "%-22s %6.3f %6.3f %6.3f %7d %6d %6d\n", name, c.P(), c.R(), c.F1(), c.Matched, c.Pred, c.Gold)
	}
	row("content strict", s.ContentStrict)
	row("content partial", s.ContentPartial)
	row("cue (overlap)", s.Cue)
	row("source (overlap)", s.Source)
	row("attribution", s.Attribution)
	fmt.Fprintf(w, "\n%-22s %6s %14s %16s\n", "gold", "count", "content recall", "attribution recall")
	fmt.Fprintf(w, "%-22s %6d %14.3f %16.3f\n", "direct", s.DirectContent.Gold, s.DirectContent.R(), s.DirectAttribution.R())
	fmt.Fprintf(w, "%-22s %6d %14.3f %16.3f\n", "indirect", s.IndirectContent.Gold, s.IndirectContent.R(), s.IndirectAttribution.R())
	if s.Invalid > 0 {
		fmt.Fprintf(w, "\ninvalid predicted T lines (not scored): %d\n", s.Invalid)
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "docs=%d content_strict_f1=%.4f content_partial_p=%.4f content_partial_r=%.4f content_partial_f1=%.4f cue_f1=%.4f source_f1=%.4f attribution_p=%.4f attribution_r=%.4f attribution_f1=%.4f direct_recall=%.4f direct_attribution_recall=%.4f indirect_recall=%.4f invalid=%d\n",
		s.Docs, s.ContentStrict.F1(), s.ContentPartial.P(), s.ContentPartial.R(), s.ContentPartial.F1(),
		s.Cue.F1(), s.Source.F1(), s.Attribution.P(), s.Attribution.R(), s.Attribution.F1(),
		s.DirectContent.R(), s.DirectAttribution.R(), s.IndirectContent.R(), s.Invalid)
}
