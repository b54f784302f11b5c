package read

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"chronicle"
)

// Language identification: small, fast and pure Go. Texts in a non-Latin script are told by
// their script (and, for Cyrillic and Arabic script, a few letters or function words); Latin
// texts by profiles of their most frequent function words. Only the first langSample bytes are
// looked at, so the cost per article is bounded (a few microseconds).

// langSample is how much of a text Language reads.
const langSample = 1500

// Language returns the ISO 639-1 code of the language s is written in, or "" when it cannot
// tell (too short, numbers and tables, no clear winner). English wins every close call: an
// English text is never given another language unless that language's function words clearly
// outnumber English ones.
func Language(s string) string {
	if len(s) > langSample {
		s = s[:langSample]
		for len(s) > 0 && !utf8.RuneStart(s[len(s)-1]) {
			s = s[:len(s)-1]
		}
		if len(s) > 0 { // drop a cut rune and a cut word
			_, size := utf8.DecodeLastRuneInString(s)
			s = s[:len(s)-size]
		}
	}
	if lang, ok := scriptLanguage(s); ok {
		return lang
	}
	return wordLanguage(s)
}

// scriptLanguage decides by script when most letters are not Latin.
func scriptLanguage(s string) (string, bool) {
	var latin, other int
	var counts [nScripts]int
	ascii := true
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c|0x20 >= 'a' && c|0x20 <= 'z' {
				latin++
			}
			i++
			continue
		}
		ascii = false
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if !unicode.IsLetter(r) {
			continue
		}
		sc := scriptOf(r)
		if sc == scLatin {
			latin++
			continue
		}
		other++
		counts[sc]++
	}
	if ascii || other <= latin || other < 10 {
		return "", false
	}
	best := scOther
	for sc := range counts {
		if counts[sc] > counts[best] {
			best = sc
		}
	}
	switch best {
	case scCyrillic:
		return cyrillicLanguage(s), true
	case scArabic:
		return arabicLanguage(s), true
	case scHan:
		if counts[scKana] > counts[scHan]/10 {
			return "ja", true
		}
		return "zh", true
	case scKana:
		return "ja", true
	case scHangul:
		return "ko", true
	case scGreek:
		return "el", true
	case scHebrew:
		return "he", true
	case scDevanagari:
		return "hi", true
	case scBengali:
		return "bn", true
	case scTamil:
		return "ta", true
	case scThai:
		return "th", true
	case scGeorgian:
		return "ka", true
	case scArmenian:
		return "hy", true
	}
	return "", false
}

const (
	scOther = iota
	scLatin
	scCyrillic
	scGreek
	scArabic
	scHebrew
	scHan
	scKana
	scHangul
	scDevanagari
	scBengali
	scTamil
	scThai
	scGeorgian
	scArmenian
	nScripts
)

func scriptOf(r rune) int {
	switch {
	case r < 0x250 || r >= 0x1E00 && r < 0x1F00:
		return scLatin
	case r >= 0x370 && r < 0x400 || r >= 0x1F00 && r < 0x2000:
		return scGreek
	case r >= 0x400 && r < 0x530:
		return scCyrillic
	case r >= 0x530 && r < 0x590:
		return scArmenian
	case r >= 0x590 && r < 0x600:
		return scHebrew
	case r >= 0x600 && r < 0x700 || r >= 0x750 && r < 0x780 || r >= 0xFB50 && r < 0xFE00 || r >= 0xFE70 && r < 0xFF00:
		return scArabic
	case r >= 0x900 && r < 0x980:
		return scDevanagari
	case r >= 0x980 && r < 0xA00:
		return scBengali
	case r >= 0xB80 && r < 0xC00:
		return scTamil
	case r >= 0xE00 && r < 0xE80:
		return scThai
	case r >= 0x10A0 && r < 0x1100:
		return scGeorgian
	case r >= 0x1100 && r < 0x1200 || r >= 0xAC00 && r < 0xD7B0 || r >= 0x3130 && r < 0x3190:
		return scHangul
	case r >= 0x3040 && r < 0x3100 || r >= 0x31F0 && r < 0x3200 || r >= 0xFF66 && r < 0xFFA0:
		return scKana
	case r >= 0x4E00 && r < 0xA000 || r >= 0x3400 && r < 0x4DC0 || r >= 0xF900 && r < 0xFB00 || r >= 0x20000 && r < 0x30000:
		return scHan
	}
	return scOther
}

