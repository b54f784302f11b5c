package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"chronicle"
)

// actor is one synthetic participant of seeded events.
type actor struct {
	Name, Type, Code, KB, Role string
}

// actors are the participants of the seeded articles: a few dozen heads of government,
// countries and organisations, as in wire copy about international relations.
var actors = []actor{
	{"Vladimir Putin", "PER", "RUSGOV", "Q7747", "President of Russia"},
	{"Donald Trump", "PER", "USAGOV", "Q22686", "President of the United States"},
	{"Volodymyr Zelenskyy", "PER", "UKRGOV", "Q3881612", "President of Ukraine"},
	{"Xi Jinping", "PER", "CHNGOV", "Q15031", "President of China"},
	{"Emmanuel Macron", "PER", "FRAGOV", "Q3052772", "President of France"},
	{"Friedrich Merz", "PER", "DEUGOV", "Q61053", "Chancellor of Germany"},
	{"Keir Starmer", "PER", "GBRGOV", "Q6383612", "Prime Minister of the United Kingdom"},
	{"Narendra Modi", "PER", "INDGOV", "Q1058", "Prime Minister of India"},
	{"Recep Tayyip Erdogan", "PER", "TURGOV", "Q39723", "President of Turkey"},
	{"Benjamin Netanyahu", "PER", "ISRGOV", "Q43723", "Prime Minister of Israel"},
	{"Masoud Pezeshkian", "PER", "IRNGOV", "Q5953837", "President of Iran"},
	{"Luiz Inacio Lula da Silva", "PER", "BRAGOV", "Q37181", "President of Brazil"},
	{"Shigeru Ishiba", "PER", "JPNGOV", "Q1063838", "Prime Minister of Japan"},
	{"Mark Rutte", "PER", "IGOWSTNAT", "Q57792", "Secretary General of NATO"},
	{"Antonio Guterres", "PER", "IGOUNO", "Q311440", "Secretary-General of the United Nations"},
	{"Sergei Lavrov", "PER", "RUSGOV", "Q156189", "Minister of Foreign Affairs of Russia"},
	{"Marco Rubio", "PER", "USAGOV", "Q324546", "Secretary of State of the United States"},
	{"Andrii Sybiha", "PER", "UKRGOV", "Q113505536", "Minister of Foreign Affairs of Ukraine"},
	{"Yuri Ushakov", "PER", "RUSGOV", "Q4536937", "aide to the President of Russia"},
	{"Dmitry Peskov", "PER", "RUSGOV", "Q1325829", "Kremlin spokesman"},
	{"Russia", "LOC", "RUS", "Q159", ""},
	{"Ukraine", "LOC", "UKR", "Q212", ""},
	{"United States", "LOC", "USA", "Q30", ""},
	{"China", "LOC", "CHN", "Q148", ""},
	{"Iran", "LOC", "IRN", "Q794", ""},
	{"Israel", "LOC", "ISR", "Q801", ""},
	{"Turkey", "LOC", "TUR", "Q43", ""},
	{"India", "LOC", "IND", "Q668", ""},
	{"Germany", "LOC", "DEU", "Q183", ""},
	{"France", "LOC", "FRA", "Q142", ""},
	{"NATO", "ORG", "IGOWSTNAT", "Q7184", ""},
	{"European Union", "ORG", "IGOEEC", "Q458", ""},
	{"United Nations", "ORG", "IGOUNO", "Q1065", ""},
	{"Hamas", "ORG", "PSEREB", "Q38799", ""},
	{"Kremlin", "ORG", "RUSGOV", "Q1023", ""},
	{"Pentagon", "ORG", "USAMIL", "Q11208", ""},
}

// verb is a CAMEO code with its PLOVER category and a phrase for the text.
type verb struct {
	Code, Plover, Phrase string
}

