package main

import (
	"bufio"
	"fmt"
	"os"
	"sort"
	"strings"
)

// loadIGOs reads the SupraVerden list of international organisations. The YAML is a mapping of
// records with "  Key: value" fields; this reader handles exactly that shape (no YAML module).
func loadIGOs(p string) ([]*actor, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, fmt.Errorf("loadIGOs: %w", err)
	}
	defer f.Close()
	var out []*actor
	var cur map[string]string
	flush := func() {
		if cur == nil || cur["Name_en"] == "" {
			return
		}
		a := &actor{Name: cur["Name_en"], Type: "ORG", KB: cur["Wikidata_code"]}
		if !strings.HasPrefix(a.KB, "Q") {
			a.KB = ""
		}
		keys := make([]string, 0, len(cur))
		for k := range cur {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if !strings.HasSuffix(k, "_en") || k == "Name_en" || strings.HasPrefix(k, "Leadership") || strings.HasPrefix(k, "Notes") {
				continue
			}
			if strings.HasPrefix(k, "Name_") || strings.HasPrefix(k, "Abbreviation") {
				v := cur[k]
				if len(v) >= 2 && len(v) <= 120 && v != "null" {
					a.Aliases = append(a.Aliases, v)
				}
			}
		}
		if c := cur["Country"]; c != "" && c != "ZZ" && c != "EU" {
			a.Country = "" // the country column holds ISO2 of host states; not the actor's country
		}
		out = append(out, a)
	}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if strings.TrimSpace(line) == "" || strings.HasPrefix(strings.TrimSpace(line), "#") {
			continue
		}
		indent := len(line) - len(strings.TrimLeft(line, " "))
		t := strings.TrimSpace(line)
		if indent <= 1 && strings.HasSuffix(t, ":") {
			flush()
			cur = map[string]string{}
			continue
		}
		if cur == nil || indent != 2 || strings.HasPrefix(t, "- ") {
			continue
		}
		k, v, ok := strings.Cut(t, ":")
		if !ok {
			continue
		}
		v = strings.TrimSpace(v)
		if len(v) >= 2 && (v[0] == '\'' && v[len(v)-1] == '\'' || v[0] == '"' && v[len(v)-1] == '"') {
			v = v[1 : len(v)-1]
		}
		cur[k] = v
	}
	flush()
	sort.SliceStable(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, sc.Err()
}

// media lists news organisations (type ORG, sector MED; state media carry their country).
// Wikidata ids only where certain.
var media = []struct {
	name, kb, code string
	aliases        []string
}{
	{"Reuters", "Q130879", "MED", []string{"Thomson Reuters", "Reuter"}},
	{"Bloomberg", "", "MED", []string{"Bloomberg News", "Bloomberg L.P."}},
	{"Associated Press", "Q40469", "MED", []string{"AP", "The Associated Press"}},
	{"Agence France-Presse", "Q40464", "MED", []string{"AFP", "Agence France Presse"}},
	{"RT", "", "RUSMED", []string{"Russia Today"}},
	{"TASS", "", "RUSMED", []string{"ITAR-TASS", "Tass"}},
	{"RIA Novosti", "", "RUSMED", []string{"RIA"}},
	{"Sputnik", "", "RUSMED", nil},
	{"Interfax", "", "MED", nil},
	{"Kommersant", "", "MED", nil},
	{"Izvestia", "", "RUSMED", nil},
	{"Xinhua", "", "CHNMED", []string{"Xinhua News Agency"}},
	{"China Daily", "", "CHNMED", nil},
	{"Global Times", "", "CHNMED", nil},
	{"CGTN", "", "CHNMED", nil},
	{"KCNA", "", "PRKMED", []string{"Korean Central News Agency"}},
	{"IRNA", "", "IRNMED", []string{"Islamic Republic News Agency"}},
	{"Press TV", "", "IRNMED", nil},
	{"Tasnim", "", "IRNMED", []string{"Tasnim News Agency"}},
	{"Anadolu Agency", "", "TURMED", []string{"Anadolu"}},
	{"Ukrinform", "", "UKRMED", nil},
	{"Kyiv Independent", "", "MED", []string{"The Kyiv Independent"}},
	{"Ukrainska Pravda", "", "MED", nil},
	{"Meduza", "", "MED", nil},
	{"BBC", "Q9531", "MED", []string{"British Broadcasting Corporation", "BBC News", "BBC World Service"}},
	{"CNN", "Q48340", "MED", []string{"Cable News Network"}},
	{"The New York Times", "Q9684", "MED", []string{"New York Times", "NYT"}},
	{"The Washington Post", "Q166032", "MED", []string{"Washington Post"}},
	{"The Wall Street Journal", "Q164746", "MED", []string{"Wall Street Journal", "WSJ"}},
	{"The Guardian", "Q11148", "MED", []string{"Guardian"}},
	{"Financial Times", "", "MED", []string{"FT"}},
	{"The Economist", "", "MED", nil},
	{"Al Jazeera", "", "MED", []string{"Al-Jazeera", "Aljazeera"}},
	{"Al Arabiya", "", "MED", []string{"Al-Arabiya"}},
	{"Fox News", "", "MED", nil},
	{"NBC News", "", "MED", []string{"NBC"}},
	{"CBS News", "", "MED", []string{"CBS"}},
	{"ABC News", "", "MED", nil},
	{"NPR", "", "MED", []string{"National Public Radio"}},
	{"Politico", "", "MED", nil},
	{"Axios", "", "MED", nil},
	{"Sky News", "", "MED", nil},
	{"Deutsche Welle", "", "MED", []string{"DW"}},
	{"Der Spiegel", "", "MED", []string{"Spiegel"}},
	{"Le Monde", "", "MED", nil},
	{"dpa", "", "MED", []string{"Deutsche Presse-Agentur"}},
	{"EFE", "", "MED", nil},
	{"ANSA", "", "MED", nil},
	{"Kyodo", "", "MED", []string{"Kyodo News"}},
	{"Yonhap", "", "MED", []string{"Yonhap News Agency"}},
	{"Press Trust of India", "", "MED", []string{"PTI"}},
	{"ANI", "", "MED", []string{"Asian News International"}},
	{"Times of India", "", "MED", []string{"The Times of India"}},
	{"Hindustan Times", "", "MED", nil},
	{"Haaretz", "", "MED", nil},
	{"The Times of Israel", "", "MED", []string{"Times of Israel"}},
	{"Dow Jones", "", "MED", nil},
	{"CNBC", "", "MED", nil},
	{"Axel Springer", "", "MED", nil},
}

