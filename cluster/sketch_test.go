package cluster

import (
	"math/rand/v2"
	"strings"
	"testing"

	"chronicle"
	"chronicle/internal/reuters"
)

const story = `WASHINGTON (Wire) - U.S. President Donald Trump said on Wednesday he had a lengthy and highly productive telephone call with Russian President Vladimir Putin, the first publicly known conversation between the two leaders since Trump took office in January.
"We agreed to have our respective teams start negotiations immediately," Trump wrote on his Truth Social platform. He said the two men might meet in Saudi Arabia, although no date has been set.
Kremlin spokesman Dmitry Peskov told reporters that the call lasted almost an hour and a half. According to Peskov, Putin invited Trump to visit Moscow.
Ukrainian President Volodymyr Zelenskiy said he had not been told about the call in advance. Trump said he would speak to Zelenskiy later in the day.`

func sk(id, date, txt string) chronicle.Sketch {
	return Sketch(&chronicle.Article{ID: id, Date: date, Text: txt})
}

func TestDuplicate(t *testing.T) {
	paras := strings.Split(story, "\n")
	tests := []struct {
		name string
		text string
		want bool
	}{
		{"identical", story, true},
		{"case and punctuation", strings.ToUpper(strings.ReplaceAll(story, ",", "")), true},
		{"new lede", "Talks between Washington and Moscow are about to begin, the White House said. " + strings.Join(paras[1:], "\n"), true},
		{"trimmed end", strings.Join(paras[:2], "\n"), true},
		{"new credit and words", strings.ReplaceAll(strings.ReplaceAll(story, "(Wire)", "(Daily Ledger)"), " said ", " stated "), true},
		{"same story, other words", `Russia's Vladimir Putin and America's Donald Trump talked for ninety minutes by phone on Wednesday and told aides to open negotiations on Ukraine, officials in both capitals said. Kyiv was not consulted, Volodymyr Zelenskiy complained.`, false},
		{"unrelated", "Shares in Tokyo closed higher on Thursday as exporters gained on a weaker yen, while oil prices slipped.", false},
		{"one shared paragraph of four", paras[2] + "\nThe rest of this article is about something else entirely: weather, sport and the price of bread in several cities across the region this week.", false},
	}
	a := sk("a", "2025-02-12", story)
	for _, tt := range tests {
		got, c := Duplicate(a, sk("b", "2025-02-12", tt.text))
		if got != tt.want {
			t.Errorf("%s: duplicate = %v (containment %.2f), want %v", tt.name, got, c, tt.want)
		}
	}
	if e := sk("e", "2025-02-12", ""); len(e.Bands) != 0 || e.Shingles != 0 {
		t.Errorf("empty text sketch %+v", e)
	}
	if ok, _ := Duplicate(sk("e", "", ""), sk("f", "", "")); ok {
		t.Error("two empty texts are not duplicates")
	}
}

func TestDedup(t *testing.T) {
	paras := strings.Split(story, "\n")
	ss := []chronicle.Sketch{
		sk("copy2", "2025-02-13", strings.Join(paras[:2], "\n")),
		sk("orig", "2025-02-12", story),
		sk("other", "2025-02-12", "Shares in Tokyo closed higher on Thursday as exporters gained on a weaker yen, while oil prices slipped."),
		sk("copy1", "2025-02-12", "A new lede was written for this version of the story by the desk. "+strings.Join(paras[1:], "\n")),
	}
	for _, perm := range [][]int{{0, 1, 2, 3}, {3, 2, 1, 0}, {2, 0, 3, 1}} {
		var in []chronicle.Sketch
		for _, i := range perm {
			in = append(in, ss[i])
		}
		links, orig := Dedup(in)
		if orig["copy1"] != "orig" || orig["copy2"] != "orig" || orig["orig"] != "orig" || orig["other"] != "other" {
			t.Errorf("order %v: originals %v", perm, orig)
		}
		if len(links) == 0 {
			t.Errorf("order %v: no links", perm)
		}
	}
}

// TestEvalDuplicatesSmall runs the duplicate evaluation on made-up articles (the real figures
// come from `chronicle eval duplicates`, see testdata/eval/scores.txt).
func TestEvalDuplicatesSmall(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 3))
	words := strings.Fields(strings.ToLower(strings.NewReplacer(",", "", ".", "", "\"", "").Replace(story)))
	var docs []DupDoc
	for i := range 40 {
		var b strings.Builder
		for s := range 8 {
			for range 12 {
				b.WriteString(words[r.IntN(len(words))] + " ")
			}
			b.WriteString("sentence " + itoa(s) + ". ")
		}
		docs = append(docs, DupDoc{ID: "d" + itoa(i), Date: "2025-01-01", Title: "Title " + itoa(i), Text: b.String()})
	}
	s := EvalDuplicates(docs, 1)
	if s.Recall() < 0.9 || s.Precision() < 0.9 {
		var w strings.Builder
		s.Write(&w)
		t.Errorf("made-up set: %s", w.String())
	}
}

// BenchmarkSketch sketches Reuters-21578 bodies.
func BenchmarkSketch(b *testing.B) {
	dir := reuters.Dir()
	if dir == "" {
		b.Skip("skipping: ../shared/data/reuters21578 not found")
	}
	stories, err := reuters.Load(dir, 1000)
	if err != nil {
		b.Fatal(err)
	}
	words := 0
	for _, s := range stories {
		words += reuters.Words(s.Body)
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range stories {
			Sketch(&chronicle.Article{ID: s.ID, Date: s.Date, Text: s.Body})
		}
	}
	b.ReportMetric(float64(words)*float64(b.N)/b.Elapsed().Seconds(), "words/s")
}
