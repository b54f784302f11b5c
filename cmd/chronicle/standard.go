package main

import (
	"context"
	"flag"
	"fmt"
	"io"
)

// annotate writes predictions in a standard format (DESIGN.md, "Standard-format modes").
func (m *Main) annotate(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("annotate", flag.ContinueOnError)
	fs.SetOutput(m.Stderr)
	task := fs.String("task", "", "what to annotate: timex, ner, quotes, events")
	format := fs.String("format", "", "output format: timeml, conll, brat, petrarch")
	out := fs.String("out", "", "output directory (timeml, brat)")
	date := fs.String("date", "", "article date YYYY-MM-DD where the input has none")
	dicts := fs.String("dictionaries", "", "PETRARCH dictionary directory (events)")
	if err := fs.Parse(args); err != nil {
		return &usageError{message: err.Error()}
	}
	o := annotateOptions{Out: *out, Date: *date, Dictionaries: *dicts, Files: fs.Args()}
	switch *task + "/" + *format {
	case "timex/timeml":
		return m.annotateTimeML(ctx, o)
	case "ner/conll":
		return m.annotateCoNLL(ctx, o)
	case "quotes/brat":
		return m.annotateBrat(ctx, o)
	case "events/petrarch":
		return m.annotatePetrarch(ctx, o)
	}
	return &usageError{
		message: fmt.Sprintf("annotate: unknown task/format %q/%q", *task, *format),
		hint:    "use --task timex --format timeml, --task ner --format conll, --task quotes --format brat or --task events --format petrarch",
	}
}

type annotateOptions struct {
	Out, Date, Dictionaries string
	Files                   []string
}

// eval scores predictions against gold data with the metrics of METRICS.md.
func (m *Main) eval(ctx context.Context, args []string) error {
	if len(args) == 0 {
		return &usageError{message: "eval: which data?", hint: "chronicle eval timeml|conll|polnear|petrarch|plover|articles [flags]"}
	}
	kind, rest := args[0], args[1:]
	switch kind {
	case "timeml":
		return m.evalTimeML(ctx, rest)
	case "conll":
		return m.evalCoNLL(ctx, rest)
	case "polnear":
		return m.evalPolNeAR(ctx, rest)
	case "petrarch":
		return m.evalPetrarch(ctx, rest)
	case "plover":
		return m.evalPlover(ctx, rest)
	case "articles":
		return m.evalArticles(ctx, rest)
	case "duplicates":
		return m.evalDuplicates(ctx, rest)
	}
	return &usageError{message: fmt.Sprintf("eval: unknown data %q", kind), hint: "chronicle eval timeml|conll|polnear|petrarch|plover|articles|duplicates"}
}

// train trains a model from data.
func (m *Main) train(ctx context.Context, args []string) error {
	if len(args) == 0 {
		return &usageError{message: "train: which model?", hint: "chronicle train ner"}
	}
	switch args[0] {
	case "ner":
		return m.trainNER(ctx, args[1:])
	}
	return &usageError{message: fmt.Sprintf("train: unknown model %q", args[0]), hint: "chronicle train ner"}
}

// notYet reports a command whose implementation has not landed; the issue named builds it.
func notYet(w io.Writer, what string, issue int) error {
	return fmt.Errorf("%s is not implemented yet (issue %d)", what, issue)
}