// cyrillicLanguage tells Ukrainian, Belarusian, Bulgarian, Serbian and Macedonian from Russian by
// letters only they use, and Bulgarian by its function words.
func cyrillicLanguage(s string) string {
	var uk, be, sr, mk, ru, bg int
	for _, r := range s {
		switch r {
		case 'і', 'ї', 'є', 'ґ', 'І', 'Ї', 'Є', 'Ґ':
			uk++
			if r == 'і' || r == 'І' {
				be++
			}
		case 'ў', 'Ў':
			be += 3
		case 'ђ', 'ћ', 'Ђ', 'Ћ':
			sr += 3
		case 'ј', 'љ', 'њ', 'џ', 'Ј', 'Љ', 'Њ', 'Џ':
			sr++
			mk++
		case 'ѓ', 'ќ', 'ѕ', 'Ѓ', 'Ќ', 'Ѕ':
			mk += 3
		case 'ы', 'э', 'ё', 'Ы', 'Э', 'Ё':
			ru++
		}
	}
	words := 0
	for w := range strings.FieldsSeq(s) {
		switch strings.Trim(w, ".,;:!?\"«»()") {
		case "що", "та", "це", "який", "від", "але", "він", "вона", "також", "вже":
			uk += 2
		case "что", "это", "как", "его", "также", "был", "она", "они", "уже":
			ru += 2
		case "че", "това", "като", "който", "която", "са", "ще", "бе":
			bg += 2
		}
		if words++; words > 300 {
			break
		}
	}
	best, n := "ru", ru
	for _, c := range []struct {
		lang string
		n    int
	}{{"uk", uk}, {"be", be}, {"sr", sr}, {"mk", mk}, {"bg", bg}} {
		if c.n > n {
			best, n = c.lang, c.n
		}
	}
	return best
}

// arabicLanguage tells Persian and Urdu from Arabic by letters only they use.
func arabicLanguage(s string) string {
	var fa, ur int
	for _, r := range s {
		switch r {
		case 'پ', 'چ', 'ژ', 'گ', 'ک', 'ی':
			fa++
		case 'ے', 'ٹ', 'ڈ', 'ڑ', 'ں', 'ھ':
			ur += 2
		}
	}
	switch {
	case ur > 2 && ur >= fa:
		return "ur"
	case fa > 3:
		return "fa"
	}
	return "ar"
}

// Function words of Latin-script languages: the most frequent words of news text in each,
// chosen to tell close languages apart (Danish "af" and "efter", Norwegian "av" and "etter").
var functionWords = []struct {
	lang  string
	words string
}{
	{"en", "the of and to in is that for on it with as was he be by at from his are have has had not but an said they this were which will been who their or its would after we more also there than about new up could when into she her our what over"},
	{"de", "der die das und ist nicht ein eine zu den dem des mit von sich auf für im auch es er sie wir ich wird werden hat haben bei nach aus wie oder um noch nur über vor sind war kann dass einen einem einer durch zum zur am bis sagte seine ihre diese"},
	{"fr", "le la les de des du un une et est en que qui dans pour pas sur au aux avec ce cette il elle ils sont par plus ont été ne se son sa ses mais nous vous leur comme ou où selon après aussi être fait très"},
	{"es", "el la los las de del que en y por con para una es se no su al lo como más pero sus le ya este porque esta entre cuando muy sin sobre también hasta hay donde desde todo nos durante ha han dijo según fue"},
	{"pt", "o os as do da dos das que e em no na nos nas um uma para com não por mais se ao pelo pela foi ser como mas também já está são ou seu sua ele ela isso disse entre após até quando muito sem sobre"},
	{"it", "il lo la i gli le di del della dei delle che e è in un una per con non si da al alla sono come ma più anche questo questa ha nel nella sul sulla dal dalla ci ne se suo sua loro essere stato stata tra dopo molto"},
	{"nl", "de het een en van in is dat op te voor met zijn niet aan er ook als bij maar om door naar dan nog wel worden wordt heeft hebben uit over tot ze zich deze dit die kan werd was"},
	{"sv", "och i att det som en på är av för med till den har de inte om ett han men var jag sig från vi så kan när efter också hade eller mot vid skulle blev sina sin under"},
	{"da", "og i at det er en til på med af for den som de har ikke et der var fra men vil blev efter også kan om han hun sig mig eller skal når hvor havde nu over"},
	{"no", "og i det er en til på med av for som de har ikke et den var fra men vil ble etter også kan om han hun seg meg eller skal når hvor hadde nå over at"},
	{"fi", "ja on ei se että oli hän kun mutta myös ovat joka sen tai jo kuin niin mukaan vuoden ole hänen sekä jotka tämä nyt voi vain"},
	{"pl", "i w na z się nie do to że jest o jak a po od co ale za przez dla jego już tym są być może jako tak tego był było przy oraz które który która ich ze także"},
	{"cs", "a v se na je že s z do o to k i ve jako pro ale by jsou od po za jeho které který která byl bylo také tak jak podle při už jen není"},
	{"ro", "și în de la a cu pe că din nu este o un care să au mai fost pentru ca sau ce al lui după prin acest această sunt dar fi își"},
	{"hu", "a az és hogy nem is egy van volt meg de csak már még mint ki el ezt azt vagy kell után szerint lesz pedig sem akkor amely amit ha"},
	{"tr", "ve bir bu da de için ile olarak çok daha ne o gibi en ama kadar sonra olan var ya değil şey her mi ki diye ancak göre yeni"},
	{"id", "yang dan di ini itu dengan untuk dari dalam tidak akan pada juga ke ada karena oleh atau saya kata bisa telah sudah mereka lebih kami seperti"},
	{"ca", "el la els les de del i que a en un una per amb no és va són com més però dels al seu seva també quan aquest aquesta ha han"},
	{"hr", "i je u na da se su za od s sa a koji koja kao što ali iz o nije bio biti će ili samo još kako prema nakon"},
}

