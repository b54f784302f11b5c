// Package clean removes boilerplate from an article's text — inline teasers ("ALSO READ: …",
// "Click here to …", "Subscribe to …"), photo and video captions left inline by scrapers
// ("Image copyright AFP Image caption …", "Media caption …"), control characters and wire
// sign-offs — and keeps an offset map from the cleaned text back to the input.
//
// A teaser is removed only as far as its end is clear: up to the line break, the sentence end,
// or the point where the running text resumes (in "ALSO READ: Putin tells Trump In a
// wide-ranging conversation…" the teaser ends before "In"). When its end is unclear the text
// is kept.
package clean

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"chronicle"
)

// Version of the cleaner; stored with every article.
const Version = "2"

// Clean returns the cleaned text and the map from its offsets back to s (nil when nothing was
// removed).
func Clean(s string) (string, *chronicle.OffsetMap) {
	var cuts []cut
	cuts = controlChars(s, cuts)
	cuts = teasers(s, cuts)
	cuts = captions(s, cuts)
	if len(cuts) == 0 {
		return s, nil
	}
	return apply(s, cuts)
}

// cut is a byte range [start, end) of the input to remove.
type cut struct{ start, end int }

func apply(s string, cuts []cut) (string, *chronicle.OffsetMap) {
	// Sort and merge.
	for i := 1; i < len(cuts); i++ {
		for j := i; j > 0 && cuts[j].start < cuts[j-1].start; j-- {
			cuts[j], cuts[j-1] = cuts[j-1], cuts[j]
		}
	}
	merged := cuts[:0]
	for _, c := range cuts {
		if n := len(merged); n > 0 && c.start <= merged[n-1].end {
			if c.end > merged[n-1].end {
				merged[n-1].end = c.end
			}
			continue
		}
		merged = append(merged, c)
	}
	var b strings.Builder
	b.Grow(len(s))
	m := &chronicle.OffsetMap{}
	pos := 0
	for _, c := range merged {
		if c.start > pos {
			m.Pieces = append(m.Pieces, chronicle.Piece{Clean: b.Len(), Input: pos, Len: c.start - pos})
			b.WriteString(s[pos:c.start])
		}
		pos = c.end
	}
	if pos < len(s) {
		m.Pieces = append(m.Pieces, chronicle.Piece{Clean: b.Len(), Input: pos, Len: len(s) - pos})
		b.WriteString(s[pos:])
	}
	return b.String(), m
}

// controlChars removes C0/C1 control characters other than tab and line breaks, and zero-width
// characters other than joiners.
func controlChars(s string, cuts []cut) []cut {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && c != '\n' && c != '\t' && c != '\r' || c == 0x7f {
				cuts = append(cuts, cut{i, i + 1})
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r >= 0x80 && r < 0xA0 || r == 0xFEFF || r == 0x200B || r == 0xFFFD && size == 1 {
			cuts = append(cuts, cut{i, i + size})
		}
		i += size
	}
	return cuts
}

// markers introduce a teaser that runs to its own end (a headline without final punctuation).
var headlineMarkers = []string{
	"ALSO READ", "Also Read", "Also read", "READ ALSO", "Read also", "READ MORE", "Read More", "Read more",
	"RELATED", "Related", "MUST READ", "Must Read", "Must read", "SEE ALSO", "See also", "DON'T MISS", "Don't Miss",
	"Don't miss", "ALSO WATCH", "Also Watch", "Also watch", "WATCH", "Watch", "RECOMMENDED", "Recommended",
	"TRENDING", "Trending",
}

// sentenceMarkers introduce a call to action that runs to the end of its sentence or line.
var sentenceMarkers = []string{
	"Click here to", "Click here for", "CLICK HERE", "Click Here", "Subscribe to", "Sign up for",
	"Sign up to", "Follow us on", "Download the", "Get the latest", "To read the full story",
}

