package petrarch

import (
	"strings"
)

// RecordFile is a PETRARCH validation file: its environment and its records in file order.
type RecordFile struct {
	Env     Environment
	Records []Record
}

// Environment is the <Environment> block of a validation file.
type Environment struct {
	Verbfile    string
	Actorfiles  []string // <Actorfile>, split on commas
	Agentfile   string
	Discardfile string
	Issuefile   string
	Include     []string // categories scored
	// Config holds the <Config> options of the environment, lower-case option names.
	Config map[string]string
}

// Record is one <Sentence> of a validation file.
type Record struct {
	ID       string
	Date     string // YYYYMMDD as written (the GSR file has one 6-digit date)
	Category string
	// Flag is the value of the record's valid, evaluate or sentence attribute (whichever
	// it has), lower-cased; FlagName names it ("" when the record has none).
	Flag, FlagName string
	Codings        []Coding
	NoEvents       bool   // noevents="True"
	Error          string // error="…" coding
	Text           string // the <Text>, whitespace runs joined into single spaces
	// Config is the coder configuration in force for this record: the environment's options
	// overridden by every <Config> element before the record, lower-case names.
	Config map[string]string
	Line   int
}

// Coding is one gold <EventCoding>.
type Coding struct {
	Source, Target, Event string
}

// Scored reports whether the record is scored under METRICS.md: its category is in include,
// its flag is true and it is not the FINAL-RECORD.
func (r *Record) Scored(include []string) bool {
	if r.ID == "FINAL-RECORD" || r.Flag != "true" {
		return false
	}
	for _, c := range include {
		if c == r.Category {
			return true
		}
	}
	return false
}

// Gold returns the record's gold events: none for noevents, an error coding, or no coding.
func (r *Record) Gold() []Coding {
	if r.NoEvents || r.Error != "" {
		return nil
	}
	return r.Codings
}

// ReadRecords parses a validation file record by record, as text: it reads both the
// well-formed unit-test file and the GSR file, whose <Sentence …/> tags are self-closed and
// followed by their <EventCoding>, <Text> and <Parse> elements. "<!-- … -->" comments are
// skipped; <Config option value> elements apply to the records after them.
func ReadRecords(name, src string) (*RecordFile, error) {
	f := &RecordFile{Env: Environment{Config: map[string]string{}}}
	src = strings.ReplaceAll(src, "\r\n", "\n")
	config := map[string]string{}
	var errs ErrorList
	var cur *Record
	pos := 0
	line := func(off int) int { return strings.Count(src[:off], "\n") + 1 }
	for pos < len(src) {
		i := strings.IndexByte(src[pos:], '<')
		if i < 0 {
			break
		}
		i += pos
		rest := src[i:]
		switch {
		case strings.HasPrefix(rest, "<!--"):
			j := strings.Index(rest, "-->")
			if j < 0 {
				pos = len(src)
				continue
			}
			pos = i + j + 3
			continue
		case strings.HasPrefix(rest, "<Environment>"):
			j := strings.Index(rest, "</Environment>")
			if j < 0 {
				errs = append(errs, &SyntaxError{name, line(i), "unclosed <Environment>"})
				pos = i + 1
				continue
			}
			f.Env = parseEnv(rest[:j])
			for k, v := range f.Env.Config {
				config[k] = v
			}
			pos = i + j
			continue
		case strings.HasPrefix(rest, "<Config"):
			tag, end := tagAt(rest)
			a := attrs(tag)
			if opt := strings.ToLower(a["option"]); opt != "" {
				config[opt] = a["value"]
			}
			pos = i + end
			continue
		case strings.HasPrefix(rest, "<Sentence ") || strings.HasPrefix(rest, "<Sentence\t") || strings.HasPrefix(rest, "<Sentence\n"):
			tag, end := tagAt(rest)
			a := attrs(tag)
			r := Record{ID: a["id"], Date: a["date"], Category: a["category"], Line: line(i)}
			for _, k := range []string{"valid", "evaluate", "sentence"} {
				if v, ok := a[k]; ok {
					r.Flag, r.FlagName = strings.ToLower(strings.TrimSpace(v)), k
					break
				}
			}
			r.Config = make(map[string]string, len(config))
			for k, v := range config {
				r.Config[k] = v
			}
			f.Records = append(f.Records, r)
			cur = &f.Records[len(f.Records)-1]
			pos = i + end
			continue
		case strings.HasPrefix(rest, "<EventCoding"):
			tag, end := tagAt(rest)
			pos = i + end
			if cur == nil {
				continue
			}
			a := attrs(tag)
			if strings.EqualFold(strings.TrimSpace(a["noevents"]), "true") {
				cur.NoEvents = true
			}
			if e, ok := a["error"]; ok {
				cur.Error = e
			}
			if ev, ok := a["eventcode"]; ok {
				cur.Codings = append(cur.Codings, Coding{Source: a["sourcecode"], Target: a["targetcode"], Event: ev})
			}
			continue
		case strings.HasPrefix(rest, "<Text>"):
			j := strings.Index(rest, "</Text>")
			if j < 0 {
				errs = append(errs, &SyntaxError{name, line(i), "unclosed <Text>"})
				pos = i + 1
				continue
			}
			if cur != nil {
				cur.Text = unescape(strings.Join(strings.Fields(rest[len("<Text>"):j]), " "))
			}
			pos = i + j + len("</Text>")
			continue
		case strings.HasPrefix(rest, "<Parse>"):
			j := strings.Index(rest, "</Parse>")
			if j < 0 {
				pos = i + 1
				continue
			}
			pos = i + j + len("</Parse>")
			continue
		case strings.HasPrefix(rest, "</Sentence>"):
			cur = nil
		}
		pos = i + 1
	}
	return f, errs.Err()
}

