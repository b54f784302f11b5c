package web

import (
	"cmp"
	"fmt"
	"html/template"
	"net/url"
	"slices"
	"strings"

	"chronicle"
)

// Mark is one highlighted stretch of an article's text, in code points.
type Mark struct {
	Start, End int
	Kind       string // entity, timex, quote, speaker, cue, event
	Class      string // extra CSS classes ("per", "asserted", …)
	ID         string // the extraction's id (e1, t1, q1, v1): the mark is described by #d-<ID>
	Tip        string // normalised values and codes, shown on hover and focus
	Href       string // where the mark links to ("" for none)
}

// kindRank orders marks that start and end together: the outer one first.
func kindRank(k string) int {
	switch k {
	case "quote":
		return 0
	case "speaker":
		return 1
	case "event":
		return 2
	case "entity":
		return 3
	case "timex":
		return 4
	}
	return 5
}

// Marks returns the marks of every extraction of an article (offsets in code points): entity
// mentions, time expressions, quote contents, speakers and cues, and event triggers.
func Marks(a *chronicle.Article) []Mark {
	var ms []Mark
	names := map[string]*chronicle.Entity{}
	for i := range a.Entities {
		e := &a.Entities[i]
		names[e.ID] = e
		tip := e.Name + " · " + e.Type
		if e.Actor != "" {
			tip += " · " + e.Actor
		}
		if e.Role != "" {
			tip += " · " + e.Role
		}
		if e.KB != "" {
			tip += " · " + e.KB
		}
		mentions := e.Mentions
		if len(mentions) == 0 {
			mentions = [][2]int{{e.Start, e.End}}
		}
		for _, m := range mentions {
			ms = append(ms, Mark{Start: m[0], End: m[1], Kind: "entity", Class: strings.ToLower(e.Type), ID: e.ID, Tip: tip, Href: EntityURL(e.Name, e.Type)})
		}
	}
	for _, t := range a.Timexes {
		tip := t.Type + " " + t.Value
		if t.Mod != "" {
			tip += " (" + t.Mod + ")"
		}
		ms = append(ms, Mark{Start: t.Start, End: t.End, Kind: "timex", ID: t.ID, Tip: tip})
	}
	for _, q := range a.Quotes {
		who := q.Speaker.Text
		if e := names[q.Speaker.Entity]; e != nil {
			who = e.Name
		}
		tip := q.Kind + " quote"
		if who != "" {
			tip += " · " + who
		}
		if len(q.Via) > 0 {
			tip += " · via " + strings.Join(q.Via, ", ")
		}
		parts := q.Parts
		if len(parts) == 0 {
			parts = []chronicle.Span{q.Content}
		}
		for _, p := range parts {
			ms = append(ms, Mark{Start: p.Start, End: p.End, Kind: "quote", Class: q.Kind, ID: q.ID, Tip: tip})
		}
		if !q.Speaker.Empty() {
			href := ""
			if e := names[q.Speaker.Entity]; e != nil {
				href = EntityURL(e.Name, e.Type)
			}
			ms = append(ms, Mark{Start: q.Speaker.Start, End: q.Speaker.End, Kind: "speaker", ID: q.ID, Tip: "speaker of " + tip, Href: href})
		}
		if !q.Cue.Empty() {
			ms = append(ms, Mark{Start: q.Cue.Start, End: q.Cue.End, Kind: "cue", ID: q.ID, Tip: "cue of " + tip})
		}
	}
	for _, v := range a.Events {
		ms = append(ms, Mark{Start: v.Trigger.Start, End: v.Trigger.End, Kind: "event", Class: v.Modality, ID: v.ID,
			Tip: EventTip(v), Href: "#d-" + v.ID})
	}
	return ms
}

// EventTip describes an event in one line: code, category, modality, who to whom, when.
func EventTip(v chronicle.Event) string {
	s := "CAMEO " + v.Code
	if v.Plover != "" {
		s += " " + v.Plover
	}
	s += " · " + v.Modality + " · " + ArgLabel(v.Source) + " → " + ArgLabel(v.Target) + " · " + v.Date
	if v.Place != nil && v.Place.Name != "" {
		s += " · " + v.Place.Name
	}
	return s
}

