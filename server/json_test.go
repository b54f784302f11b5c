package server

import (
	"bytes"
	"encoding/json"
	"math"
	"math/rand/v2"
	"net/http/httptest"
	"testing"

	"chronicle"
)

// TestJSONEncoding compares the hand-written JSON of event pages and timelines with
// encoding/json's.
func TestJSONEncoding(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	strs := []string{"", "Putin", `say "no"`, `back\slash`, "tab\tnew\nline\r\b\f\x00\x1f\x7f", "<a href='x'>&amp;</a>",
		"Ñandú 🙂", "\u2028\u2029", "bad \xff\xfe utf8 \xe2\x82", "\xed\xa0\x80 surrogate", "日本語のテキスト"}
	str := func() string { return strs[rng.IntN(len(strs))] + strs[rng.IntN(len(strs))] }
	floats := []float64{0, 1, -1, 0.5, 1.0 / 3, 1e-6, 9.99e-7, 1e-7, 123456789, 1e20, 1e21, -1e21, 5e-324, math.MaxFloat64, 0.1 + 0.2, -0.0}
	flt := func() float64 {
		if rng.IntN(2) == 0 {
			return floats[rng.IntN(len(floats))]
		}
		return rng.NormFloat64() * math.Pow(10, float64(rng.IntN(50)-25))
	}
	event := func() chronicle.Event {
		v := chronicle.Event{ID: str(), Code: str(), Root: str(), Plover: str(), Modality: str(),
			Source: chronicle.EventArg{Entity: str(), Actor: str(), Text: str(), Name: str()},
			Target: chronicle.EventArg{Entity: str(), Actor: str(), Text: str(), Name: str()},
			Date:   str(), DateFrom: str(), TimexID: str(), Trigger: chronicle.Span{Start: rng.IntN(1000) - 5, End: rng.IntN(1000), Text: str()},
			Sentence: chronicle.Span{Start: rng.IntN(1000), End: rng.IntN(1 << 30), Text: str()}, QuoteID: str(), Confidence: flt(),
			Why: str(), Article: str(), Cluster: str()}
		if rng.IntN(2) == 0 {
			v.Place = &chronicle.Place{Name: str(), GeoNames: rng.IntN(1 << 20), Lat: flt(), Lon: flt()}
		}
		return v
	}
	for range 300 {
		n := rng.IntN(6)
		evs := make([]chronicle.Event, n)
		for i := range evs {
			evs[i] = event()
		}
		p := chronicle.Page{Limit: rng.IntN(5), Offset: rng.IntN(100)}
		r := httptest.NewRequest("GET", "/api/v1/events?actor=Putin&limit=3&q="+[]string{"", "%E2%80%A8", "%22"}[rng.IntN(3)], nil)
		want, got := httptest.NewRecorder(), httptest.NewRecorder()
		if err := writeList(want, r, evs, p); err != nil {
			t.Fatal(err)
		}
		if err := writeEvents(got, r, evs, p); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Body.Bytes(), want.Body.Bytes()) || got.Header().Get("Content-Type") != want.Header().Get("Content-Type") {
			t.Fatalf("events:\n got %s\nwant %s", got.Body, want.Body)
		}

		tl := timeline{Actor: []string{"", str()}[rng.IntN(2)], Unit: str(), Counted: str(), Total: rng.IntN(1000), Events: str(), Clusters: str()}
		switch rng.IntN(3) {
		case 0:
			tl.Pair = []string{str(), str()}
		case 1:
			tl.Pair = []string{}
		}
		if rng.IntN(5) > 0 {
			tl.Counts = []chronicle.EventCount{}
			for range rng.IntN(5) {
				tl.Counts = append(tl.Counts, chronicle.EventCount{Period: str(), Plover: str(), Count: rng.IntN(100)})
			}
		}
		want, got = httptest.NewRecorder(), httptest.NewRecorder()
		if err := writeJSON(want, tl); err != nil {
			t.Fatal(err)
		}
		if err := writeTimeline(got, &tl); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Body.Bytes(), want.Body.Bytes()) {
			t.Fatalf("timeline:\n got %s\nwant %s", got.Body, want.Body)
		}
	}
	// Numbers encoding/json cannot write fail alike.
	bad := []chronicle.Event{{Confidence: math.NaN()}}
	r := httptest.NewRequest("GET", "/api/v1/events", nil)
	werr := writeList(httptest.NewRecorder(), r, bad, chronicle.Page{})
	gerr := writeEvents(httptest.NewRecorder(), r, bad, chronicle.Page{})
	var ue *json.UnsupportedValueError
	if werr == nil || gerr == nil || !errorsAs(gerr, &ue) {
		t.Errorf("NaN: writeList %v, writeEvents %v", werr, gerr)
	}
}

func errorsAs(err error, target **json.UnsupportedValueError) bool {
	for err != nil {
		if e, ok := err.(*json.UnsupportedValueError); ok {
			*target = e
			return true
		}
		u, ok := err.(interface{ Unwrap() error })
		if !ok {
			return false
		}
		err = u.Unwrap()
	}
	return false
}
