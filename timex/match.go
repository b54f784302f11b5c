package timex

import (
	"chronicle"
)

// noUnit stands for the units past the end of the current sentence.
var noUnit = unit{num: -1, punct: 0xff}

// setLimit bounds patterns started at unit i to i's sentence.
func (t *tagger) limit(i int) int {
	s := t.us[i].sentence
	j := i
	for j < len(t.us) && t.us[j].sentence == s {
		j++
	}
	return j
}

type matcher struct {
	*tagger
	lim   int
	outer int // start unit of the enclosing expression while matching a part of it, else -1
}

func (m *matcher) u(i int) *unit {
	if i < 0 || i >= m.lim {
		return &noUnit
	}
	return &m.us[i]
}

func (m *matcher) id(i int) wid { return m.u(i).lx.id }

func (m *matcher) isPunct(i int, c byte) bool { return m.u(i).punct == c }

// word reports whether unit i is a word (not a number, not punctuation).
func (m *matcher) word(i int) bool { u := m.u(i); return u.punct == 0 && u.num < 0 && u.dk == dNone }

func (m *matcher) match(i int) (result, bool) {
	if m.lim <= i {
		m.lim = m.limit(i)
	}
	var best result
	consider := func(r result, ok bool) {
		if ok && r.end > r.start && (best.end == 0 || r.end > best.end) {
			best = r
		}
	}
	consider(m.matchModified(i))
	consider(m.matchExplicit(i))
	consider(m.matchTime(i))
	consider(m.matchQuarter(i))
	consider(m.matchRelative(i))
	consider(m.matchQuantity(i))
	consider(m.matchRef(i))
	consider(m.matchSet(i))
	return best, best.end > 0
}

func (t *tagger) match(i int) (result, bool) {
	m := matcher{tagger: t, outer: -1}
	m.lim = t.limit(i)
	return m.match(i)
}

func date(r result, p point, start, end int) (result, bool) {
	r.start, r.end, r.p = start, end, p
	if r.typ == "" {
		r.typ = chronicle.DATE
		if p.g >= gPart {
			r.typ = chronicle.TIME
		}
	}
	r.val = p.value()
	return r, true
}

// ---------------------------------------------------------------------------------------------
// Numbers.

// number parses a cardinal at i: digits ("12", "1,000") or words ("twenty-five", "one hundred").
func (m *matcher) number(i int) (n, end int, ok bool) {
	u := m.u(i)
	if u.dk == dPlain {
		return int(u.num), i + 1, true
	}
	x := u.lx
	if x.num == 0 || x.num >= 100 && x.num != 100 {
		if x.num == 1000 || x.num == 0 {
			return 0, i, false
		}
	}
	j := i
	switch {
	case x.tens:
		n = int(x.num)
		j++
		if y := m.u(j).lx; y.num >= 1 && y.num <= 9 && !y.tens {
			n += int(y.num)
			j++
		}
	case x.num >= 1 && x.num <= 19:
		n = int(x.num)
		j++
	case x.num == 12 && x.id == wNone: // dozen
		n = 12
		j++
	default:
		return 0, i, false
	}
	if m.u(j).lx.num == 100 && m.word(j) {
		n *= 100
		j++
		if m.id(j) == wAnd {
			if k, e, ok := m.number(j + 1); ok && k < 100 {
				n += k
				j = e
			}
		} else if k, e, ok := m.number(j); ok && k < 100 {
			n += k
			j = e
		}
	}
	return n, j, true
}

