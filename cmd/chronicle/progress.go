package main

import (
	"io"
	"io/fs"
	"iter"
	"os"
	"path/filepath"
	"sync"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"
)

// isTerminal reports whether w is a terminal (progress bars only go to terminals).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// progress is a progress bar over input bytes.
type progress struct {
	mu  sync.Mutex
	bar *progressbar.ProgressBar
}

func newProgress(w io.Writer, total int64) *progress {
	if total <= 0 {
		total = -1 // unknown: a spinner with a byte count
	}
	return &progress{bar: progressbar.NewOptions64(total,
		progressbar.OptionSetWriter(w),
		progressbar.OptionSetDescription("ingesting"),
		progressbar.OptionShowBytes(true),
		progressbar.OptionSetWidth(30),
		progressbar.OptionThrottle(100_000_000),
		progressbar.OptionShowCount(),
		progressbar.OptionClearOnFinish(),
	)}
}

func (p *progress) add(n int64) {
	p.mu.Lock()
	p.bar.Add64(n)
	p.mu.Unlock()
}

// clear blanks the bar's line so that a message can be printed.
func (p *progress) clear() {
	p.mu.Lock()
	p.bar.Clear()
	p.mu.Unlock()
}

func (p *progress) finish() {
	p.mu.Lock()
	p.bar.Finish()
	p.mu.Unlock()
}

// walkSizes yields the sizes of the regular files under dir.
func walkSizes(dir string) iter.Seq[int64] {
	return func(yield func(int64) bool) {
		filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return nil
			}
			if info, err := d.Info(); err == nil && info.Mode().IsRegular() {
				if !yield(info.Size()) {
					return filepath.SkipAll
				}
			}
			return nil
		})
	}
}
