package timex

import (
	"strconv"
	"time"
)

// gran is the granularity of a point in time.
type gran uint8

const (
	gNone gran = iota
	gMillennium
	gCentury
	gDecade
	gYear
	gHalf
	gQuarter
	gSeason
	gMonth
	gWeek
	gWeekend
	gDay
	gPart   // a part of a day: 2025-07-03TMO
	gMinute // 2025-07-03T10:00
)

// point is a calendar interval at some granularity: a year, a quarter, a day, a minute…
// For gDecade, y is the decade number (199 for the 1990s); for gCentury the century (19 for
// the 1900s). For gWeek and gWeekend, y/m/d is the Monday of the ISO week.
type point struct {
	g      gran
	y      int
	m, d   int
	n      int // quarter 1–4, half 1–2, season 1–4, part of day 1–4
	hh, mm int
}

func (p point) ok() bool { return p.g != gNone }

func (p point) date() time.Time { return time.Date(p.y, time.Month(p.m), p.d, 0, 0, 0, 0, time.UTC) }

func fromDate(t time.Time, g gran) point {
	p := point{g: g, y: t.Year(), m: int(t.Month()), d: t.Day()}
	if g == gWeek || g == gWeekend {
		wd := int(t.Weekday()+6) % 7 // Monday = 0
		t = t.AddDate(0, 0, -wd)
		p.y, p.m, p.d = t.Year(), int(t.Month()), t.Day()
	}
	if g == gQuarter {
		p.n = (p.m-1)/3 + 1
	}
	if g == gHalf {
		p.n = (p.m-1)/6 + 1
	}
	return p
}

// at converts p to granularity g, keeping what it can (a day 2025-07-03 at gMonth is 2025-07).
func (p point) at(g gran) point {
	switch g {
	case gDecade:
		return point{g: g, y: p.yearOf() / 10}
	case gCentury:
		return point{g: g, y: p.yearOf() / 100}
	case gYear:
		return point{g: g, y: p.yearOf()}
	}
	if p.g <= gYear || p.g == gSeason && g > gSeason {
		if g == gQuarter && p.g == gYear {
			return point{}
		}
		return point{}
	}
	switch g {
	case gQuarter:
		if p.g == gQuarter {
			return p
		}
		if p.g == gHalf {
			return point{}
		}
		return point{g: g, y: p.y, n: (p.m-1)/3 + 1}
	case gHalf:
		if p.g == gQuarter {
			return point{g: g, y: p.y, n: (p.n + 1) / 2}
		}
		if p.g == gHalf {
			return p
		}
		return point{g: g, y: p.y, n: (p.m-1)/6 + 1}
	case gMonth:
		if p.g < gMonth || p.g == gWeek || p.g == gWeekend {
			return point{}
		}
		return point{g: g, y: p.y, m: p.m}
	case gWeek, gWeekend:
		if p.g < gWeek {
			return point{}
		}
		return fromDate(p.date(), g)
	case gDay:
		if p.g < gDay {
			return point{}
		}
		return point{g: g, y: p.y, m: p.m, d: p.d}
	}
	return point{}
}

func (p point) yearOf() int {
	switch p.g {
	case gDecade:
		return p.y * 10
	case gCentury:
		return p.y * 100
	case gMillennium:
		return p.y * 1000
	}
	return p.y
}

// shift moves p by n units of granularity g (its own granularity for the calendar grid).
func (p point) shift(n int, u uint8) point {
	switch u {
	case uYear:
		switch p.g {
		case gWeek, gWeekend, gDay, gPart, gMinute:
			t := p.date().AddDate(n, 0, 0)
			q := fromDate(t, p.g)
			q.n, q.hh, q.mm = p.n, p.hh, p.mm
			return q
		case gDecade:
			return p // a year off a decade is still that decade, roughly
		case gCentury:
			return p
		}
		p.y += n
		return p
	case uDecade:
		if p.g == gDecade {
			p.y += n
			return p
		}
		return p.shift(10*n, uYear)
	case uCentury:
		if p.g == gCentury {
			p.y += n
			return p
		}
		return p.shift(100*n, uYear)
	case uQuarter:
		if p.g == gQuarter {
			k := p.y*4 + p.n - 1 + n
			p.y, p.n = floorDiv(k, 4), k-4*floorDiv(k, 4)+1
			return p
		}
		return p.shift(3*n, uMonth)
	case uMonth:
		switch p.g {
		case gMonth:
			k := p.y*12 + p.m - 1 + n
			p.y, p.m = floorDiv(k, 12), k-12*floorDiv(k, 12)+1
			return p
		case gQuarter:
			if n%3 == 0 {
				return p.shift(n/3, uQuarter)
			}
		case gDay, gWeek, gWeekend, gPart, gMinute:
			t := p.date().AddDate(0, n, 0)
			q := fromDate(t, p.g)
			q.n, q.hh, q.mm = p.n, p.hh, p.mm
			return q
		}
		return p
	case uWeek, uWeekend:
		if p.g >= gWeek {
			t := p.date().AddDate(0, 0, 7*n)
			q := fromDate(t, p.g)
			q.n, q.hh, q.mm = p.n, p.hh, p.mm
			return q
		}
		return p
	case uDay:
		if p.g >= gDay {
			t := p.date().AddDate(0, 0, n)
			q := fromDate(t, p.g)
			q.n, q.hh, q.mm = p.n, p.hh, p.mm
			return q
		}
		return p
	case uHour, uMinute:
		if p.g == gMinute {
			d := time.Duration(n) * time.Hour
			if u == uMinute {
				d = time.Duration(n) * time.Minute
			}
			t := time.Date(p.y, time.Month(p.m), p.d, p.hh, p.mm, 0, 0, time.UTC).Add(d)
			return point{g: gMinute, y: t.Year(), m: int(t.Month()), d: t.Day(), hh: t.Hour(), mm: t.Minute()}
		}
		return p
	}
	return p
}

