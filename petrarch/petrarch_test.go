package petrarch

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const verbsSrc = `
&TIETYPES
+MILITARY
+ECONOMIC
# a comment inside a synset
+SWISS_FRANCS

--- ABANDON  [345]  ---
ABANDON    # pas 15 Jul 2003
KLM_NOP_+RST [002]
- * &TIETYPES TIES [902] #  -PAS 12.01.12
- * DIPLXMATIC  [###]
- RECENTLY_*  [025]
- SO IN_AND_*_OUT_AGAIN NOW [074]

--- BREAK [1717] ---
BREAK { BROKE BROKEN  }
+BREAK_DOWN {+BREAKS_DOWN , +BROKE_DOWN }
- + KNOWN_ * IN_ $  [076]
- * (TO/FOR PROTEST) {ARMS SHIPMENT} [032:033]
- * OFF [:173]
`

func TestReadVerbs(t *testing.T) {
	d, err := ReadVerbs("v.txt", verbsSrc)
	if err != nil {
		t.Fatal(err)
	}
	if got := len(d.Synsets["TIETYPES"]); got != 3 {
		t.Errorf("TIETYPES has %d members, want 3", got)
	}
	if got := d.Synsets["TIETYPES"][2].String(); got != "SWISS_FRANCS" {
		t.Errorf("member = %q", got)
	}
	if len(d.Blocks) != 2 {
		t.Fatalf("%d blocks", len(d.Blocks))
	}
	ab := d.Blocks[0]
	if ab.Name != "ABANDON" || ab.Code.Main != "345" || len(ab.Verbs) != 2 {
		t.Errorf("block = %+v", ab)
	}
	if v := ab.Verbs[1]; strings.Join(v.Words, " ") != "KLM NOP RST" || v.Head != 2 || v.Code == nil || v.Code.Main != "002" {
		t.Errorf("verb = %+v", v)
	}
	br := d.Blocks[1]
	if v := br.Verbs[0]; len(v.Forms) != 2 || v.Forms[1][0] != "BROKEN" {
		t.Errorf("forms = %+v", v.Forms)
	}
	if v := br.Verbs[1]; strings.Join(v.Words, " ") != "BREAK DOWN" || v.Head != 0 || len(v.Forms) != 2 || strings.Join(v.Forms[1], " ") != "BROKE DOWN" {
		t.Errorf("multi-word verb = %+v", v)
	}
	pats := []struct {
		p    Pattern
		want string
	}{
		{ab.Patterns[0], "- * &TIETYPES TIES [902]"},
		{ab.Patterns[1], "- * DIPLXMATIC [###]"},
		{ab.Patterns[2], "- RECENTLY_* [025]"},
		{ab.Patterns[3], "- SO IN_AND_*_OUT_AGAIN NOW [074]"},
		{br.Patterns[0], "- + KNOWN * IN $ [076]"},
		{br.Patterns[1], "- * TO/FOR PROTEST ARMS SHIPMENT [032:033]"},
		{br.Patterns[2], "- * OFF [:173]"},
	}
	for _, tt := range pats {
		if got := tt.p.String(); got != tt.want {
			t.Errorf("pattern = %q, want %q", got, tt.want)
		}
	}
	if g := br.Patterns[1].Post[0].Group; g != '(' {
		t.Errorf("group = %q", g)
	}
	if br.Patterns[1].Post[3].Group != '{' {
		t.Errorf("noun group not kept")
	}
}

func TestReadVerbsErrors(t *testing.T) {
	d, err := ReadVerbs("v.txt", "--- A [010] ---\nA\n- * X\n- * Y [011]\n")
	if err == nil {
		t.Fatal("no error for a pattern without code")
	}
	var el ErrorList
	if !asList(err, &el) || len(el) != 1 || el[0].Line != 3 {
		t.Errorf("err = %v", err)
	}
	if len(d.Blocks[0].Patterns) != 1 {
		t.Errorf("good pattern lost")
	}
}

func asList(err error, el *ErrorList) bool {
	l, ok := err.(ErrorList)
	*el = l
	return ok
}

