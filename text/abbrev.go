package text

// abbrevs are words that take a period as part of the token. The value says whether the
// abbreviation can end a sentence (false: a title or a prefix that a name or number follows).
var abbrevs = map[string]bool{
	// titles and prefixes: never end a sentence
	"Mr": false, "Mrs": false, "Ms": false, "Dr": false, "Prof": false, "Sr": true, "Jr": true,
	"St": false, "Gen": false, "Gov": false, "Sen": false, "Rep": false, "Lt": false, "Col": false,
	"Capt": false, "Cmdr": false, "Sgt": false, "Maj": false, "Adm": false, "Brig": false,
	"Pres": false, "Rev": false, "Hon": false, "Amb": false, "Supt": false, "Insp": false,
	"Det": false, "Cpl": false, "Pvt": false, "Fr": false, "Msgr": false, "Atty": false,
	"Sens": false, "Reps": false, "Gens": false, "Messrs": false, "Mmes": false, "Mme": false,
	"Mt": false, "Ft": false, "Pt": true, "vs": false, "Vs": false, "cf": false,
	"approx": false, "Op": false,
	// months and days
	"Jan": true, "Feb": true, "Mar": true, "Apr": true, "Jun": true, "Jul": true,
	"Aug": true, "Sep": true, "Sept": true, "Oct": true, "Nov": true, "Dec": true,
	"Mon": true, "Tue": true, "Tues": true, "Wed": true, "Thu": true, "Thur": true,
	"Thurs": true, "Fri": true, "Sat": true, "Sun": true,
	// companies, places, units: may end a sentence
	"Inc": true, "Corp": true, "Co": true, "Ltd": true, "Bros": true, "Plc": true, "plc": true,
	"Cos": true, "Assn": true, "Dept": true, "Univ": false, "Ave": true, "Blvd": true, "Rd": true,
	"Hwy": true, "Sq": true, "etc": true, "al": true, "Calif": true, "Conn": true, "Fla": true,
	"Ill": true, "Mass": true, "Mich": true, "Minn": true, "Penn": true, "Pa": true, "Tenn": true,
	"Tex": true, "Wash": true, "Wis": true, "Ariz": true, "Colo": true, "Okla": true, "Ore": true,
	"Ky": true, "Md": true, "Mo": true, "Neb": true, "Nev": true, "Va": true, "Ala": true,
	"Ark": true, "Del": true, "Ga": true, "Ind": true, "Kan": true, "La": true, "Miss": true,
	"Mont": true, "Wyo": true, "Vt": true, "Ida": true,
	"Fig": false, "Vol": false, "pp": false,
}

// IsAbbrev reports whether w (without its final period) is a known abbreviation that keeps its
// period.
func IsAbbrev(w string) bool {
	_, ok := abbrevs[w]
	return ok
}

// canEndSentence reports whether an abbreviation token (with its period) may end a sentence.
func canEndSentence(tok string) bool {
	w := tok
	if len(w) > 0 && w[len(w)-1] == '.' {
		w = w[:len(w)-1]
	}
	if end, ok := abbrevs[w]; ok {
		return end
	}
	return !isInitial(w) // U.S., a.m., e.g. may end a sentence; a single initial does not
}

// sentenceStarters are capitalised words that, after an abbreviation that may end a sentence,
// signal a new sentence ("… in the U.S. The company …").
var sentenceStarters = map[string]bool{
	"The": true, "A": true, "An": true, "This": true, "That": true, "These": true, "Those": true,
	"He": true, "She": true, "It": true, "They": true, "We": true, "I": true, "You": true,
	"His": true, "Her": true, "Its": true, "Their": true, "Our": true, "My": true,
	"But": true, "And": true, "Or": true, "So": true, "Yet": true, "However": true,
	"Meanwhile": true, "In": true, "On": true, "At": true, "For": true, "From": true, "With": true,
	"As": true, "After": true, "Before": true, "When": true, "While": true, "If": true,
	"There": true, "Here": true, "What": true, "Who": true, "Why": true, "How": true,
	"Earlier": true, "Later": true, "Also": true, "Still": true, "Some": true, "Many": true,
	"Most": true, "According": true, "Under": true, "Since": true, "During": true, "By": true,
	"Such": true, "Other": true, "Both": true, "Each": true, "All": true, "No": true, "Not": true,
	"Last": true, "Next": true, "Analysts": true, "Officials": true, "Shares": true,
}
