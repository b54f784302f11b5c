package events

import (
	"flag"
	"fmt"
	"strings"
	"testing"
	"time"

	"chronicle"
	"chronicle/actors"
	"chronicle/ner"
	"chronicle/text"
)

var (
	dumpText    = flag.String("dump", "", "text to dump (TestDump)")
	dumpArticle = flag.Bool("article", false, "dump in article mode (entities from ner and actors)")
)

func dumpSentence(c *Coder, sc *scratch, src string, toks []text.Token) string {
	var b strings.Builder
	for i, tk := range toks {
		fmt.Fprintf(&b, "%2d %-14s %-5s cls=%-2d np=%-2d cov=%-2d verb=%v vish=%v\n", i, src[tk.Start:tk.End], tk.POS, sc.cls[i], sc.npAt[i], sc.cover[i], sc.isVerb[i], sc.verbish[i])
	}
	for ni, np := range sc.nps {
		fmt.Fprintf(&b, "np %d [%d,%d) prep=%d code=%s ent=%d\n", ni+1, np.s, np.e, np.prep, np.code, np.entity)
	}
	for gi, g := range sc.groups {
		fmt.Fprintf(&b, "group %d [%d,%d) prep=%d", gi, g.s, g.e, g.prep)
		for _, m := range g.members {
			fmt.Fprintf(&b, " %s", m.code)
		}
		b.WriteString("\n")
	}
	for vi, vg := range sc.vgs {
		fmt.Fprintf(&b, "vg %d [%d,%d) cs=%d %s src=%d tgt=%d subj=%+v why=%s\n", vi, vg.vs, vg.ve, vg.cs, c.dict.vforms[vg.form].lemma, vg.srcGroup, vg.tgtGroup, vg.subj, vg.why)
	}
	for _, e := range sc.evs {
		fmt.Fprintf(&b, "ev %s %s->%s vg=%d %s\n", e.code, e.src.code, e.tgt.code, e.vg, e.why)
	}
	return b.String()
}

// TestDump prints the coder's shallow analysis of -dump text (a development aid).
func TestDump(t *testing.T) {
	if *dumpText == "" {
		t.Skip("no -dump text")
	}
	c, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	d := text.Segment(*dumpText)
	if tg, err := ner.Default(); err == nil {
		tg.Tag(d)
	}
	if *dumpArticle {
		kb, err := actors.Default()
		if err != nil {
			t.Fatal(err)
		}
		a := &chronicle.Article{Text: d.Text, Date: "2025-07-03"}
		a.Entities = kb.Entities(d, time.Date(2025, 7, 3, 0, 0, 0, 0, time.UTC))
		for _, e := range a.Entities {
			t.Logf("%s %s %q %s", e.ID, e.Type, e.Text, e.Actor)
		}
		debugSentence = func(c *Coder, sc *scratch, src string, toks []text.Token) {
			t.Log("\n" + dumpSentence(c, sc, src, toks))
		}
		defer func() { debugSentence = nil }()
		for _, e := range c.Code(d, a) {
			t.Logf("%s %s %s->%s %q %s", e.ID, e.Code, e.Source.Actor, e.Target.Actor, e.Trigger.Text, e.Why)
		}
		return
	}
	o := c.opt
	o.RequireDyad = false
	o.IntentCodes = true
	c = c.WithOptions(o)
	sc := new(scratch)
	for _, s := range d.Sentences {
		toks := d.Tokens[s.First:s.Last]
		c.sentence(sc, d.Text, toks, "20250703", nil)
		t.Log("\n" + dumpSentence(c, sc, d.Text, toks))
	}
}

var ploverText = flag.String("plover", "", "text whose PLOVER category TestPloverDump prints")

// TestPloverDump prints the PLOVER category of -plover text (a development aid).
func TestPloverDump(t *testing.T) {
	if *ploverText == "" {
		t.Skip("no -plover text")
	}
	c, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	d := text.Segment(*ploverText)
	if tg, err := ner.Default(); err == nil {
		tg.Tag(d)
	}
	t.Logf("category=%s", c.PloverCategory(d))
}
