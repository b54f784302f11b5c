package quotes

import (
	"bytes"
	_ "embed"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"sync"

	"chronicle/quotes/internal/feat"
	"chronicle/text"
)

// The learned part of the extractor: one linear model over hashed features with three heads
// (the cue classifier and the left and right source walks, feat.CueFeatures and
// feat.SourceFeatures), trained on PolNeAR's train split by
//
//	go run ./quotes/internal/train -data ../shared/data/polnear/train -out quotes/model.bin.gz
//
// and embedded here.

//go:embed model.bin.gz
var modelData []byte

var (
	modelOnce sync.Once
	theModel  *feat.Model
)

// model returns the embedded model, loaded once. A missing or corrupt model (which the tests
// catch) leaves a zero model: no cue is then found.
func model() *feat.Model {
	modelOnce.Do(func() {
		m, err := feat.ReadModel(bytes.NewReader(modelData))
		if err != nil {
			m = feat.NewModel(8)
		}
		theModel = m
	})
	return theModel
}

// Thresholds on the model's probabilities.
const (
	cueThreshold = 0.4
	weakCue      = 0.2 // a cue the model doubts, taken when "that" or a quotation follows
	strongCue    = 0.8 // a cue sure enough to be wrapped by "according to" or "reported"
	boosted      = 0.9 // the probability given to a cue a construction makes certain
	// The source and content-end walks stop at probability 0.5, a score of 0.
	minCueScore = -3 // below weakCue's score (-1.39): the probability is not needed
)

// TrainingDoc is one annotated article for Train: the segmented text and, as byte ranges into
// d.Text, the gold attributions.
type TrainingDoc struct {
	Doc          *text.Doc
	Attributions []TrainingAttribution
}

// TrainingAttribution is one gold attribution in byte ranges; Source is empty when none.
type TrainingAttribution struct {
	Source, Cue, Content [][2]int
}

// TrainOptions set the training run.
type TrainOptions struct {
	Bits   uint    // log2 of the weight table size (default 20)
	Epochs int     // passes over the data (default 6)
	Alpha  float64 // FTRL learning rate (default 0.1)
	L1     float64 // L1 penalty: zeroes rare, useless weights (default 1)
	L2     float64 // L2 penalty (default 1)
	// NoPOSShare is the share of documents whose part-of-speech tags are hidden in
	// training, so that the model also works on untagged text (default 0.3).
	NoPOSShare float64
	Seed       uint64
	Log        io.Writer // progress, may be nil
}

// example is one training example: hashed features and a label.
type example struct {
	fs []uint64
	y  bool
}

// Train fits the model on docs by logistic regression with FTRL-Proximal (per-coordinate
// learning rates, L1 and L2 penalties, so that the model is sparse) and writes it to w in the
// format model.bin.gz embeds.
func Train(w io.Writer, docs []TrainingDoc, o TrainOptions) error {
	if o.Bits == 0 {
		o.Bits = 20
	}
	if o.Epochs == 0 {
		o.Epochs = 6
	}
	if o.Alpha == 0 {
		o.Alpha = 0.1
	}
	if o.L1 == 0 {
		o.L1 = 5
	}
	if o.L2 == 0 {
		o.L2 = 1
	}
	if o.NoPOSShare == 0 {
		o.NoPOSShare = 0.3
	}
	const beta = 1.0
	rng := rand.New(rand.NewPCG(o.Seed, 0x9E3779B97F4A7C15))
	exs := trainingExamples(docs, func() bool { return rng.Float64() < o.NoPOSShare })
	if o.Log != nil {
		pos := 0
		for _, e := range exs {
			if e.y {
				pos++
			}
		}
		fmt.Fprintf(o.Log, "quotes.Train: %d documents, %d examples (%d positive)\n", len(docs), len(exs), pos)
	}
	m := feat.NewModel(o.Bits)
	size := len(m.W)
	z := make([]float64, size)
	nsq := make([]float64, size)
	weight := func(i int) float64 {
		zi := z[i]
		if math.Abs(zi) <= o.L1 {
			return 0
		}
		sign := 1.0
		if zi < 0 {
			sign = -1
		}
		return -(zi - sign*o.L1) / ((beta+math.Sqrt(nsq[i]))/o.Alpha + o.L2)
	}
	order := make([]int, len(exs))
	for i := range order {
		order[i] = i
	}
	idx := make([]int, 0, 64)
	for ep := 0; ep < o.Epochs; ep++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		loss := 0.0
		for _, k := range order {
			e := &exs[k]
			idx = idx[:0]
			var s float64
			for _, h := range e.fs {
				i := m.Index(h)
				idx = append(idx, i)
				s += weight(i)
			}
			p := 1 / (1 + math.Exp(-max(-35, min(35, s))))
			y := 0.0
			if e.y {
				y = 1
				loss -= math.Log(max(p, 1e-12))
			} else {
				loss -= math.Log(max(1-p, 1e-12))
			}
			g := p - y
			for _, i := range idx {
				sigma := (math.Sqrt(nsq[i]+g*g) - math.Sqrt(nsq[i])) / o.Alpha
				z[i] += g - sigma*weight(i)
				nsq[i] += g * g
			}
		}
		if o.Log != nil {
			fmt.Fprintf(o.Log, "quotes.Train: epoch %d loss %.4f\n", ep+1, loss/float64(len(exs)))
		}
	}
	nz := 0
	for i := range m.W {
		m.W[i] = float32(weight(i))
		if m.W[i] != 0 {
			nz++
		}
	}
	if o.Log != nil {
		fmt.Fprintf(o.Log, "quotes.Train: %d non-zero weights\n", nz)
	}
	return m.Write(w)
}