func teasers(s string, cuts []cut) []cut {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != 'A' && c != 'R' && c != 'M' && c != 'S' && c != 'D' && c != 'W' && c != 'T' && c != 'C' && c != 'F' && c != 'G' {
			continue
		}
		if i > 0 && isWordByte(s[i-1]) {
			continue
		}
		for _, m := range headlineMarkers {
			if !strings.HasPrefix(s[i:], m) {
				continue
			}
			if ct, ok := headlineTeaser(s, i, i+len(m)); ok {
				cuts = append(cuts, ct...)
				i = ct[len(ct)-1].end - 1
			}
			break
		}
		for _, m := range sentenceMarkers {
			if !strings.HasPrefix(s[i:], m) || !atSentenceStart(s, i) {
				continue
			}
			if end, ok := sentenceEnd(s, i+len(m)); ok {
				if lineStartAt(s, i) {
					end = lineBreakEnd(s, end)
				}
				cuts = append(cuts, cut{i, end})
				i = end - 1
			}
			break
		}
	}
	return cuts
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c >= 0x80
}

// atSentenceStart reports whether s[i] begins a line or follows a sentence end.
func atSentenceStart(s string, i int) bool {
	j := i - 1
	for j >= 0 && (s[j] == ' ' || s[j] == '\t') {
		j--
	}
	if j < 0 || s[j] == '\n' || s[j] == '\r' {
		return true
	}
	switch s[j] {
	case '.', '!', '?', '"', ')', '|':
		return j < i-1
	}
	if r, _ := utf8.DecodeLastRuneInString(s[:j+1]); r == '\u201D' || r == '\u2026' {
		return true
	}
	return false
}

// headlineTeaser finds the extent of a teaser whose marker is s[start:mend]. The marker must be
// followed by ":" (or a dash or "|"), or by a line break, or stand at a sentence start in upper
// case. It returns the cuts: the teaser itself and, when the marker directly follows a short
// unpunctuated headline fragment (another teaser card), that fragment too.
func headlineTeaser(s string, start, mend int) ([]cut, bool) {
	j := mend
	for j < len(s) && (s[j] == ' ' || s[j] == '\t') {
		j++
	}
	punct := false
	if j < len(s) && (s[j] == ':' || s[j] == '|' || s[j] == '-') {
		punct = true
		j++
	} else if strings.HasPrefix(s[j:], "\u2014") || strings.HasPrefix(s[j:], "\u2013") {
		punct = true
		j += 3
	}
	marker := s[start:mend]
	if !punct {
		// Without a colon only an upper-case marker alone on its line counts ("ALSO READ\n").
		if marker != strings.ToUpper(marker) || !lineAlone(s, start, mend) {
			return nil, false
		}
	}
	if punct && !atSentenceStart(s, start) && !upperMarker(marker) {
		return nil, false
	}
	for j < len(s) && (s[j] == ' ' || s[j] == '\t') {
		j++
	}
	if !punct { // the marker's line goes, with its line break
		return []cut{{start, lineBreakEnd(s, j)}}, true
	}
	end, ok := headlineEnd(s, j)
	if !ok {
		return nil, false
	}
	if lineStartAt(s, start) {
		end = lineBreakEnd(s, end)
	}
	cuts := []cut{{start, end}}
	if f, ok := precedingFragment(s, start); ok {
		cuts = append([]cut{{f, start}}, cuts...)
	}
	return cuts, true
}

// lineStartAt reports whether only blanks precede s[i] on its line.
func lineStartAt(s string, i int) bool {
	i--
	for i >= 0 && (s[i] == ' ' || s[i] == '\t') {
		i--
	}
	return i < 0 || s[i] == '\n'
}

// lineBreakEnd returns the offset after the line break at s[i] (after "\r\n" or "\n"), or i
// when s[i] is not a line break.
func lineBreakEnd(s string, i int) int {
	if i < len(s) && s[i] == '\r' {
		i++
	}
	if i < len(s) && s[i] == '\n' {
		return i + 1
	}
	return i
}

func upperMarker(m string) bool { return m == strings.ToUpper(m) }

func lineAlone(s string, start, end int) bool {
	i := start - 1
	for i >= 0 && (s[i] == ' ' || s[i] == '\t') {
		i--
	}
	j := end
	for j < len(s) && (s[j] == ' ' || s[j] == '\t' || s[j] == '\r') {
		j++
	}
	return (i < 0 || s[i] == '\n') && (j >= len(s) || s[j] == '\n')
}

