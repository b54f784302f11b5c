package web

import (
	"cmp"
	"fmt"
	"html/template"
	"slices"
	"strings"
	"time"

	"chronicle"
)

// Plover lists the PLOVER categories from the most cooperative to the most hostile, each with
// its chart colour; events of CAMEO codes that PLOVER does not map are "OTHER".
var Plover = []struct{ Name, Color string }{
	{"AGREE", "#1b6b93"},
	{"CONSULT", "#2f8fce"},
	{"SUPPORT", "#5fb0e0"},
	{"CONCEDE", "#2a9d8f"},
	{"COOPERATE", "#57b894"},
	{"AID", "#8cc084"},
	{"RETREAT", "#b5d99c"},
	{"REQUEST", "#c9b458"},
	{"ACCUSE", "#f2a65a"},
	{"REJECT", "#ec8a3c"},
	{"THREATEN", "#e76f51"},
	{"PROTEST", "#d1495b"},
	{"SANCTION", "#a23b72"},
	{"MOBILIZE", "#7b4b94"},
	{"COERCE", "#5e2b7e"},
	{"ASSAULT", "#8c1c13"},
	{"OTHER", "#9aa0a6"},
}

func ploverIndex(p string) int {
	if p == "" {
		p = "OTHER"
	}
	for i, c := range Plover {
		if c.Name == p {
			return i
		}
	}
	return len(Plover) - 1
}

// Series is event counts per period and PLOVER category, ready to draw.
type Series struct {
	Unit    string
	Periods []string // first days of the periods, every period between the first and last
	// Counts[i][k] is the count of period i in category Plover[k].
	Counts [][]int
	// Coarse is the number of events dated less precisely than Unit (not drawn).
	Coarse int
	// Totals per category (index as Plover), and in all.
	Totals []int
	Total  int
	// Noun is what is counted, singular ("event" when empty; "event mention").
	Noun string
}

// AutoUnit picks the finest unit that shows the range first..last (YYYY-MM-DD) in at most
// about 120 bars.
func AutoUnit(first, last string) string {
	a, err1 := time.Parse(chronicle.DateLayout, first)
	b, err2 := time.Parse(chronicle.DateLayout, last)
	if err1 != nil || err2 != nil {
		return chronicle.Month
	}
	days := b.Sub(a).Hours() / 24
	switch {
	case days <= 90:
		return chronicle.Day
	case days <= 2*365:
		return chronicle.Week
	case days <= 10*365:
		return chronicle.Month
	}
	return chronicle.Year
}

// nextPeriod returns the first day of the period after the one starting on day.
func nextPeriod(unit string, day time.Time) time.Time {
	switch unit {
	case chronicle.Day:
		return day.AddDate(0, 0, 1)
	case chronicle.Week:
		return day.AddDate(0, 0, 7)
	case chronicle.Month:
		return day.AddDate(0, 1, 0)
	}
	return day.AddDate(1, 0, 0)
}

// maxPeriods bounds the bars of a chart (a day chart over decades would be unreadable).
const maxPeriods = 400

// NewSeries arranges counts (as returned by chronicle.BrowseStore.EventCounts) into a
// series with every period between the first and the last, empty ones included.
func NewSeries(counts []chronicle.EventCount, unit string) Series {
	s := Series{Unit: unit, Totals: make([]int, len(Plover))}
	byPeriod := map[string][]int{}
	var first, last string
	for _, c := range counts {
		k := ploverIndex(c.Plover)
		s.Totals[k] += c.Count
		s.Total += c.Count
		if c.Period == "" {
			s.Coarse += c.Count
			continue
		}
		row := byPeriod[c.Period]
		if row == nil {
			row = make([]int, len(Plover))
			byPeriod[c.Period] = row
		}
		row[k] += c.Count
		if first == "" || c.Period < first {
			first = c.Period
		}
		if c.Period > last {
			last = c.Period
		}
	}
	if first == "" {
		return s
	}
	d, err := time.Parse(chronicle.DateLayout, first)
	end, err2 := time.Parse(chronicle.DateLayout, last)
	if err != nil || err2 != nil {
		return s
	}
	for !d.After(end) && len(s.Periods) < maxPeriods {
		p := d.Format(chronicle.DateLayout)
		row := byPeriod[p]
		if row == nil {
			row = make([]int, len(Plover))
		}
		s.Periods = append(s.Periods, p)
		s.Counts = append(s.Counts, row)
		d = nextPeriod(unit, d)
	}
	return s
}

