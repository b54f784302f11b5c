package timex

import (
	"chronicle"
)

// rel is a relative determiner: how "X" in "<det> X" is counted.
type rel struct {
	n      int  // offset in units of X (-1 last, 0 this, +1 next)
	anchor bool // counted from the last mentioned date, not the article date ("the following")
	strict bool // weekday/month names: strictly before/after the article date ("last Friday")
	bare   bool // just "the": X alone ("the weekend", "the summer")
}

// relDet parses a relative determiner at i and returns it with the index after it.
func (m *matcher) relDet(i int) (rel, int, bool) {
	j := i
	the := false
	switch m.id(j) {
	case wThe:
		the = true
		j++
	case wIts, wTheir, wOur, wHis, wHer:
		j++
		the = true
	}
	switch m.id(j) {
	case wThis:
		if the {
			return rel{}, i, false
		}
		switch m.id(j + 1) {
		case wComing:
			return rel{n: 1, strict: true}, j + 2, true
		case wPast:
			return rel{n: -1, strict: true}, j + 2, true
		}
		return rel{n: 0}, j + 1, true
	case wCurrent:
		return rel{n: 0}, j + 1, true
	case wLast, wPast:
		if m.id(j+1) == wFew || m.id(j+1) == wSeveral {
			return rel{}, i, false
		}
		return rel{n: -1, strict: true}, j + 1, true
	case wNext:
		if the {
			return rel{n: 1, anchor: true, strict: true}, j + 1, true
		}
		return rel{n: 1, strict: true}, j + 1, true
	case wComing, wUpcoming:
		return rel{n: 1, strict: true}, j + 1, true
	case wFollowing:
		if the {
			return rel{n: 1, anchor: true, strict: true}, j + 1, true
		}
	case wPrevious, wPrior:
		if the {
			return rel{n: -1, anchor: true, strict: true}, j + 1, true
		}
		return rel{n: -1, strict: true}, j + 1, true
	case wSame:
		if the {
			return rel{n: 0, anchor: true}, j + 1, true
		}
	case wThat:
		if !the {
			if m.id(j+1) == wSame {
				return rel{n: 0, anchor: true}, j + 2, true // that same day
			}
			return rel{n: 0, anchor: true}, j + 1, true
		}
	}
	if the && m.id(i) == wThe {
		return rel{bare: true}, j, true
	}
	return rel{}, i, false
}

// base returns the date a relative determiner counts from.
func (m *matcher) base(r rel) (point, bool) {
	if r.anchor {
		return m.anchor()
	}
	return m.dct, false
}

