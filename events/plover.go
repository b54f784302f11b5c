package events

// Plover returns the PLOVER 2.0 event category of a CAMEO code (CAMEO2PLOVER-2021): the
// code's own entry, else its three-digit parent's, else its root's; "" where PLOVER maps
// nothing (CAMEO 01, 02 and codes outside CAMEO).
func Plover(code string) string {
	for n := len(code); n >= 2; n-- {
		if p, ok := ploverTable[code[:n]]; ok {
			return p
		}
	}
	return ""
}

// PloverOf returns the PLOVER category of a sentence's events: that of the first event with
// both actors and a mapped category, else of the first event with a mapped category, else "".
func PloverOf(evs []Coded) string {
	for _, e := range evs {
		if p := Plover(e.Code); p != "" && e.Source != "" && e.Target != "" {
			return p
		}
	}
	for _, e := range evs {
		if p := Plover(e.Code); p != "" {
			return p
		}
	}
	return ""
}