var (
	langOnce  sync.Once
	langIndex map[string]uint32 // word → bit set of languages (index into functionWords)
)

func initLang() {
	langIndex = map[string]uint32{}
	for i, fw := range functionWords {
		for w := range strings.FieldsSeq(fw.words) {
			langIndex[w] |= 1 << i
		}
	}
}

// wordLanguage counts function words of each language in the first 300 words.
func wordLanguage(s string) string {
	langOnce.Do(initLang)
	var hits [32]int
	var buf [24]byte
	words := 0
	for i := 0; i < len(s) && words < 300; {
		// Skip to a word start.
		r, size := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsLetter(r) {
			i += size
			continue
		}
		n := 0
		long := false
		for i < len(s) {
			r, size = utf8.DecodeRuneInString(s[i:])
			if !unicode.IsLetter(r) {
				break
			}
			i += size
			if r < utf8.RuneSelf {
				r |= 0x20 * rune(boolInt(r >= 'A' && r <= 'Z'))
			} else {
				r = unicode.ToLower(r)
			}
			if n+utf8.RuneLen(r) > len(buf) {
				long = true
				continue
			}
			n += utf8.EncodeRune(buf[n:], r)
		}
		words++
		if long {
			continue
		}
		if set := langIndex[string(buf[:n])]; set != 0 {
			for j := range functionWords {
				if set&(1<<j) != 0 {
					hits[j]++
				}
			}
		}
	}
	en := hits[0]
	best := 0
	for j := 1; j < len(functionWords); j++ {
		if hits[j] > hits[best] {
			best = j
		}
	}
	if best == 0 {
		if en >= 3 {
			return "en"
		}
		return ""
	}
	// Another language must clearly beat English, and be clear of its runner-up.
	runner := 0
	for j := 1; j < len(functionWords); j++ {
		if j != best && hits[j] > runner {
			runner = hits[j]
		}
	}
	if hits[best] >= 4 && hits[best]*2 >= en*3+4 && hits[best] > runner {
		return functionWords[best].lang
	}
	if en >= 3 && en*2 >= hits[best] {
		return "en"
	}
	return ""
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// markLanguage sets a.Lang when the input did not, and marks an article that is not in English
// as skipped: its text is kept and cleaned, the English extractors do not run on it.
func markLanguage(a *chronicle.Article) {
	if a == nil || a.Status != "" {
		return
	}
	if a.Lang == "" {
		a.Lang = Language(a.Text)
	}
	lang := strings.ToLower(a.Lang)
	if i := strings.IndexAny(lang, "-_"); i >= 0 {
		lang = lang[:i]
	}
	if lang != "" && lang != "en" && lang != "eng" && a.Text != "" {
		a.Status = "skipped: language " + lang
	}
}
