package timeml

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"chronicle"
)

const sample = `<?xml version="1.0" ?>
<TimeML>
<DOCID>X1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-08-07" temporalFunction="false" functionInDocument="CREATION_TIME">1998-08-07</TIMEX3></DCT>
<TEXT>
AT&amp;T <EVENT eid="e1" class="OCCURRENCE">said</EVENT> <TIMEX3 tid="t1" type="DATE" value="1998-08-07" temporalFunction="false" functionInDocument="NONE">Friday</TIMEX3> it will <EVENT eid="e2">grow</EVENT> for <TIMEX3 tid="t2" type="DURATION" value="P2Y" mod="APPROX">about two years</TIMEX3>.<TIMEX3 tid="t3" type="DATE" value="X"></TIMEX3>
</TEXT>
<TLINK lid="l1" timeID="t1" relatedToEventInstance="ei1" relType="INCLUDES"/>
</TimeML>
`

func TestParse(t *testing.T) {
	d, err := Parse([]byte(sample))
	if err != nil {
		t.Fatal(err)
	}
	if d.DCT != "1998-08-07" || d.DCTTime.Day() != 7 {
		t.Errorf("DCT = %q %v", d.DCT, d.DCTTime)
	}
	wantText := "\nAT&T said Friday it will grow for about two years.\n"
	if d.Text != wantText {
		t.Errorf("Text = %q, want %q", d.Text, wantText)
	}
	want := []chronicle.Timex{
		{ID: "t1", Span: chronicle.Span{Start: 11, End: 17, Text: "Friday"}, Type: "DATE", Value: "1998-08-07"},
		{ID: "t2", Span: chronicle.Span{Start: 35, End: 50, Text: "about two years"}, Type: "DURATION", Value: "P2Y", Mod: "APPROX"},
	}
	if len(d.Timexes) != len(want) {
		t.Fatalf("Timexes = %+v", d.Timexes)
	}
	for i := range want {
		if d.Timexes[i] != want[i] {
			t.Errorf("timex %d = %+v, want %+v", i, d.Timexes[i], want[i])
		}
	}
}

func TestWrite(t *testing.T) {
	d, err := Parse([]byte(sample))
	if err != nil {
		t.Fatal(err)
	}
	pred := []chronicle.Timex{
		{ID: "t1", Span: chronicle.Span{Start: 35, End: 50}, Type: "DURATION", Value: "P2Y", Mod: "APPROX"},
		{ID: "t2", Span: chronicle.Span{Start: 1, End: 5}, Type: "DATE", Value: `a"b`}, // AT&T, out of order
	}
	out := d.Write(pred)
	if !bytes.Contains(out, []byte(`<TIMEX3 tid="t2" type="DATE" value="a&quot;b">AT&amp;T</TIMEX3> <EVENT eid="e1" class="OCCURRENCE">said</EVENT> Friday it will <EVENT eid="e2">grow</EVENT> for <TIMEX3 tid="t1" type="DURATION" value="P2Y" mod="APPROX">about two years</TIMEX3>.`)) {
		t.Errorf("Write:\n%s", out)
	}
	// Outside TEXT nothing changes.
	i := bytes.Index(out, []byte("</TEXT>"))
	j := bytes.Index([]byte(sample), []byte("</TEXT>"))
	if string(out[i:]) != sample[j:] || !bytes.HasPrefix(out, []byte(sample[:bytes.Index([]byte(sample), []byte("<TEXT>"))])) {
		t.Errorf("Write changed the document outside TEXT:\n%s", out)
	}
	d2, err := Parse(out)
	if err != nil {
		t.Fatal(err)
	}
	if d2.Text != d.Text {
		t.Errorf("re-read Text = %q, want %q", d2.Text, d.Text)
	}
	if len(d2.Timexes) != 2 || d2.Timexes[0].Text != "AT&T" || d2.Timexes[1].Value != "P2Y" {
		t.Errorf("re-read Timexes = %+v", d2.Timexes)
	}
}

func TestParseErrors(t *testing.T) {
	for _, s := range []string{
		"<TimeML></TimeML>",
		"<TEXT>abc",
		"<TEXT>a <TIMEX3 tid=\"t1\">b</TEXT>",
		"<TEXT>a </TIMEX3></TEXT>",
		"<TEXT>a <EVENT</TEXT>",
	} {
		if _, err := Parse([]byte(s)); err == nil {
			t.Errorf("Parse(%q): no error", s)
		}
	}
}

// TestRoundTripTBAQ re-writes every TBAQ document with its own gold timexes and with none, and
// checks that the text is unchanged and the gold timexes come back.
func TestRoundTripTBAQ(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "data", "tempeval3-tbaq-cleaned")
	files, _ := filepath.Glob(filepath.Join(dir, "*", "*.tml"))
	if len(files) == 0 {
		t.Skipf("skipping: no TimeML files under %s", dir)
	}
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		d, err := Parse(raw)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for _, ts := range [][]chronicle.Timex{d.Timexes, nil} {
			d2, err := Parse(d.Write(ts))
			if err != nil {
				t.Fatalf("%s: re-read: %v", f, err)
			}
			if d2.Text != d.Text || d2.DCT != d.DCT {
				t.Fatalf("%s: text or DCT changed", f)
			}
			if len(d2.Timexes) != len(ts) {
				t.Fatalf("%s: %d timexes back, want %d", f, len(d2.Timexes), len(ts))
			}
			for i := range ts {
				a, b := ts[i], d2.Timexes[i]
				if a.Start != b.Start || a.End != b.End || a.Value != b.Value || a.Type != b.Type {
					t.Fatalf("%s: timex %d = %+v, want %+v", f, i, b, a)
				}
			}
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(sample))
	f.Add([]byte("<TEXT>a &#x41; &#65; &bogus; & <TIMEX3 value='x'>b</TIMEX3></TEXT>"))
	f.Fuzz(func(t *testing.T, raw []byte) {
		d, err := Parse(raw)
		if err != nil {
			return
		}
		for _, x := range d.Timexes {
			if x.Start < 0 || x.End > len(d.Text) || x.Start >= x.End {
				t.Fatalf("bad span %+v", x)
			}
		}
		d2, err := Parse(d.Write(d.Timexes))
		if err != nil {
			t.Fatalf("re-read: %v", err)
		}
		if d2.Text != d.Text {
			t.Fatalf("text changed: %q → %q", d.Text, d2.Text)
		}
	})
}