// PeriodLabel writes a period's first day as a reader says it: 2025-07-03, week of
// 2025-06-30, Jul 2025, 2025.
func PeriodLabel(unit, p string) string {
	d, err := time.Parse(chronicle.DateLayout, p)
	if err != nil {
		return p
	}
	switch unit {
	case chronicle.Week:
		return "week of " + p
	case chronicle.Month:
		return d.Format("Jan 2006")
	case chronicle.Year:
		return d.Format("2006")
	}
	return p
}

// Used returns the categories that have events, in chart order, with their totals.
func (s Series) Used() []Legend {
	var out []Legend
	for k, c := range Plover {
		if s.Totals[k] > 0 {
			out = append(out, Legend{Name: c.Name, Color: c.Color, Count: s.Totals[k]})
		}
	}
	return out
}

// Legend is one category of a chart's legend.
type Legend struct {
	Name, Color string
	Count       int
}

// SVG draws the series as stacked bars, one per period, coloured by PLOVER category. The
// drawing is an image with a title and description for screen readers; each bar segment has
// a tooltip with its period, category and count. Pages show the same numbers as a table.
func (s Series) SVG(title string) template.HTML {
	const (
		w, h                   = 800.0, 240.0
		left, right, top, bott = 40.0, 10.0, 10.0, 30.0
	)
	if len(s.Periods) == 0 {
		return ""
	}
	maxTotal := 0
	for _, row := range s.Counts {
		t := 0
		for _, c := range row {
			t += c
		}
		maxTotal = max(maxTotal, t)
	}
	maxTotal = max(maxTotal, 1)
	step := niceStep(maxTotal)
	ceil := ((maxTotal + step - 1) / step) * step
	plotW, plotH := w-left-right, h-top-bott
	bw := plotW / float64(len(s.Periods))
	gap := min(bw*0.15, 2)
	y := func(v int) float64 { return top + plotH - plotH*float64(v)/float64(ceil) }
	var sb strings.Builder
	esc := template.HTMLEscapeString
	fmt.Fprintf(&sb, `<svg class="chart" viewBox="0 0 %g %g" role="img" aria-labelledby="chart-title chart-desc" xmlns="http://www.w3.org/2000/svg">`, w, h)
	fmt.Fprintf(&sb, `<title id="chart-title">%s</title>`, esc(title))
	used := s.Used()
	var desc []string
	for _, l := range used {
		desc = append(desc, fmt.Sprintf("%s %d", l.Name, l.Count))
	}
	noun := cmp.Or(s.Noun, "event")
	fmt.Fprintf(&sb, `<desc id="chart-desc">%s per %s from %s to %s: %s.</desc>`, esc(Plural(s.Total-s.Coarse, noun)), s.Unit,
		esc(PeriodLabel(s.Unit, s.Periods[0])), esc(PeriodLabel(s.Unit, s.Periods[len(s.Periods)-1])), esc(strings.Join(desc, ", ")))
	// Grid lines and y labels.
	for v := 0; v <= ceil; v += step {
		fmt.Fprintf(&sb, `<line class="grid" x1="%g" x2="%g" y1="%.1f" y2="%.1f"/>`, left, w-right, y(v), y(v))
		fmt.Fprintf(&sb, `<text class="ylabel" x="%g" y="%.1f" text-anchor="end">%d</text>`, left-6, y(v)+4, v)
	}
	// Bars.
	for i, row := range s.Counts {
		x := left + float64(i)*bw
		base := 0
		for k, c := range row {
			if c == 0 {
				continue
			}
			fmt.Fprintf(&sb, `<rect x="%.2f" y="%.2f" width="%.2f" height="%.2f" fill="%s"><title>%s: %s %d</title></rect>`,
				x+gap/2, y(base+c), max(bw-gap, 0.5), y(base)-y(base+c), Plover[k].Color, esc(PeriodLabel(s.Unit, s.Periods[i])), Plover[k].Name, c)
			base += c
		}
	}
	// X labels: at most about 8, evenly spaced.
	every := max(1, (len(s.Periods)+7)/8)
	for i := 0; i < len(s.Periods); i += every {
		x := left + (float64(i)+0.5)*bw
		fmt.Fprintf(&sb, `<text class="xlabel" x="%.1f" y="%g" text-anchor="middle">%s</text>`, x, h-10, esc(shortLabel(s.Unit, s.Periods[i])))
	}
	fmt.Fprintf(&sb, `<line class="axis" x1="%g" x2="%g" y1="%.1f" y2="%.1f"/>`, left, w-right, y(0), y(0))
	sb.WriteString(`</svg>`)
	return template.HTML(sb.String())
}

