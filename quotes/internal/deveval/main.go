// Command deveval scores the quotes extractor on a PolNeAR split without building the whole CLI
// (a development aid; `chronicle eval polnear` is the real command) and writes the predicted
// .ann files to -pred.
package main

import (
	"flag"
	"log"
	"os"
	"path/filepath"

	"chronicle/eval"
	"chronicle/ner"
	"chronicle/quotes"
	"chronicle/quotes/internal/postags"
	"chronicle/text"
)

func main() {
	pred := flag.String("pred", "", "write predicted .ann files here")
	tag := flag.Bool("tag", true, "run the NER tagger first (POS tags)")
	tagFile := flag.String("tags", "", "read POS tags from this file instead of running the tagger")
	flag.Parse()
	arts, err := eval.PolNeARArticles(flag.Arg(0))
	if err != nil {
		log.Fatal(err)
	}
	if *pred != "" {
		os.MkdirAll(*pred, 0o755)
	}
	var docs []eval.PolNeARDoc
	var cache postags.Cache
	for _, a := range arts {
		raw, _ := os.ReadFile(a.TextPath)
		txt := string(raw)
		gold, err := eval.ReadBratFile(a.AnnPath)
		if err != nil {
			log.Fatal(err)
		}
		d := text.Segment(txt)
		if *tagFile != "" {
			if cache == nil {
				if cache, err = postags.Read(*tagFile); err != nil {
					log.Fatal(err)
				}
			}
			if !cache.Apply(a.Name, d) {
				log.Fatalf("no tags for %s", a.Name)
			}
		} else if *tag {
			rec, err := ner.Default()
			if err != nil {
				log.Fatal(err)
			}
			rec.Tag(d)
		}
		b := eval.QuotesBrat(txt, quotes.Extract(d, nil))
		if *pred != "" {
			f, _ := os.Create(filepath.Join(*pred, a.Name+".ann"))
			eval.WriteBrat(f, b)
			f.Close()
		}
		doc := eval.PolNeARDoc{Name: a.Name, Text: txt, Gold: gold.Attributions()}
		doc.Pred, doc.Invalid = eval.ValidAttributions(b, txt)
		docs = append(docs, doc)
	}
	eval.WritePolNeARReport(os.Stdout, eval.ScorePolNeAR(docs))
}
