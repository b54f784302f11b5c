package ner

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
	"unicode/utf8"

	"chronicle/internal/reuters"
	"chronicle/text"
)

var update = flag.Bool("update", false, "rewrite golden files")

func loadDefault(t testing.TB) *Recognizer {
	t.Helper()
	r, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// mentionLines renders d's mentions as golden lines: "start:end TYPE text".
func mentionLines(d *text.Doc) string {
	var b strings.Builder
	for _, m := range d.Mentions {
		s, e := d.Span(m.First, m.Last)
		fmt.Fprintf(&b, "%d:%d %s %s\n", s, e, m.Type, d.Text[s:e])
	}
	return b.String()
}

// TestGolden tags the example articles and compares the mentions with testdata/*.golden.
func TestGolden(t *testing.T) {
	r := loadDefault(t)
	files, _ := filepath.Glob(filepath.Join("..", "examples", "*.txt"))
	files = append(files, mustGlob(t, filepath.Join("testdata", "*.txt"))...)
	if len(files) == 0 {
		t.Skip("no example articles")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			d := text.Segment(string(b))
			r.Tag(d)
			got := mentionLines(d)
			golden := filepath.Join("testdata", strings.TrimSuffix(filepath.Base(f), ".txt")+".golden")
			if *update {
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./ner -run TestGolden -update)", err)
			}
			if got != string(want) {
				t.Errorf("mentions of %s changed:\n got:\n%s\nwant:\n%s", f, got, want)
			}
		})
	}
}

func mustGlob(t *testing.T, pat string) []string {
	m, err := filepath.Glob(pat)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestTagExample(t *testing.T) {
	r := loadDefault(t)
	const s = `Russian President Vladimir Putin told his American counterpart Donald Trump on Thursday that Russia would not back down, Reuters reported. Putin's aide Yuri Ushakov said the leaders discussed Iran.`
	d := text.Segment(s)
	r.Tag(d)
	got := map[string]string{}
	for _, m := range d.Mentions {
		a, b := d.Span(m.First, m.Last)
		got[s[a:b]] = m.Type
	}
	for name, typ := range map[string]string{
		"Russian": "MISC", "Vladimir Putin": "PER", "American": "MISC", "Donald Trump": "PER",
		"Russia": "LOC", "Reuters": "ORG", "Putin": "PER", "Yuri Ushakov": "PER", "Iran": "LOC",
	} {
		if got[name] != typ {
			t.Errorf("%q: got %q, want %s (all: %v)", name, got[name], typ, got)
		}
	}
	for i, tok := range d.Tokens {
		if tok.POS == "" || tok.Chunk == "" || tok.NER == "" {
			t.Errorf("token %d %q has empty tags: %+v", i, d.Tok(i), tok)
		}
	}
	if d.Tokens[0].POS != "JJ" && d.Tokens[0].POS != "NNP" {
		t.Errorf("POS of %q = %s", d.Tok(0), d.Tokens[0].POS)
	}
}

// checkDoc verifies the invariants of a tagged document.
func checkDoc(t testing.TB, d *text.Doc) {
	t.Helper()
	prev := -1
	for _, m := range d.Mentions {
		if m.First < 0 || m.Last > len(d.Tokens) || m.First >= m.Last || m.First < prev {
			t.Fatalf("bad mention %+v (%d tokens)", m, len(d.Tokens))
		}
		prev = m.Last
		s, e := d.Span(m.First, m.Last)
		if !utf8.ValidString(d.Text) {
			continue
		}
		if !utf8.RuneStart(d.Text[s]) || e < len(d.Text) && !utf8.RuneStart(d.Text[e]) {
			t.Fatalf("mention %+v not on rune boundaries", m)
		}
		switch m.Type {
		case "PER", "LOC", "ORG", "MISC":
		default:
			t.Fatalf("bad type %q", m.Type)
		}
	}
	for i, tok := range d.Tokens {
		if tok.NER == "" || tok.POS == "" || tok.Chunk == "" {
			t.Fatalf("token %d untagged", i)
		}
		if strings.HasPrefix(tok.NER, "I-") && (i == 0 || d.Tokens[i-1].NER == "O" || d.Tokens[i-1].NER[2:] != tok.NER[2:]) {
			t.Fatalf("token %d: %s after %v is not IOB2", i, tok.NER, d.Tokens[max(i-1, 0)].NER)
		}
	}
}

func FuzzTag(f *testing.F) {
	for _, s := range []string{
		"", "Putin met Trump in Moscow.", "SOCCER - JAPAN GET LUCKY WIN , CHINA IN SURPRISE DEFEAT .",
		"“Will be speaking to President Putin of Russia at 10:00 a.m. Thank you!”", "\xff\xfe Zürich’s Gruppe",
		"-DOCSTART- -X- O O", strings.Repeat("A ", 300),
	} {
		f.Add(s)
	}
	r := loadDefault(f)
	f.Fuzz(func(t *testing.T, s string) {
		d := text.Segment(s)
		r.Tag(d)
		checkDoc(t, d)
	})
}

func TestConcurrent(t *testing.T) {
	r := loadDefault(t)
	texts := []string{
		"Putin met Trump in Moscow on Friday.",
		"The European Union and NATO warned Iran, Reuters said.",
		"Manchester United beat Arsenal 2-1 at Old Trafford.",
		"Zelenskiy said Ukraine would not give up Crimea.",
	}
	want := make([]string, len(texts))
	for i, s := range texts {
		d := text.Segment(s)
		r.Tag(d)
		want[i] = mentionLines(d)
	}
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := 0; k < 50; k++ {
				i := (g + k) % len(texts)
				d := text.Segment(texts[i])
				r.Tag(d)
				if got := mentionLines(d); got != want[i] {
					t.Errorf("concurrent tagging of %q: %q, want %q", texts[i], got, want[i])
					return
				}
			}
		}()
	}
	wg.Wait()
}