// trainingExamples builds the examples of all heads from the gold attributions.
func trainingExamples(docs []TrainingDoc, hidePOS func() bool) []example {
	var exs []example
	x := new(extractor)
	for _, td := range docs {
		d := td.Doc
		if len(d.Tokens) == 0 {
			continue
		}
		x.noPOS = hidePOS()
		x.prepare(d)
		n := len(d.Tokens)
		inCue := make([]bool, n)
		inSrc := make([]int32, n) // attribution index + 1
		for ai, a := range td.Attributions {
			for _, f := range a.Cue {
				for i := d.TokenAt(f[0]); i < n && int(d.Tokens[i].Start) < f[1]; i++ {
					inCue[i] = true
				}
			}
			for _, f := range a.Source {
				for i := d.TokenAt(f[0]); i < n && int(d.Tokens[i].Start) < f[1]; i++ {
					inSrc[i] = int32(ai + 1)
				}
			}
		}
		for si := range d.Sentences {
			c := x.context(si)
			for i := c.Lo; i < c.Hi; i++ {
				if !x.isCandidate(i) {
					continue
				}
				exs = append(exs, example{fs: feat.CueFeatures(&c, i, nil), y: inCue[i]})
			}
		}
		// Source walks: from the token next to each gold cue outwards, while the tokens
		// walked so far are in one source.
		for ai, a := range td.Attributions {
			if len(a.Cue) == 0 {
				continue
			}
			c0 := d.TokenAt(a.Cue[0][0])
			c1 := c0
			for _, f := range a.Cue {
				for i := d.TokenAt(f[0]); i < n && int(d.Tokens[i].Start) < f[1]; i++ {
					c1 = max(c1, i+1)
					c0 = min(c0, i)
				}
			}
			if c0 >= n {
				continue
			}
			si := d.SentenceOf(c0)
			c := x.context(si)
			id := int32(ai + 1)
			// Left: skip cue-internal auxiliaries exactly as the extractor does.
			l := x.skipAuxLeft(c0, c.Lo)
			head := x.cueHead(c0, c1)
			for j := l - 1; j >= c.Lo && j >= l-12; j-- {
				y := inSrc[j] == id
				exs = append(exs, example{fs: feat.SourceFeatures(&c, j, l, head, true, nil), y: y})
				if !y {
					break
				}
			}
			if l-1 < c.Lo || inSrc[l-1] != id && x.inversionContext(l, c.Lo) {
				for j := c1; j < c.Hi && j < c1+12; j++ {
					y := inSrc[j] == id
					exs = append(exs, example{fs: feat.SourceFeatures(&c, j, c1-1, head, false, nil), y: y})
					if !y {
						break
					}
				}
			}
			// Content end: walk from the content's start (when it follows the cue in the
			// same sentence) to its end.
			if len(a.Content) > 0 {
				f := a.Content[0]
				for _, g := range a.Content {
					if g[0] < f[0] {
						f = g
					}
				}
				s := d.TokenAt(f[0])
				e := d.TokenAt(f[1]) // first token at or after the end
				if s >= c1 && s < c.Hi && x.in[s] < 0 {
					commas := 0
					for j := s + 1; j <= e && j < c.Hi; j++ {
						y := j == e
						exs = append(exs, example{fs: feat.EndFeatures(&c, j, s, c1-1, commas, nil), y: y})
						if y {
							break
						}
						if x.in[j] < 0 && x.toks[j].Cls == feat.ClsComma {
							commas++
						}
					}
				}
			}
		}
	}
	return exs
}