func (m *matcher) matchRelative(i int) (result, bool) {
	var r result
	u := m.u(i)
	noDCT := !m.dct.ok()
	day := func(n, start, end int) (result, bool) {
		if noDCT {
			return m.noDate(r, gDay, start, end)
		}
		return m.withPart(r, m.dct.shift(n, uDay), start, end)
	}
	if u.lx.part > 0 && !u.lx.plural && !u.poss {
		// afternoon yesterday ("at mid-afternoon yesterday"), morning today
		n := 0
		switch m.id(i + 1) {
		case wYesterday:
			n = -1
		case wToday:
		case wTomorrow:
			n = 1
		default:
			return r, false
		}
		if noDCT {
			return m.noDate(r, gPart, i, i+2)
		}
		p := m.dct.shift(n, uDay)
		p.g, p.n = gPart, int(u.lx.part)
		return date(r, p, i, i+2)
	}
	switch u.lx.id {
	case wToday:
		if u.poss {
			return day(0, i, i+1)
		}
		return day(0, i, i+1)
	case wYesterday:
		return day(-1, i, i+1)
	case wTomorrow:
		return day(1, i, i+1)
	case wTonight:
		if noDCT {
			return m.noDate(r, gPart, i, i+1)
		}
		p := m.dct
		p.g, p.n = gPart, 4
		return date(r, p, i, i+1)
	case wThe:
		// the day before yesterday, the day after tomorrow
		if m.u(i+1).lx.unit == uDay && !m.u(i+1).lx.plural {
			switch {
			case m.id(i+2) == wBefore && m.id(i+3) == wYesterday:
				return day(-2, i, i+4)
			case m.id(i+2) == wAfter && m.id(i+3) == wTomorrow:
				return day(2, i, i+4)
			case m.id(i+2) == wBefore || m.id(i+2) == wAfter:
				// the day before last Tuesday('s hearing), the day after Christmas: a day of its own, an
				// anchor for "the next morning"
				if d, ok := m.dayAfter(i, i+3); ok {
					sign := 1
					if m.id(i+2) == wBefore {
						sign = -1
					}
					d.p = d.p.shift(sign, uDay)
					d.val = d.p.value()
					return d, true
				}
			}
		}
		// "it is the second day of the offensive", "the third straight day": the article's day
		if o := m.u(i + 1); (o.lx.ord > 1 || o.dk == dOrd && o.num > 1) && !noDCT {
			k := i + 2
			if m.lowerIsU(k, "straight") || m.lowerIsU(k, "consecutive") || m.lowerIsU(k, "successive") {
				k++
			}
			if x := m.u(k); x.lx.unit == uDay && !x.lx.plural && !x.hyph && x.punct == 0 && m.tense(i, k+1) == tPresent {
				return date(r, m.dct, i, k+1)
			}
		}
		// the year ended June 30 (a DURATION: TimeBank's fiscal years), the full year, the
		// fiscal year, "for the year" (this year)
		{
			k := i + 1
			full := false
			if m.id(k) == wFull || m.id(k) == wFiscal {
				full = true
				k++
			}
			if x := m.u(k); x.lx.unit == uYear && !x.lx.plural && !x.hyph && !x.poss && x.punct == 0 {
				switch {
				case m.lowerIsU(k+1, "ended") || m.lowerIsU(k+1, "ending"):
					r.typ, r.val, r.start, r.end = chronicle.DURATION, "P1Y", i, k+1
					return r, true
				case m.u(k+1).punct != 0 || full && m.u(k+1).num < 0 && m.u(k+1).dk == dNone && m.word(k+1) && m.u(k+1).lx.id != wBefore && m.u(k+1).lx.id != wAfter:
					// "for the year,", "the full year", not "the year before", "the year 2000"
					if noDCT {
						return m.noDate(r, gYear, i, k+1)
					}
					return date(r, point{g: gYear, y: m.dct.y}, i, k+1)
				}
			}
		}
		// the week of March 6, the weekend of Oct. 3
		if un, pl := m.unitAt(i + 1); (un == uWeek || un == uWeekend) && !pl && m.id(i+2) == wOf {
			if d, ok := m.dayAfter(i, i+3); ok {
				d.p = d.p.at(unitGran(un))
				d.val = d.p.value()
				return d, true
			}
		}
	case wEarlier, wLater:
		// earlier in the day, later in the week
		if m.id(i+1) == wIn && m.id(i+2) == wThe {
			if un, pl := m.unitAt(i + 3); !pl && (un == uDay || un == uWeek || un == uMonth || un == uYear) {
				if u.lx.id == wEarlier {
					r.mod = "START"
				} else {
					r.mod = "END"
				}
				if noDCT {
					return m.noDate(r, unitGran(un), i, i+4)
				}
				return date(r, m.dct.at(unitGran(un)), i, i+4)
			}
		}
	}
	// last night, next week, the following day, this summer, last Friday, next March…
	d, j, ok := m.relDet(i)
	if !ok {
		return r, false
	}
	if m.id(j) == wFiscal && m.u(j+1).lx.unit == uYear && !d.bare {
		j++ // the current fiscal year, next fiscal year
	}
	x := m.u(j)
	if x.punct != 0 {
		return r, false
	}
	switch {
	case x.lx.unit != uNone && !x.lx.plural:
		un := x.lx.unit
		if un == uQuarter || un == uSecond || un == uMinute || un == uHour {
			return r, false // quarters: matchQuarter
		}
		if d.bare {
			if un != uWeekend {
				return r, false
			}
			// the weekend: the coming one in a future clause, else the last one
			tn := m.tense(i, j+1)
			d.n = -1
			if tn == tFuture || tn == tPresent {
				d.n = 0
			}
		}
		if un == uDay && !d.anchor && d.n != 0 {
			if !(m.id(i) == wNext || m.id(i) == wThe && m.id(i+1) == wNext) {
				return r, false // "last day" is not a date
			}
			d.anchor = true
		}
		if un == uDay && d.n == 0 && !d.anchor {
			return r, false // "this day"
		}
		if (un == uDecade || un == uCentury) && d.n < 0 && !d.anchor && (m.id(j-1) == wPast || m.id(j-1) == wLast) && m.id(i) == wThe {
			// the past decade: the ten years up to now
			r.typ, r.val, r.start, r.end = chronicle.DURATION, duration(1, un), i, j+1
			return r, true
		}
		g := unitGran(un)
		b, anchored := m.base(d)
		if noDCT && !anchored {
			return m.noDate(r, g, i, j+1)
		}
		if anchored && (g == gDay || g == gWeek || g == gMonth) && !b.at(g).ok() {
			if r, ok := m.inAnchor(r, b, g, 0, i, j+1); ok {
				return r, true // "in October 1998 … that same day": 1998-10-XX
			}
		}
		p := b.at(g)
		if !p.ok() {
			p = m.dct.at(g)
			anchored = false
			if !p.ok() { // anchored on a year, and no article date
				return m.noDate(r, g, i, j+1)
			}
		}
		if un == uWeekend && d.n == 0 && !d.anchor {
			// this weekend: the one of this week
		}
		r.anchored = anchored
		p = p.shift(d.n, un)
		if un == uDay {
			return m.withPart(r, p, i, j+1)
		}
		return date(r, p, i, j+1)
	case x.lx.wday > 0 && !x.lx.plural && x.cap:
		if d.bare {
			return r, false
		}
		b, anchored := m.base(d)
		if noDCT && !anchored {
			return m.noDate(r, gDay, i, j+1)
		}
		b = b.at(gDay)
		if !b.ok() {
			b = m.dct
		}
		bw := weekdayOf(b)
		wd := int(x.lx.wday)
		var p point
		switch {
		case d.n < 0:
			k := (bw - wd + 7) % 7
			if k == 0 {
				k = 7
			}
			p = b.shift(-k, uDay)
		case d.n > 0:
			k := (wd - bw + 7) % 7
			if k == 0 {
				k = 7
			}
			p = b.shift(k, uDay)
		default: // this Friday: in the same week
			p = b.shift(wd-bw, uDay)
		}
		r.anchored = anchored
		return m.withPart(r, p, i, j+1)
	case x.lx.month > 0 && x.cap && !x.lx.abbr:
		if d.bare || d.anchor {
			return r, false
		}
		if noDCT {
			return m.noDate(r, gMonth, i, j+1)
		}
		mo := int(x.lx.month)
		y := m.dct.y
		switch {
		case d.n < 0:
			if mo >= m.dct.m {
				y--
			}
		case d.n > 0:
			if mo <= m.dct.m {
				y++
			}
		}
		return date(r, point{g: gMonth, y: y, m: mo}, i, j+1)
	case x.lx.hol != hNone && x.cap:
		h, e := m.holidayAt(j)
		if h == hNone || d.bare || d.anchor {
			return r, false
		}
		if noDCT {
			return m.noDate(r, gDay, i, e)
		}
		p := holidayDate(h, m.dct.y)
		switch {
		case d.n < 0 && !p.date().Before(m.dct.date()):
			p = holidayDate(h, m.dct.y-1)
		case d.n > 0 && !p.date().After(m.dct.date()):
			p = holidayDate(h, m.dct.y+1)
		}
		return date(r, p, i, e)
	case x.lx.season > 0:
		s := int(x.lx.season)
		if noDCT {
			return m.noDate(r, gSeason, i, j+1)
		}
		y := m.dct.y
		cur := seasonOf(m.dct.m)
		switch {
		case d.bare:
			// the summer: this year's, unless that is still to come in a past-tense clause
			// ("left in the fall", in March: last year's)
			if s != 4 && 3*s > m.dct.m && isPastTense(m.tense(i, j+1)) {
				y--
			}
		case d.anchor:
			b, _ := m.anchor()
			y = b.yearOf()
		case d.n < 0:
			y--
			if m.id(j-1) == wPast && m.id(j-2) == wThis { // this past spring
				y++
			}
		case d.n > 0:
			if s <= cur {
				y++
			}
		}
		if s == 4 && m.dct.m <= 2 && d.n <= 0 && !d.bare { // this winter, in January
			y--
		}
		return date(r, point{g: gSeason, y: y, n: s}, i, j+1)
	case x.lx.part > 0 && !x.lx.plural:
		if d.bare {
			return r, false
		}
		b, anchored := m.base(d)
		if noDCT && !anchored {
			return m.noDate(r, gPart, i, j+1)
		}
		if anchored {
			if r, ok := m.inAnchor(r, b, gPart, int(x.lx.part), i, j+1); ok {
				return r, true // "in October 1998 … that night": 1998-10-XXTNI
			}
		}
		b = b.at(gDay)
		if !b.ok() {
			b = m.dct
		}
		part := int(x.lx.part)
		if d.n < 0 && !d.anchor {
			if part != 4 && m.id(j-1) == wLast {
				return r, false // "last morning"
			}
			b = b.shift(-1, uDay) // last night
		} else if d.n > 0 {
			b = b.shift(1, uDay)
		}
		b.g, b.n = gPart, part
		r.anchored = anchored
		return date(r, b, i, j+1)
	}
	return r, false
}

