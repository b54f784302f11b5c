package norm

import "testing"

func TestKey(t *testing.T) {
	tests := []struct{ in, want string }{
		{"U.S.", "us"}, {"Ban Ki-moon", "ban ki moon"}, {"Zelenskyy", "zelenskyy"},
		{"  Recep Tayyip Erdoğan ", "recep tayyip erdogan"}, {"Putin’s", "putins"},
		{"Élysée Palace", "elysee palace"}, {"AT&T", "at&t"}, {"Straße", "strasse"},
		{"Москва", "москва"}, {"...", ""},
	}
	for _, tt := range tests {
		if got := Key(tt.in); got != tt.want {
			t.Errorf("Key(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if got := string(AppendKey([]byte("vladimir"), "Putin")); got != "vladimir putin" {
		t.Errorf("AppendKey = %q", got)
	}
}

func TestVariant(t *testing.T) {
	same := [][]string{
		{"zelensky", "zelenskiy", "zelenskyy", "selenskyj", "zelenski"},
		{"medvedev", "medwedew"},
		{"dmitry", "dmitri", "dmitriy", "dmitrii"},
		{"sergei", "sergey", "sergej"},
		{"khrushchev", "hrushchev"},
		{"tchaikovsky", "chaikovsky"},
	}
	for _, g := range same {
		for _, s := range g[1:] {
			if Variant(s) != Variant(g[0]) {
				t.Errorf("Variant(%q) = %q, Variant(%q) = %q", s, Variant(s), g[0], Variant(g[0]))
			}
		}
	}
	if Variant("putin") == Variant("patin") {
		t.Error("Variant merges distinct vowels")
	}
}

func TestTitle(t *testing.T) {
	tests := []struct{ in, want string }{
		{"VLADIMIR_PUTIN_", "Vladimir Putin"}, {"U.N._SECURITY_COUNCIL", "U.N. Security Council"},
		{"BASHAR_AL-ASSAD_", "Bashar Al-Assad"}, {"US_INTELLIGENCE_COMMUNITY", "US Intelligence Community"},
		{"NATO", "NATO"}, {"CNN", "CNN"}, {"AL_HAQ", "Al Haq"},
	}
	for _, tt := range tests {
		if got := Title(tt.in); got != tt.want {
			t.Errorf("Title(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