// metonyms are buildings and streets that stand for a government or ministry.
var metonyms = []struct {
	name, typ, code string
	aliases         []string
}{
	{"Kremlin", "ORG", "RUSGOV", []string{"the Kremlin"}},
	{"White House", "ORG", "USAGOV", []string{"the White House"}},
	{"State Department", "ORG", "USAGOV", []string{"U.S. State Department", "US State Department", "Department of State"}},
	{"Pentagon", "ORG", "USAMIL", []string{"the Pentagon"}},
	{"Downing Street", "ORG", "GBRGOV", []string{"Number 10", "No. 10", "10 Downing Street"}},
	{"Foreign Office", "ORG", "GBRGOV", nil},
	{"Elysee", "ORG", "FRAGOV", []string{"Élysée", "Elysee Palace", "Élysée Palace"}},
	{"Quai d'Orsay", "ORG", "FRAGOV", nil},
	{"Zhongnanhai", "ORG", "CHNGOV", nil},
	{"Bankova", "ORG", "UKRGOV", nil},
	{"Chancellery", "ORG", "DEUGOV", nil},
}

func curatedOrgs(cs *countries) []*actor {
	var out []*actor
	for _, m := range media {
		a := &actor{Name: m.name, Type: "ORG", KB: m.kb, Code: m.code, Aliases: m.aliases}
		if m.code != "MED" {
			a.Country = m.code[:3]
		}
		out = append(out, a)
	}
	for _, m := range metonyms {
		out = append(out, &actor{Name: m.name, Type: m.typ, Code: m.code, Country: m.code[:3], Aliases: m.aliases})
	}
	return out
}

// extraAgents supplement the Phoenix agents with relational and common titles the news uses.
var extraAgents = map[string][]string{
	"GOV": {"aide", "adviser", "advisor", "counterpart", "leader", "official", "spokesman", "spokeswoman",
		"spokesperson", "foreign minister", "prime minister", "president", "premier", "chancellor",
		"administration", "government", "minister", "deputy prime minister", "vice president",
		"secretary of state", "press secretary", "chief of staff", "envoy", "ambassador", "negotiator",
		"diplomat", "head of state", "foreign ministry", "cabinet", "authorities", "king", "queen", "emperor",
		"national security adviser", "national security advisor", "interior minister", "finance minister",
		"defence minister", "defense minister", "governor", "mayor", "secretary general", "secretary-general",
		"director general", "director-general", "high representative", "commissioner", "chairman", "chairwoman",
		"chair", "head"},
	"MIL": {"army", "military", "troops", "soldiers", "armed forces", "general", "commander", "navy", "air force",
		"defence ministry", "defense ministry", "defense secretary", "defence secretary", "defense minister",
		"defence minister"},
	"COP": {"police", "policeman", "policemen", "police officer", "riot police"},
	"REB": {"rebels", "rebel", "militants", "insurgents", "fighters"},
	"LEG": {"parliament", "lawmaker", "lawmakers", "senator", "congressman", "congresswoman", "legislator",
		"mp", "senate", "congress"},
	"JUD": {"court", "judge", "prosecutor", "supreme court"},
	"MED": {"journalist", "reporter", "newspaper", "broadcaster", "news agency"},
	"OPP": {"opposition", "opposition leader", "dissident", "protesters"},
	"CVL": {"civilians", "residents", "people", "citizens"},
	"SPY": {"intelligence", "spy", "intelligence service", "intelligence agency"},
	"BUS": {"company", "businessman", "executive", "ceo", "firm"},
}

// loadAgents reads Phoenix.agents.txt and adds the curated agents (which win on conflicts).
func loadAgents(data string, kb *kbData) error {
	ags, err := readPetrarchAgents(path(data, "petrarch2", "dictionaries", "Phoenix.agents.txt"))
	if err != nil {
		return err
	}
	curated := map[string]string{}
	for code, ps := range extraAgents {
		for _, p := range ps {
			curated[p] = code
		}
	}
	// "defense minister" is listed under MIL and GOV: GOVMIL is what PETRARCH would say.
	curated["defense minister"], curated["defence minister"] = "GOVMIL", "GOVMIL"
	seen := map[string]bool{}
	for p, c := range curated {
		kb.Agents[c] = append(kb.Agents[c], p)
		seen[p] = true
	}
	for _, a := range ags {
		if seen[a.Phrase] || strings.ContainsAny(a.Phrase, "|{}[]!") {
			continue
		}
		seen[a.Phrase] = true
		kb.Agents[a.Code] = append(kb.Agents[a.Code], a.Phrase)
	}
	return nil
}