// ArgLabel names an event's source or target: its canonical name or text, and its actor code.
func ArgLabel(a chronicle.EventArg) string {
	name := a.Name
	if name == "" {
		name = a.Text
	}
	switch {
	case name == "" && (a.Actor == "" || a.Actor == "---"):
		return "—"
	case name == "":
		return a.Actor
	case a.Actor == "" || a.Actor == "---":
		return name
	}
	return name + " (" + a.Actor + ")"
}

// EntityURL is the address of an entity's page.
func EntityURL(name, typ string) string {
	u := "/entities/" + url.PathEscape(name)
	if typ != "" {
		u += "?type=" + url.QueryEscape(typ)
	}
	return u
}

// Highlight renders text with the marks as nested HTML elements; everything from the text is
// escaped. Marks that cross another mark's end are split so that the elements nest; marks
// outside the text or empty are dropped; a mark inside a link is not a link itself. Only the
// first piece of each mark is in the tab order.
func Highlight(text string, marks []Mark) template.HTML {
	runes := []rune(text)
	n := len(runes)
	pending := make([]Mark, 0, len(marks))
	for _, m := range marks {
		if m.Start >= 0 && m.End <= n && m.Start < m.End {
			pending = append(pending, m)
		}
	}
	less := func(a, b Mark) int {
		return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(b.End, a.End), cmp.Compare(kindRank(a.Kind), kindRank(b.Kind)),
			cmp.Compare(a.ID, b.ID))
	}
	slices.SortStableFunc(pending, less)
	var sb strings.Builder
	pos := 0
	emit := func(to int) {
		if to > pos {
			template.HTMLEscape(&sb, []byte(string(runes[pos:to])))
			pos = to
		}
	}
	var stack []Mark
	focused := map[string]bool{}
	closeTo := func(at int) {
		for len(stack) > 0 && stack[len(stack)-1].End <= at {
			top := stack[len(stack)-1]
			emit(top.End)
			if top.Href != "" {
				sb.WriteString("</a>")
			} else {
				sb.WriteString("</span>")
			}
			stack = stack[:len(stack)-1]
		}
	}
	for i := 0; i < len(pending); i++ {
		m := pending[i]
		closeTo(m.Start)
		emit(m.Start)
		if len(stack) > 0 && stack[len(stack)-1].End < m.End {
			// m crosses the end of the enclosing mark: keep the part inside it and queue the rest.
			rest := m
			rest.Start = stack[len(stack)-1].End
			m.End = rest.Start
			j, _ := slices.BinarySearchFunc(pending[i+1:], rest, less)
			pending = slices.Insert(pending, i+1+j, rest)
		}
		if m.Href != "" && slices.ContainsFunc(stack, func(o Mark) bool { return o.Href != "" }) {
			m.Href = "" // links do not nest: inside a link the mark is plain
		}
		key := m.Kind + "/" + m.ID
		openTag(&sb, m, !focused[key])
		focused[key] = true
		stack = append(stack, m)
	}
	closeTo(n + 1)
	emit(n)
	return template.HTML(sb.String())
}

func openTag(sb *strings.Builder, m Mark, focusable bool) {
	class := "hl " + m.Kind
	if m.Class != "" {
		class += " " + m.Class
	}
	if m.Href != "" {
		fmt.Fprintf(sb, `<a href="%s"`, template.HTMLEscapeString(m.Href))
		if !focusable {
			sb.WriteString(` tabindex="-1"`)
		}
	} else {
		sb.WriteString("<span")
		if focusable && m.Kind != "quote" {
			sb.WriteString(` tabindex="0"`)
		}
	}
	fmt.Fprintf(sb, ` class="%s" data-id="%s" data-tip="%s"`, template.HTMLEscapeString(class),
		template.HTMLEscapeString(m.ID), template.HTMLEscapeString(m.Tip))
	if m.ID != "" {
		fmt.Fprintf(sb, ` aria-describedby="d-%s"`, template.HTMLEscapeString(m.ID))
	}
	sb.WriteString(">")
}
