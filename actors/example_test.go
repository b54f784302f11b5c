package actors_test

import (
	"fmt"
	"strings"
	"time"

	"chronicle/actors"
	"chronicle/text"
)

func ExampleKB_Actor() {
	kb, err := actors.Default()
	if err != nil {
		panic(err)
	}
	for _, date := range []string{"2010-06-01", "2015-06-01", "2023-06-01"} {
		d, _ := time.Parse("2006-01-02", date)
		a, _ := kb.Actor("Dmitry Medvedev", d)
		fmt.Printf("%s: %s (%s) %s\n", date, a.Name, a.Code, a.Role)
	}
	// Output:
	// 2010-06-01: Dmitri Medvedev (RUSGOV) President of Russia
	// 2015-06-01: Dmitri Medvedev (RUSGOV) Prime Minister of Russia
	// 2023-06-01: Dmitri Medvedev (RUSELI) former Prime Minister of Russia
}

func ExampleKB_Entities() {
	kb, err := actors.Default()
	if err != nil {
		panic(err)
	}
	s := "Putin's aide Yuri Ushakov said Vladimir Putin spoke to Donald Trump."
	d := text.Segment(s)
	// Normally the ner package finds the mentions; here they are marked by hand.
	for _, m := range []struct{ name, typ string }{{"Putin", "PER"}, {"Yuri Ushakov", "PER"}, {"Vladimir Putin", "PER"}, {"Donald Trump", "PER"}} {
		start := strings.Index(s, m.name)
		first, last := d.TokenAt(start), d.TokenAt(start+len(m.name)-1)+1
		d.Mentions = append(d.Mentions, text.Mention{First: first, Last: last, Type: m.typ})
	}
	for _, e := range kb.Entities(d, time.Date(2025, 7, 3, 0, 0, 0, 0, time.UTC)) {
		fmt.Printf("%s %s | %s | %s | %s | %d mentions\n", e.ID, e.Name, e.Role, e.Actor, e.KB, len(e.Mentions))
	}
	// Output:
	// e1 Vladimir Putin | President of Russia | RUSGOV | Q7747 | 2 mentions
	// e2 Yuri Ushakov | aide to Putin | RUSGOV |  | 1 mentions
	// e3 Donald Trump | President of the United States | USAGOV | Q22686 | 1 mentions
}
