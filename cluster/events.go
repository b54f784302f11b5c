package cluster

import (
	"fmt"
	"hash/fnv"
	"sort"
	"strings"
	"time"

	"chronicle"
)

// ArgKey is the identity of an event argument across articles: its canonical name
// (lower-cased), else its Wikidata id, else its CAMEO actor code, else its text; "" when the
// argument is empty or unknown ("---"). Names come first because the actor resolver gives every
// known person the same canonical name, while a stored mention carries the Wikidata id only
// when the extractor left the name to the entity.
func ArgKey(a chronicle.EventArg, kb string) string {
	switch {
	case strings.TrimSpace(a.Name) != "":
		return "n:" + strings.ToLower(strings.TrimSpace(a.Name))
	case kb != "":
		return "kb:" + kb
	case a.Actor != "" && a.Actor != "---":
		return "a:" + a.Actor
	case strings.TrimSpace(a.Text) != "":
		return "t:" + strings.ToLower(strings.TrimSpace(a.Text))
	}
	return ""
}

// Symmetric reports whether events of a CAMEO root are the same event whichever actor is the
// source: consultations (a call, a meeting: 04), diplomatic (05) and material (06)
// cooperation. For every other root, A → B and B → A are different acts.
func Symmetric(root string) bool {
	switch root {
	case "04", "05", "06":
		return true
	}
	return false
}

// Block returns the clustering block of a mention: its CAMEO root and the identity keys of its
// two arguments (ordered for symmetric roots). Only mentions of one block can be one event.
// It returns "" for a mention without a code.
func Block(m *chronicle.Mention) string {
	root := rootOf(m.Code, m.Root)
	if root == "" {
		return ""
	}
	s, t := ArgKey(m.Source, m.SourceKB), ArgKey(m.Target, m.TargetKB)
	if Symmetric(root) && t < s {
		s, t = t, s
	}
	return root + "|" + s + "|" + t
}

func rootOf(code, root string) string {
	if len(root) == 2 {
		return root
	}
	if len(code) >= 2 {
		return code[:2]
	}
	return ""
}

// Act returns the kind of act a CAMEO code names, for telling apart different acts of the same
// actors on the same day: for consultations (04) call (041), meet (042 visit, 043 host, 044
// meet elsewhere: one meeting seen from either side), mediate (045) and negotiate (046); for
// other roots the three-digit code. A generic code (a root alone, or a three-digit code ending
// in 0, such as 040 "consult") returns "", which is compatible with every act of its root.
func Act(code string) string {
	if len(code) < 3 || code[2] == '0' && len(code) == 3 {
		return ""
	}
	if code[:2] == "04" {
		switch code[2] {
		case '1':
			return "call"
		case '2', '3', '4':
			return "meet"
		case '5':
			return "mediate"
		case '6':
			return "negotiate"
		}
	}
	return code[:3]
}

// MentionAct is the act of a mention: Act of its code, or for a generic consultation code
// (040) the act its trigger names ("met", "summit" → meet; "phone", "spoke" → call).
func MentionAct(m *chronicle.Mention) string {
	if a := Act(m.Code); a != "" || rootOf(m.Code, m.Root) != "04" {
		return a
	}
	t := strings.ToLower(m.Trigger.Text)
	for _, w := range []string{"meet", "met", "summit", "visit", "host", "in person", "in-person", "face-to-face"} {
		if strings.Contains(t, w) {
			return "meet"
		}
	}
	for _, w := range []string{"call", "phone", "spoke", "spoken", "speak", "conversation", "talked"} {
		if strings.Contains(t, w) {
			return "call"
		}
	}
	return ""
}

// Modality classes: mentions of different classes are never one cluster.
const (
	classAsserted    = 0 // it happened
	classProspective = 1 // future, hedged, hypothetical: it may happen
	classNegated     = 2 // it did not happen
)

