package actors

import "testing"

func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := decode(kbGz); err != nil {
			b.Fatal(err)
		}
	}
}