const actorsSrc = `<!-- PETRARCH VALIDATION SUITE ACTOR DICTIONARY -->
ARNOR_  [ARN]
CARAS GALADHON [ELF] # pas   12/09/13
DENMARK  [DNK]
+DANISH 
+ZEALAND
ENT  
	[ENT]
GOLLUM  # pas 27 Apr 03
+SMEAGOL
	[HOB < 950601]
	[HOBGOV 19950601 - 19990815]
	[HOBREB > 990816]
VLADIMIR_PUTIN_
	[RUSGOV >080508]
	[RUSELI]
<! -- NEW ACTORS FOR PETRARCH VALIDATION TEST -->
SAM_GAMGEE [HOB]
	[ORCHOB 20100109-20100112]
	[HOBMIL 20080120-20121109]
`

func TestReadActors(t *testing.T) {
	as, err := ReadActors("a.txt", actorsSrc)
	if err != nil {
		t.Fatal(err)
	}
	if len(as) != 7 {
		t.Fatalf("%d actors: %+v", len(as), as)
	}
	byName := map[string]*Actor{}
	for i := range as {
		byName[strings.Join(as[i].Names[0], " ")] = &as[i]
	}
	tests := []struct{ name, date, want string }{
		{"ARNOR", "19950101", "ARN"},
		{"CARAS GALADHON", "", "ELF"},
		{"ENT", "", "ENT"},
		{"GOLLUM", "19950531", "HOB"},
		{"GOLLUM", "19950601", "HOBGOV"},
		{"GOLLUM", "19990816", "HOBREB"},
		{"VLADIMIR PUTIN", "20250703", "RUSGOV"},
		{"VLADIMIR PUTIN", "19990101", "RUSELI"},
		{"SAM GAMGEE", "20100110", "ORCHOB"},
		{"SAM GAMGEE", "20100113", "HOBMIL"},
		{"SAM GAMGEE", "20200101", "HOB"},
	}
	for _, tt := range tests {
		a := byName[tt.name]
		if a == nil {
			t.Errorf("no actor %q", tt.name)
			continue
		}
		if got := a.CodeOn(tt.date); got != tt.want {
			t.Errorf("%s on %s = %q, want %q", tt.name, tt.date, got, tt.want)
		}
	}
	if n := byName["DENMARK"].Names; len(n) != 3 || n[2][0] != "ZEALAND" {
		t.Errorf("synonyms = %v", n)
	}
}

const agentsSrc = `!PERSON! = MAN, MEN
!MINST! = MINISTER, MINISTRY
FOREIGN_MINISTER [~GOVFRM] # jap 4/14/01
CONGRESS!PERSON! [~LEG]
!MINST!_OF_SILLY_WALKS [~GOV]
MSF {}  [NGO~] # pas 24 Nov 13
GOLDEN_GOOSE {GOLDEN_GEESE} [~GGS]
POLICE {} [ ~COP]
DEPARMENT_OF_ENVIRONMENT [~ENV}
ISLAMIC_EXTREMIST
`

func TestReadAgents(t *testing.T) {
	as, err := ReadAgents("g.txt", agentsSrc)
	if err == nil {
		t.Error("no error for the agent without a code")
	}
	var got []string
	for _, a := range as {
		s := strings.Join(a.Words, " ") + "=" + a.Code
		if a.Prefix {
			s += "~"
		}
		if a.NoPlural {
			s += "{}"
		}
		for _, p := range a.Plurals {
			s += "/" + strings.Join(p, " ")
		}
		got = append(got, s)
	}
	want := "FOREIGN MINISTER=GOVFRM|CONGRESSMAN=LEG|CONGRESSMEN=LEG|MINISTER OF SILLY WALKS=GOV|MINISTRY OF SILLY WALKS=GOV|MSF=NGO~{}|GOLDEN GOOSE=GGS/GOLDEN GEESE|POLICE=COP{}|DEPARMENT OF ENVIRONMENT=ENV"
	if g := strings.Join(got, "|"); g != want {
		t.Errorf("agents\n got %s\nwant %s", g, want)
	}
}

