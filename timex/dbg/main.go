package main

import (
	"fmt"
	"os"
	"time"

	"chronicle/text"
	"chronicle/timex"
)

func main() {
	dct, _ := time.Parse("2006-01-02", os.Args[1])
	d := text.Segment(os.Args[2])
	for _, t := range timex.Tag(d, dct) {
		fmt.Printf("%q %s %s mod=%s anchor=%s\n", t.Text, t.Type, t.Value, t.Mod, t.AnchorID)
	}
}
