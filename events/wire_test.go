package events

import (
	"bytes"
	"reflect"
	"testing"
)

// TestBinaryRoundTrip checks that WriteBinary and ReadBinary give back the embedded
// dictionary exactly.
func TestBinaryRoundTrip(t *testing.T) {
	d, err := ReadBinary(bytes.NewReader(embeddedDict))
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := d.WriteBinary(&b); err != nil {
		t.Fatal(err)
	}
	d2, err := ReadBinary(&b)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(d, d2) {
		t.Error("the dictionary read back differs")
	}
}

// FuzzDecodeWire checks that decodeWire never panics, whatever its input.
func FuzzDecodeWire(f *testing.F) {
	d, err := ReadBinary(bytes.NewReader(embeddedDict))
	if err != nil {
		f.Fatal(err)
	}
	data := encodeWire(d.toWire())
	f.Add(data[:4096])
	f.Add([]byte(wireMagic + "\x03\x01A\x01B"))
	f.Fuzz(func(t *testing.T, b []byte) {
		decodeWire(append([]byte(wireMagic), b...))
	})
}
