// Command train fits the quotes extractor's model on a PolNeAR split and writes the file that
// package quotes embeds:
//
//	go run ./quotes/internal/train -data ../shared/data/polnear/train -out quotes/model.bin.gz
//
// It reads DIR/text/*.txt and, for each article, the lexicographically first annotator's
// DIR/attributions/<name>_<annotator>.ann. Only the train split may be used (the dev split is
// for measuring).
package main

import (
	"bytes"
	"flag"
	"fmt"
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
	log.SetFlags(0)
	data := flag.String("data", "../shared/data/polnear/train", "PolNeAR split directory (text/, attributions/)")
	out := flag.String("out", "quotes/model.bin.gz", "model file to write")
	bits := flag.Uint("bits", 20, "log2 of the weight table size")
	epochs := flag.Int("epochs", 8, "passes over the data")
	tagFile := flag.String("tags", "", "read POS tags from this file (name<TAB>n<TAB>tags) instead of running the tagger")
	flag.Parse()
	if filepath.Base(filepath.Clean(*data)) == "dev" {
		log.Fatal("train: refusing to train on the dev split; use polnear/train")
	}
	arts, err := eval.PolNeARArticles(*data)
	if err != nil {
		log.Fatal(err)
	}
	// The extractor runs after the tagger in the pipeline: train on tagged text (Train hides
	// the tags of some documents so that untagged text works too).
	var rec *ner.Recognizer
	var cache postags.Cache
	if *tagFile != "" {
		if cache, err = postags.Read(*tagFile); err != nil {
			log.Fatal(err)
		}
	} else if rec, err = ner.Default(); err != nil {
		log.Fatal(err)
	}
	var docs []quotes.TrainingDoc
	for _, a := range arts {
		raw, err := os.ReadFile(a.TextPath)
		if err != nil {
			log.Fatal(err)
		}
		txt := string(raw)
		b, err := eval.ReadBratFile(a.AnnPath)
		if err != nil {
			log.Fatal(err)
		}
		toByte := byteOffsets(txt)
		conv := func(fr [][2]int) [][2]int {
			var out [][2]int
			for _, f := range fr {
				if f[0] < 0 || f[1] >= len(toByte) || f[0] >= f[1] {
					continue
				}
				out = append(out, [2]int{toByte[f[0]], toByte[f[1]]})
			}
			return out
		}
		td := quotes.TrainingDoc{Doc: text.Segment(txt)}
		if rec != nil {
			rec.Tag(td.Doc)
		} else if !cache.Apply(a.Name, td.Doc) {
			log.Fatalf("train: no tags for %s in %s", a.Name, *tagFile)
		}
		for _, at := range b.Attributions() {
			td.Attributions = append(td.Attributions, quotes.TrainingAttribution{
				Source: conv(at.Source), Cue: conv(at.Cue), Content: conv(at.Content),
			})
		}
		docs = append(docs, td)
	}
	var buf bytes.Buffer
	if err := quotes.Train(&buf, docs, quotes.TrainOptions{Bits: *bits, Epochs: *epochs, Seed: 1, Log: os.Stderr}); err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
		log.Fatal(err)
	}
	fmt.Fprintf(os.Stderr, "train: wrote %s (%d bytes)\n", *out, buf.Len())
}

// byteOffsets maps each code-point offset of s (and the end) to its byte offset.
func byteOffsets(s string) []int {
	out := make([]int, 0, len(s)+1)
	for i := range s {
		out = append(out, i)
	}
	out = append(out, len(s))
	return out
}
