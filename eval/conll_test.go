package eval

import (
	"strings"
	"testing"
)

func TestScoreCoNLL(t *testing.T) {
	tests := []struct {
		name                  string
		in                    string
		gold, found, correct  int
		perGold, perCorrect   int // PER counts
		tokens, correctTagsOK int
	}{
		{"exact IOB1 vs IOB2", "EU NNP I-NP I-ORG B-ORG\nrejects VBZ I-VP O O\nPeter NNP I-NP I-PER B-PER\nBlackburn NNP I-NP I-PER I-PER\n",
			2, 2, 2, 1, 1, 4, 2},
		{"wrong end", "Peter x I-PER B-PER\nBlackburn x I-PER O\n", 1, 1, 0, 1, 0, 2, 0},
		{"wrong type", "Peter x I-PER B-ORG\nBlackburn x I-PER I-ORG\n", 1, 1, 0, 1, 0, 2, 0},
		{"adjacent same type (B in IOB1)", "A x I-PER B-PER\nB x B-PER B-PER\n", 2, 2, 2, 2, 2, 2, 1},
		{"split prediction", "A x I-LOC B-LOC\nB x I-LOC B-LOC\n", 1, 2, 0, 0, 0, 2, 0},
		{"sentence break ends chunks", "A x I-LOC B-LOC\n\nB x I-LOC I-LOC\n", 2, 2, 2, 0, 0, 2, 1},
		{"docstart is a token tagged O", "-DOCSTART- -X- O O\n\nA x I-MISC B-MISC\n", 1, 1, 1, 0, 0, 2, 1},
		{"I after O starts a chunk", "a x O O\nA x I-ORG I-ORG\n", 1, 1, 1, 0, 0, 2, 2},
		{"type change inside", "A x I-ORG B-ORG\nB x I-ORG I-LOC\n", 1, 2, 0, 0, 0, 2, 0},
	}
	for _, tt := range tests {
		s, err := ScoreCoNLL(strings.NewReader(tt.in))
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if s.Gold != tt.gold || s.Found != tt.found || s.Correct != tt.correct || s.GoldT["PER"] != tt.perGold ||
			s.CorrectT["PER"] != tt.perCorrect || s.Tokens != tt.tokens || s.CorrectTags != tt.correctTagsOK {
			t.Errorf("%s: got gold=%d found=%d correct=%d PER %d/%d tokens=%d tags=%d, want %d %d %d PER %d/%d %d %d",
				tt.name, s.Gold, s.Found, s.Correct, s.CorrectT["PER"], s.GoldT["PER"], s.Tokens, s.CorrectTags,
				tt.gold, tt.found, tt.correct, tt.perCorrect, tt.perGold, tt.tokens, tt.correctTagsOK)
		}
	}
}

func TestScoreCoNLLErrors(t *testing.T) {
	for _, in := range []string{"word O\n", "w x Q O\n"} {
		if _, err := ScoreCoNLL(strings.NewReader(in)); err == nil {
			t.Errorf("ScoreCoNLL(%q) accepted bad input", in)
		}
	}
}

func TestCoNLLWrite(t *testing.T) {
	s, err := ScoreCoNLL(strings.NewReader("Peter x I-PER B-PER\nParis x I-LOC B-ORG\n"))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := s.Write(&b); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	last := lines[len(lines)-1]
	for _, want := range []string{"gold=2", "found=2", "correct=1", "f1=0.5000", "PER_f1=1.0000", "LOC_r=0.0000", "ORG_p=0.0000"} {
		if !strings.Contains(last, want) {
			t.Errorf("last line %q lacks %q", last, want)
		}
	}
	if !strings.HasPrefix(lines[0], "processed 2 tokens with 2 phrases; found: 2 phrases; correct: 1.") {
		t.Errorf("first line %q", lines[0])
	}
}

func FuzzScoreCoNLL(f *testing.F) {
	f.Add("EU NNP I-NP I-ORG B-ORG\nrejects VBZ I-VP O O\n\nPeter x I-PER I-PER\n")
	f.Fuzz(func(t *testing.T, in string) {
		s, err := ScoreCoNLL(strings.NewReader(in))
		if err != nil {
			return
		}
		if s.Correct > s.Gold || s.Correct > s.Found || s.CorrectTags > s.Tokens {
			t.Fatalf("inconsistent counts %+v", s)
		}
	})
}