// inAnchor is the value of a day (with part > 0, a part of a day; g is gDay or gPart), week or
// month counted from an anchor b that is coarser: "killed last October … His name was crossed
// out that same day" is 1998-10-XX, an unknown day of that month; "in 2009 … the following
// month" 2009-XX; "in March 2012 … the following week" 2012-WXX — not a day, week or month
// counted from the article date. It reports false unless b is a month or year mentioned in the
// sentence of the expression or the one before (an older anchor is too likely not the one
// meant). The result is anchored but is no anchor itself (its point is unset).
func (m *matcher) inAnchor(r result, b point, g gran, part, start, end int) (result, bool) {
	if b.g != gMonth && b.g != gYear || m.u(start).sentence-m.lastSent > 1 {
		return r, false
	}
	v := make([]byte, 0, 16)
	switch {
	case g == gWeek:
		v = append(pad(v, b.y, 4), "-WXX"...)
	case g == gMonth && b.g == gYear:
		v = append(b.appendValue(v), "-XX"...)
	case g == gMonth:
		return r, false
	case b.g == gMonth:
		v = append(b.appendValue(v), "-XX"...)
	default:
		v = append(b.appendValue(v), "-XX-XX"...)
	}
	r.typ = chronicle.DATE
	if part > 0 {
		r.typ = chronicle.TIME
		v = append(append(v, 'T'), partCode[part]...)
	}
	r.start, r.end, r.val, r.anchored = start, end, string(v), true
	return r, true
}

// dayAfter matches a calendar day at unit k (an explicit or relative date: "March 6", "last
// Tuesday"), as part of the expression that starts at unit start, and returns it spanning
// [start, its end).
func (m *matcher) dayAfter(start, k int) (result, bool) {
	saved := m.outer
	m.outer = start
	defer func() { m.outer = saved }()
	d, ok := m.matchExplicit(k)
	if !ok || d.p.g != gDay {
		d, ok = m.matchRelative(k)
	}
	if !ok || d.p.g != gDay || d.start != k || d.mod != "" {
		return result{}, false
	}
	d.start = start
	return d, true
}

// noDate is the result of a relative expression when the article has no date.
func (m *matcher) noDate(r result, g gran, start, end int) (result, bool) {
	r.start, r.end = start, end
	r.typ = chronicle.DATE
	if g >= gPart {
		r.typ = chronicle.TIME
	}
	r.val = unresolved(g)
	r.diag = "no article date to resolve against"
	return r, true
}

func seasonOf(month int) int {
	switch month {
	case 3, 4, 5:
		return 1
	case 6, 7, 8:
		return 2
	case 9, 10, 11:
		return 3
	}
	return 4
}

// ---------------------------------------------------------------------------------------------
// Modifiers: "early next year", "late yesterday", "mid-November", "the end of 1990",
// "the beginning of the month", "year-end".

func (m *matcher) matchModified(i int) (result, bool) {
	var r result
	j := i
	mod := ""
	the := m.id(j) == wThe
	if the {
		j++
	}
	switch m.id(j) {
	case wEarly:
		mod = "START"
		j++
	case wEarlier:
		if the {
			return r, false
		}
		mod = "START"
		j++
	case wLate:
		mod = "END"
		j++
	case wLater:
		if the {
			return r, false
		}
		mod = "END"
		j++
	case wMid:
		mod = "MID"
		j++
	case wBeginning, wStart, wEnd, wMiddle:
		if !the || m.id(j+1) != wOf {
			return r, false
		}
		switch m.id(j) {
		case wBeginning, wStart:
			mod = "START"
		case wEnd:
			mod = "END"
		default:
			mod = "MID"
		}
		j += 2
	default:
		// year-end, year end, year's end
		if !the && m.u(j).lx.unit == uYear && !m.u(j).lx.plural && m.id(j+1) == wEnd {
			r.mod = "END"
			if !m.dct.ok() {
				return m.noDate(r, gYear, i, j+2)
			}
			return date(r, point{g: gYear, y: m.dct.y}, i, j+2)
		}
		return r, false
	}
	if m.isPunct(j, ',') {
		return r, false
	}
	core, ok := m.matchExplicit(j)
	if c2, ok2 := m.matchRelative(j); ok2 && (!ok || c2.end > core.end) {
		core, ok = c2, true
	}
	if c2, ok2 := m.matchQuarter(j); ok2 && (!ok || c2.end > core.end) {
		core, ok = c2, true
	}
	if !ok && m.id(j) == wThe { // the end of the year / the month / the week
		if un, pl := m.unitAt(j + 1); !pl && (un == uYear || un == uMonth || un == uWeek || un == uDay || un == uQuarter || un == uDecade || un == uCentury) && m.dct.ok() {
			g := unitGran(un)
			p := m.dct.at(g)
			if b, anch := m.anchor(); anch && b.at(g).ok() && m.last.g <= g {
				p = b.at(g)
				core.anchored = true
			}
			core, ok = result{start: j, end: j + 2, p: p, typ: chronicle.DATE, val: p.value(), anchored: core.anchored}, true
		}
	}
	if x := m.u(j); !ok && mod == "MID" && x.lx.part > 0 && !x.lx.plural && x.punct == 0 {
		// mid-afternoon, mid morning: of the article's day, as "this afternoon"
		if !m.dct.ok() {
			core, _ = m.noDate(core, gPart, j, j+1)
		} else {
			p := m.dct
			p.g, p.n = gPart, int(x.lx.part)
			core, _ = date(result{}, p, j, j+1)
		}
		ok = true
	}
	if !ok || core.start != j || !core.p.ok() && core.val == "" {
		return r, false
	}
	if core.typ != chronicle.DATE && core.typ != chronicle.TIME {
		return r, false
	}
	if mod == "MID" && core.p.g == gDay {
		return r, false
	}
	core.start = i
	if core.mod == "" {
		core.mod = mod
	}
	// "late Tuesday night"… keep; "early this month" etc. fine.
	return core, true
}

