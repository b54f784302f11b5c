package read

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"
	"unicode/utf8"
)

var fastRecordCases = []string{
	`{"id":"reuters-1","date":"1987-02-26","title":"T","text":"Showers continued\nthroughout the week"}`,
	` { "id" : 17 , "date":"2025-07-03", "text" : "a \"quoted\" \\ \/ \b\f\n\r\t word" } `,
	`{"id":-1.5e+3,"text":"x"}`,
	`{"id":0.25,"text":"x"}`,
	`{"id":012,"text":"x"}`,
	`{"text":"caf\u00e9 \ud83d\ude00 \ud800 \udc00 \ud800\u0041 \u0000"}`,
	`{"text":"x","Text":"y"}`,
	`{"text":"x","text":"y"}`,
	`{"text":null}`,
	`{"text":"x","extra":1}`,
	`{"text":"x"} {"text":"y"}`,
	`{"text":"x"}}`,
	`{"text":"x",}`,
	`{}`,
	`{"html":"<p>x</p>","url":"http://a","outlet":"O","published":"2025-07-03T10:00:00Z","lang":"en","body":"b"}`,
	`{"text":"a\u12"}`,
	`{"text":"a\x"}`,
	`{"text":"tab	inside"}`,
	`["text"]`,
	`{"id":true,"text":"x"}`,
	`{"id":"a\u0062c","text":"x"}`,
}

// checkFastRecord checks fastRecord against encoding/json on data: where it decodes, it must
// decode what json.Decoder does, with nothing after the object.
func checkFastRecord(t *testing.T, data []byte) {
	r, ok := fastRecord(data)
	if !ok {
		return
	}
	var want record
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&want); err != nil {
		t.Fatalf("%q: fastRecord decoded what encoding/json rejects: %v", data, err)
	}
	if dec.More() {
		t.Fatalf("%q: fastRecord took a line with more than one value", data)
	}
	if !reflect.DeepEqual(r, want) {
		t.Fatalf("%q:\n fast %+v\n json %+v", data, r, want)
	}
}

func TestFastRecord(t *testing.T) {
	took := 0
	for _, c := range fastRecordCases {
		checkFastRecord(t, []byte(c))
		if _, ok := fastRecord([]byte(c)); ok {
			took++
		}
	}
	if took < 6 {
		t.Errorf("fastRecord took %d of the cases", took)
	}
}

func FuzzFastRecord(f *testing.F) {
	for _, c := range fastRecordCases {
		f.Add([]byte(c))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if !utf8.Valid(data) {
			return // parseRecord rejects it first
		}
		checkFastRecord(t, data)
	})
}
