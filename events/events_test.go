package events

import (
	"bufio"
	"compress/gzip"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"chronicle"
	"chronicle/actors"
	"chronicle/ner"
	"chronicle/petrarch"
	"chronicle/text"
)

func TestPlover(t *testing.T) {
	tests := []struct{ code, want string }{
		{"041", "CONSULT"}, {"0352", "AGREE"}, {"1622", "SANCTION"}, {"163", "COERCE"}, {"190", "ASSAULT"},
		{"010", ""}, {"023", ""}, {"039", "AGREE"}, {"112", "ACCUSE"}, {"---", ""}, {"", ""},
	}
	for _, tt := range tests {
		if got := Plover(tt.code); got != tt.want {
			t.Errorf("Plover(%q) = %q, want %q", tt.code, got, tt.want)
		}
	}
}

// validateCoder compiles a tiny dictionary written here.
func validateCoder(t testing.TB) *Coder {
	verbs, err := petrarch.ReadVerbs("v", `
&TIETYPES
+MILITARY
+ECONOMIC
--- RESTORE [064] ---
RESTORE
- * &TIETYPES TIES [902]
--- ARRIVE [032:033] ---
ARRIVE
--- MEET [031:031] ---
MEET {MEETS MET MEETING}
--- OPPOSE [112] ---
OPPOSE
`)
	if err != nil {
		t.Fatal(err)
	}
	actors, _ := petrarch.ReadActors("a", "ARNOR [ARN]\nGONDOR [GON]\n+MINAS_TIRITH\nBREE [BRE]\n")
	agents, _ := petrarch.ReadAgents("g", "GOVERNMENT [~GOV]\nSOLDIER [~MIL]\nMSF {} [NGO~]\n")
	return New(Compile(Sources{Verbs: verbs, Actors: actors, Agents: agents}), DefaultOptions())
}

func TestCodeDoc(t *testing.T) {
	c := validateCoder(t)
	tests := []struct{ text, want string }{
		{"Arnor is about to restore full diplomatic ties with Gondor.", "064 ARN GON"},
		{"Arnor will restore economic ties with Minas Tirith.", "902 ARN GON"},
		{"The Bree government arrived in Gondor on Monday.", "032 BREGOV GON|033 GON BREGOV"},
		{"Soldiers from Gondor met Arnor.", "031 GONMIL ARN|031 ARN GONMIL"},
		{"Arnor and Gondor met yesterday.", "031 ARN GON|031 GON ARN"},
		{"Gondor was opposed by Arnor.", "112 ARN GON"},
		{"MSF Arnor will restore ties with Bree.", "064 NGOARN BRE"},
		{"The restore of Arnor.", ""},
	}
	for _, tt := range tests {
		var got []string
		for _, e := range c.CodeDoc(text.Segment(tt.text), "20250703") {
			got = append(got, e.Code+" "+e.Source+" "+e.Target)
		}
		if g := strings.Join(got, "|"); g != tt.want {
			t.Errorf("%q\n got %s\nwant %s", tt.text, g, tt.want)
		}
	}
}

// TestRunningExample codes the running example with dictionary actors only (the pipeline adds
// entities from package actors): nothing asserted from "Russia will not back down".
func TestRunningExample(t *testing.T) {
	path := filepath.Join("..", "..", "shared", "examples", "2025-07-03-putin-trump-call.txt")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Skipf("skipping: %s not found (the shared data sits beside the repository in CI)", path)
	}
	c, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	txt := string(b)
	if i := strings.IndexByte(txt, '\n'); strings.HasPrefix(txt, "date ") && i > 0 {
		txt = txt[i+1:]
	}
	d := text.Segment(txt)
	for _, e := range c.Code(d, &chronicle.Article{Date: "2025-07-03", Text: txt}) {
		t.Logf("%s %s→%s %s %s %q", e.Code, e.Source.Actor, e.Target.Actor, e.Modality, e.Date, e.Trigger.Text)
		if strings.Contains(txt[e.Sentence.Start:e.Sentence.End], "will not back down") && strings.EqualFold(e.Trigger.Text, "back") && e.Modality == chronicle.Asserted {
			t.Errorf("asserted event from 'will not back down': %+v", e)
		}
	}
}