// ---------------------------------------------------------------------------------------------
// Quarters and halves: "the third quarter", "third-quarter", "the fourth quarter of 1990",
// "next year's first quarter", "the year-ago quarter", "the first half", "Q3".

func (m *matcher) matchQuarter(i int) (result, bool) {
	var r result
	j := i
	det := wNone
	switch m.id(j) {
	case wThe, wIts, wTheir, wOur, wThis, wThat, wLast, wNext:
		det = m.id(j)
		j++
	}
	if m.id(j) == wLatest || m.id(j) == wCurrent || m.id(j) == wComing || m.id(j) == wPrevious || m.id(j) == wPast || m.id(j) == wSame {
		if det == wThe || det == wIts || det == wTheir {
			det = m.id(j)
			j++
		}
	}
	yOff, haveYear, year := 0, false, 0
	yearAgo := false
	// this year's / last year's / next year's
	if (det == wThis || det == wLast || det == wNext) && m.u(j).lx.unit == uYear && m.u(j).poss {
		haveYear = true
		yOff = map[wid]int{wThis: 0, wLast: -1, wNext: 1}[det]
		det = wThe
		j++
	}
	// the 1988 third quarter, 1990's first quarter
	if y, e := m.yearAt(j, true); y > 0 && !haveYear {
		if o := m.u(e).lx.ord; o > 0 || m.u(e).lx.unit == uQuarter || m.id(e) == wFiscal {
			haveYear, year = true, y
			j = e
		}
	}
	// comparable / corresponding / year-earlier / year-ago
	if m.u(j).lx.unit == uYear && !m.u(j).lx.plural && m.u(j).hyph && (m.id(j+1) == wEarlier || m.id(j+1) == wAgo) {
		yearAgo = true
		j += 2
	}
	if m.id(j) == wFiscal || m.id(j) == wCalendar {
		j++
	}
	ord := 0
	q := m.u(j)
	halfOf := false // the first two quarters, the last half: a half only of a year named after "of"
	switch {
	case det == wThe && (q.lx.id == wLast || m.lowerIsU(j, "latter")) && m.id(j+1) == wHalf && m.id(j+2) == wOf:
		ord, halfOf = 2, true // the last half of 1989, the latter half of this year
		j++
	case (q.lx.ord == 1 || det == wThe && q.lx.id == wLast) && (m.u(j+1).lx.num == 2 || m.u(j+1).num == 2 && m.u(j+1).dk == dPlain) &&
		m.u(j+2).lx.unit == uQuarter && m.u(j+2).lx.plural && m.id(j+3) == wOf:
		ord, halfOf = 1, true // the first two quarters of 1990, the last two quarters of this year
		if q.lx.id == wLast {
			ord = 2
		}
		j += 2
	case isQWord(m.text, q):
		ord = int(m.text[q.s+1] - '0')
		if m.text[q.s] != 'Q' {
			ord = int(m.text[q.s] - '0')
		}
		if y, e := m.yearAt(j+1, true); y > 0 && !haveYear {
			return m.quarter(r, i, e, ord, gQuarter, y, true, 0, false, det)
		}
		return m.quarter(r, i, j+1, ord, gQuarter, year, haveYear, yOff, false, det)
	case q.lx.ord >= 1 && q.lx.ord <= 4:
		ord = int(q.lx.ord)
		j++
	case q.dk == dOrd && q.num >= 1 && q.num <= 4:
		ord = int(q.num)
		j++
	}
	g := gQuarter
	if m.u(j).hyph && (m.u(j).lx.unit == uQuarter || m.id(j) == wHalf) && m.u(j+1).lx.unit != uNone {
		return r, false // quarter-century, half-hour
	}
	if m.u(j).hyph && m.word(j+1) && m.u(j+1).lx.id == wTo {
		return r, false // quarter-to-quarter
	}
	switch {
	case halfOf:
		g = gHalf
	case m.u(j).lx.unit == uQuarter && !m.u(j).lx.plural:
	case m.id(j) == wHalf && ord >= 1 && ord <= 2:
		g = gHalf
	case yearAgo && ord == 0 && (m.id(j) == wPeriod):
		// the year-ago period
	case det == wLatest && ord == 0 && m.id(j) == wPeriod && !m.u(j).lx.plural:
		// the latest period: the quarter just reported
	case yearAgo && ord == 0:
		// bare year-earlier / year-ago
		j--
	default:
		return r, false
	}
	j++
	if ord == 0 && det == wNone && !yearAgo {
		return r, false // bare "quarter"
	}
	if m.id(j) == wOf && m.u(j+1).lx.month > 0 {
		return r, false // the second half of March: of the month, not of a year
	}
	if ord > 0 && m.u(j-2).hyph && !haveYear && m.word(j) && m.u(j).lx == (lex{}) {
		// "its third-quarter profit": the adjective alone
		for k := i; k < j-2; k++ {
			if m.id(k) == wFiscal {
				i = k
				break
			}
			i = j - 2
		}
	}
	if yearAgo && ord == 0 && m.u(j-1).hyph == false && m.u(j-2).hyph && m.word(j) && m.u(j).lx == (lex{}) && m.id(j-1) != wPeriod {
		i = j - 2 // "the year-ago results"
	}
	// of 1990, of fiscal 1990, of this year, of last year, of next year
	if m.id(j) == wOf && !haveYear {
		k := j + 1
		if m.id(k) == wFiscal {
			k++
		}
		if y, e := m.yearAt(k, true); y > 0 {
			haveYear, year, j = true, y, e
		} else if (m.id(k) == wThis || m.id(k) == wLast || m.id(k) == wNext) && m.u(k+1).lx.unit == uYear && !m.u(k+1).lx.plural {
			haveYear = true
			yOff = map[wid]int{wThis: 0, wLast: -1, wNext: 1}[m.id(k)]
			j = k + 2
		}
	} else if y, e := m.yearAt(j, true); y > 0 && !haveYear && ord > 0 {
		haveYear, year, j = true, y, e
	}
	if halfOf && !haveYear {
		return r, false // the first two quarters: a duration (matchQuantity); the last half of the '80s
	}
	return m.quarter(r, i, j, ord, g, year, haveYear, yOff, yearAgo, det)
}

