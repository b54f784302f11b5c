package actors

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
)

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestActor(t *testing.T) {
	kb := mustDefault(t)
	tests := []struct {
		name, date                     string
		want, typ, kbid, code, role, c string
	}{
		{"Putin", "2025-07-03", "Vladimir Putin", "PER", "Q7747", "RUSGOV", "President of Russia", "RUS"},
		{"Vladimir Putin", "2010-01-01", "Vladimir Putin", "PER", "Q7747", "RUSGOV", "Prime Minister of Russia", "RUS"},
		{"Zelenskiy", "2025-07-03", "Volodymyr Zelenskyy", "PER", "Q3874799", "UKRGOV", "President of Ukraine", "UKR"},
		{"Volodymyr Zelensky", "2025-07-03", "Volodymyr Zelenskyy", "PER", "Q3874799", "UKRGOV", "President of Ukraine", "UKR"},
		{"Selenskyj", "2025-07-03", "Volodymyr Zelenskyy", "PER", "Q3874799", "UKRGOV", "President of Ukraine", "UKR"},
		{"Dmitry Medvedev", "2010-01-01", "Dmitri Medvedev", "PER", "Q23530", "RUSGOV", "President of Russia", "RUS"},
		{"Dmitri Medwedew", "2015-01-01", "Dmitri Medvedev", "PER", "Q23530", "RUSGOV", "Prime Minister of Russia", "RUS"},
		{"Joe Biden", "2025-07-03", "Joe Biden", "PER", "Q6279", "USAELI", "former President of the United States", "USA"},
		{"Donald Trump", "2019-05-05", "Donald Trump", "PER", "Q22686", "USAGOV", "President of the United States", "USA"},
		{"Donald Trump", "2023-05-05", "Donald Trump", "PER", "Q22686", "USAELI", "former President of the United States", "USA"},
		{"Olaf Scholz", "2024-01-01", "Olaf Scholz", "PER", "Q61053", "DEUGOV", "Chancellor of Germany", "DEU"},
		// A term the leaders data states twice, once without its end: the end holds.
		{"Kim Jae-ryong", "2024-06-01", "Kim Jae-ryong", "PER", "Q56818689", "PRKELI", "former Prime Minister of North Korea", "PRK"},
		{"Juan Guaidó", "2024-06-01", "Juan Guaidó", "PER", "Q58833335", "VENELI", "former President of Venezuela", "VEN"},
		// A term with no end that a successor's ended.
		{"Kaja Kallas", "2025-03-01", "Kaja Kallas", "PER", "Q11869065", "ESTELI", "former Prime Minister of Estonia", "EST"},
		{"Kaja Kallas", "2023-03-01", "Kaja Kallas", "PER", "Q11869065", "ESTGOV", "Prime Minister of Estonia", "EST"},
		{"Daniel Ortega", "2025-07-03", "Daniel Ortega", "PER", "Q57402", "NICGOV", "President of Nicaragua", "NIC"},
		{"the Kremlin", "2025-07-03", "Kremlin", "ORG", "", "RUSGOV", "", "RUS"},
		{"Russia", "2025-07-03", "Russia", "LOC", "", "RUS", "", "RUS"},
		{"Russian Federation", "2025-07-03", "Russia", "LOC", "", "RUS", "", "RUS"},
		{"Russian", "2025-07-03", "Russia", "MISC", "", "RUS", "", "RUS"},
		{"American", "2025-07-03", "United States", "MISC", "", "USA", "", "USA"},
		{"U.S.", "2025-07-03", "United States", "LOC", "", "USA", "", "USA"},
		{"Romania", "2025-07-03", "Romania", "LOC", "", "ROM", "", "ROU"},
		{"United Nations", "2025-07-03", "United Nations", "ORG", "Q1065", "IGOUNO", "", ""},
		{"NATO", "2025-07-03", "North Atlantic Treaty Organisation", "ORG", "Q7184", "IGOWSTNAT", "", ""},
		{"Reuters", "2025-07-03", "Reuters", "ORG", "Q130879", "MED", "", ""},
		{"Russia Today", "2025-07-03", "RT", "ORG", "", "RUSMED", "", "RUS"},
		{"Middle East", "2025-07-03", "Middle East", "LOC", "", "MEA", "", ""},
		{"Taliban", "2025-07-03", "Taliban", "ORG", "", "AFGREB", "", "AFG"},
		// PETRARCH's places stay actors beside GeoNames' divisions (a name tagged ORG finds them).
		{"New York", "2025-07-03", "New York", "LOC", "", "USA", "", "USA"},
	}
	for _, tt := range tests {
		a, ok := kb.Actor(tt.name, day(tt.date))
		if !ok {
			t.Errorf("Actor(%q, %s): not found", tt.name, tt.date)
			continue
		}
		want := Actor{Name: tt.want, Type: tt.typ, KB: tt.kbid, Code: tt.code, Role: tt.role, Country: tt.c}
		if a != want {
			t.Errorf("Actor(%q, %s)\n got %+v\nwant %+v", tt.name, tt.date, a, want)
		}
	}
	if a, ok := kb.Actor("Xqzzy Blorbo", day("2025-01-01")); ok {
		t.Errorf("Actor(unknown) = %+v, want not found", a)
	}
}

