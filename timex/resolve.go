package timex

import (
	"strconv"
)

// Tense cues.
const (
	tPast    = -1
	tNone    = 0
	tFuture  = 1
	tPresent = 2
)

func (m *matcher) lowerIs(k int, s string) bool {
	tok := m.d.Tokens[k]
	w := m.text[tok.Start:tok.End]
	if len(w) != len(s) {
		return false
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != s[i] {
			return false
		}
	}
	return true
}

// notPast lists common words in -ed that are not past-tense verbs.
func notPast(w string) bool {
	switch w {
	case "hundred", "united", "indeed", "speed", "need", "feed", "seed", "breed", "proceed",
		"exceed", "succeed", "bleed", "greed", "weed", "shed", "bed", "red", "led", "fed",
		"wed", "sacred", "naked", "wicked", "kindred", "rugged", "ragged", "beloved",
		"limited", "based", "related", "concerned", "interested", "supposed", "used", "advanced",
		"armed", "allied", "detailed", "unprecedented", "alleged", "so-called", "named",
		"biased", "skilled", "talented", "gifted", "experienced", "troubled", "embattled",
		"embed", "shred", "steed", "creed", "heed", "reed", "tweed":
		return true
	}
	return false
}

// weekdayOf returns 1 (Monday) … 7 (Sunday) for a day.
func weekdayOf(p point) int {
	return (int(p.date().Weekday())+6)%7 + 1
}

// resolveWeekday resolves a weekday name at [start, end) against the article date: the article's
// own day when the names agree, else the next such day when the governing verb is in the future
// or present tense ("will meet on Friday", "the deadline is Friday") and the previous one
// otherwise — news reports mostly look back. "since" points back; "until" and "by" point ahead
// unless the clause is in the past perfect ("had filed by Wednesday").
func (m *matcher) resolveWeekday(r result, start, end, wd int) (result, bool) {
	if !m.dct.ok() {
		r.typ, r.val, r.start, r.end = "DATE", "XXXX-WXX-"+strconv.Itoa(wd), start, end
		r.diag = "no article date to resolve the weekday against"
		return r, true
	}
	dw := weekdayOf(m.dct)
	p := m.dct
	if wd != dw {
		tn := m.dateTense(start, end)
		if m.u(end - 1).poss {
			tn = tPast // Tuesday's ruling: reported, so past
		}
		switch tn {
		case tFuture, tPresent:
			p = p.shift((wd-dw+7)%7, uDay)
		default:
			p = p.shift(-((dw - wd + 7) % 7), uDay)
		}
	}
	return m.withPart(r, p, start, end)
}

// dateTense is the tense that places a date named without its year: the clause's tense, but
// "since" and a possessive ("December's figures") point back, "as early as" ahead, and "until"
// and "by" ahead unless the clause is in the past perfect ("had filed reports by Wednesday").
func (m *matcher) dateTense(start, end int) int {
	cs := m.ctxStart(start)
	if m.u(end-1).poss && m.u(end-1).lx.unit == uNone {
		return tPast
	}
	if m.id(cs-1) == wAs && m.id(cs-3) == wAs {
		return tFuture // as early as, as soon as
	}
	tn := m.tense(cs, end)
	switch m.id(cs - 1) {
	case wSince:
		return tPast
	case wUntil, wBy, wEffective:
		if tn != tPastPerfect {
			return tFuture
		}
	case wThrough:
		return tNone // "this year through August", "loans through January": the nearest
	}
	return tn
}

// ctxStart is where the context of an expression starting at unit start begins: the start of
// the enclosing expression when start is inside one ("9 a.m. Tuesday").
func (m *matcher) ctxStart(start int) int {
	if m.outer >= 0 && m.outer < start {
		return m.outer
	}
	return start
}