func (m *matcher) quarter(r result, start, end, ord int, g gran, year int, haveYear bool, yOff int, yearAgo bool, det wid) (result, bool) {
	if year != 0 {
		if ord == 0 { // the 1988 quarter: the quarter under discussion, that year
			ord = (m.dct.m-1)/3 + 1 - 1
			if m.lastQ.ok() && m.lastQ.g == gQuarter {
				ord = m.lastQ.n
			}
			if ord == 0 {
				ord = 4
			}
		}
		return date(r, point{g: g, y: year, n: ord}, start, end)
	}
	if !m.dct.ok() {
		return m.noDate(r, g, start, end)
	}
	cur := m.dct.at(gQuarter)
	if ord == 0 {
		var p point
		switch det {
		case wThis, wCurrent:
			p = cur
		case wLast, wPrevious, wPast, wLatest:
			p = cur.shift(-1, uQuarter)
		case wNext, wComing:
			p = cur.shift(1, uQuarter)
		default: // the quarter, the latest quarter, that quarter: the one last reported
			if m.lastQ.ok() && m.lastQ.g == gQuarter {
				p = m.lastQ
				r.anchorQ = true
			} else {
				p = cur.shift(-1, uQuarter)
			}
		}
		if yearAgo {
			p = p.shift(-1, uYear)
			r.derived = true
		}
		return date(r, p, start, end)
	}
	y := m.dct.y + yOff
	if !haveYear {
		startMonth := (ord-1)*3 + 1
		if g == gHalf {
			startMonth = (ord-1)*6 + 1
		}
		if startMonth > m.dct.m && m.tense(start, end) != tFuture && m.tense(start, end) != tPresent {
			y--
		}
	}
	p := point{g: g, y: y, n: ord}
	if yearAgo {
		p = p.shift(-1, uYear)
		r.derived = true
	}
	return date(r, p, start, end)
}

// ---------------------------------------------------------------------------------------------
// Durations and counted offsets: "three years", "the past two weeks", "two-year", "a month ago",
// "two years earlier", "more than four hours", "2 1/2 years", "several months".

