package server

import (
	"encoding/csv"
	"net/http"
	"strconv"
	"strings"

	"chronicle"
)

// table is rows of cells under a header: what a list endpoint returns as CSV.
type table struct {
	header []string
	rows   [][]string
}

// writeCSV writes t as a CSV download named name.csv.
func writeCSV(w http.ResponseWriter, name string, t table) error {
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`.csv"`)
	cw := csv.NewWriter(w)
	cw.Write(t.header)
	for _, r := range t.rows {
		for i, c := range r {
			r[i] = csvCell(c)
		}
		cw.Write(r)
	}
	cw.Flush()
	return cw.Error()
}

// csvCell defuses cells that spreadsheets would run as formulas (=, +, -, @ first).
func csvCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		if _, err := strconv.ParseFloat(s, 64); err != nil {
			return "'" + s
		}
	}
	return s
}

func ftoa(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

func eventsTable(evs []chronicle.Event) table {
	t := table{header: []string{"article", "event", "date", "date_from", "code", "root", "plover", "modality",
		"source_name", "source_actor", "source_text", "target_name", "target_actor", "target_text",
		"place", "trigger", "sentence", "confidence", "cluster", "why"}}
	for _, v := range evs {
		place := ""
		if v.Place != nil {
			place = v.Place.Name
		}
		t.rows = append(t.rows, []string{v.Article, v.ID, v.Date, v.DateFrom, v.Code, v.Root, v.Plover, v.Modality,
			v.Source.Name, v.Source.Actor, v.Source.Text, v.Target.Name, v.Target.Actor, v.Target.Text,
			place, v.Trigger.Text, v.Sentence.Text, ftoa(v.Confidence), v.Cluster, v.Why})
	}
	return t
}

func quotesTable(qs []chronicle.QuoteRow) table {
	t := table{header: []string{"article", "quote", "date", "title", "kind", "speaker_name", "speaker", "actor", "cue", "content", "via"}}
	for _, q := range qs {
		t.rows = append(t.rows, []string{q.Article, q.ID, q.Date, q.Title, q.Kind, q.SpeakerName, q.Speaker.Text, q.Actor,
			q.Cue.Text, q.Content.Text, strings.Join(q.Via, "; ")})
	}
	return t
}

func entitiesTable(es []chronicle.EntityRow) table {
	t := table{header: []string{"name", "type", "actor", "kb", "role", "articles", "mentions", "first", "last"}}
	for _, e := range es {
		t.rows = append(t.rows, []string{e.Name, e.Type, e.Actor, e.KB, e.Role, strconv.Itoa(e.Articles), strconv.Itoa(e.Mentions), e.First, e.Last})
	}
	return t
}

func countsTable(cs []chronicle.EventCount) table {
	t := table{header: []string{"period", "plover", "count"}}
	for _, c := range cs {
		t.rows = append(t.rows, []string{c.Period, c.Plover, strconv.Itoa(c.Count)})
	}
	return t
}

func searchTable(hits []chronicle.SearchHit) table {
	t := table{header: []string{"article", "title", "date", "in", "score", "snippet"}}
	for _, h := range hits {
		t.rows = append(t.rows, []string{h.Article, h.Title, h.Date, h.In, ftoa(h.Score), h.Snippet})
	}
	return t
}