func FuzzCode(f *testing.F) {
	for _, tc := range goldenCases {
		f.Add(tc.text)
	}
	f.Add("“Will be speaking to President Putin of Russia at 10:00 a.m.” (EU) , , and and")
	f.Add("\xff\xfe Rußland und")
	c, err := Default()
	if err != nil {
		f.Fatal(err)
	}
	tagger, _ := ner.Default()
	kb, _ := actors.Default()
	f.Fuzz(func(t *testing.T, s string) {
		d := text.Segment(s)
		a := &chronicle.Article{Date: "2025-07-03", Text: s}
		if tagger != nil && kb != nil && len(s)%2 == 0 {
			// half the inputs with tags and entities, as in the pipeline, and a quote
			tagger.Tag(d)
			a.Entities = kb.Entities(d, time.Date(2025, 7, 3, 0, 0, 0, 0, time.UTC))
			if len(a.Entities) > 0 && len(s) > 4 {
				a.Quotes = []chronicle.Quote{{ID: "q1", Content: chronicle.Span{Start: 0, End: len(s) / 2}, Speaker: chronicle.Speaker{Entity: a.Entities[0].ID}}}
			}
		}
		for _, e := range c.Code(d, a) {
			for _, sp := range []chronicle.Span{e.Trigger, e.Sentence} {
				if sp.Start < 0 || sp.End > len(s) || sp.Start > sp.End {
					t.Fatalf("bad span %+v in %q", sp, s)
				}
				// On valid UTF-8 every span starts and ends on a rune boundary.
				if utf8.ValidString(s) && (sp.Start < len(s) && !utf8.RuneStart(s[sp.Start]) || sp.End < len(s) && !utf8.RuneStart(s[sp.End])) {
					t.Fatalf("bad span %+v in %q", sp, s)
				}
			}
			if e.Modality == "" || e.Code == "" || e.Source.Actor == "" {
				t.Fatalf("incomplete event %+v", e)
			}
		}
		c.CodeDoc(d, "20250703")
	})
}

// BenchmarkCode codes Reuters-21578 bodies given their tokens, POS tags and entities (the
// ner and actors stages run before the timer): the events stage's share of the pipeline.
func BenchmarkCode(b *testing.B) {
	dir := filepath.Join("..", "..", "shared", "data", "reuters21578")
	bodies := reutersBodies(b, dir, 300)
	c, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	tagger, err := ner.Default()
	if err != nil {
		b.Fatal(err)
	}
	kb, err := actors.Default()
	if err != nil {
		b.Fatal(err)
	}
	date := time.Date(1987, 3, 1, 0, 0, 0, 0, time.UTC)
	docs := make([]*text.Doc, len(bodies))
	arts := make([]*chronicle.Article, len(bodies))
	words := 0
	for i, s := range bodies {
		docs[i] = text.Segment(s)
		tagger.Tag(docs[i])
		arts[i] = &chronicle.Article{Date: "1987-03-01", Text: s, Entities: kb.Entities(docs[i], date)}
		words += len(strings.Fields(s))
	}
	c.Code(docs[0], arts[0]) // load the places
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		for i, d := range docs {
			c.Code(d, arts[i])
		}
	}
	b.ReportMetric(float64(words)*float64(b.N)/b.Elapsed().Seconds(), "words/s")
}

// reutersBodies returns up to n <BODY> texts of the Reuters-21578 SGML files in dir.
func reutersBodies(b *testing.B, dir string, n int) []string {
	files, _ := filepath.Glob(filepath.Join(dir, "*.sgm.gz"))
	if len(files) == 0 {
		b.Skipf("skipping: no Reuters-21578 .sgm files under %s", dir)
	}
	var out []string
	for _, f := range files {
		fh, err := os.Open(f)
		if err != nil {
			b.Fatal(err)
		}
		zr, err := gzip.NewReader(fh)
		if err != nil {
			b.Fatal(err)
		}
		sc := bufio.NewScanner(zr)
		sc.Buffer(make([]byte, 1<<20), 1<<24)
		var cur strings.Builder
		in := false
		for sc.Scan() {
			l := sc.Text()
			if i := strings.Index(l, "<BODY>"); i >= 0 {
				in = true
				l = l[i+6:]
			}
			if in {
				if j := strings.Index(l, "</BODY>"); j >= 0 {
					cur.WriteString(l[:j])
					out = append(out, cur.String())
					cur.Reset()
					in = false
					if len(out) >= n {
						fh.Close()
						return out
					}
					continue
				}
				cur.WriteString(l + "\n")
			}
		}
		fh.Close()
	}
	return out
}
