package events

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"chronicle"
	"chronicle/actors"
	"chronicle/ner"
	"chronicle/text"
)

var update = flag.Bool("update", false, "rewrite golden files")

// goldenCases are sentences written for these tests: each is coded as an article dated
// 2025-07-03 whose time expressions are given (text → value).
var goldenCases = []struct {
	text    string
	timexes map[string]string
}{
	{"Russia will not back down from its goals.", nil},
	{"Russia would not step back from its original goals.", nil},
	{"Israel denied attacking Lebanon.", nil},
	{"Iran may attack Israel on Friday.", map[string]string{"on Friday": "2025-07-04"}},
	{"Iran reportedly attacked Israel on Tuesday.", map[string]string{"on Tuesday": "2025-07-01"}},
	{"If Iran attacks Israel, the United States will respond.", nil},
	{"Iran could attack Israel.", nil},
	{"France will sign a treaty with Germany next month.", map[string]string{"next month": "2025-08"}},
	{"France plans to sign a treaty with Germany.", nil},
	{"Germany is expected to sign a treaty with France.", nil},
	{"Germany signed a treaty with France a month ago.", map[string]string{"a month ago": "2025-06"}},
	{"China condemned Japan on Thursday.", map[string]string{"on Thursday": "2025-07-03"}},
	{"The US administration unexpectedly paused shipments of key military aid to Ukraine.", nil},
	{"Russia, a close partner of Iran, has offered to mediate in the region.", nil},
	{"Putin spoke by phone with Trump on Thursday.", map[string]string{"on Thursday": "2025-07-03"}},
	{"Egypt is said to be about to restore diplomatic ties with Qatar.", nil},
	{"Turkey refused to release Greek soldiers.", nil},
	{"Norway backed Iceland's bid to join the European Union.", nil},
	{"Poland cancelled a meeting with Hungary.", nil},
	{"The summit between Chile and Peru was postponed.", nil},
	{"The talks between Chile and Peru were called off on Tuesday.", map[string]string{"on Tuesday": "2025-07-01"}},
	{"The Spanish king's visit to Morocco ended on Tuesday.", map[string]string{"on Tuesday": "2025-07-01"}},
	{"Chile condemned Peru, which it had praised in March.", map[string]string{"in March": "2025-03"}},
	{"Canada threatened to impose sanctions on Venezuela.", nil},
	{"Armenia denied that its troops had shelled Azerbaijan.", nil},
	{"Serbia called for talks with Kosovo.", nil},
	{"Serbia is open to talks with Kosovo.", nil},
	{"France urged Germany to impose sanctions on Iran.", nil},
	{"Sudan's attack on Chad killed ten people.", nil},
	{"The attack on Chad by Sudan failed.", nil},
	{"Chad condemned the attack on Sudan.", nil},
	{"Chad warned of a possible attack on Sudan by Libya.", nil},
	{"Eritrea struck Ethiopia on Friday.", map[string]string{"on Friday": "2025-06-27"}},
}

func TestModalityAndDatingGolden(t *testing.T) {
	c, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, tc := range goldenCases {
		a := &chronicle.Article{Date: "2025-07-03", Text: tc.text}
		keys := make([]string, 0, len(tc.timexes))
		for k := range tc.timexes {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for i, k := range keys {
			s := strings.Index(tc.text, k)
			a.Timexes = append(a.Timexes, chronicle.Timex{ID: fmt.Sprintf("t%d", i+1), Span: chronicle.Span{Start: s, End: s + len(k), Text: k}, Type: chronicle.DATE, Value: tc.timexes[k]})
		}
		d := text.Segment(tc.text)
		evs := c.Code(d, a)
		if len(evs) == 0 {
			lines = append(lines, fmt.Sprintf("%q: (none)", tc.text))
		}
		for _, e := range evs {
			lines = append(lines, fmt.Sprintf("%q: %s %s→%s %s %s/%s %q", tc.text, e.Code, e.Source.Actor, e.Target.Actor, e.Modality, e.Date, e.DateFrom, e.Trigger.Text))
		}
	}
	got := strings.Join(lines, "\n") + "\n"
	path := filepath.Join("testdata", "modality.golden")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("modality and dating changed (go test ./events -update after reading the diff):\n%s", got)
	}
}

