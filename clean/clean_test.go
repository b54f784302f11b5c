package clean

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestClean(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"also read runs into text",
			"Ushakov said.\n\nALSO READ: Russia-Ukraine conflict: Eliminate root cause of issue, Putin tells Trump In a wide-ranging conversation, Trump spoke.",
			"Ushakov said.\n\nIn a wide-ranging conversation, Trump spoke."},
		{"card headline before marker",
			"Russia has offered to mediate in the region. Pause in weapons supply surprises US allies ALSO READ: No more questions on rare earths now: Trump after 'very good' call with Xi According to a Bloomberg report, Trump may call.",
			"Russia has offered to mediate in the region. According to a Bloomberg report, Trump may call."},
		{"teaser on its own line",
			"First paragraph.\nAlso read: Ten things to know about the summit\nSecond paragraph.",
			"First paragraph.\nSecond paragraph."},
		{"marker alone on a line",
			"First.\nALSO READ\nSecond.",
			"First.\nSecond."},
		{"click here",
			"The vote is today. Click here to read our full coverage. Turnout was high.",
			"The vote is today. Turnout was high."},
		{"subscribe at line end",
			"Text here.\nSubscribe to our newsletter for updates\nMore text.",
			"Text here.\nMore text."},
		{"unclear end is kept",
			"ALSO READ: " + strings.Repeat("word ", 40) + "end",
			"ALSO READ: " + strings.Repeat("word ", 40) + "end"},
		{"subscribe inside a sentence is kept",
			"Few subscribe to that view. Others do.",
			"Few subscribe to that view. Others do."},
		{"related as a word is kept",
			"Related issues were raised. Also read the report, he said.",
			"Related issues were raised. Also read the report, he said."},
		{"caption up to where the text resumes",
			"Image copyright EPA Image caption The blast destroyed nearby buildings and cars A suicide bomber has rammed a truck into the gate.",
			"A suicide bomber has rammed a truck into the gate."},
		{"caption after a sentence",
			"Officials said troops were on site. Image copyright Reuters Image caption Doctors expect more casualties The toll rose overnight.",
			"Officials said troops were on site. The toll rose overnight."},
		{"caption on its own line",
			"First paragraph.\nMedia caption Shoppers react to the new bars\nSecond paragraph.",
			"First paragraph.\n\nSecond paragraph."},
		{"caption without a clear end: only the markers go",
			"The mayor spoke. Image copyright Getty Images Image caption A crater was left by the blast Taliban spokesman Zabihullah Mujahid said the fighters had attacked.",
			"The mayor spoke. A crater was left by the blast Taliban spokesman Zabihullah Mujahid said the fighters had attacked."},
		{"media caption before a name",
			"Media caption Trump Trump said on Monday that talks would go on.",
			"Trump Trump said on Monday that talks would go on."},
		{"caption as a word is kept",
			"The Image caption contest ended. Image captions are short. Media captioning helps.",
			"The Image caption contest ended. Image captions are short. Media captioning helps."},
		{"control characters",
			"a\x03b\x1fc\u200bd",
			"abcd"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, m := Clean(tt.in)
			if got != tt.want {
				t.Fatalf("Clean\n got %q\nwant %q", got, tt.want)
			}
			checkMap(t, tt.in, got, m)
		})
	}
}

// checkMap verifies that every kept byte maps back to the same byte of the input.
func checkMap(t *testing.T, in, out string, m interface{ Input(int) int }) {
	t.Helper()
	for i := 0; i < len(out); i++ {
		j := m.Input(i)
		if j < 0 || j >= len(in) || in[j] != out[i] {
			t.Fatalf("offset %d maps to %d: %q vs input", i, j, out[i])
		}
	}
}

func TestRunningExample(t *testing.T) {
	p := filepath.Join("..", "..", "shared", "examples", "2025-07-03-putin-trump-call.txt")
	data, err := os.ReadFile(p)
	if err != nil {
		t.Skipf("skipping: %v", err)
	}
	got, m := Clean(string(data))
	for _, gone := range []string{"ALSO READ", "Eliminate root cause", "very good", "Pause in weapons supply"} {
		if strings.Contains(got, gone) {
			t.Errorf("cleaned text still holds %q", gone)
		}
	}
	for _, kept := range []string{"Ushakov said.\n\nIn a wide-ranging conversation", "in the region. According to a Bloomberg report"} {
		if !strings.Contains(got, kept) {
			t.Errorf("cleaned text lost %q", kept)
		}
	}
	checkMap(t, string(data), got, m)
}

func FuzzClean(f *testing.F) {
	f.Add("ALSO READ: a b c In the end.")
	f.Add("x Pause ALSO READ: Click here to\n")
	f.Fuzz(func(t *testing.T, s string) {
		got, m := Clean(s)
		if m == nil {
			if got != s {
				t.Fatal("text changed without a map")
			}
			return
		}
		checkMap(t, s, got, m)
	})
}
