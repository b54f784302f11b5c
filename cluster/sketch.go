package cluster

import (
	"math/bits"
	"slices"
	"unicode"
	"unicode/utf8"

	"chronicle"
)

// Near-duplicate articles: each article's text (not its headline, which copy desks rewrite) is
// cut into lower-cased word 5-shingles; a MinHash signature of NumHashes values estimates the
// Jaccard similarity of two shingle sets, and NumBands bands of BandRows values each index the
// start of the signature for locality-sensitive hashing: two articles sharing a band are candidates, which
// are then verified on the signatures.

const (
	// ShingleWords is the number of consecutive words in a shingle.
	ShingleWords = 5
	// NumHashes is the length of a MinHash signature.
	NumHashes = 128
	// BandRows is the number of signature values in one LSH band.
	BandRows = 2
	// NumBands is the number of LSH bands, over the first NumBands·BandRows signature values:
	// a pair with Jaccard similarity 0.3 shares a band with probability 1-(1-0.3²)³² ≈ 0.95.
	NumBands = 32
	// MinContainment is the estimated share of the shorter article's shingles found in the
	// longer one above which two articles are near-duplicates.
	MinContainment = 0.5
	// PerBand is how many stored articles of one LSH band are candidates (the first stored):
	// a band shared by more articles than that belongs to a crowd of near-identical copies,
	// any of which links a new copy to their group, and it keeps the work per article bounded.
	PerBand = 64
	// MinJaccard is a floor on the estimated Jaccard similarity, so that a brief wholly quoted
	// inside a long story is not taken for a copy of it.
	MinJaccard = 0.2
)

// hash parameters of the MinHash functions: h_i(x) = (a_i·x + b_i) >> 32 over 64-bit words,
// with a_i odd (multiply-shift hashing), drawn once from a fixed seed.
var hashA, hashB [NumHashes]uint64

func init() {
	s := uint64(0x9e3779b97f4a7c15)
	for i := range NumHashes {
		hashA[i] = splitmix(&s) | 1
		hashB[i] = splitmix(&s)
	}
}

func splitmix(s *uint64) uint64 {
	*s += 0x9e3779b97f4a7c15
	z := *s
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

func mix(z uint64) uint64 {
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// Shingles returns the sorted distinct hashes of the word shingles of s. A text shorter than
// ShingleWords words has one shingle (all its words); an empty text none.
func Shingles(s string) []uint64 {
	words := make([]uint64, 0, len(s)/6)
	const (
		offset = 14695981039346656037
		prime  = 1099511628211
	)
	h, in := uint64(offset), false
	for i := 0; i < len(s); {
		c := s[i]
		var r rune
		size := 1
		if c < utf8.RuneSelf {
			r = rune(c)
		} else {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		i += size
		switch {
		case r < utf8.RuneSelf && ('a' <= r && r <= 'z' || '0' <= r && r <= '9'):
		case r < utf8.RuneSelf && 'A' <= r && r <= 'Z':
			r += 'a' - 'A'
		case r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			r = unicode.ToLower(r)
		default:
			if in {
				words = append(words, h)
				h, in = offset, false
			}
			continue
		}
		in = true
		h = (h ^ uint64(r)) * prime
	}
	if in {
		words = append(words, h)
	}
	if len(words) == 0 {
		return nil
	}
	n := len(words) - ShingleWords + 1
	if n < 1 {
		n = 1
	}
	out := make([]uint64, 0, n)
	for i := range n {
		var x uint64
		for j := i; j < i+ShingleWords && j < len(words); j++ {
			x = bits.RotateLeft64(x, 17) ^ words[j]
			x *= 0x9e3779b97f4a7c15
		}
		out = append(out, mix(x))
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// MinHash returns the MinHash signature of a set of shingle hashes (all 0xffffffff when the set
// is empty).
func MinHash(shingles []uint64) []uint32 {
	sig := make([]uint32, NumHashes)
	for i := range sig {
		sig[i] = ^uint32(0)
	}
	for _, x := range shingles {
		for i := range NumHashes {
			if v := uint32((hashA[i]*x + hashB[i]) >> 32); v < sig[i] {
				sig[i] = v
			}
		}
	}
	return sig
}

// Bands returns the LSH band hashes of a signature (none for an empty text). Band i's hash
// includes i, so equal values in different bands do not collide.
func Bands(sig []uint32) []uint64 {
	if len(sig) != NumHashes || sig[0] == ^uint32(0) {
		return nil
	}
	out := make([]uint64, NumBands)
	for b := range NumBands {
		x := uint64(b+1) * 0x9e3779b97f4a7c15
		for _, v := range sig[b*BandRows : (b+1)*BandRows] {
			x = mix(x ^ uint64(v))
		}
		out[b] = x >> 1 // fits a signed 64-bit database integer
	}
	return out
}

// Sketch returns the sketch of an article (Original left empty).
func Sketch(a *chronicle.Article) chronicle.Sketch {
	sh := Shingles(a.Text)
	sig := MinHash(sh)
	return chronicle.Sketch{Article: a.ID, Date: a.Date, Shingles: len(sh), MinHash: sig, Bands: Bands(sig)}
}

// Jaccard estimates the Jaccard similarity of the shingle sets of two signatures.
func Jaccard(a, b []uint32) float64 {
	if len(a) != len(b) || len(a) == 0 {
		return 0
	}
	n := 0
	for i := range a {
		if a[i] == b[i] {
			n++
		}
	}
	return float64(n) / float64(len(a))
}

// Similarity estimates the containment of the shorter article's shingles in the longer one's
// (|A∩B| / min(|A|,|B|)) and the Jaccard similarity, from two sketches.
func Similarity(a, b chronicle.Sketch) (containment, jaccard float64) {
	j := Jaccard(a.MinHash, b.MinHash)
	if a.Shingles == 0 || b.Shingles == 0 || j == 0 {
		return 0, j
	}
	inter := j * float64(a.Shingles+b.Shingles) / (1 + j)
	c := inter / float64(min(a.Shingles, b.Shingles))
	return min(c, 1), j
}

// Duplicate reports whether two sketches are near-duplicates, and the estimated containment.
func Duplicate(a, b chronicle.Sketch) (bool, float64) {
	c, j := Similarity(a, b)
	return c >= MinContainment && j >= MinJaccard, c
}

// Before reports whether a is a better original than b for a group of near-duplicates: the
// earlier article, then the fuller one, then the smaller id. It is a total order, so a group's
// original does not depend on the order articles arrive in.
func Before(a, b chronicle.Sketch) bool {
	if a.Date != b.Date {
		return a.Date < b.Date
	}
	if a.Shingles != b.Shingles {
		return a.Shingles > b.Shingles
	}
	return a.Article < b.Article
}