func classOf(modality string) int {
	switch modality {
	case chronicle.Negated:
		return classNegated
	case chronicle.Future, chronicle.Hedged, chronicle.Hypothetical:
		return classProspective
	}
	return classAsserted
}

// WeakDays is how many days before its article's date (for an asserted or negated mention) or
// after it (for a prospective one, times ten) an event dated only by its article may lie.
const WeakDays = 3

// item is a mention prepared for clustering.
type item struct {
	m          *chronicle.Mention
	act        string
	class      int
	start, end int // days since 1970-01-01 covered by the date
	art        int // the article's day
	strong     bool
	day        bool // strong and one day (or finer)
	cluster    int  // index into the block's clusters, -1 while unassigned
}

func days(t time.Time) int { return int(t.Unix() / 86400) }

func dayString(d int) string { return time.Unix(int64(d)*86400, 0).UTC().Format(chronicle.DateLayout) }

// prepare turns a mention into an item; ok is false when it has no code or no usable date.
func prepare(m *chronicle.Mention) (item, bool) {
	it := item{m: m, act: MentionAct(m), class: classOf(m.Modality), cluster: -1}
	ad, _, ok := chronicle.DateRange(m.ArticleDate)
	if !ok {
		if s, _, ok2 := chronicle.DateRange(m.Date); ok2 {
			ad = s
		} else {
			return it, false
		}
	}
	it.art = days(ad)
	if s, e, ok := chronicle.DateRange(m.Date); ok && m.DateFrom != "article" && m.Date != "" {
		it.start, it.end, it.strong = days(s), days(e), true
		it.day = it.start == it.end
	} else {
		it.start, it.end = it.art, it.art
	}
	return it, true
}

// group is a cluster under construction.
type group struct {
	items    []*item
	articles map[string]bool
	act      string // the specific act of its members ("" while all are generic)
	day      int    // for seed groups: the day
	seed     bool
}

// strong reports whether some member is dated by a time expression.
func (g *group) strong() bool {
	for _, it := range g.items {
		if it.strong {
			return true
		}
	}
	return false
}

func (g *group) add(it *item) {
	g.items = append(g.items, it)
	if g.articles == nil {
		g.articles = map[string]bool{}
	}
	g.articles[it.m.Article] = true
	if g.act == "" {
		g.act = it.act
	}
}

func compatible(a, b string) bool { return a == "" || b == "" || a == b }