// qty parses the amount of a duration at i: a number, "a"/"an", "a few", "several", "a couple
// of", "one and a half", "2 1/2". n < 0 means an unknown amount ("several").
func (m *matcher) qty(i int) (n int, half bool, mod string, end int, ok bool) {
	switch m.id(i) {
	case wA, wAn:
		switch {
		case m.id(i+1) == wFew:
			return -1, false, "", i + 2, true
		case m.id(i+1) == wCouple && m.id(i+2) == wOf:
			return 2, false, "APPROX", i + 3, true
		case m.u(i+1).lx.num == 12 || m.u(i+1).lx.num == 100:
			return int(m.u(i + 1).lx.num), false, "", i + 2, true
		case m.id(i+1) == wHalf:
			return 0, true, "", i + 2, true
		}
		return 1, false, "", i + 1, true
	case wFew, wSeveral, wMany:
		return -1, false, "", i + 1, true
	case wHalf:
		if m.id(i+1) == wA || m.id(i+1) == wAn {
			return 0, true, "", i + 2, true // half an hour, half a century
		}
	case wCouple:
		if m.id(i+1) == wOf {
			return 2, false, "APPROX", i + 2, true
		}
	}
	n, end, ok = m.number(i)
	if !ok {
		return 0, false, "", i, false
	}
	if m.u(i).dk == dPlain && m.u(i).nd > 6 {
		return 0, false, "", i, false
	}
	// "one and a half", "2 1/2", "two or three", "12 to 18"
	switch {
	case m.id(end) == wAnd && (m.id(end+1) == wA || m.id(end+1) == wAn) && m.id(end+2) == wHalf:
		return n, true, "", end + 3, true
	case m.u(end).dk == dFrac && m.u(end).m == 1 && m.u(end).d == 2:
		return n, true, "", end + 1, true
	case m.id(end) == wOr || m.id(end) == wTo:
		if k, e, ok := m.number(end + 1); ok && k > n {
			return n, false, "", e, true
		}
	}
	return n, false, "", end, true
}

// unitAt returns the unit of time at i.
func (m *matcher) unitAt(i int) (uint8, bool) {
	u := m.u(i)
	if u.punct != 0 {
		return uNone, false
	}
	return u.lx.unit, u.lx.plural
}

// ---------------------------------------------------------------------------------------------
// Explicit dates: "Jan. 5", "5 January 2025", "Friday, Oct. 13", "March 1996", "1990",
// "the 1990s", "2025-07-03", "7/3/2025", "the 20th century".

// dayAt parses a day of the month at i (5, 5th, fifth, twenty-first).
func (m *matcher) dayAt(i int) (int, int) {
	u := m.u(i)
	switch {
	case u.dk == dPlain && u.nd <= 2 && u.num >= 1 && u.num <= 31 && !u.hyph:
		return int(u.num), i + 1
	case u.dk == dOrd && u.num >= 1 && u.num <= 31:
		return int(u.num), i + 1
	case u.lx.ord > 0:
		return int(u.lx.ord), i + 1
	case u.lx.tens && (u.lx.num == 20 || u.lx.num == 30):
		if o := m.u(i + 1).lx.ord; o > 0 && o < 10 {
			return int(u.lx.num) + int(o), i + 2
		}
	}
	return 0, i
}

// yearAt parses a year at i: 4 digits (1000–2999), or words ("nineteen ninety-six", "two thousand").
// loose allows any 4-digit number; otherwise 1900–2099 only.
func (m *matcher) yearAt(i int, loose bool) (int, int) {
	u := m.u(i)
	if u.dk == dPlain && u.nd == 4 && u.e-u.s == 4 {
		y := int(u.num)
		if y >= 1900 && y <= 2099 || loose && y >= 1000 && y <= 2999 {
			if u.hyph && m.u(i+1).dk == dPlain {
				return 0, i // 1990-91
			}
			return y, i + 1
		}
		return 0, i
	}
	if u.punct == '\'' && !m.u(i+1).hyph { // '98
		v := m.u(i + 1)
		if v.dk == dPlain && v.nd == 2 && v.s == u.e {
			y := int(v.num) + 1900
			if y < 1950 {
				y += 100
			}
			return y, i + 2
		}
	}
	// nineteen ninety-six; two thousand (and) five
	x := u.lx
	if x.num >= 10 && x.num <= 20 && !x.tens && m.word(i) {
		n, e, ok := m.number(i + 1)
		if ok && m.u(i+1).dk == dNone && n >= 1 && n <= 99 && m.u(i+1).lx.num >= 10 {
			return int(x.num)*100 + n, e
		}
	}
	if x.num == 2 && m.u(i+1).lx.num == 1000 {
		y, e := 2000, i+2
		if m.id(e) == wAnd {
			if n, e2, ok := m.number(e + 1); ok && n < 100 {
				return y + n, e2
			}
		}
		if n, e2, ok := m.number(e); ok && n < 100 && m.u(e).dk == dNone {
			return y + n, e2
		}
		return y, e
	}
	return 0, i
}