var verbs = []verb{
	{"010", "", "commented on"},
	{"020", "REQUEST", "appealed to"},
	{"036", "AGREE", "expressed willingness to meet"},
	{"040", "CONSULT", "held talks with"},
	{"041", "CONSULT", "spoke by telephone with"},
	{"042", "CONSULT", "travelled to meet"},
	{"043", "CONSULT", "hosted"},
	{"051", "SUPPORT", "praised"},
	{"057", "AGREE", "signed an agreement with"},
	{"061", "COOPERATE", "cooperated with"},
	{"070", "AID", "pledged aid to"},
	{"081", "CONCEDE", "eased restrictions on"},
	{"100", "REQUEST", "demanded concessions from"},
	{"111", "ACCUSE", "criticised"},
	{"112", "ACCUSE", "accused"},
	{"120", "REJECT", "rejected a proposal from"},
	{"130", "THREATEN", "threatened"},
	{"140", "PROTEST", "protested against"},
	{"150", "MOBILIZE", "massed troops near"},
	{"163", "SANCTION", "imposed an embargo on"},
	{"172", "SANCTION", "imposed sanctions on"},
	{"190", "ASSAULT", "attacked"},
	{"195", "ASSAULT", "launched air strikes on"},
}

var modalities = []string{"asserted", "asserted", "asserted", "asserted", "asserted", "asserted", "hedged", "negated", "future", "hypothetical"}

var places = []string{"", "", "", "Moscow", "Washington", "Kyiv", "Beijing", "Istanbul", "Geneva", "Brussels"}

// articleBuilder accumulates the text of one synthetic article and the spans in it, in code
// points (the text is ASCII, so bytes and code points coincide).
type articleBuilder struct {
	sb strings.Builder
	a  *chronicle.Article
	// ids maps an actor's name to its entity id in this article.
	ids map[string]string
}

func (b *articleBuilder) write(s string) chronicle.Span {
	start := b.sb.Len()
	b.sb.WriteString(s)
	return chronicle.Span{Start: start, End: b.sb.Len(), Text: s}
}

// mention writes an actor's name and records it as a mention of its entity.
func (b *articleBuilder) mention(ac actor) chronicle.Span {
	sp := b.write(ac.Name)
	id, ok := b.ids[ac.Name]
	if !ok {
		id = fmt.Sprintf("e%d", len(b.a.Entities)+1)
		b.ids[ac.Name] = id
		b.a.Entities = append(b.a.Entities, chronicle.Entity{ID: id, Span: sp, Type: ac.Type, Name: ac.Name,
			Role: ac.Role, Actor: ac.Code, KB: ac.KB, Mentions: [][2]int{}})
	}
	for i := range b.a.Entities {
		if b.a.Entities[i].ID == id {
			b.a.Entities[i].Mentions = append(b.a.Entities[i].Mentions, [2]int{sp.Start, sp.End})
		}
	}
	return sp
}