func (m *matcher) matchQuantity(i int) (result, bool) {
	var r result
	j := i
	switch m.id(j) {
	case wAbout, wAround, wApproximately, wRoughly, wNearly, wAlmost:
		r.mod = "APPROX"
		j++
	case wMore, wLess, wFewer:
		if m.id(j+1) != wThan {
			return r, false
		}
		r.mod = "MORE_THAN"
		if m.id(j) != wMore {
			r.mod = "LESS_THAN"
		}
		j += 2
	case wOver:
		r.mod = "MORE_THAN"
		j++
	case wUnder:
		r.mod = "LESS_THAN"
		j++
	case wAt:
		switch m.id(j + 1) {
		case wLeast:
			r.mod = "EQUAL_OR_MORE"
		case wMost:
			r.mod = "EQUAL_OR_LESS"
		default:
			return r, false
		}
		j += 2
	case wUp:
		if m.id(j+1) != wTo {
			return r, false
		}
		r.mod = "EQUAL_OR_LESS"
		j += 2
	case wNo:
		if m.id(j+1) != wMore && m.id(j+1) != wLess || m.id(j+2) != wThan {
			return r, false
		}
		r.mod = "EQUAL_OR_LESS"
		if m.id(j+1) == wLess {
			r.mod = "EQUAL_OR_MORE"
		}
		j += 3
	case wSome:
		if m.u(j+1).dk == dPlain {
			r.mod = "APPROX"
			j++
		}
	}
	if r.mod != "" {
		if _, _, _, _, ok := m.qty(j); !ok {
			return r, false // "over the past 20 years": over is not a modifier here
		}
	}
	modEnd := j
	detStart := j
	the := false
	switch m.id(j) {
	case wThe:
		the = true
		j++
	case wIts, wTheir, wOur, wHis, wHer:
		the = true
		j++
	}
	relw := wNone
	switch m.id(j) {
	case wNext, wPast, wLast, wFirst, wComing, wPrevious, wFollowing, wRecent, wFinal,
		wAdditional, wAnother, wUpcoming, wLatest, wEntire, wFull, wWhole:
		relw = m.id(j)
		j++
	}
	if m.u(j-1).lx.ord == 1 && relw == wNone && the { // the first nine months
		relw = wFirst
	}
	n, half, qmod, e, ok := m.qty(j)
	if !ok {
		// No amount: plural units ("for years", "the coming weeks", "recent months").
		un, pl := m.unitAt(j)
		if un != uNone && un != uWeekend && m.u(j).hyph && relw == wNone && r.mod == "" &&
			(m.id(j+1) == wLong || pl && m.id(j+1) == wOld) && m.u(j+1).s == m.u(j).e+1 {
			// "decades-long", "a years-old slump", "their third day-long meeting"
			k := 1
			if pl {
				k = -1
			}
			r.typ, r.val, r.start, r.end = chronicle.DURATION, duration(k, un), j, j+2
			return r, true
		}
		if un == uNone || !pl || un == uQuarter && relw == wNone {
			return r, false
		}
		switch {
		case relw == wComing || relw == wNext || relw == wPast || relw == wLast || relw == wUpcoming || relw == wFollowing:
		case relw == wNone && the && m.id(j+1) == wAhead:
			j++
		case relw == wNone && !the && r.mod == "" && (m.id(i-1) == wFor || m.id(i-1) == wWithin || m.id(i-1) == wOver || m.id(i-1) == wIn && m.id(j+1) != wOf):
		case m.id(j+1) == wAgo:
			r.typ, r.val, r.start, r.end = chronicle.DATE, "PAST_REF", i, j+2
			return r, true
		default:
			return r, false
		}
		if relw == wRecent {
			return r, false
		}
		end := j + 1
		if m.id(end) == wAhead {
			end++
		}
		start := i
		if r.mod == "" {
			start = detStart
		}
		r.typ, r.val, r.start, r.end = chronicle.DURATION, duration(-1, un), start, end
		if the && relw == wNone && m.id(end-1) != wAhead {
			return r, false
		}
		return r, true
	}
	if qmod != "" && r.mod == "" {
		r.mod = qmod
	}
	// "two more weeks", "20 additional years"
	if e > j && m.u(e-1).lx.id != wA && m.u(e-1).lx.id != wAn && (m.id(e) == wMore || m.id(e) == wAdditional || m.id(e) == wExtra) {
		if un, _ := m.unitAt(e + 1); un != uNone {
			e++
		}
	}
	// "a" alone is only an amount before a singular unit.
	un, pl := m.unitAt(e)
	if m.u(e).cap && !m.u(e).allCaps && m.u(j).dk == dPlain {
		return r, false // "60 Minutes", "48 Hours": a title
	}
	if un == uNone {
		// "two to three weeks" handled in qty; "a half hour"
		return r, false
	}
	if m.u(e).lx.season > 0 || un == uWeekend && n != 1 {
		return r, false
	}
	quarterCentury := false
	if un == uQuarter && !pl && m.u(e).hyph && m.u(e+1).lx.unit == uCentury && !m.u(e+1).lx.plural && n > 0 && !half {
		n, un, e, quarterCentury = 25*n, uYear, e+1, true // a quarter-century: P25Y
	}
	if un == uDay && !pl && r.mod == "" && e == j+1 && j == i && m.someDay(i) {
		// "Islam will one day be …", "the hope he one day follows": an unspecified future day
		r.typ, r.val, r.start, r.end = chronicle.DATE, "FUTURE_REF", i, e+1
		return r, true
	}
	aOnly := (m.id(j) == wA || m.id(j) == wAn) && e == j+1
	if aOnly && pl {
		return r, false
	}
	if un == uSecond && m.u(e).lx.ord == 2 && m.word(e+1) && m.id(e+1) != wAgo && m.id(e+1) != wLater && m.id(e+1) != wEarlier && m.id(e+1) != wOr {
		return r, false // "a second attack"
	}
	if un == uQuarter && m.id(e+1) == wOf {
		if y, _ := m.yearAt(e+2, true); y == 0 {
			return r, false // three-quarters of
		}
	}
	if pl && m.id(e+1) == wOld && !m.u(e).hyph {
		return r, false // "52 years old": an age
	}
	if n == 1 && pl && m.u(j).dk == dPlain {
		// "1 years": fine
	}
	adjectival := m.u(e-1).hyph && !quarterCentury // two-year
	end := e + 1
	old := false
	if adjectival && m.u(e).hyph && m.id(end) == wOld {
		return r, false // "a 6-year-old": an age, not a time expression
	}
	if adjectival && m.u(e).hyph && m.id(end) == wLong {
		end++
		old = true
	}
	if !half && !pl && m.id(end) == wAnd && (m.id(end+1) == wA || m.id(end+1) == wAn) && m.id(end+2) == wHalf {
		half = true
		end += 3
	}
	if m.id(end) == wOr && m.id(end+1) == wSo {
		end += 2
		r.mod = "APPROX"
	} else if m.id(end) == wOr && m.id(end+1) == wMore {
		end += 2
		r.mod = "EQUAL_OR_MORE"
	}
	start := i
	if adjectival && !old && r.mod == "" && relw == wNone {
		start = j // "the two-year contract": just "two-year"
		if (m.id(j-1) == wA || m.id(j-1) == wAn) && m.id(end) == wPeriod {
			start, end = j-1, end+1
		}
	} else if r.mod == "" && !the && relw == wNone {
		start = j
	}
	_ = modEnd
	// Offsets: ago, earlier, later, from now.
	post := m.id(end)
	if half && post == wAgo && (un == uDecade || un == uCentury) && !adjectival && relw == wNone && !the {
		// half a century ago, a decade and a half ago: counted in years
		y := 5
		if un == uCentury {
			y = 50
		}
		return m.offset(r, start, end+1, n*2*y+y, uYear, -1, false)
	}
	if !adjectival && relw == wNone && !the && !half && un != uWeekend {
		switch {
		case post == wAgo || post == wBack && m.u(end+1).punct != 0:
			return m.offset(r, start, end+1, n, un, -1, false)
		case un <= uDay && (post == wEarlier || post == wLater):
			// "Three days later", "over an hour later", "A few days later": TimeBank marks the
			// amount as a DURATION and leaves "later" out (a signal); years and months count
			// from an anchor below ("a year earlier" in an earnings report is a date).
		case post == wEarlier || post == wBefore && m.u(end+1).punct != 0 && m.u(end+1).punct != '\'':
			return m.offset(r, start, end+1, n, un, -1, true)
		case post == wLater || post == wAfter && m.u(end+1).punct != 0 && m.u(end+1).punct != '\'':
			return m.offset(r, start, end+1, n, un, 1, true)
		case post == wFrom && m.id(end+1) == wNow:
			return m.offset(r, start, end+2, n, un, 1, false)
		case post == wHence:
			return m.offset(r, start, end+1, n, un, 1, false)
		}
	}
	// "$5 a year", "twice a week": a frequency.
	if aOnly && !pl && relw == wNone && !the {
		prev := m.u(i - 1)
		if prev.lx.id == wTwice || prev.lx.id == wTimes || prev.lx.id == wOnce {
			r.typ, r.val, r.start, r.end = chronicle.SET, duration(1, un), j, end
			return r, true
		}
		if end == e+1 && m.isRate(i-1) {
			// "$1.76 a year", "four flights a week", "358,000 a month": a rate, which
			// TimeBank mostly leaves unmarked
			return r, false
		}
	}
	if un == uWeekend {
		return r, false
	}
	r.typ, r.start, r.end = chronicle.DURATION, start, end

	if half {
		if n == 0 { // "a half hour", "half a year"
			n = 0
		}
		r.val = halfDuration(n, un)
		if n == 0 {
			r.val = halfUnit(un)
		}
	} else {
		r.val = duration(n, un)
	}
	if n == 0 && !half {
		return r, false
	}
	// A decade as P10Y, as TimeML's "two decades" = P20Y.
	return r, true
}