func TestReadDiscardsIssues(t *testing.T) {
	ds, err := ReadDiscards("d.txt", "# c\nMONTHS LATER\n+World Golf Championships   # pas\n1994\n")
	if err != nil || len(ds) != 3 || !ds[1].Story || ds[1].Words[2] != "CHAMPIONSHIPS" || ds[2].Words[0] != "1994" {
		t.Errorf("discards = %+v, %v", ds, err)
	}
	is, err := ReadIssues("i.txt", "<ISSUE CATEGORY=\"EDUCATION\" TYPE=\"ALL\">\nn:preschool [EARLY]\npre+n:school [EARLY]\n~a head start\n</ISSUE>\n")
	if err != nil || len(is) != 3 || is[1].Words[1] != "SCHOOL" || !is[1].Nouns[1] || !is[2].Negative || is[0].Category != "EDUCATION" {
		t.Errorf("issues = %+v, %v", is, err)
	}
}

const recordsSrc = `<Validation>
<Environment>
    <Verbfile>PETR.Validate.verbs.txt</Verbfile>
    <Actorfile>a.txt, b.txt</Actorfile>
    <Include>valid DEMO</Include>
    <Config option="stop_on_error" value="True"></Config>
</Environment>
<Sentences>
<!-- <Sentence id="COMMENTED"> -->
<Sentence date="19950101" id="DEMO-00" category="DEMO" sentence="true">
<EventCoding sourcecode="ARN" targetcode="GON" eventcode="064"></EventCoding>
<EventCoding sourcecode='"INJURY TOLL"' targetcode="OSG" eventcode="223"></EventCoding>
<Text>
Arnor is about to restore full &amp;TIETYPE ties
with Gondor.
</Text>
<Parse> (ROOT (S (NP (NNP Arnor)))) </Parse>
</Sentence>
<Config option="require_dyad" value="false"></Config>
<Sentence date = "20080801" id ="ERROR-01"  category="DEMO" sentence="true">
<EventCoding error="dateline"></EventCoding>
<Text>CEBU CITY: -- Cordova</Text>
</Sentence>
<Sentence category="AFP" date="20080806" id="X_1" evaluate="true"/>
<EventCoding noevents="True" />
<Text>
Washington said.
</Text>
<Parse>
1	Washington	Washington	PROPN	NNP	_	2	nsubj	_	_
</Parse>
</Sentence>
<Sentence date="19950104" id="FINAL-RECORD" category="DEMO" sentence="true">
<EventCoding noevents = "True"></EventCoding>
<Text>ALL OF THE UNIT TESTS WERE CODED CORRECTLY.</Text>
</Sentence>
</Sentences>
</Validation>
`

func TestReadRecords(t *testing.T) {
	f, err := ReadRecords("r.xml", recordsSrc)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Records) != 4 {
		t.Fatalf("%d records", len(f.Records))
	}
	if f.Env.Verbfile != "PETR.Validate.verbs.txt" || len(f.Env.Actorfiles) != 2 || f.Env.Actorfiles[1] != "b.txt" {
		t.Errorf("env = %+v", f.Env)
	}
	r := f.Records[0]
	if r.ID != "DEMO-00" || r.Text != "Arnor is about to restore full &TIETYPE ties with Gondor." || len(r.Gold()) != 2 ||
		r.Codings[1].Source != `"INJURY TOLL"` || !r.Scored(f.Env.Include) || r.Config["require_dyad"] != "" {
		t.Errorf("record 0 = %+v", r)
	}
	r = f.Records[1]
	if r.ID != "ERROR-01" || r.Date != "20080801" || r.Error != "dateline" || r.Gold() != nil || r.Config["require_dyad"] != "false" {
		t.Errorf("record 1 = %+v", r)
	}
	r = f.Records[2]
	if r.ID != "X_1" || r.FlagName != "evaluate" || !r.NoEvents || r.Text != "Washington said." || r.Scored(f.Env.Include) {
		t.Errorf("record 2 = %+v", r)
	}
	if f.Records[3].Scored(f.Env.Include) {
		t.Error("FINAL-RECORD scored")
	}
}