// resolveMonth resolves a month name without a year: in a past-tense clause the last such month
// (unless it is next month: "was extended to mid-November" in October), in a future-tense clause
// the next one, else the nearest, looking back up to seven months and ahead up to five.
func (m *matcher) resolveMonth(r result, start, end, mo int) (result, bool) {
	if !m.dct.ok() {
		r.typ, r.val, r.start, r.end = "DATE", "XXXX-"+twoDigits(mo), start, end
		r.diag = "no article date to resolve the month against"
		return r, true
	}
	y := m.dct.y
	diff := mo - m.dct.m
	switch tn := m.dateTense(start, end); {
	case isPastTense(tn):
		// Next month stays ahead after "to" or "for" ("was extended to April", "was set for
		// April"); "joined NATO in April" in March is last April.
		if diff >= 2 || diff == 1 && m.id(m.ctxStart(start)-1) == wIn {
			y--
		}
	case tn == tFuture:
		if diff <= -2 {
			y++
		}
	case tn == tPresent: // "the deadline is in January": ahead, unless just past
		if diff < -2 {
			y++
		} else if diff > 5 {
			y--
		}
	default:
		if diff > 4 {
			y--
		} else if diff < -9 {
			y++
		}
	}
	return date(r, point{g: gMonth, y: y, m: mo}, start, end)
}

// resolveMonthDay resolves a month and day without a year as resolveMonth does a month, with
// two months' grace either way; with a weekday ("Monday, Oct. 26") the year in which the
// names agree, if it is near.
func (m *matcher) resolveMonthDay(r result, start, end, mo, day, wd int) (result, bool) {
	if !m.dct.ok() {
		r.typ, r.val, r.start, r.end = "DATE", "XXXX-"+twoDigits(mo)+"-"+twoDigits(day), start, end
		r.diag = "no article date to resolve the date against"
		return r, true
	}
	y := m.dct.y
	diff := (mo*31 + day) - (m.dct.m*31 + m.dct.d) // in ~days
	switch tn := m.dateTense(start, end); {
	case isPastTense(tn):
		if diff > 60 {
			y--
		}
	case tn == tFuture:
		if diff < -60 {
			y++
		}
	case tn == tPresent:
		if diff < -62 {
			y++
		} else if diff > 160 {
			y--
		}
	default:
		if diff > 160 {
			y--
		} else if diff < -220 {
			y++
		}
	}
	if wd > 0 {
		for _, dy := range [...]int{0, -1, 1} {
			if p := (point{g: gDay, y: y + dy, m: mo, d: day}); weekdayOf(p) == wd {
				y += dy
				break
			}
		}
	}
	return m.withPart(r, point{g: gDay, y: y, m: mo, d: day}, start, end)
}

// holidayAt parses a holiday name at i: Christmas [Day|Eve], New Year's [Day|Eve],
// Thanksgiving [Day], Easter [Sunday], Halloween, Independence Day, Election Day, Labor Day,
// Memorial Day, Valentine's Day.
func (m *matcher) holidayAt(i int) (int8, int) {
	u := m.u(i)
	if !u.cap || u.lx.hol == hNone {
		return hNone, i
	}
	next := m.u(i + 1)
	isDay := next.cap && next.lx.unit == uDay && !next.lx.plural
	lowerNext := func(s string) bool { return next.punct == 0 && next.num < 0 && m.lowerIsU(i+1, s) }
	switch h := u.lx.hol; h {
	case hChristmas:
		if lowerNext("eve") {
			return hChristmasEve, i + 2
		}
		if isDay {
			return h, i + 2
		}
		return h, i + 1
	case hThanksgiving, hHalloween:
		if isDay {
			return h, i + 2
		}
		return h, i + 1
	case hEaster:
		if next.lx.wday == 7 || isDay {
			return h, i + 2
		}
		return h, i + 1
	case hValentine:
		if u.poss && isDay {
			return h, i + 2
		}
	case hIndependence, hElection, hLabor, hMemorial:
		if isDay {
			return h, i + 2
		}
	case hNewW:
		if next.lx.unit == uYear && next.cap && next.poss {
			if d := m.u(i + 2); d.cap && d.lx.unit == uDay && !d.lx.plural {
				return hNewYear, i + 3
			}
			if m.lowerIsU(i+2, "eve") {
				return hNewYearsEve, i + 3
			}
		}
	}
	return hNone, i
}

