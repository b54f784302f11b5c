package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"os"
	"time"

	"chronicle"
	"chronicle/sqlite"
)

func main() {
	db := flag.String("db", "", "")
	n := flag.Int("events", 100000, "")
	flag.Parse()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, *db)
	if err != nil {
		log.Fatal(err)
	}
	t0 := time.Now()
	if _, err := seed(ctx, st, *n, 10, "load", func(f string, a ...any) { fmt.Fprintf(os.Stderr, f+"\n", a...) }); err != nil {
		log.Fatal(err)
	}
	fmt.Println("seed", time.Since(t0))
	for _, f := range []chronicle.EventFilter{
		{Pair: []string{"Vladimir Putin", "Donald Trump"}},
		{Pair: []string{"Vladimir Putin", "Donald Trump"}, Page: chronicle.Page{Limit: 50}},
		{Pair: []string{"Kremlin", "Pentagon"}, Page: chronicle.Page{Limit: 50}},
		{Actor: "Xi Jinping", Page: chronicle.Page{Limit: 50}},
		{Plover: "ASSAULT", Page: chronicle.Page{Limit: 50}},
		{Code: "04", From: "2024-01-01", Page: chronicle.Page{Limit: 50}},
		{Modality: []string{"hedged"}, Actor: "RUS", Page: chronicle.Page{Limit: 50}},
	} {
		t := time.Now()
		evs, err := st.Events(ctx, f)
		fmt.Println(len(evs), err, time.Since(t))
	}
}
