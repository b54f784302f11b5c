package read

import (
	"strings"
	"testing"
)

const rssFeed = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
<title>Example News – World</title>
<link>https://news.example.com/world</link>
<language>en-gb</language>
<item>
  <title>Putin tells Trump Russia will not back down</title>
  <link>https://news.example.com/world/putin-trump-call</link>
  <guid isPermaLink="false">story-1001</guid>
  <dc:creator>Jane Reporter</dc:creator>
  <pubDate>Thu, 03 Jul 2025 14:20:00 +0300</pubDate>
  <description>Short summary.</description>
  <content:encoded><![CDATA[<p>Russian President Vladimir Putin told Donald Trump on Thursday that Russia would not back down.</p><p>“We will achieve our goals,” Yuri Ushakov said.</p>]]></content:encoded>
</item>
<item>
  <title>Oil prices steady</title>
  <link>https://news.example.com/business/oil</link>
  <pubDate>Fri, 04 Jul 2025 09:00:00 GMT</pubDate>
  <description>Oil prices held steady on Friday &amp; traders waited for OPEC.</description>
</item>
<item>
  <title>Undated item</title>
  <link>https://news.example.com/undated</link>
  <description>Nobody knows when this happened.</description>
</item>
</channel>
</rss>`

const atomFeed = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Example Atom</title>
  <id>urn:example:feed</id>
  <updated>2025-07-03T12:00:00Z</updated>
  <entry>
    <title>Kremlin aide speaks</title>
    <id>urn:example:entry:1</id>
    <link href="https://atom.example.com/a1"/>
    <published>2025-07-03T10:00:00Z</published>
    <author><name>A. Writer</name></author>
    <content type="html">&lt;p&gt;Yuri Ushakov spoke to reporters in Moscow on Thursday.&lt;/p&gt;</content>
  </entry>
</feed>`

func TestFeeds(t *testing.T) {
	dir := t.TempDir()
	rss := write(t, dir, "world.rss", rssFeed)
	atom := write(t, dir, "a.xml", atomFeed)
	as, errs := collect(t, []string{rss, atom}, Options{})
	if len(as) != 3 || len(errs) != 1 {
		t.Fatalf("got %d articles and errors %v, want 3 and the undated item's error", len(as), errs)
	}
	if !strings.Contains(errs[0].Error(), "world.rss#3") || !strings.Contains(errs[0].Error(), "--date") {
		t.Errorf("undated item error: %v", errs[0])
	}
	a := as[0]
	if a.Title != "Putin tells Trump Russia will not back down" || a.URL != "https://news.example.com/world/putin-trump-call" ||
		a.Date != "2025-07-03" || a.DateFrom != "feed" || a.Author != "Jane Reporter" || a.Outlet != "Example News – World" ||
		a.Source != rss+"#1" || a.Lang != "en" {
		t.Errorf("item 1: %+v", a)
	}
	if a.Text != "Russian President Vladimir Putin told Donald Trump on Thursday that Russia would not back down.\n\n“We will achieve our goals,” Yuri Ushakov said." {
		t.Errorf("item 1 text %q", a.Text)
	}
	if b := as[1]; b.Text != "Oil prices held steady on Friday & traders waited for OPEC." || b.Date != "2025-07-04" {
		t.Errorf("item 2: text %q date %q", b.Text, b.Date)
	}
	if c := as[2]; c.Title != "Kremlin aide speaks" || c.URL != "https://atom.example.com/a1" || c.Author != "A. Writer" ||
		c.Text != "Yuri Ushakov spoke to reporters in Moscow on Thursday." || c.Date != "2025-07-03" {
		t.Errorf("atom entry: %+v", c)
	}
	// Keys are stable across readings and differ between items.
	again, _ := collect(t, []string{rss}, Options{})
	if again[0].Key != as[0].Key || as[0].Key == as[1].Key || as[0].ID == as[1].ID {
		t.Errorf("keys: %q %q %q", again[0].Key, as[0].Key, as[1].Key)
	}
	// --date dates the undated item.
	as, errs = collect(t, []string{rss}, Options{Date: "2025-07-05"})
	if len(as) != 3 || len(errs) != 0 || as[2].Date != "2025-07-05" || as[2].DateFrom != "flag" {
		t.Errorf("with --date: %d articles, errors %v", len(as), errs)
	}
}

func TestFeedErrors(t *testing.T) {
	dir := t.TempDir()
	for name, content := range map[string]string{
		"broken.rss": `<?xml version="1.0"?><rss><channel><item><title>x</ti`,
		"empty.xml":  `<?xml version="1.0"?><rss version="2.0"><channel><title>Nothing</title></channel></rss>`,
	} {
		p := write(t, dir, name, content)
		as, errs := collect(t, []string{p}, Options{Date: "2025-07-03"})
		if len(errs) != 1 || len(as) > 1 {
			t.Errorf("%s: %d articles, errors %v", name, len(as), errs)
		}
	}
}