// maxTeaserWords bounds a teaser headline; a longer run has no clear end and is kept.
const maxTeaserWords = 30

// headlineEnd returns where a teaser headline starting at s[h] ends: at its line break, after
// its final punctuation, before another marker, or before the word where the running text
// resumes (a capitalised sentence starter followed by a lower-case word, as in "… Putin tells
// Trump In a wide-ranging conversation").
func headlineEnd(s string, h int) (int, bool) {
	words := 0
	i := h
	for i < len(s) && words <= maxTeaserWords {
		// At a word start.
		if s[i] == '\n' {
			return i, words > 0 // the teaser is the rest of the line
		}
		if words > 0 {
			for _, m := range headlineMarkers {
				if strings.HasPrefix(s[i:], m) && upperMarker(m) {
					return i, true
				}
			}
		}
		wend := i
		for wend < len(s) && !isSpace(s[wend]) {
			wend++
		}
		w := s[i:wend]
		if words >= 2 && resumes(w, s[wend:]) {
			return i, true
		}
		words++
		if last, _ := utf8.DecodeLastRuneInString(w); (last == '.' || last == '!' || last == '?') && words >= 3 {
			return skipSpace(s, wend), true
		}
		i = wend
		for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r') {
			i++
		}
	}
	if i >= len(s) && words > 0 && words <= maxTeaserWords {
		return len(s), true
	}
	return 0, false
}

// starters are words that begin running text after a teaser headline.
var starters = map[string]bool{
	"In": true, "According": true, "The": true, "A": true, "An": true, "On": true, "At": true,
	"As": true, "After": true, "Before": true, "Meanwhile": true, "However": true, "But": true,
	"Earlier": true, "Later": true, "Last": true, "This": true, "That": true, "These": true,
	"He": true, "She": true, "They": true, "It": true, "We": true, "While": true, "When": true,
	"During": true, "Speaking": true, "Separately": true, "Also": true, "Since": true,
	"Following": true, "Amid": true, "Despite": true, "Under": true, "For": true, "With": true,
}

// resumes reports whether word w, followed by rest, starts the running text again.
func resumes(w, rest string) bool {
	if !starters[w] {
		return false
	}
	rest = strings.TrimLeft(rest, " \t")
	r, _ := utf8.DecodeRuneInString(rest)
	return unicode.IsLower(r) || unicode.IsDigit(r)
}

// precedingFragment returns the start of a short unpunctuated fragment (≤ 12 words) that runs
// from the previous sentence end up to a marker at s[m] — a related-article card headline.
func precedingFragment(s string, m int) (int, bool) {
	j := m - 1
	for j >= 0 && (s[j] == ' ' || s[j] == '\t') {
		j--
	}
	if j < 0 || s[j] == '\n' {
		return 0, false
	}
	k := j
	words := 0
	for k >= 0 {
		c := s[k]
		if c == '\n' {
			break
		}
		if c == '.' || c == '!' || c == '?' || c == ':' || c == ';' {
			if k+1 < len(s) && isSpace(s[k+1]) {
				break
			}
		}
		if isSpace(c) && k+1 <= j && !isSpace(s[k+1]) {
			words++
		}
		k--
	}
	words++
	if words > 12 || words < 3 {
		return 0, false
	}
	start := skipSpace(s, k+1)
	r, _ := utf8.DecodeRuneInString(s[start:])
	if !unicode.IsUpper(r) || k < 0 && start == 0 {
		return 0, false
	}
	if k >= 0 && s[k] == ':' {
		return 0, false
	}
	return start, true
}