// monthAt parses a month name at i. A bare name must be capitalised; "May" and "March" need a
// date word beside them; abbreviations need a number after them.
func (m *matcher) monthAt(i int) (int, int) {
	u := m.u(i)
	mo := int(u.lx.month)
	if mo == 0 || !u.cap {
		return 0, i
	}
	j := i + 1
	if m.isPunct(j, '.') && u.lx.abbr && m.u(j).s == u.e { // "Sept" "."
		j++
	}
	return mo, j
}

func (m *matcher) monthOK(i, mo, j int) bool {
	u := m.u(i)
	next := m.u(j)
	numAfter := next.dk == dPlain || next.dk == dOrd || next.lx.ord > 0
	if u.lx.abbr {
		return numAfter
	}
	if mo == 5 || mo == 3 || u.allCaps {
		if numAfter {
			return true
		}
		switch m.id(i - 1) {
		case wIn, wSince, wUntil, wBy, wLast, wNext, wThis, wEarly, wLate, wMid, wOf, wDuring,
			wBefore, wAfter, wFrom, wTo, wEarlier, wThroughout, wPast, wComing:
			return true
		case wThe:
			// "the March accession", "the May elections" (not "the March of Dimes", "the
			// march against…", which is lower case anyway mid-sentence)
			return !u.allCaps && next.punct == 0 && next.num < 0 && next.dk == dNone && !next.cap &&
				next.lx.id == wNone && next.lx.unit == uNone && next.lx.month == 0 && !m.lowerIsU(j, "against") &&
				!m.lowerIsU(j, "across") && !m.lowerIsU(j, "toward") && !m.lowerIsU(j, "towards") &&
				!m.lowerIsU(j, "into") && !m.lowerIsU(j, "along")
		}
		return false
	}
	return true
}

// relYear parses "[of] this year", "last year", "next year" at i: the year's offset.
func (m *matcher) relYear(i int) (int, int, bool) {
	if m.id(i) == wOf {
		i++
	}
	x := m.u(i + 1)
	if x.lx.unit != uYear || x.lx.plural || x.poss || x.hyph {
		return 0, i, false
	}
	switch m.id(i) {
	case wThis:
		return 0, i + 2, true
	case wLast:
		return -1, i + 2, true
	case wNext:
		return 1, i + 2, true
	}
	return 0, i, false
}

