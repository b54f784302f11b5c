package read

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"chronicle"
)

// Feeds: RSS 0.9x/1.0/2.0 and Atom files, parsed by gofeed. Each item is one article: its full
// content (content:encoded, Atom content) or else its description, as text; its link, title,
// author and publication date (DateFrom "feed"). A feed file holds no more than the feed says:
// fetching the items' pages is `chronicle watch`'s job (FeedItems gives it the links).

// FeedItem is one item of a feed.
type FeedItem struct {
	Title   string
	Link    string
	GUID    string
	Author  string
	Date    string // YYYY-MM-DD, "" when the item has none
	Content string // HTML or text: the item's content, else its description
}

// Feed is a parsed feed.
type Feed struct {
	Title    string
	Link     string
	Language string
	Items    []FeedItem
}

// ParseFeed parses an RSS or Atom document.
func ParseFeed(data []byte) (f *Feed, err error) {
	defer func() { // gofeed is third-party code fed untrusted input
		if r := recover(); r != nil {
			f, err = nil, fmt.Errorf("unreadable feed: %v", r)
		}
	}()
	gf, err := gofeed.NewParser().Parse(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	f = &Feed{Title: oneLine(gf.Title), Link: gf.Link, Language: gf.Language}
	for _, it := range gf.Items {
		if it == nil {
			continue
		}
		fi := FeedItem{Title: oneLine(it.Title), Link: strings.TrimSpace(it.Link), GUID: strings.TrimSpace(it.GUID)}
		switch {
		case len(it.Authors) > 0 && it.Authors[0] != nil:
			fi.Author = oneLine(it.Authors[0].Name)
		case it.Author != nil:
			fi.Author = oneLine(it.Author.Name)
		}
		t := it.PublishedParsed
		if t == nil {
			t = it.UpdatedParsed
		}
		if t != nil && t.Year() > 1 {
			fi.Date = t.Format(chronicle.DateLayout)
		}
		fi.Content = it.Content
		if strings.TrimSpace(fi.Content) == "" {
			fi.Content = it.Description
		}
		f.Items = append(f.Items, fi)
	}
	return f, nil
}

// readFeed yields one article per feed item.
func readFeed(p string, data []byte, opt Options, yield func(*chronicle.Article, error) bool) bool {
	if off, err := checkText(data); err != nil && bytes.IndexByte(data, 0) >= 0 {
		return yield(nil, &chronicle.InputError{Path: p, Offset: int64(off), Err: err, Hint: "is this the right file?"})
	}
	f, err := ParseFeed(data)
	if err != nil {
		return yield(nil, &chronicle.InputError{Path: p, Offset: -1, Err: fmt.Errorf("not a readable RSS or Atom feed: %w", err), Hint: "check the file"})
	}
	if len(f.Items) == 0 {
		return yield(nil, &chronicle.InputError{Path: p, Offset: -1, Err: errors.New("the feed has no items"), Hint: "check the file"})
	}
	for i, it := range f.Items {
		a, err := FeedArticle(f, it, p+"#"+strconv.Itoa(i+1), recordKey(p, itemID(it, i)), opt)
		if !yield(a, err) {
			return false
		}
	}
	return true
}

// itemID is an item's identity within its feed: its GUID, else its link, else its number.
func itemID(it FeedItem, i int) string {
	switch {
	case it.GUID != "":
		return it.GUID
	case it.Link != "":
		return it.Link
	}
	return "#" + strconv.Itoa(i+1)
}

// FeedArticle makes the article of one feed item from the item alone (its content or
// description), without fetching its page. source names where it was read; key identifies it.
func FeedArticle(f *Feed, it FeedItem, source, key string, opt Options) (*chronicle.Article, error) {
	a := &chronicle.Article{Source: source, URL: it.Link, Outlet: f.Title, Author: it.Author, Title: it.Title, Key: key}
	a.ID = strings.TrimPrefix(key, "r")[:min(16, len(strings.TrimPrefix(key, "r")))]
	a.Text = fragmentText(it.Content)
	switch {
	case it.Date != "":
		a.Date, a.DateFrom = it.Date, "feed"
	case opt.Date != "":
		a.Date, a.DateFrom = opt.Date, "flag"
	default:
		return nil, &chronicle.InputError{Path: source, Offset: -1, Err: errors.New("the feed item has no date"),
			Hint: "pass --date YYYY-MM-DD"}
	}
	if a.Text == "" {
		a.Diagnostics = append(a.Diagnostics, chronicle.Diagnostic{Stage: "read", Message: "the feed item has no content or description"})
	}
	if a.Lang = Language(a.Text); a.Lang == "" && f.Language != "" {
		a.Lang = strings.ToLower(strings.SplitN(strings.SplitN(f.Language, "-", 2)[0], "_", 2)[0])
	}
	if a.ID == "" {
		a.ID = contentKey(a.Date, a.Text)[:16]
	}
	markLanguage(a)
	return a, nil
}

// fragmentText renders an HTML fragment (or plain text) as text with paragraphs.
func fragmentText(s string) string {
	if strings.TrimSpace(s) == "" {
		return ""
	}
	if !strings.Contains(s, "<") && !strings.Contains(s, "&") {
		return strings.TrimSpace(s)
	}
	nodes, err := html.ParseFragment(strings.NewReader(s), &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body})
	if err != nil {
		return oneLine(s)
	}
	root := &html.Node{Type: html.ElementNode, Data: "div"}
	for _, n := range nodes {
		root.AppendChild(n)
	}
	return nodeText(root)
}