// TestSharedFiles reads every dictionary and validation file of ../shared/data/petrarch2.
func TestSharedFiles(t *testing.T) {
	dir := filepath.Join("..", "..", "shared", "data", "petrarch2")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("skipping: %s not found (the shared data sits beside the repository in CI)", dir)
	}
	read := func(p string) string {
		b, err := os.ReadFile(filepath.Join(dir, p))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	for _, f := range []string{"CAMEO.2.0.txt", "PETR.Validate.verbs.txt"} {
		d, err := ReadVerbs(f, read("dictionaries/"+f))
		if err != nil {
			t.Errorf("%s: %v", f, err)
		}
		if len(d.Blocks) < 200 {
			t.Errorf("%s: %d blocks", f, len(d.Blocks))
		}
	}
	for _, f := range []string{"Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt", "PETR.Validate.actors.txt"} {
		as, err := ReadActors(f, read("dictionaries/"+f))
		if err != nil {
			t.Errorf("%s: %v", f, err)
		}
		if len(as) < 100 {
			t.Errorf("%s: %d actors", f, len(as))
		}
	}
	if as, _ := ReadAgents("", read("dictionaries/Phoenix.agents.txt")); len(as) < 3000 {
		t.Errorf("%d agents", len(as))
	}
	for _, f := range []string{"PETR.UnitTest.records.dev.xml", "PETR2_GSR_validation.dev.xml"} {
		rf, err := ReadRecords(f, read("validation/"+f))
		if err != nil {
			t.Errorf("%s: %v", f, err)
		}
		if len(rf.Records) < 50 {
			t.Errorf("%s: %d records", f, len(rf.Records))
		}
	}
}

func FuzzReaders(f *testing.F) {
	for _, s := range []string{verbsSrc, actorsSrc, agentsSrc, recordsSrc, "<Sentence id='a", "[", "- * [", "&\n+"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ReadVerbs("f", s)
		ReadActors("f", s)
		ReadAgents("f", s)
		ReadDiscards("f", s)
		ReadIssues("f", s)
		ReadRecords("f", s)
	})
}

// TestRoundTrip checks that the writers' output reads back to the same entries.
func TestRoundTrip(t *testing.T) {
	var b strings.Builder
	v, _ := ReadVerbs("v", verbsSrc)
	if err := WriteVerbs(&b, v); err != nil {
		t.Fatal(err)
	}
	v2, err := ReadVerbs("v2", b.String())
	if err != nil {
		t.Fatalf("%v\n%s", err, b.String())
	}
	var b2 strings.Builder
	WriteVerbs(&b2, v2)
	if b.String() != b2.String() {
		t.Errorf("verbs round trip\n%s\n---\n%s", b.String(), b2.String())
	}
	b.Reset()
	b2.Reset()
	as, _ := ReadActors("a", actorsSrc)
	WriteActors(&b, as)
	as2, err := ReadActors("a2", b.String())
	if err != nil || len(as2) != len(as) {
		t.Fatalf("actors round trip: %v, %d != %d\n%s", err, len(as2), len(as), b.String())
	}
	for i := range as {
		for _, date := range []string{"19950531", "19950601", "19990816", "20100110", "20250703"} {
			if as[i].CodeOn(date) != as2[i].CodeOn(date) {
				t.Errorf("actor %v on %s: %q != %q", as[i].Names[0], date, as[i].CodeOn(date), as2[i].CodeOn(date))
			}
		}
	}
	b.Reset()
	gs, _ := ReadAgents("g", agentsSrc)
	WriteAgents(&b, gs)
	gs2, err := ReadAgents("g2", b.String())
	if err != nil || len(gs2) != len(gs) {
		t.Fatalf("agents round trip: %v\n%s", err, b.String())
	}
	WriteAgents(&b2, gs2)
	if b.String() != b2.String() {
		t.Errorf("agents round trip\n%s\n---\n%s", b.String(), b2.String())
	}
}