// tagAt returns the tag starting at s[0] ("<…>" without the brackets and a closing "/") and
// the offset after it.
func tagAt(s string) (string, int) {
	inQuote := byte(0)
	for i := 1; i < len(s); i++ {
		c := s[i]
		switch {
		case inQuote != 0:
			if c == inQuote {
				inQuote = 0
			}
		case c == '"' || c == '\'':
			inQuote = c
		case c == '>':
			t := strings.TrimSuffix(strings.TrimSpace(s[1:i]), "/")
			return t, i + 1
		}
	}
	return s[1:], len(s)
}

// attrs parses the attributes of a tag: name = "value" or name='value', spaces allowed around
// "=". Attribute names are lower-cased.
func attrs(tag string) map[string]string {
	m := map[string]string{}
	i := 0
	// skip the element name
	for i < len(tag) && tag[i] != ' ' && tag[i] != '\t' && tag[i] != '\n' {
		i++
	}
	for i < len(tag) {
		for i < len(tag) && (tag[i] == ' ' || tag[i] == '\t' || tag[i] == '\n') {
			i++
		}
		j := i
		for j < len(tag) && tag[j] != '=' && tag[j] != ' ' && tag[j] != '\t' && tag[j] != '\n' {
			j++
		}
		key := strings.ToLower(tag[i:j])
		for j < len(tag) && (tag[j] == ' ' || tag[j] == '\t' || tag[j] == '\n') {
			j++
		}
		if j >= len(tag) || tag[j] != '=' {
			if key != "" {
				m[key] = ""
			}
			i = j
			if i == j && j < len(tag) && key == "" {
				i++
			}
			continue
		}
		j++
		for j < len(tag) && (tag[j] == ' ' || tag[j] == '\t' || tag[j] == '\n') {
			j++
		}
		if j < len(tag) && (tag[j] == '"' || tag[j] == '\'') {
			q := tag[j]
			k := strings.IndexByte(tag[j+1:], q)
			if k < 0 {
				m[key] = unescape(tag[j+1:])
				break
			}
			m[key] = unescape(tag[j+1 : j+1+k])
			i = j + 1 + k + 1
			continue
		}
		k := j
		for k < len(tag) && tag[k] != ' ' && tag[k] != '\t' && tag[k] != '\n' {
			k++
		}
		m[key] = unescape(tag[j:k])
		i = k
	}
	return m
}

// parseEnv parses the inside of an <Environment> block.
func parseEnv(s string) Environment {
	e := Environment{Config: map[string]string{}}
	elem := func(name string) string {
		i := strings.Index(s, "<"+name+">")
		if i < 0 {
			return ""
		}
		rest := s[i+len(name)+2:]
		j := strings.Index(rest, "</"+name+">")
		if j < 0 {
			return ""
		}
		return strings.TrimSpace(rest[:j])
	}
	e.Verbfile = elem("Verbfile")
	for _, a := range strings.Split(elem("Actorfile"), ",") {
		if a = strings.TrimSpace(a); a != "" {
			e.Actorfiles = append(e.Actorfiles, a)
		}
	}
	e.Agentfile = elem("Agentfile")
	e.Discardfile = elem("Discardfile")
	e.Issuefile = elem("Issuefile")
	e.Include = strings.Fields(elem("Include"))
	for rest := s; ; {
		i := strings.Index(rest, "<Config")
		if i < 0 {
			break
		}
		tag, end := tagAt(rest[i:])
		a := attrs(tag)
		if opt := strings.ToLower(a["option"]); opt != "" {
			e.Config[opt] = a["value"]
		}
		rest = rest[i+end:]
	}
	return e
}

var unescaper = strings.NewReplacer("&amp;", "&", "&lt;", "<", "&gt;", ">", "&quot;", `"`, "&apos;", "'")

func unescape(s string) string {
	if !strings.Contains(s, "&") {
		return s
	}
	return unescaper.Replace(s)
}
