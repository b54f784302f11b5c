package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

func TestAnnotateCoNLL(t *testing.T) {
	const in = "-DOCSTART- -X- O O\n\nPUTIN NNP I-NP I-PER\nCALLS VBZ I-VP O\nTRUMP NNP I-NP I-PER\n\nRussian JJ I-NP I-MISC\nPresident NNP I-NP O\nVladimir NNP I-NP I-PER\nPutin NNP I-NP I-PER\nspoke VBD I-VP O\n. . O O\n"
	var out, errb bytes.Buffer
	m := &Main{Stdin: strings.NewReader(in), Stdout: &out, Stderr: &errb}
	if err := m.Run(context.Background(), []string{"annotate", "--task", "ner", "--format", "conll"}); err != nil {
		t.Fatalf("%v\n%s", err, errb.String())
	}
	inLines := strings.Split(strings.TrimSuffix(in, "\n"), "\n")
	outLines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	if len(inLines) != len(outLines) {
		t.Fatalf("got %d lines, want %d:\n%s", len(outLines), len(inLines), out.String())
	}
	for i, l := range inLines {
		o := outLines[i]
		if l == "" || strings.HasPrefix(l, "-DOCSTART-") {
			if o != l {
				t.Errorf("line %d: %q, want it kept as %q", i+1, o, l)
			}
			continue
		}
		if !strings.HasPrefix(o, l+" ") {
			t.Errorf("line %d: %q does not extend %q", i+1, o, l)
			continue
		}
		tag := o[len(l)+1:]
		if tag != "O" && !strings.HasPrefix(tag, "B-") && !strings.HasPrefix(tag, "I-") {
			t.Errorf("line %d: bad tag %q", i+1, tag)
		}
	}
	if !strings.HasSuffix(outLines[8], " B-PER") || !strings.HasSuffix(outLines[9], " I-PER") {
		t.Errorf("Vladimir Putin not tagged B-PER I-PER:\n%s", out.String())
	}

	// The annotated output scores as conlleval input.
	var ev bytes.Buffer
	m = &Main{Stdin: strings.NewReader(out.String()), Stdout: &ev, Stderr: &errb}
	if err := m.Run(context.Background(), []string{"eval", "conll", "--pred", "-"}); err != nil {
		t.Fatalf("eval conll --pred: %v\n%s", err, errb.String())
	}
	if last := lastLine(ev.String()); !strings.Contains(last, "gold=4 ") {
		t.Errorf("eval conll --pred: %q", last)
	}
}

func TestEvalCoNLLUsage(t *testing.T) {
	var out, errb bytes.Buffer
	m := &Main{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb}
	err := m.Run(context.Background(), []string{"eval", "conll"})
	if _, ok := err.(*usageError); !ok {
		t.Errorf("eval conll without a file: %v, want a usage error", err)
	}
}