func (m *matcher) matchExplicit(i int) (result, bool) {
	var r result
	j := i
	// [the] season [of] year: "the winter of 1994", "summer 1998"
	{
		k := i
		if m.id(k) == wThe {
			k++
		}
		if s := m.u(k).lx.season; s > 0 {
			e := k + 1
			if m.id(e) == wOf {
				e++
			}
			if y, e2 := m.yearAt(e, true); y > 0 {
				return date(r, point{g: gSeason, y: y, n: int(s)}, i, e2)
			}
			if yo, e2, ok := m.relYear(k + 1); ok && m.dct.ok() {
				return date(r, point{g: gSeason, y: m.dct.y + yo, n: int(s)}, i, e2)
			}
		}
	}
	wd := 0
	if u := m.u(j); u.lx.wday > 0 && u.cap && !u.lx.plural {
		wd = int(u.lx.wday)
		j++
		if m.isPunct(j, ',') || m.isPunct(j, '.') && u.lx.abbr {
			j++
		}
	}
	// Month Day [, Year] | Month [of] Year | Month
	if mo, k := m.monthAt(j); mo > 0 && m.monthOK(j, mo, k) {
		if day, k2 := m.dayAt(k); day > 0 && !m.followsUnit(k2) {
			end := k2
			y := 0
			e := k2
			if m.isPunct(e, ',') {
				e++
			}
			if yy, e2 := m.yearAt(e, true); yy > 0 {
				y, end = yy, e2
			}
			if y == 0 {
				if yo, e2, ok := m.relYear(end); ok && m.dct.ok() {
					return m.withPart(r, point{g: gDay, y: m.dct.y + yo, m: mo, d: day}, i, e2)
				}
				return m.resolveMonthDay(r, i, end, mo, day, wd)
			}
			return m.withPart(r, point{g: gDay, y: y, m: mo, d: day}, i, end)
		}
		e := k
		if m.isPunct(e, ',') || m.id(e) == wOf {
			e++
		}
		if yy, e2 := m.yearAt(e, true); yy > 0 {
			return date(r, point{g: gMonth, y: yy, m: mo}, i, e2)
		}
		if yo, e2, ok := m.relYear(k); ok && m.dct.ok() && wd == 0 {
			return date(r, point{g: gMonth, y: m.dct.y + yo, m: mo}, i, e2)
		}
		if wd == 0 {
			return m.resolveMonth(r, i, k, mo)
		}
	}
	// [the] Day [of] Month [Year]: "5 January 2025", "the fifth of January"
	{
		k := j
		if wd == 0 && m.id(k) == wThe {
			k++
		}
		if day, k2 := m.dayAt(k); day > 0 {
			of := m.id(k2) == wOf
			if of {
				k2++
			}
			if mo, k3 := m.monthAt(k2); mo > 0 && (of || m.u(k).dk != dNone) {
				e := k3
				if m.isPunct(e, ',') {
					e++
				}
				if yy, e2 := m.yearAt(e, true); yy > 0 {
					return m.withPart(r, point{g: gDay, y: yy, m: mo, d: day}, i, e2)
				}
				return m.resolveMonthDay(r, i, k3, mo, day, wd)
			}
		}
	}
	if wd > 0 {
		return m.resolveWeekday(r, i, i+1, wd)
	}
	if h, e := m.holidayAt(i); h != hNone {
		if h == hEaster && m.u(e).lx.unit == uWeek && !m.u(e).lx.plural && !m.u(e).cap {
			// Easter week: the (ISO) week that ends on Easter Sunday
			d, ok := m.resolveHoliday(r, i, e, h)
			if ok && d.p.g == gDay {
				d.p = d.p.at(gWeek)
				d.val, d.end = d.p.value(), e+1
			}
			return d, ok
		}
		return m.resolveHoliday(r, i, e, h)
	}
	u := m.u(i)
	// Numeric dates.
	if u.dk == dDate {
		if u.y > 0 {
			return m.withPart(r, point{g: gDay, y: int(u.y), m: int(u.m), d: int(u.d)}, i, i+1)
		}
		if m.prevIsDateWord(i) {
			return m.resolveMonthDay(r, i, i+1, int(u.m), int(u.d), 0)
		}
		return r, false
	}
	// [fiscal [year]] YEAR, the year YEAR
	{
		k := i
		fiscal := false
		if m.id(k) == wFiscal {
			fiscal = true
			k++
			if m.u(k).lx.unit == uYear && !m.u(k).lx.plural {
				k++
			}
		} else if m.id(k) == wThe && m.u(k+1).lx.unit == uYear && !m.u(k+1).lx.plural {
			k += 2
		} else if m.u(k).lx.unit == uYear && !m.u(k).lx.plural && m.u(k).cap && m.id(k-1) != wThe {
			k++ // "Year 2000"
		}
		if y, e := m.yearAt(k, fiscal || k > i || m.prevIsDateWord(i)); y > 0 && (k > i || m.yearContext(i, e)) {
			if fiscal && m.u(e-1).hyph && m.u(e).dk == dPlain {
				e++ // fiscal 1989-90
			}
			return date(r, point{g: gYear, y: y}, i, e)
		}
	}
	// Decades: the 1990s, '80s, the nineties; centuries: the 20th century.
	{
		k := i
		if m.id(k) == wThe {
			k++
		}
		if m.isPunct(k, '\'') {
			k++
		}
		v := m.u(k)
		if (v.dk == dDecade || v.lx.decade > 0) && k == i {
			switch m.id(i - 1) {
			case wHis, wHer, wTheir, wIts, wOur:
				return r, false // "in his 30s": an age
			}
		}
		if v.dk == dDecade {
			dec := int(v.num) / 10
			if v.nd == 2 {
				dec += 190
			}
			return date(r, point{g: gDecade, y: dec}, i, k+1)
		}
		if v.lx.decade > 0 && (k > i) {
			return date(r, point{g: gDecade, y: 190 + int(v.lx.decade)}, i, k+1)
		}
		c := 0
		if v.dk == dOrd {
			c = int(v.num)
		} else if v.lx.ord > 0 {
			c = int(v.lx.ord)
		} else if v.lx.tens && m.u(k+1).lx.ord > 0 { // twenty-first
			c = int(v.lx.num) + int(m.u(k+1).lx.ord)
			k++
		}
		if c > 0 && c <= 30 && m.u(k+1).lx.unit == uCentury && !m.u(k+1).lx.plural {
			return date(r, point{g: gCentury, y: c - 1}, i, k+2)
		}
	}
	return r, false
}