func TestActorPhrase(t *testing.T) {
	kb := mustDefault(t)
	tests := []struct{ in, name, code string }{
		{"Russian President Vladimir Putin", "Vladimir Putin", "RUSGOV"},
		{"Ukrainian President Volodymyr Zelenskyy", "Volodymyr Zelenskyy", "UKRGOV"},
		{"Russian police", "Russian police", "RUSCOP"},
		{"Ukrainian troops", "Ukrainian troops", "UKRMIL"},
		{"the Kremlin", "Kremlin", "RUSGOV"},
		{"Kremlin spokesman", "Kremlin spokesman", "RUSGOV"},
		{"Russia's foreign minister", "Russia's foreign minister", "RUSGOV"},
		{"the police", "the police", "COP"},
		{"Israeli soldiers", "Israeli soldiers", "ISRMIL"},
	}
	for _, tt := range tests {
		a, ok := kb.ActorPhrase(tt.in, day("2025-07-03"))
		if !ok || a.Name != tt.name || a.Code != tt.code {
			t.Errorf("ActorPhrase(%q) = %+v, %v; want %q %s", tt.in, a, ok, tt.name, tt.code)
		}
	}
}

func TestAgent(t *testing.T) {
	kb := mustDefault(t)
	tests := []struct{ in, code string }{
		{"president", "GOV"}, {"President", "GOV"}, {"presidents", "GOV"}, {"foreign minister", "GOV"},
		{"police", "COP"}, {"policemen", "COP"}, {"rebels", "REB"}, {"the administration", "GOV"},
		{"soldiers", "MIL"}, {"troops", "MIL"}, {"spokesman", "GOV"}, {"aide", "GOV"}, {"journalists", "MED"},
		{"defense minister", "GOVMIL"},
	}
	for _, tt := range tests {
		a, ok := kb.Agent(tt.in)
		if !ok || a.Code != tt.code {
			t.Errorf("Agent(%q) = %+v, %v; want code %s", tt.in, a, ok, tt.code)
		}
	}
	if a, ok := kb.Agent("banana split"); ok {
		t.Errorf("Agent(banana split) = %+v", a)
	}
}

func TestPlace(t *testing.T) {
	kb := mustDefault(t)
	tests := []struct {
		in, name string
		geonames int
	}{
		{"Moscow", "Moscow", 524901},
		{"Kyiv", "Kyiv", 703448},
		{"Kiev", "Kyiv", 703448},
		{"Washington", "Washington", 4140963},
		{"Paris", "Paris", 2988507},
		{"Russia", "Russia", 2017370},
		// First-level divisions: the US state, not a town of that name or alias abroad.
		{"Florida", "Florida", 4155751},
		{"Montana", "Montana", 5667009},
		{"Crimea", "Crimea", 703883},
		{"New York City", "New York City", 5128581},
		// A name beyond Latin-1 gives way to its ASCII form, the one English news writes.
		{"Mazar-e Sharif", "Mazar-e Sharif", 1133616},
		{"Mazār-e Sharīf", "Mazar-e Sharif", 1133616},
	}
	for _, tt := range tests {
		p, ok := kb.Place(tt.in)
		if !ok || p.GeoNames != tt.geonames || p.Name != tt.name {
			t.Errorf("Place(%q) = %+v, %v; want %s %d", tt.in, p, ok, tt.name, tt.geonames)
		}
		if ok && p.Lat == 0 && p.Lon == 0 {
			t.Errorf("Place(%q) has no coordinates", tt.in)
		}
	}
	if p, ok := kb.Place("Xqzzyville"); ok {
		t.Errorf("Place(unknown) = %+v", p)
	}
}

