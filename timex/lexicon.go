package timex

// The lexicon: every word the grammar looks at, keyed by its lower-case form. A word that is
// not in the lexicon can still be a number (digits) or end a pattern; it never starts one.

// wid names the function words the grammar tests individually.
type wid uint8

const (
	wNone wid = iota
	wThe
	wA
	wAn
	wThis
	wThat
	wThese
	wThose
	wLast
	wNext
	wPast
	wComing
	wPrevious
	wPrior
	wFollowing
	wRecent
	wRecently
	wEarly
	wEarlier
	wLate
	wLater
	wLatest
	wMid
	wMiddle
	wBeginning
	wStart
	wEnd
	wOf
	wAgo
	wBefore
	wAfter
	wFrom
	wNow
	wToday
	wTomorrow
	wYesterday
	wTonight
	wCurrent
	wCurrently
	wNowadays
	wPresent
	wMoment
	wSoon
	wFuture
	wNear
	wTerm
	wShort
	wLong
	wLately
	wPreviously
	wFormerly
	wEvery
	wEach
	wPer
	wFiscal
	wSame
	wThan
	wMore
	wLess
	wFewer
	wOver
	wUnder
	wAbout
	wAround
	wNearly
	wAlmost
	wApproximately
	wRoughly
	wSome
	wAt
	wLeast
	wMost
	wUp
	wTo
	wNo
	wOr
	wSo
	wAnd
	wHalf
	wFew
	wSeveral
	wCouple
	wMany
	wTimes
	wTwice
	wNoon
	wMidnight
	wAM
	wPM
	wOclock
	wWeekend
	wIn
	wOn
	wSince
	wUntil
	wBy
	wWithin
	wFor
	wOld
	wPeriod
	wFull
	wWhole
	wEntire
	wFinal
	wHence
	wRight
	wThen
	wIts
	wTheir
	wOur
	wHis
	wHer
	wOvernight
	wDaily
	wWeekly
	wMonthly
	wYearly
	wAnnually
	wHourly
	wQuarterly
	wNightly
	wCentury
	wOther
	wAnother
	wAdditional
	wYet
	wAlready
	wTime
	wWhile
	wExtra
	wBack
	wOne
	wUpcoming
	wGood
	wPart
	wRest
	wRemainder
	wThroughout
	wDuring
	wCalendar
	wOnce
	wFirst
	wAhead
	wDistant
	wForeseeable
	wLonger
	wRun
	wAs
	wThrough
	wEffective
)

// Units of time, in increasing size.
const (
	uNone uint8 = iota
	uSecond
	uMinute
	uHour
	uDay
	uWeek
	uWeekend
	uMonth
	uQuarter
	uSeason // spring, summer … as a unit ("the summer")
	uYear
	uDecade
	uCentury
	uMillennium
)

// lex is what the lexicon knows about a word.
type lex struct {
	id     wid
	num    int16 // cardinal value (one → 1, twenty → 20, hundred → 100); 0 when none
	ord    int8  // ordinal value (third → 3)
	unit   uint8 // unit of time (uYear for "year", "years")
	plural bool  // "years"
	month  int8  // 1–12
	wday   int8  // 1 = Monday … 7 = Sunday
	season int8  // 1 spring, 2 summer, 3 fall, 4 winter
	part   int8  // part of day: 1 morning, 2 afternoon, 3 evening, 4 night
	tz     bool  // a time zone (EST, GMT)
	tens   bool  // twenty … ninety (combines with a following one … nine)
	decade int8  // "nineties" → 9
	abbr   bool  // month or day abbreviation ("Jan.", "Sept"): needs a number beside it
	hol    int8  // a holiday name (hChristmas …), or the first word of one ("new", "labor")
}

// Holidays.
const (
	hNone int8 = iota
	hChristmas
	hChristmasEve
	hNewYear
	hNewYearsEve
	hThanksgiving
	hEaster
	hHalloween
	hIndependence
	hElection
	hLabor
	hMemorial
	hValentine
	hNewW    // "New" (Year's Day, Year's Eve)
	hDayWord // "Day" after a holiday name
)

var lexicon map[string]lex