// someDay reports whether the words at i are "one day" as an adverb of the future: after a
// modal or a subject pronoun and before the verb ("will one day be", "he one day follows"),
// not a count ("for one day", "one day later", "one day of talks").
func (m *matcher) someDay(i int) bool {
	if !m.lowerIsU(i, "one") || i == 0 || m.u(i-1).sentence != m.u(i).sentence || !m.word(i+2) {
		return false
	}
	switch m.id(i + 2) {
	case wLater, wEarlier, wAfter, wBefore, wOf, wAgo, wAnd, wOr:
		return false
	}
	for _, w := range [...]string{"will", "would", "could", "may", "might", "can", "should", "must", "he", "she", "they", "we", "i", "you"} {
		if m.lowerIsU(i-1, w) {
			return true
		}
	}
	return false
}

func halfUnit(u uint8) string {
	switch u {
	case uHour:
		return "PT30M"
	case uYear:
		return "P6M"
	case uDay:
		return "PT12H"
	case uMinute:
		return "PT30S"
	case uMonth:
		return "P2W"
	case uDecade:
		return "P5Y"
	case uCentury:
		return "P50Y"
	}
	return duration(-1, u)
}

// isRate reports whether unit k is an amount or a counted noun that a following "a year" or
// "a week" turns into a rate: a number, "million", a plural noun (by its POS tag or, without
// tags, a lower-case word in -s).
func (m *matcher) isRate(k int) bool {
	u := m.u(k)
	if u.punct != 0 {
		return false
	}
	if u.dk == dPlain || u.lx.num > 0 || u.lx.unit != uNone && u.lx.plural || isDigit(m.text[u.s]) {
		return true // 358,000 a month; $1.76 a year
	}
	if u.num >= 0 || u.dk != dNone || u.lx.id != wNone {
		return false
	}
	w := m.text[u.s:u.e]
	if len(w) > 16 {
		return false
	}
	var buf [16]byte
	if isMoneyWord(string(lower(buf[:], w))) {
		return true
	}
	switch m.d.Tokens[u.tok].POS {
	case "NNS", "CD":
		return true
	case "":
		// without tags, a word in -s after a number: "four flights a week"
		if p := m.u(k - 1); p.dk == dPlain || p.lx.num > 0 {
			return len(w) > 3 && w[len(w)-1] == 's' && w[len(w)-2] != 's' && !u.cap
		}
	}
	return false
}

func isMoneyWord(w string) bool {
	switch w {
	case "million", "billion", "trillion", "dollars", "cents", "percent", "barrels", "tons", "pounds", "euros", "yen", "times":
		return true
	}
	return false
}

// offset resolves "n units ago/earlier/later" against the article date (ago, from now) or the
// last mentioned date (earlier, later): the result has the unit's granularity, or the
// anchor's when that is coarser (a quarter in an earnings report: "a year earlier").
func (m *matcher) offset(r result, start, end, n int, un uint8, sign int, anaphoric bool) (result, bool) {
	r.start, r.end, r.typ = start, end, chronicle.DATE
	if n < 0 {
		if sign < 0 {
			r.val = "PAST_REF"
		} else {
			r.val = "FUTURE_REF"
		}
		return r, true
	}
	if un == uSecond || un == uMinute || un == uHour {
		if anaphoric {
			return r, false
		}
		r.typ = chronicle.TIME
	}
	g := unitGran(un)
	base, anchored := m.dct, false
	if anaphoric {
		base, anchored = m.anchor()
	}
	if m.lastQ.ok() && un == uYear && (anaphoric || m.lastQ.y == m.dct.y) {
		base, anchored = m.lastQ, true
		r.anchorQ = true
	}
	if !base.ok() {
		return m.noDate(r, g, start, end)
	}
	if anchored && base.g > g && base.g <= gDay && base.g != gSeason {
		g = base.g // the anchor's granularity
		if g == gWeek && un != uWeek {
			g = gDay
		}
	}
	p := base.at(g)
	if !p.ok() {
		p = m.dct.at(g)
	}
	if un == uSecond || un == uMinute || un == uHour {
		p = base
		if p.g != gMinute {
			p = point{g: gMinute, y: base.y, m: base.m, d: base.d}
		}
	}
	r.anchored = anchored && !r.anchorQ
	r.derived = true
	p = p.shift(sign*n, un)
	return date(r, p, start, end)
}

// ---------------------------------------------------------------------------------------------
// Reference words and frequencies.

