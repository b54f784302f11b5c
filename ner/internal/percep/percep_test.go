package percep

import (
	"bytes"
	"math"
	"math/rand/v2"
	"testing"
)

// bruteForce returns the best-scoring allowed sequence by enumeration.
func bruteForce(em []float32, L, n int, trans []float32, allowed []bool) []int {
	best := float32(math.Inf(-1))
	var bestSeq []int
	seq := make([]int, n)
	var rec func(i int, score float32)
	rec = func(i int, score float32) {
		if i == n {
			if score > best {
				best, bestSeq = score, append([]int(nil), seq...)
			}
			return
		}
		for y := 0; y < L; y++ {
			p := -1
			if i > 0 {
				p = seq[i-1]
			}
			k := (p+1)*L + y
			if allowed != nil && !allowed[k] {
				continue
			}
			seq[i] = y
			rec(i+1, score+trans[k]+em[i*L+y])
		}
	}
	rec(0, 0)
	return bestSeq
}

func TestViterbi(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := 0; trial < 200; trial++ {
		L, n := 1+rng.IntN(4), 1+rng.IntN(5)
		em := make([]float32, n*L)
		for i := range em {
			em[i] = float32(rng.NormFloat64())
		}
		trans := make([]float32, (L+1)*L)
		for i := range trans {
			trans[i] = float32(rng.NormFloat64())
		}
		var allowed []bool
		if trial%2 == 1 {
			allowed = make([]bool, len(trans))
			for i := range allowed {
				allowed[i] = rng.IntN(4) > 0 || i%L == 0 // label 0 is always reachable
			}
		}
		want := bruteForce(em, L, n, trans, allowed)
		got := make([]int, n)
		Viterbi(em, L, trans, allowed, make([]int16, n*L), make([]float32, 2*L), got)
		for i := range got {
			if got[i] != want[i] {
				t.Fatalf("trial %d (L=%d n=%d): got %v, want %v", trial, L, n, got, want)
			}
		}
	}
}

func TestTrainerModel(t *testing.T) {
	labels := []string{"A", "B", "C"}
	tr := NewTrainer(labels, true)
	f1, f2, f3 := Join(1, Str("x")), Join(1, Str("y")), Join2(2, 3, 4)
	data := []struct {
		fs []uint64
		y  int
	}{{[]uint64{f1, f3}, 0}, {[]uint64{f2, f3}, 1}, {[]uint64{f1, f2}, 2}}
	for epoch := 0; epoch < 10; epoch++ {
		for _, d := range data {
			sc := make([]float32, 3)
			tr.Score(d.fs, sc)
			if y := Greedy(sc); y != d.y {
				tr.Update(d.fs, d.y, 1)
				tr.Update(d.fs, y, -1)
			}
			tr.UpdateTrans(-1, d.y, 0.5)
			tr.Tick()
		}
	}
	m := tr.Average(0)
	for _, d := range data {
		sc := make([]float32, 3)
		m.Score(d.fs, sc)
		if y := Greedy(sc); y != d.y {
			t.Errorf("averaged model: %v → %d, want %d (scores %v)", d.fs, y, d.y, sc)
		}
	}
	var b bytes.Buffer
	if _, err := m.WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	b.WriteString("rest")
	m2, rest, err := Read(b.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	if string(rest) != "rest" {
		t.Errorf("Read left %q, want the bytes after the model", rest)
	}
	if m2.NumFeatures() != m.NumFeatures() || len(m2.Trans) != len(m.Trans) {
		t.Fatalf("round trip: %d features %d trans, want %d %d", m2.NumFeatures(), len(m2.Trans), m.NumFeatures(), len(m.Trans))
	}
	for _, d := range data {
		a, c := make([]float32, 3), make([]float32, 3)
		m.Score(d.fs, a)
		m2.Score(d.fs, c)
		for j := range a {
			if math.Abs(float64(a[j]-c[j])) > 1e-3*math.Max(1, math.Abs(float64(a[j]))) {
				t.Errorf("round trip changed scores: %v vs %v", a, c)
			}
		}
	}
	for _, bad := range [][]byte{nil, []byte("PCP2"), []byte("XXXX\x01"), b.Bytes()[:len(b.Bytes())/2]} {
		if _, _, err := Read(bad); err == nil {
			t.Errorf("Read(%q) accepted a bad model", bad)
		}
	}
}

func FuzzRead(f *testing.F) {
	f.Add([]byte("PCP2\x02\x01A\x01B\x00\x01\x05\x01\x00\x00\x80\x3f\x01\x02"))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, _, err := Read(data)
		if err == nil {
			m.Score([]uint64{1, 2, 3, 5}, make([]float32, len(m.Labels)))
		}
	})
}