func shortLabel(unit, p string) string {
	d, err := time.Parse(chronicle.DateLayout, p)
	if err != nil {
		return p
	}
	switch unit {
	case chronicle.Month:
		return d.Format("Jan 2006")
	case chronicle.Year:
		return d.Format("2006")
	}
	return d.Format("2 Jan 2006")
}

// niceStep returns a round grid step (1, 2, 5 × 10^k) giving about four lines up to max.
func niceStep(maxV int) int {
	raw := float64(maxV) / 4
	for p := 1; ; p *= 10 {
		for _, m := range []int{1, 2, 5} {
			if float64(m*p) >= raw {
				return m * p
			}
		}
	}
}

// Rows returns the non-empty periods with their counts per used category, for the table
// that accompanies a chart.
func (s Series) Rows() []SeriesRow {
	used := s.Used()
	var out []SeriesRow
	for i, row := range s.Counts {
		total := 0
		for _, c := range row {
			total += c
		}
		if total == 0 {
			continue
		}
		r := SeriesRow{Period: s.Periods[i], Label: PeriodLabel(s.Unit, s.Periods[i]), Total: total}
		for _, l := range used {
			r.Counts = append(r.Counts, row[ploverIndex(l.Name)])
		}
		out = append(out, r)
	}
	slices.Reverse(out) // newest first
	return out
}

// SeriesRow is one period of a chart's table.
type SeriesRow struct {
	Period, Label string
	Counts        []int // per Series.Used category
	Total         int
}

// periodStart returns the first day of the period of unit that holds day (weeks start on
// Monday).
func periodStart(unit string, day time.Time) time.Time {
	switch unit {
	case chronicle.Day:
		return day
	case chronicle.Week:
		return day.AddDate(0, 0, -(int(day.Weekday())+6)%7)
	case chronicle.Month:
		return time.Date(day.Year(), day.Month(), 1, 0, 0, 0, 0, time.UTC)
	}
	return time.Date(day.Year(), 1, 1, 0, 0, 0, 0, time.UTC)
}

// ClusterCounts counts real-world events (clusters) per period of unit and PLOVER category,
// each once however many articles report it, in the form EventCounts gives mentions: a
// cluster whose days are not within one period counts in period "".
func ClusterCounts(cs []chronicle.Cluster, unit string) []chronicle.EventCount {
	type key struct{ period, plover string }
	n := map[key]int{}
	for _, c := range cs {
		p := ""
		a, err1 := time.Parse(chronicle.DateLayout, c.DateStart)
		b, err2 := time.Parse(chronicle.DateLayout, c.DateEnd)
		if err1 == nil && err2 == nil {
			if pa := periodStart(unit, a); pa.Equal(periodStart(unit, b)) {
				p = pa.Format(chronicle.DateLayout)
			}
		}
		n[key{p, c.Plover}]++
	}
	out := make([]chronicle.EventCount, 0, len(n))
	for k, c := range n {
		out = append(out, chronicle.EventCount{Period: k.period, Plover: k.plover, Count: c})
	}
	slices.SortFunc(out, func(x, y chronicle.EventCount) int {
		return cmp.Or(cmp.Compare(x.Period, y.Period), cmp.Compare(x.Plover, y.Plover))
	})
	return out
}