func (m *matcher) lowerIsU(i int, s string) bool {
	u := m.u(i)
	if u.punct != 0 || int(u.e-u.s) != len(s) {
		return false
	}
	for k := 0; k < len(s); k++ {
		c := m.text[int(u.s)+k]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != s[k] {
			return false
		}
	}
	return true
}

// holidayDate returns the holiday's date in year y.
func holidayDate(h int8, y int) point {
	day := func(mo, d int) point { return point{g: gDay, y: y, m: mo, d: d} }
	nth := func(mo, wd, n int) point { // n-th weekday (1 = Monday) of the month; n < 0: last
		if n < 0 {
			p := day(mo+1, 1).shift(-1, uDay)
			return p.shift(-((weekdayOf(p) - wd + 7) % 7), uDay)
		}
		p := day(mo, 1)
		return p.shift((wd-weekdayOf(p)+7)%7+7*(n-1), uDay)
	}
	switch h {
	case hChristmas:
		return day(12, 25)
	case hChristmasEve:
		return day(12, 24)
	case hNewYear:
		return day(1, 1)
	case hNewYearsEve:
		return day(12, 31)
	case hHalloween:
		return day(10, 31)
	case hIndependence:
		return day(7, 4)
	case hValentine:
		return day(2, 14)
	case hThanksgiving:
		return nth(11, 4, 4)
	case hLabor:
		return nth(9, 1, 1)
	case hMemorial:
		return nth(5, 1, -1)
	case hElection: // the Tuesday after the first Monday of November
		return nth(11, 1, 1).shift(1, uDay)
	case hEaster: // anonymous Gregorian computus
		a, b, c := y%19, y/100, y%100
		d, e := b/4, b%4
		f := (b + 8) / 25
		g := (b - f + 1) / 3
		hh := (19*a + b - d - g + 15) % 30
		i, k := c/4, c%4
		l := (32 + 2*e + 2*i - hh - k) % 7
		mm := (a + 11*hh + 22*l) / 451
		mo := (hh + l - 7*mm + 114) / 31
		return day(mo, (hh+l-7*mm+114)%31+1)
	}
	return point{}
}

// resolveHoliday resolves a holiday name to its date in the year that puts it nearest the
// article date (the past one in a past-tense clause).
func (m *matcher) resolveHoliday(r result, start, end int, h int8) (result, bool) {
	if !m.dct.ok() {
		return m.noDate(r, gDay, start, end)
	}
	y := m.dct.y
	if yy, e := m.yearAt(end, true); yy > 0 {
		return date(r, holidayDate(h, yy), start, e)
	}
	p := holidayDate(h, y)
	diff := (p.m*31 + p.d) - (m.dct.m*31 + m.dct.d)
	switch {
	case diff > 183:
		p = holidayDate(h, y-1)
	case diff < -183:
		p = holidayDate(h, y+1)
	}
	switch tn := m.dateTense(start, end); {
	case isPastTense(tn) && p.date().After(m.dct.date().AddDate(0, 0, 30)):
		p = holidayDate(h, p.y-1)
	case tn == tFuture && p.date().Before(m.dct.date().AddDate(0, 0, -30)):
		p = holidayDate(h, p.y+1)
	}
	return date(r, p, start, end)
}

// anchor returns the date relative expressions such as "the following day" count from: the last
// date mentioned, else the article date.
func (m *matcher) anchor() (point, bool) {
	if m.last.ok() {
		return m.last, true
	}
	return m.dct, false
}

// unresolved is the value of a relative expression of granularity g when there is no date to
// resolve it against.
func unresolved(g gran) string {
	switch g {
	case gCentury:
		return "XX"
	case gDecade:
		return "XXX"
	case gYear:
		return "XXXX"
	case gHalf:
		return "XXXX-HX"
	case gQuarter:
		return "XXXX-QX"
	case gSeason, gMonth:
		return "XXXX-XX"
	case gWeek:
		return "XXXX-WXX"
	case gWeekend:
		return "XXXX-WXX-WE"
	case gDay:
		return "XXXX-XX-XX"
	case gPart, gMinute:
		return "XXXX-XX-XXTXX:XX"
	}
	return "XXXX"
}
