package actors

import (
	"strings"
	"testing"
)

// TestEntitiesHyphenatedPairs: two actors named as one compound modifier are split into a
// mention each; compounds that are one name stay whole.
func TestEntitiesHyphenatedPairs(t *testing.T) {
	kb := mustDefault(t)
	tests := []struct {
		text  string
		marks []string
		want  []string // "TYPE text actor" of every entity, in order
	}{
		{"The Trump-Putin summit in Alaska ended.", []string{"LOC:Trump-Putin", "LOC:Alaska"},
			[]string{"PER Trump USAGOV", "PER Putin RUSGOV", "LOC Alaska USA"}},
		{"The Trump-Putin Summit ended.", []string{"MISC:Trump-Putin Summit"},
			[]string{"PER Trump USAGOV", "PER Putin RUSGOV"}},
		{"The Chile-Peru-Bolivia talks resumed.", []string{"MISC:Chile-Peru-Bolivia"},
			[]string{"LOC Chile CHL", "LOC Peru PER", "LOC Bolivia BOL"}},
		{"Israel-Hamas ceasefire talks stalled.", nil, // no mention from the tagger
			[]string{"LOC Israel ISR", "ORG Hamas PSEREBHMS"}},
		{"A Zelensky-Putin meeting is unlikely.", []string{"MISC:Zelensky-Putin"},
			[]string{"PER Zelensky UKRGOV", "PER Putin RUSGOV"}},
		{"Envoy Mara Quellen met Jon Ostrava. The Quellen-Ostrava talks ended.", []string{"PER:Mara Quellen", "PER:Jon Ostrava", "MISC:Quellen-Ostrava"},
			[]string{"PER Mara Quellen ", "PER Jon Ostrava "}},
		{"Japan-U.S. trade talks resumed.", []string{"MISC:Japan-U.S"},
			[]string{"LOC Japan JPN", "LOC U.S. USA"}},
		{"The Japan-U.S. Trade Council met.", []string{"ORG:Japan-U.S", "ORG:Trade Council"},
			[]string{"ORG Japan-U.S ", "ORG Trade Council "}},
		// One name each.
		{"Guinea-Bissau and Bosnia-Herzegovina voted.", []string{"LOC:Guinea-Bissau", "LOC:Bosnia-Herzegovina"},
			[]string{"LOC Guinea-Bissau GNB", "LOC Bosnia-Herzegovina BIH"}},
		{"Hewlett-Packard and Coca-Cola rose.", []string{"ORG:Hewlett-Packard", "ORG:Coca-Cola"},
			[]string{"ORG Hewlett-Packard MNCUSA", "ORG Coca-Cola MNCUSA"}},
		{"Karine Jean-Pierre spoke in Saint-Denis. Jean-Pierre left.", []string{"PER:Karine Jean-Pierre", "LOC:Saint-Denis", "PER:Jean-Pierre"},
			[]string{"PER Karine Jean-Pierre ", "LOC Saint-Denis REU"}},
		{"Rep. Alexandria Ocasio-Cortez and Bashar Al-Assad.", []string{"PER:Alexandria Ocasio-Cortez", "PER:Bashar Al-Assad"},
			[]string{"PER Alexandria Ocasio-Cortez ", "PER Bashar Al-Assad SYRELI"}},
		{"Rolls-Royce and Alsace-Lorraine.", []string{"ORG:Rolls-Royce", "LOC:Alsace-Lorraine"},
			[]string{"ORG Rolls-Royce MNCGBR", "LOC Alsace-Lorraine "}},
		{"Rep. Ana Ruiz, DFL-St. Paul, spoke.", []string{"PER:Ana Ruiz", "ORG:DFL-St"},
			[]string{"PER Ana Ruiz ", "ORG DFL-St "}},
	}
	for _, tt := range tests {
		d := markDoc(tt.text, tt.marks...)
		ents := kb.Entities(d, day("2025-08-15"))
		var got []string
		for _, e := range ents {
			got = append(got, e.Type+" "+e.Text+" "+e.Actor)
			for _, m := range e.Mentions {
				if s := tt.text[m[0]:m[1]]; s == "" || strings.ContainsAny(s[:1]+s[len(s)-1:], "- ") {
					t.Errorf("%q: bad mention %v", tt.text, m)
				}
			}
		}
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("%q:\n got %q\nwant %q", tt.text, got, tt.want)
		}
		// The document is consistent: tokens in order, sentences and mentions over them.
		for i := 1; i < len(d.Tokens); i++ {
			if d.Tokens[i].Start < d.Tokens[i-1].End {
				t.Errorf("%q: tokens overlap at %d", tt.text, i)
			}
		}
		if s := d.Sentences[len(d.Sentences)-1]; s.Last != len(d.Tokens) {
			t.Errorf("%q: last sentence ends at token %d of %d", tt.text, s.Last, len(d.Tokens))
		}
	}
}