func TestCanonical(t *testing.T) {
	kb := mustDefault(t)
	groups := [][]string{
		{"Zelensky", "Zelenskiy", "Zelenskyy", "Volodymyr Zelensky", "Volodymyr Zelenskyy", "Selenskyj"},
		{"Medvedev", "Dmitry Medvedev", "Dmitri Medvedev", "Dmitriy Medvedev", "Dmitri Medwedew"},
		{"Putin", "Vladimir Putin", "Vladimir V. Putin", "VLADIMIR PUTIN"},
	}
	for _, g := range groups {
		want := kb.Canonical(g[0])
		for _, n := range g[1:] {
			if got := kb.Canonical(n); got != want {
				t.Errorf("Canonical(%q) = %q, want %q (as %q)", n, got, want, g[0])
			}
		}
	}
	if got := kb.Canonical("  Jane   Unknownperson "); got != "Jane Unknownperson" {
		t.Errorf("Canonical(unknown) = %q", got)
	}
	if Key("Zelensky") != Key("Zelenskiy") || Key("Zelensky") == Key("Putin") {
		t.Errorf("Key: variants differ or distinct names collide")
	}
}

const userFile = `# a user actors file
actor Anna Example
  kb Q99999999
  country DEU
  alias A. Example | Anna Beispiel
  role DEUGOV 2021-12-08..2025-05-06 Foreign Minister of Germany
  role IGOUNO 2025-09-09.. President of the United Nations General Assembly
  code DEUELI

actor Volodymyr Zelenskyy
  kb Q3874799
  role UKRGOV 2030-01-01.. Prime Minister of Ukraine

place Exampleville
  geonames 123
  at 50.5 10.25
  country DEU
  alias Beispielstadt

agent GOV chief whip | party whip
`

func TestExtend(t *testing.T) {
	kb := mustDefault(t)
	if err := kb.Extend(strings.NewReader(userFile)); err != nil {
		t.Fatal(err)
	}
	tests := []struct{ name, date, role, code string }{
		{"Anna Example", "2023-01-01", "Foreign Minister of Germany", "DEUGOV"},
		{"Anna Beispiel", "2025-07-01", "former Foreign Minister of Germany", "DEUELI"},
		{"A. Example", "2025-10-01", "President of the United Nations General Assembly", "IGOUNO"},
		// The user entry replaces the built-in one: its own roles first, the built-in after.
		{"Zelensky", "2031-01-01", "Prime Minister of Ukraine", "UKRGOV"},
		{"Zelensky", "2025-01-01", "President of Ukraine", "UKRGOV"},
	}
	for _, tt := range tests {
		a, ok := kb.Actor(tt.name, day(tt.date))
		if !ok || a.Role != tt.role || a.Code != tt.code {
			t.Errorf("after Extend: Actor(%q, %s) = %+v, %v; want %q %s", tt.name, tt.date, a, ok, tt.role, tt.code)
		}
	}
	if p, ok := kb.Place("Beispielstadt"); !ok || p.GeoNames != 123 || p.Lat != 50.5 {
		t.Errorf("Place(Beispielstadt) = %+v, %v", p, ok)
	}
	if a, ok := kb.Agent("chief whips"); !ok || a.Code != "GOV" {
		t.Errorf("Agent(chief whips) = %+v, %v", a, ok)
	}
	// Other KB values from Default are not affected.
	other := mustDefault(t)
	if _, ok := other.Actor("Anna Example", day("2023-01-01")); ok {
		t.Error("Extend leaked into another Default() KB")
	}
	// Entities uses the user's actors too.
	d := markDoc("Anna Example met officials.", "PER:Anna Example")
	if ents := kb.Entities(d, day("2023-01-01")); len(ents) != 1 || ents[0].Actor != "DEUGOV" || ents[0].KB != "Q99999999" {
		t.Errorf("Entities with user actor = %+v", ents)
	}
}

func TestExtendErrors(t *testing.T) {
	tests := []struct {
		in   string
		line int
		msg  string
	}{
		{"kb Q1\n", 1, "outside a record"},
		{"actor X\n  type PERSON\n", 2, "type"},
		{"actor X\n\n  role RUSGOV 2020-01-01 President\n", 3, "FROM..TO"},
		{"actor X\n  role RUSGOV 2020-13-01.. President\n", 2, "bad date"},
		{"actor X\n  role RUSGOV 2020-01-01..2019-01-01\n", 2, "ends before"},
		{"actor X\n  country Russia\n", 2, "alpha-3"},
		{"actor X\n  colour blue\n", 2, "unknown field"},
		{"place Y\n  at 100 200\n", 2, "latitude"},
		{"agent GOV\n", 1, "agent wants"},
		{"actor\n", 1, "without a name"},
	}
	for _, tt := range tests {
		kb := New()
		err := kb.ExtendNamed(strings.NewReader(tt.in), "user.actors")
		var pe *ParseError
		if !errors.As(err, &pe) {
			t.Errorf("Extend(%q) = %v, want a ParseError", tt.in, err)
			continue
		}
		if pe.Line != tt.line || pe.File != "user.actors" || !strings.Contains(pe.Msg, tt.msg) {
			t.Errorf("Extend(%q) = %v; want line %d and %q", tt.in, err, tt.line, tt.msg)
		}
	}
}

