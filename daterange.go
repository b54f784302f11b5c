package chronicle

import (
	"strconv"
	"strings"
	"time"
)

// DateRange returns the first and last day covered by a TIMEX3 date or time value: "2025-07-03"
// → that day; "2025-07" → July; "2025-W27" → that ISO week; "2025-Q3", "2025-H1", "2025-SU"
// (seasons, northern hemisphere), "2025", "202" (the 2020s), "20" (the 2000s);
// "2025-07-03T10:00" and "2025-07-03TEV" → that day. It returns false for values that are not
// dates (durations, sets, PRESENT_REF …).
func DateRange(v string) (start, end time.Time, ok bool) {
	if i := strings.IndexByte(v, 'T'); i >= 0 {
		v = v[:i]
	}
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	num := func(s string) (int, bool) {
		if s == "" {
			return 0, false
		}
		for i := 0; i < len(s); i++ {
			if s[i] < '0' || s[i] > '9' {
				return 0, false
			}
		}
		n, err := strconv.Atoi(s)
		return n, err == nil
	}
	parts := strings.Split(v, "-")
	switch len(parts[0]) {
	case 2, 3: // century, decade
		n, ok := num(parts[0])
		if !ok || len(parts) != 1 {
			return start, end, false
		}
		if len(parts[0]) == 3 {
			return day(n*10, 1, 1), day(n*10+9, 12, 31), true
		}
		return day(n*100, 1, 1), day(n*100+99, 12, 31), true
	case 4:
	default:
		return start, end, false
	}
	y, ok := num(parts[0])
	if !ok {
		return start, end, false
	}
	if len(parts) == 1 {
		return day(y, 1, 1), day(y, 12, 31), true
	}
	p := parts[1]
	switch p {
	case "SP":
		return day(y, 3, 1), day(y, 5, 31), true
	case "SU":
		return day(y, 6, 1), day(y, 8, 31), true
	case "FA", "AU":
		return day(y, 9, 1), day(y, 11, 30), true
	case "WI":
		return day(y, 12, 1), day(y+1, 3, 0), true
	}
	switch {
	case len(p) == 2 && p[0] != 'W' && p[0] != 'Q' && p[0] != 'H':
		m, ok := num(p)
		if !ok || m < 1 || m > 12 {
			return start, end, false
		}
		if len(parts) == 2 {
			return day(y, time.Month(m), 1), day(y, time.Month(m)+1, 0), true
		}
		d, ok := num(parts[2])
		if !ok || d < 1 || d > 31 || len(parts) > 3 {
			return start, end, false
		}
		t := day(y, time.Month(m), d)
		if t.Month() != time.Month(m) {
			return start, end, false
		}
		return t, t, true
	case p[0] == 'W':
		w, ok := num(p[1:])
		if !ok || w < 1 || w > 53 {
			return start, end, false
		}
		// ISO week 1 holds January 4th.
		jan4 := day(y, 1, 4)
		monday := jan4.AddDate(0, 0, -((int(jan4.Weekday())+6)%7)+7*(w-1))
		if len(parts) == 3 && parts[2] == "WE" {
			return monday.AddDate(0, 0, 5), monday.AddDate(0, 0, 6), true
		}
		return monday, monday.AddDate(0, 0, 6), true
	case p[0] == 'Q':
		q, ok := num(p[1:])
		if !ok || q < 1 || q > 4 {
			return start, end, false
		}
		return day(y, time.Month(3*q-2), 1), day(y, time.Month(3*q+1), 0), true
	case p[0] == 'H':
		h, ok := num(p[1:])
		if !ok || h < 1 || h > 2 {
			return start, end, false
		}
		return day(y, time.Month(6*h-5), 1), day(y, time.Month(6*h+1), 0), true
	}
	return start, end, false
}