func TestModelRoundTrip(t *testing.T) {
	r := loadDefault(t)
	var b bytes.Buffer
	if err := r.WriteModel(&b); err != nil {
		t.Fatal(err)
	}
	r2, err := Load(&b)
	if err != nil {
		t.Fatal(err)
	}
	const s = "Russian President Vladimir Putin spoke to Donald Trump, the Kremlin said on Thursday."
	d1, d2 := text.Segment(s), text.Segment(s)
	r.Tag(d1)
	r2.Tag(d2)
	if a, b := mentionLines(d1), mentionLines(d2); a != b {
		t.Errorf("reloaded model tags differently:\n%s\nvs\n%s", a, b)
	}
	if _, err := Load(strings.NewReader("not a model")); err == nil {
		t.Error("Load accepted garbage")
	}
}

func TestReadCoNLL(t *testing.T) {
	const in = "-DOCSTART- -X- O O\n\nEU NNP I-NP I-ORG\nrejects VBZ I-VP O\n\nPeter NNP I-NP I-PER\n\n-DOCSTART- -X- O O\n\nBRUSSELS NNP I-NP I-LOC\n"
	docs, err := ReadCoNLL(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 2 || len(docs[0].Sentences) != 2 || len(docs[1].Sentences) != 1 {
		t.Fatalf("got %d docs: %+v", len(docs), docs)
	}
	d := DocFromTokens([][]string{{"EU", "rejects"}, {"Peter"}})
	var toks []string
	for i := range d.Tokens {
		toks = append(toks, d.Tok(i))
	}
	if strings.Join(toks, "|") != "EU|rejects|Peter" || len(d.Sentences) != 2 || d.Sentences[1].First != 2 {
		t.Errorf("DocFromTokens: %q %+v", toks, d.Sentences)
	}
	tags := []string{"I-PER", "I-PER", "B-PER", "O", "I-LOC", "I-ORG"}
	toIOB2(tags)
	if got := strings.Join(tags, " "); got != "B-PER I-PER B-PER O B-LOC B-ORG" {
		t.Errorf("toIOB2: %s", got)
	}
}

// TestTrainSmoke trains on a few documents without the lexicon, twice, and checks that the
// models are identical (training is deterministic) and usable.
func TestTrainSmoke(t *testing.T) {
	if testing.Short() {
		t.Skip("skipping training in -short mode")
	}
	data := filepath.Join("..", "..", "shared", "data")
	if _, err := os.Stat(filepath.Join(data, "conll2003-en", "eng.train")); err != nil {
		t.Skipf("skipping: %s not found (the shared data sits beside the repository in CI)", data)
	}
	var models [2][]byte
	for k := range models {
		r, rep, err := Train(context.Background(), TrainOptions{Data: data, Seed: 7, MaxEpochs: 2, Limit: 30, NoLexicon: true})
		if err != nil {
			t.Fatal(err)
		}
		if rep.NERF1 < 0.3 || rep.POSAcc < 0.8 {
			t.Errorf("smoke training too weak: %+v", rep)
		}
		var b bytes.Buffer
		if err := r.WriteModel(&b); err != nil {
			t.Fatal(err)
		}
		models[k] = b.Bytes()
	}
	if !bytes.Equal(models[0], models[1]) {
		t.Error("two trainings with the same seed gave different models")
	}
}

// BenchmarkTag measures POS, chunk and NER tagging of Reuters-21578 bodies segmented by
// text.Segment (segmentation outside the loop).
func BenchmarkTag(b *testing.B) {
	dir := reuters.Dir()
	if dir == "" {
		b.Skip("skipping: Reuters-21578 not found beside the repository")
	}
	stories, err := reuters.Load(dir, 2000)
	if err != nil {
		b.Fatal(err)
	}
	r := loadDefault(b)
	var docs []*text.Doc
	tokens, words := 0, 0
	for _, s := range stories {
		d := text.Segment(s.Body)
		docs = append(docs, d)
		tokens += len(d.Tokens)
		words += reuters.Words(s.Body)
	}
	b.ReportAllocs()
	cpu0 := cpuTime()
	for b.Loop() {
		for _, d := range docs {
			r.Tag(d)
		}
	}
	sec := b.Elapsed().Seconds() / float64(b.N)
	b.ReportMetric(float64(tokens)/sec, "tokens/s")
	b.ReportMetric(float64(words)/sec, "words/s")
	// On a shared machine the wall clock overstates the cost: report CPU time too.
	if cpu := (cpuTime() - cpu0).Seconds() / float64(b.N); cpu > 0 {
		b.ReportMetric(float64(tokens)/cpu, "tokens/cpu-s")
	}
}

// cpuTime returns the CPU time this process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkLoad measures decoding the embedded model, and the heap the loaded model keeps.
func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	before := ms.HeapAlloc
	var r *Recognizer
	for b.Loop() {
		var err error
		if r, err = Load(bytes.NewReader(embedded)); err != nil {
			b.Fatal(err)
		}
	}
	runtime.GC()
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(ms.HeapAlloc-before)/(1<<20), "model-MB")
	runtime.KeepAlive(r)
}