func (m *matcher) matchRef(i int) (result, bool) {
	r := result{typ: chronicle.DATE, start: i, end: i + 1}
	u := m.u(i)
	switch u.lx.id {
	case wNow:
		if u.hyph {
			return r, false
		}
		if u.cap && m.isPunct(i+1, ',') {
			return r, false // "Now, he says…": a discourse marker
		}
		// "right now": TimeBank and AQUAINT both mark just "now"
		r.val = "PRESENT_REF"
		return r, true
	case wCurrently, wNowadays:
		if u.cap && m.isPunct(i+1, ',') {
			return r, false // "Currently, transplant organs are rationed…": a discourse adverb
		}
		switch m.d.Tokens[m.u(i+1).tok].POS {
		case "NN", "NNP", "JJ":
			if m.u(i+1).punct == 0 {
				return r, false // "currently vice president", "currently unforgiving"
			}
		}
		r.val = "PRESENT_REF"
		return r, true
	case wCurrent:
		// "current market conditions", "his current wife": the present (TimeBank marks most);
		// not "the current quarter" (a date), "then current", "current account"
		x := m.u(i + 1)
		if u.cap || m.lowerIsU(i-1, "then") || x.punct != 0 || x.num >= 0 || x.dk != dNone || x.cap ||
			x.lx.unit != uNone || x.lx.id == wFiscal || x.lx.month != 0 || x.lx.season != 0 ||
			m.lowerIsU(i+1, "account") || m.lowerIsU(i+1, "accounts") || m.lowerIsU(i+1, "events") {
			return r, false
		}
		switch m.d.Tokens[x.tok].POS {
		case "NN", "NNS", "JJ", "CD", "VBG":
		case "":
		default:
			return r, false
		}
		r.val = "PRESENT_REF"
		return r, true
	case wThese:
		if un, pl := m.unitAt(i + 1); un == uDay && pl {
			r.val, r.end = "PRESENT_REF", i+2
			return r, true
		}
	case wRecently, wLately:
		r.val = "PAST_REF"
		return r, true
	case wMore:
		if m.id(i+1) == wRecently {
			r.val, r.end = "PAST_REF", i+2
			return r, true
		}
	case wRecent:
		if un, pl := m.unitAt(i + 1); un != uNone && pl && un != uWeekend {
			r.typ, r.val, r.end = chronicle.DURATION, duration(-1, un), i+2
			return r, true
		}
	case wSoon:
		if m.id(i+1) == wAfter || m.id(i-1) == wAs {
			return r, false
		}
		if isPastTense(m.tense(i, i+1)) {
			return r, false // "he was soon released": shortly after, not the future
		}
		r.val = "FUTURE_REF"
		return r, true
	case wThe:
		switch m.id(i + 1) {
		case wPast:
			// the past (not "the past two years")
			nx := m.u(i + 2)
			if nx.lx.unit == uNone && nx.lx.num == 0 && nx.dk == dNone && nx.lx.id != wFew && nx.lx.id != wSeveral && nx.lx.wday == 0 && nx.lx.month == 0 && nx.lx.season == 0 && nx.lx.part == 0 {
				r.val, r.end = "PAST_REF", i+2
				return r, true
			}
		case wPresent:
			r.val, r.end = "PRESENT_REF", i+2
			return r, true
		case wFuture:
			if m.id(i+2) == wOf {
				return r, false // "the future of our peoples"
			}
			r.val, r.end = "FUTURE_REF", i+2
			return r, true
		case wNear:
			if m.id(i+2) == wFuture || m.id(i+2) == wTerm {
				r.val, r.end = "FUTURE_REF", i+3
				return r, true
			}
		case wShort:
			if m.id(i+2) == wTerm {
				r.val, r.end = "FUTURE_REF", i+3
				return r, true
			}
		}
	}
	return r, false
}

func (m *matcher) matchSet(i int) (result, bool) {
	r := result{typ: chronicle.SET, start: i, end: i + 1}
	u := m.u(i)
	switch u.lx.id {
	case wDaily:
		if m.u(i+1).cap && m.word(i+1) {
			return r, false // "the Communist Party daily Granma": a newspaper
		}
		r.val = "P1D"
		return r, true
	case wWeekly:
		r.val = "P1W"
		return r, true
	case wMonthly:
		r.val = "P1M"
		return r, true
	case wYearly, wAnnually:
		r.val = "P1Y"
		return r, true
	case wHourly:
		r.val = "PT1H"
		return r, true
	case wNightly:
		r.val = "XXXX-XX-XXTNI"
		return r, true
	case wEvery, wEach:
		r.quant = "EVERY"
		if u.lx.id == wEach {
			r.quant = "EACH"
		}
		j := i + 1
		if m.id(j) == wOther {
			j++
		}
		n := 1
		if k, e, ok := m.number(j); ok && m.u(j).lx.id != wOne || ok && m.u(j).dk == dPlain {
			n, j = k, e
		}
		x := m.u(j)
		switch {
		case x.lx.unit != uNone:
			if x.lx.unit == uWeekend {
				r.val, r.end = "XXXX-WXX-WE", j+1
				return r, true
			}
			if m.id(i+1) == wOther {
				n *= 2
			}
			r.val, r.end = duration(n, x.lx.unit), j+1
			return r, true
		case x.lx.wday > 0:
			r.val, r.end = "XXXX-WXX-"+string(rune('0'+x.lx.wday)), j+1
			if p := m.u(j + 1).lx.part; p > 0 {
				r.val += "T" + partCode[p]
				r.end++
			}
			return r, true
		case x.lx.month > 0 && x.cap:
			r.val, r.end = "XXXX-"+twoDigits(int(x.lx.month)), j+1
			return r, true
		case x.lx.season > 0:
			r.val, r.end = "XXXX-"+seasonCode[x.lx.season], j+1
			return r, true
		case x.lx.part > 0:
			r.val, r.end = "XXXX-XX-XXT"+partCode[x.lx.part], j+1
			return r, true
		}
	}
	// Mondays, Tuesday nights
	if u.lx.wday > 0 && u.cap {
		if u.lx.plural {
			r.val = "XXXX-WXX-" + string(rune('0'+u.lx.wday))
			return r, true
		}
		if p := m.u(i + 1); p.lx.part > 0 && p.lx.plural {
			r.val, r.end = "XXXX-WXX-"+string(rune('0'+u.lx.wday))+"T"+partCode[p.lx.part], i+2
			return r, true
		}
	}
	return r, false
}
