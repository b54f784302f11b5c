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