func floorDiv(a, b int) int {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

// unitGran is the granularity a unit counts in ("a month ago" → a month).
func unitGran(u uint8) gran {
	switch u {
	case uSecond, uMinute, uHour:
		return gMinute
	case uDay:
		return gDay
	case uWeek:
		return gWeek
	case uWeekend:
		return gWeekend
	case uMonth:
		return gMonth
	case uQuarter:
		return gQuarter
	case uSeason:
		return gSeason
	case uYear:
		return gYear
	case uDecade:
		return gDecade
	case uCentury:
		return gCentury
	case uMillennium:
		return gMillennium
	}
	return gNone
}

// value formats p as a TIMEX3 value.
func (p point) value() string {
	var b [32]byte
	return string(p.appendValue(b[:0]))
}

func pad(b []byte, n, width int) []byte {
	if n < 0 {
		b = append(b, '-')
		n = -n
	}
	var tmp [12]byte
	s := strconv.AppendInt(tmp[:0], int64(n), 10)
	for i := len(s); i < width; i++ {
		b = append(b, '0')
	}
	return append(b, s...)
}

func (p point) appendValue(b []byte) []byte {
	switch p.g {
	case gMillennium:
		return pad(b, p.y, 1)
	case gCentury:
		return pad(b, p.y, 2)
	case gDecade:
		return pad(b, p.y, 3)
	case gYear:
		return pad(b, p.y, 4)
	case gHalf:
		b = pad(b, p.y, 4)
		return append(b, '-', 'H', byte('0'+p.n))
	case gQuarter:
		b = pad(b, p.y, 4)
		return append(b, '-', 'Q', byte('0'+p.n))
	case gSeason:
		b = pad(b, p.y, 4)
		b = append(b, '-')
		return append(b, seasonCode[p.n]...)
	case gMonth:
		b = pad(b, p.y, 4)
		b = append(b, '-')
		return pad(b, p.m, 2)
	case gWeek, gWeekend:
		y, w := p.date().ISOWeek()
		b = pad(b, y, 4)
		b = append(b, '-', 'W')
		b = pad(b, w, 2)
		if p.g == gWeekend {
			b = append(b, "-WE"...)
		}
		return b
	case gDay, gPart, gMinute:
		b = pad(b, p.y, 4)
		b = append(b, '-')
		b = pad(b, p.m, 2)
		b = append(b, '-')
		b = pad(b, p.d, 2)
		if p.g == gPart {
			b = append(b, 'T')
			b = append(b, partCode[p.n]...)
		}
		if p.g == gMinute {
			b = append(b, 'T')
			b = pad(b, p.hh, 2)
			b = append(b, ':')
			b = pad(b, p.mm, 2)
		}
		return b
	}
	return b
}

// duration formats a TIMEX3 duration of n units (n < 0: unknown amount, "PXY"). Decades are
// written in years, as TimeBank does ("two decades" P20Y), so "decades" is PXY: ISO 8601 has
// no decade designator.
func duration(n int, u uint8) string {
	if u == uDecade {
		if n >= 0 {
			n *= 10
		}
		u = uYear
	}
	if u == uCentury && n >= 0 {
		n, u = n*100, uYear
	}
	if u == uQuarter && n >= 0 {
		n, u = n*3, uMonth
	}
	if u == uWeekend {
		u = uWeek
	}
	code, t := unitCode(u)
	if u == uCentury {
		code = "C"
	}
	if u == uMillennium {
		code = "L"
	}
	b := make([]byte, 0, 12)
	b = append(b, 'P')
	if t {
		b = append(b, 'T')
	}
	if n < 0 {
		b = append(b, 'X')
	} else {
		b = strconv.AppendInt(b, int64(n), 10)
	}
	return string(append(b, code...))
}

// halfDuration formats n and a half units ("2 1/2 years" → P2Y6M, "an hour and a half" → PT1H30M).
func halfDuration(n int, u uint8) string {
	switch u {
	case uYear:
		return "P" + strconv.Itoa(n) + "Y6M"
	case uMonth:
		return "P" + strconv.Itoa(n*30+15) + "D"
	case uDay:
		return "PT" + strconv.Itoa(n*24+12) + "H"
	case uHour:
		return "PT" + strconv.Itoa(n) + "H30M"
	case uMinute:
		return "PT" + strconv.Itoa(n) + "M30S"
	case uWeek:
		return "P" + strconv.Itoa(n*7+3) + "D"
	case uDecade:
		return "P" + strconv.Itoa(n*10+5) + "Y"
	case uCentury:
		return "P" + strconv.Itoa(n*100+50) + "Y"
	}
	return duration(n, u)
}
