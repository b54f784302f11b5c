package read

import (
	"strings"
	"testing"

	"chronicle"
	"chronicle/internal/reuters"
)

func TestLanguage(t *testing.T) {
	tests := []struct{ want, text string }{
		{"en", "Russian President Vladimir Putin told his American counterpart Donald Trump that Russia would not step back from its goals, a Kremlin aide said on Thursday."},
		{"en", "The company said it expects the merger to be completed by the end of the year, subject to approval by shareholders."},
		{"", "Shr 12 cts vs 15 cts Net 1,234,000 vs 1,456,000 Revs 12.3 mln vs 11.9 mln"},
		{"", "Vladimir Putin, Donald Trump."},
		{"de", "Der russische Präsident Wladimir Putin hat am Donnerstag mit dem amerikanischen Präsidenten telefoniert, wie der Kreml mitteilte."},
		{"fr", "Le président russe Vladimir Poutine a parlé jeudi avec son homologue américain, a indiqué le Kremlin dans un communiqué."},
		{"es", "El presidente ruso Vladímir Putin habló el jueves con su homólogo estadounidense, según informó el Kremlin en un comunicado."},
		{"pt", "O presidente russo Vladimir Putin conversou na quinta-feira com o seu homólogo americano, disse o Kremlin em um comunicado."},
		{"it", "Il presidente russo Vladimir Putin ha parlato giovedì con il suo omologo americano, ha detto il Cremlino in una nota."},
		{"nl", "De Russische president Vladimir Poetin heeft donderdag met zijn Amerikaanse ambtgenoot gebeld, meldt het Kremlin in een verklaring."},
		{"sv", "Rysslands president Vladimir Putin talade på torsdagen med sin amerikanske kollega, och det var inte första gången enligt Kreml."},
		{"da", "Ruslands præsident Vladimir Putin talte torsdag med sin amerikanske kollega, og det var ikke første gang, efter hvad Kreml oplyser af sine kilder."},
		{"pl", "Prezydent Rosji Władimir Putin rozmawiał w czwartek ze swoim amerykańskim odpowiednikiem, jak podał Kreml w komunikacie, że to nie jest pierwsza rozmowa."},
		{"tr", "Rusya Devlet Başkanı Vladimir Putin perşembe günü Amerikalı mevkidaşı ile bir telefon görüşmesi yaptı ve bu görüşme çok daha uzun sürdü."},
		{"id", "Presiden Rusia Vladimir Putin berbicara dengan mitranya dari Amerika pada hari Kamis, kata Kremlin dalam sebuah pernyataan yang tidak biasa."},
		{"ru", "Президент России Владимир Путин в четверг провел телефонный разговор с президентом США, сообщили в Кремле."},
		{"uk", "Президент Росії Володимир Путін у четвер провів телефонну розмову з президентом США, повідомили в Кремлі."},
		{"zh", "俄罗斯总统普京周四与美国总统特朗普通电话，克里姆林宫表示双方讨论了乌克兰问题。"},
		{"ja", "ロシアのプーチン大統領は木曜日、トランプ米大統領と電話で会談したとクレムリンが発表した。"},
		{"ko", "블라디미르 푸틴 러시아 대통령은 목요일 도널드 트럼프 미국 대통령과 전화 통화를 했다고 크렘린궁이 밝혔다."},
		{"ar", "أجرى الرئيس الروسي فلاديمير بوتين يوم الخميس اتصالا هاتفيا مع الرئيس الأمريكي دونالد ترامب، حسبما أعلن الكرملين."},
		{"fa", "ولادیمیر پوتین رئیس جمهور روسیه روز پنجشنبه با دونالد ترامپ رئیس جمهور آمریکا گفتگوی تلفنی کرد."},
		{"el", "Ο Ρώσος πρόεδρος Βλαντιμίρ Πούτιν μίλησε την Πέμπτη τηλεφωνικά με τον Αμερικανό πρόεδρο Ντόναλντ Τραμπ."},
		{"he", "נשיא רוסיה ולדימיר פוטין שוחח ביום חמישי בטלפון עם נשיא ארה\"ב דונלד טראמפ, כך נמסר מהקרמלין."},
		{"en", "Le Monde reported that the French president, Emmanuel Macron, said the talks with the Kremlin were useful and that he would travel to Moscow."},
	}
	for _, tt := range tests {
		if got := Language(tt.text); got != tt.want {
			t.Errorf("Language(%.50q…) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// TestLanguageReuters checks that English wire copy is never skipped as another language.
func TestLanguageReuters(t *testing.T) {
	dir := reuters.Dir()
	if dir == "" {
		t.Skip("skipping: ../shared/data/reuters21578 not found")
	}
	stories, err := reuters.Load(dir, 3000)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range stories {
		a := &chronicle.Article{Text: s.Body}
		markLanguage(a)
		if a.Status != "" {
			t.Errorf("Reuters %s marked %q: %.80q", s.ID, a.Status, strings.TrimSpace(s.Body))
		}
	}
}

func BenchmarkLanguage(b *testing.B) {
	dir := reuters.Dir()
	if dir == "" {
		b.Skip("skipping: ../shared/data/reuters21578 not found")
	}
	stories, err := reuters.Load(dir, 2000)
	if err != nil {
		b.Fatal(err)
	}
	words := 0
	for _, s := range stories {
		words += reuters.Words(s.Body)
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range stories {
			Language(s.Body)
		}
	}
	b.ReportMetric(float64(words)*float64(b.N)/b.Elapsed().Seconds(), "words/s")
}