// seedArticle returns article n: about eventsPer events between a few actors, dated around
// date, with time expressions and quotes. Actors are drawn with a skewed distribution so that
// some pairs are frequent and others rare, as in real news.
func seedArticle(rng *rand.Rand, n int, date time.Time, eventsPer int, tag string) *chronicle.Article {
	day := date.Format(chronicle.DateLayout)
	b := &articleBuilder{ids: map[string]string{}}
	b.a = &chronicle.Article{
		ID: fmt.Sprintf("%s-%06d", tag, n), Key: fmt.Sprintf("%s-key-%06d", tag, n), Source: "load-seed",
		URL: fmt.Sprintf("https://example.com/load/%d", n), Outlet: "Load Wire", Date: day, DateFrom: "field",
		Offsets: chronicle.CodePoints, Status: "ok", Versions: map[string]string{"seed": "1"},
		Entities: []chronicle.Entity{}, Timexes: []chronicle.Timex{}, Quotes: []chronicle.Quote{}, Events: []chronicle.Event{},
	}
	pick := func() actor {
		// Squaring a uniform draw favours the first actors of the list.
		f := rng.Float64()
		return actors[int(f*f*float64(len(actors)))]
	}
	first := pick()
	b.a.Title = fmt.Sprintf("%s in the news (%d)", first.Name, n)
	for i := range eventsPer {
		src := pick()
		tgt := pick()
		for tgt.Name == src.Name {
			tgt = pick()
		}
		v := verbs[rng.IntN(len(verbs))]
		mod := modalities[rng.IntN(len(modalities))]
		sentStart := b.sb.Len()
		s := b.mention(src)
		b.write(" ")
		trig := b.write(v.Phrase)
		b.write(" ")
		t := b.mention(tgt)
		ev := chronicle.Event{ID: fmt.Sprintf("v%d", i+1), Code: v.Code, Root: v.Code[:2], Plover: v.Plover, Modality: mod,
			Source: chronicle.EventArg{Entity: b.ids[src.Name], Actor: src.Code, Text: s.Text},
			Target: chronicle.EventArg{Entity: b.ids[tgt.Name], Actor: tgt.Code, Text: t.Text},
			Date:   day, DateFrom: "article", Trigger: trig, Confidence: 0.5 + rng.Float64()/2, Why: "load seed"}
		if rng.IntN(3) == 0 {
			b.write(" ")
			back := rng.IntN(6)
			d := date.AddDate(0, 0, -back)
			tx := chronicle.Timex{ID: fmt.Sprintf("t%d", len(b.a.Timexes)+1), Type: "DATE", Value: d.Format(chronicle.DateLayout)}
			tx.Span = b.write(fmt.Sprintf("on %s", d.Weekday()))
			b.a.Timexes = append(b.a.Timexes, tx)
			ev.Date, ev.DateFrom, ev.TimexID = tx.Value, "timex", tx.ID
		}
		if p := places[rng.IntN(len(places))]; p != "" {
			b.write(" in ")
			b.write(p)
			ev.Place = &chronicle.Place{Name: p}
		}
		b.write(".")
		ev.Sentence = chronicle.Span{Start: sentStart, End: b.sb.Len()}
		b.a.Events = append(b.a.Events, ev)
		if i%4 == 3 {
			b.write(" \"We will keep working for peace,\" ")
			content := chronicle.Span{Start: b.sb.Len() - 33, End: b.sb.Len() - 2, Text: "We will keep working for peace,"}
			sp := b.mention(src)
			b.write(" ")
			cue := b.write("said")
			b.write(".")
			b.a.Quotes = append(b.a.Quotes, chronicle.Quote{ID: fmt.Sprintf("q%d", len(b.a.Quotes)+1), Kind: "direct",
				Content: content, Cue: cue, Speaker: chronicle.Speaker{Span: sp, Entity: b.ids[src.Name]}, Via: []string{}})
		}
		b.write("\n\n")
	}
	b.a.Text = b.sb.String()
	return b.a
}

// seed stores articles until the store holds at least events events; it returns how many
// articles it added.
func seed(ctx context.Context, st chronicle.Store, events, eventsPer int, tag string, log func(string, ...any)) (int, error) {
	stats, err := st.Stats(ctx)
	if err != nil {
		return 0, err
	}
	rng := rand.New(rand.NewPCG(1, 2))
	start := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)
	const days = 3 * 365
	n := 0
	have := stats.Events
	var batch []*chronicle.Article
	for have < events {
		date := start.AddDate(0, 0, rng.IntN(days))
		batch = append(batch, seedArticle(rng, stats.Articles+n, date, eventsPer, tag))
		n++
		have += eventsPer
		if len(batch) == 500 || have >= events {
			if _, err := st.PutArticles(ctx, batch); err != nil {
				return n, err
			}
			batch = batch[:0]
			log("seeded %d articles, %d events", n, have)
		}
	}
	return n, nil
}