// Events clusters event mentions into real-world events. Every mention with a code gets its
// Block and Cluster set (mentions without one get neither); the returned clusters have their
// identity, code, date, modality, arguments and Realized set, and Mentions, Articles, First and
// Last counted from ms. Sources is the number of distinct articles: the store, which knows the
// duplicate groups, counts wire copies once.
//
// The result is a function of the set of mentions: it does not depend on their order. Within
// a block (see Block) and a modality class (asserted; future, hedged or hypothetical; negated):
//
//  1. Seeds: mentions dated by a time expression to one day form one cluster per day and act;
//     generic mentions (040) join the best-supported act of their day.
//  2. Mentions dated more coarsely ("2025-07") join a compatible seed whose day they cover: the
//     latest on or before their article's date (the most recent such event), else the best
//     supported, then the earliest; mentions dated only by their article join the
//     nearest compatible seed up to WeakDays before the article's date (after it, up to ten
//     times that, for a prospective mention).
//  3. The rest form clusters of equal coarse date and act, or, for article-dated ones, of act
//     and article dates no more than one day apart.
//
// So mentions of the same actors on different days, or of different acts on one day, are
// never one cluster, and a future, hedged, hypothetical or negated mention never joins an
// asserted cluster: a prospective cluster records in Realized the asserted cluster that
// fulfilled it, if any.
func Events(ms []chronicle.Mention) []chronicle.Cluster {
	blocks := map[string][]*item{}
	items := make([]item, len(ms))
	for i := range ms {
		m := &ms[i]
		m.Block, m.Cluster = "", ""
		it, ok := prepare(m)
		if !ok {
			continue
		}
		b := Block(m)
		if b == "" {
			continue
		}
		m.Block = b
		items[i] = it
		blocks[b] = append(blocks[b], &items[i])
	}
	keys := make([]string, 0, len(blocks))
	for k := range blocks {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var out []chronicle.Cluster
	for _, k := range keys {
		out = append(out, clusterBlock(k, blocks[k])...)
	}
	return out
}

func less(a, b *item) bool {
	if a.m.ArticleDate != b.m.ArticleDate {
		return a.m.ArticleDate < b.m.ArticleDate
	}
	if a.m.Article != b.m.Article {
		return a.m.Article < b.m.Article
	}
	if len(a.m.ID) != len(b.m.ID) {
		return len(a.m.ID) < len(b.m.ID)
	}
	return a.m.ID < b.m.ID
}

// clusterBlock clusters the mentions of one block.
func clusterBlock(block string, its []*item) []chronicle.Cluster {
	sort.Slice(its, func(i, j int) bool { return less(its[i], its[j]) })
	var groups [3][]*group
	for class := range 3 {
		var cls []*item
		for _, it := range its {
			if it.class == class {
				cls = append(cls, it)
			}
		}
		if len(cls) > 0 {
			groups[class] = clusterClass(cls, class)
		}
	}
	var out []chronicle.Cluster
	var asserted []chronicle.Cluster
	for class := range 3 {
		for _, g := range groups[class] {
			c := summarize(block, class, g)
			switch class {
			case classAsserted:
				asserted = append(asserted, c)
			case classProspective:
				// A prospective cluster is realized by the earliest compatible asserted
				// cluster in its window: its date, or for an announcement dated only by its
				// articles ("Trump will call Xi"), the days after them.
				lo, hi := c.DateStart, c.DateEnd
				if !g.strong() {
					hi = dayString(g.items[len(g.items)-1].art + 10*WeakDays)
				}
				for _, a := range asserted {
					if compatible(a.Act, c.Act) && a.DateStart <= hi && a.DateEnd >= lo {
						c.Realized = a.ID
						break
					}
				}
			}
			out = append(out, c)
		}
	}
	return out
}

// clusterClass clusters the mentions of one block and modality class, sorted by less.
func clusterClass(its []*item, class int) []*group {
	// 1. Seeds: one group per (day, act); generic mentions join their day's best act.
	type key struct {
		start, end int
		act        string
	}
	seedKey := map[key]*group{}
	var seeds []*group
	var generic []*item
	for _, it := range its {
		if !it.day {
			continue
		}
		if it.act == "" {
			generic = append(generic, it)
			continue
		}
		k := key{it.start, it.start, it.act}
		g := seedKey[k]
		if g == nil {
			g = &group{day: it.start, seed: true}
			seedKey[k] = g
			seeds = append(seeds, g)
		}
		g.add(it)
	}
	byDay := map[int][]*group{}
	for _, g := range seeds {
		byDay[g.day] = append(byDay[g.day], g)
	}
	for _, it := range generic {
		var best *group
		for _, g := range byDay[it.start] {
			if best == nil || len(g.articles) > len(best.articles) || len(g.articles) == len(best.articles) && g.act < best.act {
				best = g
			}
		}
		if best == nil {
			best = &group{day: it.start, seed: true}
			byDay[it.start] = append(byDay[it.start], best)
			seeds = append(seeds, best)
		}
		best.add(it)
	}
	// Support of seeds is fixed before anything else joins, so that joins do not depend on
	// one another.
	support := make(map[*group]int, len(seeds))
	act := make(map[*group]string, len(seeds))
	for _, g := range seeds {
		support[g], act[g] = len(g.articles), g.act
	}
	// 2. Coarse and article-dated mentions join a seed.
	var rest []*item
	for _, it := range its {
		if it.day {
			continue
		}
		var best *group
		if it.strong { // coarse: the latest seed it covers on or before its article's date
			for _, g := range seeds {
				if g.day < it.start || g.day > it.end || !compatible(act[g], it.act) {
					continue
				}
				if best == nil || coarseBetter(g, best, it.art, support) {
					best = g
				}
			}
		} else { // article-dated: nearest seed in the window
			lo, hi := it.art-WeakDays, it.art
			if class == classProspective {
				lo, hi = it.art, it.art+10*WeakDays
			}
			dist := func(g *group) int {
				if class == classProspective {
					return g.day - it.art
				}
				return it.art - g.day
			}
			for _, g := range seeds {
				if g.day < lo || g.day > hi || !compatible(act[g], it.act) {
					continue
				}
				if best == nil || dist(g) < dist(best) || dist(g) == dist(best) && support[g] > support[best] {
					best = g
				}
			}
		}
		if best != nil {
			best.add(it)
		} else {
			rest = append(rest, it)
		}
	}
	out := seeds
	// 3. The rest: coarse by (date, act); article-dated by act and runs of close dates.
	coarse := map[key]*group{}
	var weak []*item
	for _, it := range rest {
		if !it.strong {
			weak = append(weak, it)
			continue
		}
		k := key{it.start, it.end, it.act}
		g := coarse[k]
		if g == nil {
			g = &group{}
			coarse[k] = g
			out = append(out, g)
		}
		g.add(it)
	}
	sort.SliceStable(weak, func(i, j int) bool { return weak[i].art < weak[j].art })
	open := map[string]*group{} // act → the group being filled, and its first day
	first := map[*group]int{}
	for _, it := range weak {
		g := open[it.act]
		if g == nil || it.art-first[g] > 1 {
			g = &group{}
			first[g] = it.art
			open[it.act] = g
			out = append(out, g)
		}
		g.add(it)
	}
	return out
}

// coarseBetter reports whether seed g is a likelier referent than seed h of a coarse mention
// in an article of day art: a seed on or before art beats one after it; among those before,
// the later (the most recent event of its kind); among those after, the better supported,
// then the earlier.
func coarseBetter(g, h *group, art int, support map[*group]int) bool {
	gb, hb := g.day <= art, h.day <= art
	switch {
	case gb != hb:
		return gb
	case gb:
		return g.day > h.day || g.day == h.day && g.act < h.act
	case support[g] != support[h]:
		return support[g] > support[h]
	}
	return g.day < h.day || g.day == h.day && g.act < h.act
}

// summarize builds the cluster of a group and sets its mentions' cluster id.
func summarize(block string, class int, g *group) chronicle.Cluster {
	sort.Slice(g.items, func(i, j int) bool { return less(g.items[i], g.items[j]) })
	h := fnv.New64a()
	fmt.Fprintf(h, "%s\x00%d\x00%s\x00%s", block, class, g.items[0].m.Article, g.items[0].m.ID)
	id := fmt.Sprintf("c%012x", h.Sum64()>>16)
	c := chronicle.Cluster{ID: id, Block: block, Articles: []string{}}

	// Code: the most frequent specific code, then the smallest.
	codes := map[string]int{}
	plovers := map[string]map[string]int{}
	modalities := map[string]int{}
	orient := map[[2]string]int{}
	for _, it := range g.items {
		it.m.Cluster = id
		m := it.m
		codes[m.Code]++
		if plovers[m.Code] == nil {
			plovers[m.Code] = map[string]int{}
		}
		plovers[m.Code][m.Plover]++
		modalities[m.Modality]++
		orient[[2]string{ArgKey(m.Source, m.SourceKB), ArgKey(m.Target, m.TargetKB)}]++
	}
	specific := false
	for k := range codes {
		specific = specific || Act(k) != ""
	}
	if specific { // a specific code names the cluster rather than a generic one
		for k := range codes {
			if Act(k) == "" {
				delete(codes, k)
			}
		}
	}
	c.Code = argmax(codes, func(a, b string) bool { return a < b })
	c.Root = rootOf(c.Code, "")
	c.Act = g.act
	c.Plover = argmax(plovers[c.Code], func(a, b string) bool { return a > b })
	switch class {
	case classAsserted:
		c.Modality = chronicle.Asserted
	case classNegated:
		c.Modality = chronicle.Negated
	default:
		c.Modality = argmax(modalities, func(a, b string) bool { return chronicle.ModalityRank(a) < chronicle.ModalityRank(b) })
	}
	// Arguments: the most frequent orientation; the first mention with it names them.
	best := argmaxKey(orient)
	for _, it := range g.items {
		m := it.m
		if ArgKey(m.Source, m.SourceKB) == best[0] && ArgKey(m.Target, m.TargetKB) == best[1] {
			c.Source = chronicle.EventArg{Actor: m.Source.Actor, Text: m.Source.Text, Name: m.Source.Name}
			c.Target = chronicle.EventArg{Actor: m.Target.Actor, Text: m.Target.Text, Name: m.Target.Name}
			break
		}
	}
	c.SourceKey, c.TargetKey = best[0], best[1]

	// Date: the finest granularity among time-expression dates, the value most articles give,
	// then the earliest; without any, the earliest article date (it happened by then).
	type dv struct {
		value      string
		start, end int
	}
	support := map[dv]map[string]bool{}
	finest := -1
	for _, it := range g.items {
		if it.strong && (finest < 0 || it.end-it.start < finest) {
			finest = it.end - it.start
		}
	}
	for _, it := range g.items {
		var v dv
		switch {
		case finest >= 0 && it.strong && it.end-it.start == finest:
			v = dv{it.m.Date, it.start, it.end}
			if i := strings.IndexByte(v.value, 'T'); i > 0 {
				v.value = v.value[:i]
			}
		case finest < 0:
			v = dv{dayString(it.art), it.art, it.art}
		default:
			continue
		}
		if support[v] == nil {
			support[v] = map[string]bool{}
		}
		support[v][it.m.Article] = true
	}
	var date dv
	bestN := -1
	for v, arts := range support {
		n := len(arts)
		if finest < 0 {
			n = 0 // dated by articles only: it happened on or before the earliest of them
		}
		if n > bestN || n == bestN && (v.start < date.start || v.start == date.start && v.value < date.value) {
			date, bestN = v, n
		}
	}
	c.Date, c.DateStart, c.DateEnd = date.value, dayString(date.start), dayString(date.end)

	// Counts.
	seen := map[string]bool{}
	type art struct{ date, id string }
	var arts []art
	for _, it := range g.items {
		c.Mentions++
		if !seen[it.m.Article] {
			seen[it.m.Article] = true
			arts = append(arts, art{it.m.ArticleDate, it.m.Article})
		}
	}
	sort.Slice(arts, func(i, j int) bool {
		if arts[i].date != arts[j].date {
			return arts[i].date < arts[j].date
		}
		return arts[i].id < arts[j].id
	})
	for _, a := range arts {
		c.Articles = append(c.Articles, a.id)
	}
	c.Sources = len(arts)
	c.First, c.Last = arts[0].date, arts[len(arts)-1].date
	return c
}

// argmax returns the key with the largest count, ties broken by better.
func argmax(m map[string]int, better func(a, b string) bool) string {
	var best string
	n := -1
	for k, v := range m {
		if v > n || v == n && better(k, best) {
			best, n = k, v
		}
	}
	return best
}

func argmaxKey(m map[[2]string]int) [2]string {
	var best [2]string
	n := -1
	for k, v := range m {
		if v > n || v == n && (k[0] < best[0] || k[0] == best[0] && k[1] < best[1]) {
			best, n = k, v
		}
	}
	return best
}