// articleCases are short articles written for these tests, coded with the entities of packages
// ner and actors (dated 2025-07-03; time expressions given as text → value): argument heads,
// coordination and pairs, pronouns, topics and places, event nouns, quotes.
var articleCases = []struct {
	text    string
	timexes map[string]string
	quote   string // the content of a quote by the first person named, "" for none
}{
	{text: "Russian President Vladimir Putin met his American counterpart Donald Trump in Geneva on Monday.", timexes: map[string]string{"on Monday": "2025-06-30"}},
	{text: "Trump and Putin spoke about the war in Ukraine, including the Russian offensive."},
	{text: "Putin told Trump that Russia would not back down during a telephone conversation the two leaders had on Thursday.", timexes: map[string]string{"on Thursday": "2025-07-03"}},
	{text: "Vladimir Putin rushed out of a session. He said he was going to have a phone call with Donald Trump."},
	{text: "Donald Trump said Russia would attack Ukraine."},
	{text: "Clinton should not be prosecuted, the FBI said."},
	{text: "Donald Trump posted: “Will be speaking to President Putin of Russia at 10:00 a.m.”", quote: "“Will be speaking to President Putin of Russia at 10:00 a.m.”"},
	{text: "This was the sixth conversation between Trump and Putin since January.", timexes: map[string]string{"January": "2025-01"}},
	{text: "Trump blasted Comey on Tuesday.", timexes: map[string]string{"on Tuesday": "2025-07-01"}},
	{text: "Europe now matches the US in crypto developers."},
	{text: "Germany delivered air-defence systems to Ukraine in Kyiv."},
	{text: "Putin agreed on Tuesday to halt strikes on Ukraine's power grid for 30 days after a phone call with Donald Trump.", timexes: map[string]string{"on Tuesday": "2025-07-01"}},
	{text: "Putin hosted Xi in Moscow three days after a phone call with Donald Trump."},
	{text: "Macron spoke in Paris. During his visit to India, Putin met Modi."},
	{text: "The Israeli army said it had killed a Hezbollah commander in Lebanon.", quote: "it had killed a Hezbollah commander in Lebanon"},
	// Two sides named as one hyphenated modifier.
	{text: "The Trump-Putin summit in Alaska ended without a deal."},
	{text: "After the Trump-Putin call, markets rose."},
	{text: "Chile-Peru trade talks will resume next week.", timexes: map[string]string{"next week": "2025-W28"}},
	{text: "The White House denied a report of a new Trump-Xi call."},
	{text: "The Russia-Ukraine war goes on, and the Chile-Peru border stays closed."},
	{text: "Guinea-Bissau held talks with Senegal."},
	{text: "Brazil postponed the Chile-Peru summit."},
	{text: "The Trump-Xi meeting was called off."},
	{text: "Japan-U.S. trade talks resumed in Tokyo."},
}

func TestArticleGolden(t *testing.T) {
	c, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	tagger, err := ner.Default()
	if err != nil {
		t.Fatal(err)
	}
	kb, err := actors.Default()
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, tc := range articleCases {
		d := text.Segment(tc.text)
		tagger.Tag(d)
		a := &chronicle.Article{Date: "2025-07-03", Text: tc.text}
		a.Entities = kb.Entities(d, time.Date(2025, 7, 3, 0, 0, 0, 0, time.UTC))
		keys := make([]string, 0, len(tc.timexes))
		for k := range tc.timexes {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for i, k := range keys {
			s := strings.Index(tc.text, k)
			a.Timexes = append(a.Timexes, chronicle.Timex{ID: fmt.Sprintf("t%d", i+1), Span: chronicle.Span{Start: s, End: s + len(k), Text: k}, Type: chronicle.DATE, Value: tc.timexes[k]})
		}
		if tc.quote != "" && len(a.Entities) > 0 {
			s := strings.Index(tc.text, tc.quote)
			a.Quotes = []chronicle.Quote{{ID: "q1", Kind: chronicle.Direct, Content: chronicle.Span{Start: s, End: s + len(tc.quote), Text: tc.quote},
				Speaker: chronicle.Speaker{Span: a.Entities[0].Span, Entity: a.Entities[0].ID}}}
		}
		evs := c.Code(d, a)
		if len(evs) == 0 {
			lines = append(lines, fmt.Sprintf("%q: (none)", tc.text))
		}
		for _, e := range evs {
			place := ""
			if e.Place != nil {
				place = " @" + e.Place.Name
			}
			lines = append(lines, fmt.Sprintf("%q: %s %s(%s)→%s(%s) %s %s/%s %q%s %s", tc.text, e.Code, e.Source.Actor, e.Source.Text, e.Target.Actor, e.Target.Text, e.Modality, e.Date, e.DateFrom, e.Trigger.Text, place, e.QuoteID))
		}
	}
	got := strings.Join(lines, "\n") + "\n"
	path := filepath.Join("testdata", "article.golden")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("article coding changed (go test ./events -run TestArticleGolden -update after reading the diff):\n%s", got)
	}
}