// sentenceEnd returns the end of the call-to-action sentence starting before s[i]: after its
// final punctuation or at its line break, within maxTeaserWords words.
func sentenceEnd(s string, i int) (int, bool) {
	words := 0
	for i < len(s) && words <= maxTeaserWords {
		c := s[i]
		switch {
		case c == '\n':
			return i, true
		case c == '.' || c == '!' || c == '?':
			if i+1 >= len(s) || isSpace(s[i+1]) {
				return skipSpace(s, i+1), true
			}
		case c == ' ':
			words++
		}
		i++
	}
	if i >= len(s) {
		return len(s), true
	}
	return 0, false
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func skipSpace(s string, i int) int {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	return i
}

// Caption markers that scraped pages leave in the running text: "Image copyright EPA Image
// caption The blast destroyed nearby buildings A suicide bomber has …". Captions have no final
// punctuation, so one is removed up to its line break or to where the running text resumes
// (before "A suicide"); when that is unclear only the markers (and the credit) are removed, so
// that "Image caption Hillary Clinton" does not become a name.
const (
	imageCopyright = "Image copyright"
	imageCaption   = "Image caption"
	mediaCaption   = "Media caption"
)

// maxCreditWords bounds a photo credit ("Getty Images", "The Paper").
const maxCreditWords = 4

// captions finds the caption markers that start a sentence or line.
func captions(s string, cuts []cut) []cut {
	for i := 0; i < len(s); i++ {
		if s[i] != 'I' && s[i] != 'M' || overlaps(cuts, i) {
			continue
		}
		if !atSentenceStart(s, i) && (len(cuts) == 0 || cuts[len(cuts)-1].end != i) { // or right after a credit
			continue
		}
		switch {
		case markerAt(s, i, imageCopyright):
			// The credit runs to the caption marker after it; without one only the marker goes.
			end := i + len(imageCopyright)
			if next, ok := creditEnd(s, end); ok {
				end = next
			}
			cuts = append(cuts, cut{i, skipSpace(s, end)})
			i = end - 1
		case markerAt(s, i, imageCaption), markerAt(s, i, mediaCaption):
			end := i + len(imageCaption)
			if e, ok := captionEnd(s, skipSpace(s, end)); ok {
				end = e
			}
			cuts = append(cuts, cut{i, skipSpace(s, end)})
			i = end - 1
		}
	}
	return cuts
}

// markerAt reports whether the caption marker m is at s[i], as whole words.
func markerAt(s string, i int, m string) bool {
	return strings.HasPrefix(s[i:], m) && (i+len(m) == len(s) || isSpace(s[i+len(m)]))
}

// overlaps reports whether offset i lies in one of cuts.
func overlaps(cuts []cut, i int) bool {
	for _, c := range cuts {
		if c.start <= i && i < c.end {
			return true
		}
	}
	return false
}

// creditEnd returns where the credit after "Image copyright" (at s[i]) ends: at the caption
// marker following it within maxCreditWords capitalised words.
func creditEnd(s string, i int) (int, bool) {
	i = skipSpace(s, i)
	for words := 0; words <= maxCreditWords && i < len(s); words++ {
		if markerAt(s, i, imageCaption) || markerAt(s, i, mediaCaption) {
			return i, words > 0
		}
		r, _ := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsUpper(r) && !unicode.IsDigit(r) {
			return 0, false
		}
		for i < len(s) && !isSpace(s[i]) {
			i++
		}
		if i < len(s) && s[i] == '\n' {
			return 0, false
		}
		i = skipSpace(s, i)
	}
	return 0, false
}

// captionEnd returns where a caption starting at s[i] ends: at its line break, before another
// caption marker, before the word where the running text resumes, or at the end of the text;
// false when a word with final punctuation or the maxTeaserWords-th word comes first.
func captionEnd(s string, i int) (int, bool) {
	for words := 0; words <= maxTeaserWords && i < len(s); words++ {
		if s[i] == '\n' || s[i] == '\r' {
			return i, words > 0
		}
		if words > 0 && (markerAt(s, i, imageCopyright) || markerAt(s, i, imageCaption) || markerAt(s, i, mediaCaption)) {
			return i, true
		}
		wend := i
		for wend < len(s) && !isSpace(s[wend]) {
			wend++
		}
		if words >= 2 && resumes(s[i:wend], s[wend:]) {
			return i, true
		}
		if last, _ := utf8.DecodeLastRuneInString(s[i:wend]); last == '.' || last == '!' || last == '?' {
			return 0, false // captions have no final punctuation: this is running text
		}
		i = wend
		for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
			i++
		}
	}
	if i >= len(s) {
		return len(s), true
	}
	return 0, false
}