// followsUnit reports whether unit i is a unit of time or a percent sign ("5 years", "5 %"),
// which makes the number before it a quantity, not a day.
func (m *matcher) followsUnit(i int) bool {
	u := m.u(i)
	return u.lx.unit != uNone || u.punct == '%'
}

// prevIsDateWord reports whether the word before i is a preposition that takes dates.
func (m *matcher) prevIsDateWord(i int) bool {
	switch m.id(i - 1) {
	case wIn, wSince, wUntil, wBy, wOn, wOf, wDuring, wBefore, wAfter, wFrom, wTo, wThroughout, wFiscal, wAnd:
		return true
	}
	return false
}

// yearContext decides whether a bare 4-digit number at i..e is a year.
func (m *matcher) yearContext(i, e int) bool {
	prev := m.u(i - 1)
	if prev.punct == '$' || prev.punct == '#' || prev.punct == '?' && m.text[prev.s] >= 0x80 {
		return false
	}
	next := m.u(e)
	if next.lx.unit != uNone || next.punct == '%' {
		return false
	}
	if m.u(i).poss {
		return true
	}
	return true
}

// withPart extends a day with a following part of day ("Thursday evening") or time.
func (m *matcher) withPart(r result, p point, start, end int) (result, bool) {
	if u := m.u(end); u.lx.part > 0 && !u.lx.plural {
		p.g, p.n = gPart, int(u.lx.part)
		return date(r, p, start, end+1)
	}
	return date(r, p, start, end)
}

// ---------------------------------------------------------------------------------------------
// Times of day: "10:00 a.m.", "5 p.m. EST, Nov. 6", "noon Thursday", "midnight".

