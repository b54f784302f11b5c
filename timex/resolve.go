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

// tense guesses the tense of the clause around units [start, end): the nearest cue word in the
// same sentence (Penn POS tags when present, else auxiliaries, modals and verb endings),
// preferring the one before the expression at equal distance.
func (m *matcher) tense(start, end int) int {
	d := m.d
	first, last := int(m.us[start].tok), int(m.us[end-1].tok)
	si := int(m.us[start].sentence)
	lo, hi := 0, len(d.Tokens)
	if si < len(d.Sentences) {
		lo, hi = d.Sentences[si].First, d.Sentences[si].Last
	}
	for dist := 1; dist < 40; dist++ {
		b, a := first-dist, last+dist
		if b < lo && a >= hi {
			break
		}
		if b >= lo {
			if c := m.cue(b); c != tNone {
				return c
			}
		}
		if a < hi {
			if c := m.cue(a); c != tNone {
				return c
			}
		}
	}
	return tNone
}

// cue returns the tense a token signals, or tNone.
func (m *matcher) cue(k int) int {
	tok := &m.d.Tokens[k]
	w := m.text[tok.Start:tok.End]
	if len(w) > 16 || len(w) < 2 {
		return tNone
	}
	var buf [16]byte
	lw := string(lower(buf[:], w))
	switch lw {
	case "will", "'ll", "’ll", "shall", "wo", "may", "might", "tomorrow", "next", "scheduled",
		"expected", "slated", "plans", "expects", "upcoming", "due", "coming", "would":
		return tFuture
	case "set":
		if k+1 < len(m.d.Tokens) && m.lowerIs(k+1, "to") {
			return tFuture
		}
		return tPast
	case "going":
		if k+1 < len(m.d.Tokens) && m.lowerIs(k+1, "to") {
			return tFuture
		}
		return tNone
	case "said", "was", "were", "had", "did", "ago", "last", "yesterday", "told", "came", "went",
		"made", "took", "gave", "began", "held", "won", "lost", "saw", "got", "sent", "spent",
		"fell", "rose", "paid", "sold", "bought", "brought", "thought", "found", "became", "ran",
		"kept", "struck", "broke", "fought", "led", "left", "met", "hit", "put", "cut",
		"shot", "quit", "knew", "wrote", "spoke", "chose", "drove", "flew", "grew", "threw",
		"earned", "wasn't", "weren't", "didn't", "hadn't", "stood", "felt", "heard", "meant",
		"built", "dealt", "lent", "slid", "sank", "swore", "tore", "wore", "won't":
		switch lw {
		case "won't":
			return tFuture
		case "said", "was", "were", "had", "did", "ago", "last", "yesterday", "wasn't", "weren't", "didn't", "hadn't":
			return tPast
		}
		return m.participle(k)
	case "says", "is", "are", "am", "say", "do", "does", "has", "have":
		if tok.POS != "" && tok.POS != "VBZ" && tok.POS != "VBP" {
			return tNone
		}
		return tPresent
	}
	if tok.POS != "" {
		switch tok.POS {
		case "VBD":
			return tPast
		case "MD":
			return tFuture
		case "VBZ", "VBP":
			return tPresent
		case "VBN":
			return tPast
		}
		return tNone
	}
	if n := len(lw); n >= 5 && lw[n-2:] == "ed" && !notPast(lw) && isLetter(w[0]) && !isUpper(w[0]) {
		return m.participle(k)
	}
	return tNone
}

// participle returns the tense of a past form at k: past, unless an auxiliary before it
// carries the tense ("will be held", "is expected").
func (m *matcher) participle(k int) int {
	for p := k - 1; p >= 0 && p >= k-2; p-- {
		switch {
		case m.lowerIs(p, "has") || m.lowerIs(p, "have") || m.lowerIs(p, "had"):
			return tPast
		case m.lowerIs(p, "be") || m.lowerIs(p, "been") || m.lowerIs(p, "being") || m.lowerIs(p, "is") || m.lowerIs(p, "are"):
			return tNone
		}
	}
	return tPast
}

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
// own day when the names agree, else the previous such day in a past-tense clause and the next
// one otherwise (future, present, or no cue).
func (m *matcher) resolveWeekday(r result, start, end, wd int) (result, bool) {
	if !m.dct.ok() {
		r.typ, r.val, r.start, r.end = "DATE", "XXXX-WXX-"+strconv.Itoa(wd), start, end
		r.diag = "no article date to resolve the weekday against"
		return r, true
	}
	dw := weekdayOf(m.dct)
	p := m.dct
	if wd != dw {
		tn := m.tense(start, end)
		switch m.id(start - 1) {
		case wSince:
			tn = tPast
		case wUntil, wBy:
			tn = tFuture
		}
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

// resolveMonth resolves a month name without a year: this year's, or last year's when the clause
// is in the past tense and the month is still to come, or next year's when it is in the future
// and the month is over.
func (m *matcher) resolveMonth(r result, start, end, mo int) (result, bool) {
	if !m.dct.ok() {
		r.typ, r.val, r.start, r.end = "DATE", "XXXX-"+twoDigits(mo), start, end
		r.diag = "no article date to resolve the month against"
		return r, true
	}
	y := m.dct.y
	diff := mo - m.dct.m
	switch {
	case diff > 6:
		y--
	case diff < -6:
		y++
	case diff == 6 || diff == -6:
		if m.tense(start, end) == tPast {
			if diff > 0 {
				y--
			}
		} else if diff < 0 {
			y++
		}
	}
	if y > m.dct.y && m.tense(start, end) == tPast {
		y-- // "sales fell in January" in an article of October: the January before
	}
	return date(r, point{g: gMonth, y: y, m: mo}, start, end)
}

// resolveMonthDay resolves a month and day without a year to the nearest such date (within six
// months of the article date), breaking near-ties with the tense.
func (m *matcher) resolveMonthDay(r result, start, end, mo, day int) (result, bool) {
	if !m.dct.ok() {
		r.typ, r.val, r.start, r.end = "DATE", "XXXX-"+twoDigits(mo)+"-"+twoDigits(day), start, end
		r.diag = "no article date to resolve the date against"
		return r, true
	}
	y := m.dct.y
	diff := (mo*31 + day) - (m.dct.m*31 + m.dct.d) // in ~days
	switch {
	case diff > 183:
		y--
	case diff < -183:
		y++
	}
	if y > m.dct.y && m.tense(start, end) == tPast {
		y--
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
	if p.y > m.dct.y && m.tense(start, end) == tPast {
		p = holidayDate(h, p.y-1)
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
