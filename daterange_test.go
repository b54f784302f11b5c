package chronicle

import "testing"

func TestDateRange(t *testing.T) {
	tests := []struct{ in, start, end string }{
		{"2025-07-03", "2025-07-03", "2025-07-03"},
		{"2025-07-03T10:00", "2025-07-03", "2025-07-03"},
		{"2025-07-03TEV", "2025-07-03", "2025-07-03"},
		{"2025-07", "2025-07-01", "2025-07-31"},
		{"2024-02", "2024-02-01", "2024-02-29"},
		{"2025-W27", "2025-06-30", "2025-07-06"},
		{"2025-W01", "2024-12-30", "2025-01-05"},
		{"2025-W27-WE", "2025-07-05", "2025-07-06"},
		{"2025-Q3", "2025-07-01", "2025-09-30"},
		{"2025-H1", "2025-01-01", "2025-06-30"},
		{"2025-SU", "2025-06-01", "2025-08-31"},
		{"2025-WI", "2025-12-01", "2026-02-28"},
		{"2025", "2025-01-01", "2025-12-31"},
		{"199", "1990-01-01", "1999-12-31"},
		{"19", "1900-01-01", "1999-12-31"},
		{"PRESENT_REF", "", ""},
		{"P3Y", "", ""},
		{"2025-13", "", ""},
		{"2025-02-30", "", ""},
		{"XXXX-WXX-1", "", ""},
	}
	for _, tt := range tests {
		s, e, ok := DateRange(tt.in)
		if !ok {
			if tt.start != "" {
				t.Errorf("DateRange(%q) failed", tt.in)
			}
			continue
		}
		if tt.start == "" || s.Format(DateLayout) != tt.start || e.Format(DateLayout) != tt.end {
			t.Errorf("DateRange(%q) = %s %s, want %s %s", tt.in, s.Format(DateLayout), e.Format(DateLayout), tt.start, tt.end)
		}
	}
}