func TestEmbeddedPlacesParse(t *testing.T) {
	tb := newTable(0)
	if err := tb.parseGz(placesGz, "places.txt.gz"); err != nil {
		t.Fatal(err)
	}
	if len(tb.cities) < 30000 {
		t.Errorf("only %d cities", len(tb.cities))
	}
}

func TestEntitiesExtendsMentions(t *testing.T) {
	kb := mustDefault(t)
	d := markDoc("Footage was released by Russia Today on Thursday.", "LOC:Russia", "MISC:Today")
	ents := kb.Entities(d, day("2025-07-03"))
	if len(ents) != 1 || ents[0].Text != "Russia Today" || ents[0].Type != "ORG" || ents[0].Actor != "RUSMED" {
		t.Fatalf("entities = %+v", ents)
	}
	if len(d.Mentions) != 1 || d.Mentions[0].Type != "ORG" || d.Tok(d.Mentions[0].Last-1) != "Today" {
		t.Errorf("d.Mentions not corrected: %+v", d.Mentions)
	}
}

// TestEntitiesMistypedPeople: names the tagger took for organisations or places that are people.
func TestEntitiesMistypedPeople(t *testing.T) {
	kb := mustDefault(t)
	tests := []struct {
		text  string
		marks []string
		nnp   []string // tokens tagged NNP (the title rule reads parts of speech)
		want  []string // "TYPE name" of every entity, in order
	}{
		{ // a lone surname of an office holder, tagged ORG
			"The chancellor welcomed Zelenskyy in Berlin.", []string{"ORG:Zelenskyy", "LOC:Berlin"}, nil,
			[]string{"PER Volodymyr Zelenskyy", "LOC Berlin"},
		},
		{ // a surname the article gives in full, tagged ORG later
			"Senator Maria Okonkwo-Lind arrived. Okonkwo-Lind said little.", []string{"PER:Maria Okonkwo-Lind", "ORG:Okonkwo-Lind"}, nil,
			[]string{"PER Maria Okonkwo-Lind"},
		},
		{ // ... but not a word the tagger mostly takes for something else
			"Ann Acme smiled. Acme sold more. Acme grew. Acme hired.", []string{"PER:Ann Acme", "ORG:Acme"}, nil,
			[]string{"PER Ann Acme", "ORG Acme"},
		},
		{ // a surname of a former office holder stays an organisation
			"Shares of Cleveland rose.", []string{"ORG:Cleveland"}, nil,
			[]string{"ORG Cleveland"},
		},
		{ // an organisation named after its place, tagged as a place
			"Voting Rights Ohio sued Ohio.", []string{"LOC:Voting Rights Ohio", "LOC:Ohio"}, nil,
			[]string{"ORG Voting Rights Ohio", "LOC Ohio"},
		},
		{ // ... but a place named after an organisation word stays a place
			"They met in Union Square Park.", []string{"LOC:Union Square Park"}, nil,
			[]string{"LOC Union Square Park"},
		},
		{ // a person's title before a name tagged as a place, the rest of the name untagged
			"Rep. Alexandria Nunez-Park voted no.", []string{"LOC:Alexandria"}, []string{"Alexandria", "Nunez-Park"},
			[]string{"PER Alexandria Nunez-Park"},
		},
		{ // a wire dateline in capitals tagged as an organisation is the place
			"Talks resume\nGENEVA (Reuters) - Envoys met.", []string{"ORG:GENEVA", "ORG:Reuters"}, nil,
			[]string{"LOC Genève", "ORG Reuters"},
		},
		{ // ... but not capitals inside a line, nor a place the gazetteer does not know
			"Shares of ACME rose.\nQWERTZBURG (Reuters) - Envoys met.", []string{"ORG:ACME", "ORG:QWERTZBURG", "ORG:Reuters"}, nil,
			[]string{"ORG ACME", "ORG QWERTZBURG", "ORG Reuters"},
		},
	}
	for _, tt := range tests {
		d := markDoc(tt.text, tt.marks...)
		for i := range d.Tokens {
			if slices.Contains(tt.nnp, d.Tok(i)) {
				d.Tokens[i].POS = "NNP"
			}
		}
		var got []string
		for _, e := range kb.Entities(d, day("2025-07-03")) {
			got = append(got, e.Type+" "+e.Name)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%q: entities %q, want %q", tt.text, got, tt.want)
		}
	}
}
