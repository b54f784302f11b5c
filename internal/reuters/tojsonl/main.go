// Command tojsonl writes Reuters-21578 stories as chronicle JSON Lines, for the end-to-end speed
// budget: go run ./internal/reuters/tojsonl -n 2000 > reuters-2000.jsonl
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"

	"chronicle/internal/reuters"
)

func main() {
	n := flag.Int("n", 2000, "number of stories with a body (0: all)")
	dir := flag.String("dir", "", "Reuters-21578 directory (default ../shared/data/reuters21578)")
	flag.Parse()
	d := *dir
	if d == "" {
		d = reuters.Dir()
	}
	if d == "" {
		fmt.Fprintln(os.Stderr, "tojsonl: Reuters-21578 not found; pass -dir")
		os.Exit(1)
	}
	stories, err := reuters.Load(d, *n)
	if err != nil {
		fmt.Fprintln(os.Stderr, "tojsonl:", err)
		os.Exit(1)
	}
	w := bufio.NewWriter(os.Stdout)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, s := range stories {
		enc.Encode(map[string]string{"id": "reuters-" + s.ID, "date": s.Date, "title": s.Title, "text": s.Body, "outlet": "Reuters"})
	}
	if err := w.Flush(); err != nil {
		fmt.Fprintln(os.Stderr, "tojsonl:", err)
		os.Exit(1)
	}
}