func init() {
	l := map[string]lex{}
	add := func(w string, x lex) { l[w] = x }
	ids := map[string]wid{
		"the": wThe, "a": wA, "an": wAn, "this": wThis, "that": wThat, "these": wThese,
		"those": wThose, "last": wLast, "next": wNext, "past": wPast, "coming": wComing,
		"previous": wPrevious, "prior": wPrior, "following": wFollowing, "recent": wRecent,
		"recently": wRecently, "early": wEarly, "earlier": wEarlier, "late": wLate, "later": wLater,
		"latest": wLatest, "mid": wMid, "middle": wMiddle, "beginning": wBeginning, "start": wStart,
		"end": wEnd, "of": wOf, "ago": wAgo, "before": wBefore, "after": wAfter, "from": wFrom,
		"now": wNow, "today": wToday, "tomorrow": wTomorrow, "yesterday": wYesterday,
		"tonight": wTonight, "current": wCurrent, "currently": wCurrently, "nowadays": wNowadays,
		"present": wPresent, "moment": wMoment, "soon": wSoon, "future": wFuture, "near": wNear,
		"term": wTerm, "short": wShort, "long": wLong, "lately": wLately, "previously": wPreviously,
		"formerly": wFormerly, "every": wEvery, "each": wEach, "per": wPer, "fiscal": wFiscal,
		"same": wSame, "than": wThan, "more": wMore, "less": wLess, "fewer": wFewer, "over": wOver,
		"under": wUnder, "about": wAbout, "around": wAround, "nearly": wNearly, "almost": wAlmost,
		"approximately": wApproximately, "roughly": wRoughly, "some": wSome, "at": wAt,
		"least": wLeast, "most": wMost, "up": wUp, "to": wTo, "no": wNo, "or": wOr, "so": wSo,
		"and": wAnd, "half": wHalf, "few": wFew, "several": wSeveral, "couple": wCouple,
		"many": wMany, "times": wTimes, "twice": wTwice, "noon": wNoon, "midday": wNoon,
		"midnight": wMidnight, "a.m.": wAM, "am": wAM, "a.m": wAM, "p.m.": wPM, "pm": wPM,
		"p.m": wPM, "o'clock": wOclock, "in": wIn, "on": wOn, "since": wSince,
		"until": wUntil, "till": wUntil, "by": wBy, "within": wWithin, "for": wFor, "old": wOld,
		"period": wPeriod, "full": wFull, "whole": wWhole, "entire": wEntire, "final": wFinal,
		"hence": wHence, "right": wRight, "then": wThen, "its": wIts, "their": wTheir, "our": wOur,
		"his": wHis, "her": wHer, "overnight": wOvernight, "daily": wDaily, "weekly": wWeekly,
		"monthly": wMonthly, "yearly": wYearly, "annually": wAnnually,
		"hourly": wHourly, "quarterly": wQuarterly, "nightly": wNightly, "other": wOther,
		"another": wAnother, "additional": wAdditional, "yet": wYet, "already": wAlready,
		"time": wTime, "while": wWhile, "extra": wExtra, "back": wBack, "upcoming": wUpcoming,
		"good": wGood, "part": wPart, "rest": wRest, "remainder": wRemainder,
		"throughout": wThroughout, "during": wDuring, "calendar": wCalendar, "once": wOnce,
		"first": wFirst, "ahead": wAhead, "distant": wDistant, "foreseeable": wForeseeable,
		"longer": wLonger, "run": wRun, "as": wAs, "through": wThrough, "effective": wEffective,
	}
	for w, id := range ids {
		add(w, lex{id: id})
	}
	cardinals := []string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
		"nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
		"seventeen", "eighteen", "nineteen"}
	for i, w := range cardinals {
		x := l[w]
		x.num = int16(i)
		l[w] = x
	}
	x := l["one"]
	x.id = wOne
	l["one"] = x
	tens := []string{"", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"}
	for i, w := range tens {
		if w != "" {
			l[w] = lex{num: int16(10 * i), tens: true}
		}
	}
	l["fourty"] = lex{num: 40, tens: true}
	l["hundred"] = lex{num: 100}
	l["thousand"] = lex{num: 1000}
	l["dozen"] = lex{num: 12}
	ordinals := []string{"", "first", "second", "third", "fourth", "fifth", "sixth", "seventh",
		"eighth", "ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth",
		"sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth"}
	for i, w := range ordinals {
		if w != "" {
			x := l[w]
			x.ord = int8(i)
			l[w] = x
		}
	}
	l["thirtieth"] = lex{ord: 30}
	l["twenty-first"] = lex{ord: 21}
	decades := []string{"", "", "twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties", "nineties"}
	for i, w := range decades {
		if w != "" {
			l[w] = lex{decade: int8(i)}
		}
	}
	units := []struct {
		u     uint8
		forms []string
	}{
		{uSecond, []string{"second", "seconds", "sec", "secs"}},
		{uMinute, []string{"minute", "minutes", "min", "mins"}},
		{uHour, []string{"hour", "hours", "hrs"}},
		{uDay, []string{"day", "days"}},
		{uWeek, []string{"week", "weeks"}},
		{uWeekend, []string{"weekend", "weekends"}},
		{uMonth, []string{"month", "months"}},
		{uQuarter, []string{"quarter", "quarters"}},
		{uYear, []string{"year", "years", "yr", "yrs"}},
		{uDecade, []string{"decade", "decades"}},
		{uCentury, []string{"century", "centuries"}},
		{uMillennium, []string{"millennium", "millennia", "millenium"}},
	}
	for _, u := range units {
		for k, w := range u.forms {
			x := l[w]
			x.unit = u.u
			x.plural = k%2 == 1 && w != "sec" && w != "min"
			if w == "hrs" || w == "secs" || w == "mins" || w == "yrs" || w == "millennia" {
				x.plural = true
			}
			l[w] = x
		}
	}
	months := [][]string{
		{"january", "jan", "jan."}, {"february", "feb", "feb."}, {"march", "mar", "mar."},
		{"april", "apr", "apr."}, {"may"}, {"june", "jun", "jun."}, {"july", "jul", "jul."},
		{"august", "aug", "aug."}, {"september", "sep", "sep.", "sept", "sept."},
		{"october", "oct", "oct."}, {"november", "nov", "nov."}, {"december", "dec", "dec."},
	}
	for i, forms := range months {
		for k, w := range forms {
			x := l[w]
			x.month = int8(i + 1)
			x.abbr = k > 0
			l[w] = x
		}
	}
	days := [][]string{
		{"monday", "mon.", "mondays"}, {"tuesday", "tue.", "tues.", "tuesdays"},
		{"wednesday", "wed.", "wednesdays"}, {"thursday", "thu.", "thur.", "thurs.", "thursdays"},
		{"friday", "fri.", "fridays"}, {"saturday", "sat.", "saturdays"}, {"sunday", "sun.", "sundays"},
	}
	for i, forms := range days {
		for k, w := range forms {
			x := l[w]
			x.wday = int8(i + 1)
			x.abbr = k > 0 && w[len(w)-1] == '.'
			x.plural = w[len(w)-1] == 's' && w != "thurs." && w != "tues."
			l[w] = x
		}
	}
	seasons := [][]string{{"spring", "springtime"}, {"summer", "summertime"}, {"fall", "autumn"}, {"winter", "wintertime"}}
	for i, forms := range seasons {
		for _, w := range forms {
			x := l[w]
			x.season = int8(i + 1)
			l[w] = x
		}
	}
	parts := [][]string{{"morning", "mornings"}, {"afternoon", "afternoons"}, {"evening", "evenings"}, {"night", "nights"}}
	for i, forms := range parts {
		for k, w := range forms {
			x := l[w]
			x.part = int8(i + 1)
			x.plural = k == 1
			l[w] = x
		}
	}
	for _, w := range []string{"est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt", "gmt", "utc", "bst", "cet", "cest", "jst", "et", "pt", "ct"} {
		x := l[w]
		x.tz = true
		l[w] = x
	}
	for w, h := range map[string]int8{"christmas": hChristmas, "thanksgiving": hThanksgiving,
		"easter": hEaster, "halloween": hHalloween, "independence": hIndependence,
		"election": hElection, "labor": hLabor, "labour": hLabor, "memorial": hMemorial,
		"valentine": hValentine, "new": hNewW} {
		x := l[w]
		x.hol = h
		l[w] = x
	}
	lexicon = l
}

// seasonCode is the TIMEX3 code of season 1–4.
var seasonCode = [...]string{"", "SP", "SU", "FA", "WI"}

// partCode is the TIMEX3 code of part of day 1–4.
var partCode = [...]string{"", "MO", "AF", "EV", "NI"}

// unitCode is the TIMEX3 duration letter of a unit (and whether it goes after T).
func unitCode(u uint8) (string, bool) {
	switch u {
	case uSecond:
		return "S", true
	case uMinute:
		return "M", true
	case uHour:
		return "H", true
	case uDay:
		return "D", false
	case uWeek:
		return "W", false
	case uWeekend:
		return "WE", false
	case uMonth:
		return "M", false
	case uQuarter:
		return "Q", false
	case uSeason:
		return "M", false
	case uYear:
		return "Y", false
	case uDecade:
		return "DE", false
	case uCentury:
		return "CE", false
	case uMillennium:
		return "ML", false
	}
	return "", false
}