func (m *matcher) matchTime(i int) (result, bool) {
	var r result
	j := i
	switch m.id(j) {
	case wAbout, wAround, wApproximately, wRoughly:
		r.mod = "APPROX"
		j++
	}
	u := m.u(j)
	hh, mm := -1, 0
	switch {
	case u.dk == dTime:
		hh = int(u.hh)
		if u.mm >= 0 {
			mm = int(u.mm)
		}
		ap := int(u.ampm)
		j++
		if ap == 0 {
			switch m.id(j) {
			case wAM:
				ap = 1
				j++
			case wPM:
				ap = 2
				j++
			}
		}
		if ap == 0 && u.mm >= 0 {
			if !m.timeContext(i) && !m.u(j).lx.tz && m.id(j) != wOclock {
				return r, false
			}
			if m.id(j) == wOclock {
				j++
			}
		}
		hh = ampm(hh, ap)
	case u.dk == dPlain && u.nd <= 2 && u.num >= 1 && u.num <= 12:
		switch m.id(j + 1) {
		case wAM:
			hh = ampm(int(u.num), 1)
		case wPM:
			hh = ampm(int(u.num), 2)
		case wOclock:
			hh = int(u.num)
		case wIn:
			// "4 in the morning", "9 in the evening"
			if m.id(j+2) != wThe || m.u(j+3).lx.part == 0 || m.u(j+3).lx.plural {
				return r, false
			}
			switch part := m.u(j + 3).lx.part; {
			case part == 1:
				hh = ampm(int(u.num), 1)
			case part == 4 && u.num < 6:
				hh = ampm(int(u.num), 1)
			default:
				hh = ampm(int(u.num), 2)
			}
			j += 2
		default:
			return r, false
		}
		j += 2
	case u.lx.id == wNoon:
		if m.lowerIsU(j-1, "high") {
			return r, false // "high noon": a figure of speech
		}
		hh = 12
		j++
	case u.lx.id == wMidnight:
		hh = 24
		j++
	default:
		return r, false
	}
	if hh < 0 || hh > 24 {
		return r, false
	}
	if m.u(j).lx.tz {
		j++
	} else if m.lowerIsU(j, "local") && m.lowerIsU(j+1, "time") {
		j += 2 // a zone, as "EST" is: "2:30 p.m. local time (1830 GMT) Thursday"
	}
	// The day: a following date word, else the article date.
	day := m.dct
	k := j
	if m.isPunct(k, ',') {
		k++
	}
	if m.id(k) == wOn {
		k++
	}
	found := false
	saved := m.outer
	m.outer = i
	defer func() { m.outer = saved }()
	if d, ok := m.matchExplicit(k); ok && (d.p.g == gDay || d.p.g == gPart) {
		day, j, found = d.p.at(gDay), d.end, true // "11 p.m. Thursday", "11pm Thursday evening"
	} else if d, ok := m.matchRelative(k); ok && (d.p.g == gDay || d.p.g == gPart) {
		day, j, found = d.p.at(gDay), d.end, true
	} else if m.isPunct(j, '(') {
		// "10:35 a.m. (0735 GMT) Friday": the day after the parenthesis dates the time, but
		// is an expression of its own.
		// Likewise a day inside it: "4 in the morning (4 a.m. EDT Thursday)".
		for q := j + 1; q < j+9 && m.u(q).punct != 0xff && !found; q++ {
			closing := m.isPunct(q, ')')
			if closing {
				q++
			}
			if d, ok := m.matchExplicit(q); ok && d.p.g == gDay {
				day, found = d.p, true
			} else if d, ok := m.matchRelative(q); ok && d.p.g == gDay {
				day, found = d.p, true
			} else if d, ok := m.matchTime(q); ok && d.p.g == gMinute && d.end > q+1 {
				day, found = d.p.at(gDay), true
			}
			if closing {
				break
			}
		}
	}
	if !found && !day.ok() {
		r.typ, r.val, r.start, r.end = chronicle.TIME, "XXXX-XX-XXT"+twoDigits(hh)+":"+twoDigits(mm), i, j
		r.diag = "no article date to resolve the time against"
		return r, true
	}
	p := point{g: gMinute, y: day.y, m: day.m, d: day.d, hh: hh, mm: mm}
	return date(r, p, i, j)
}

func twoDigits(n int) string { return string([]byte{byte('0' + n/10%10), byte('0' + n%10)}) }

func ampm(h, ap int) int {
	switch ap {
	case 1:
		if h == 12 {
			return 0
		}
	case 2:
		if h < 12 {
			return h + 12
		}
	}
	return h
}

// timeContext reports whether the word before i introduces a clock time ("at 10:00").
func (m *matcher) timeContext(i int) bool {
	switch m.id(i - 1) {
	case wAt, wBy, wUntil, wAround, wAbout, wFrom, wTo, wBefore, wAfter, wSince:
		return true
	}
	return false
}
