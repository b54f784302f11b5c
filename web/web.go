// Package web is chronicle's web UI: the html/template pages, their view models and the static
// files (style sheet, a small script), all embedded in the binary. Pages are complete without
// the script; it only enhances them (toggling highlight kinds on the article page).
//
// Everything that comes from articles is escaped by html/template, or by Highlight and
// Series.SVG, which build their HTML with explicit escaping. Package server renders the pages.
package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"net/url"
	"strings"

	"chronicle"
)

//go:embed templates/*.html static
var files embed.FS

// Static returns the static files, to be served under /static/.
func Static() fs.FS {
	sub, err := fs.Sub(files, "static")
	if err != nil {
		panic(err) // the embedded tree always has static/
	}
	return sub
}

// Templates are the parsed pages.
type Templates struct {
	pages map[string]*template.Template
}

// pageNames are the pages in templates/ (each defines "title" and "content" for base.html).
var pageNames = []string{"home", "search", "article", "entities", "entity", "timeline", "quotes", "events", "claims", "error"}

// Parse parses the embedded templates.
func Parse() (*Templates, error) {
	t := &Templates{pages: map[string]*template.Template{}}
	for _, name := range pageNames {
		p, err := template.New(name).Funcs(funcs).ParseFS(files, "templates/base.html", "templates/parts.html", "templates/"+name+".html")
		if err != nil {
			return nil, fmt.Errorf("web.Parse: %w", err)
		}
		t.pages[name] = p
	}
	return t, nil
}

// Render executes a page into w; nothing is written when the template fails.
func (t *Templates) Render(w io.Writer, page string, data any) error {
	p := t.pages[page]
	if p == nil {
		return fmt.Errorf("web: no page %q", page)
	}
	var buf bytes.Buffer
	if err := p.ExecuteTemplate(&buf, "base", data); err != nil {
		return fmt.Errorf("web: rendering %s: %w", page, err)
	}
	_, err := buf.WriteTo(w)
	return err
}

var funcs = template.FuncMap{
	"entityURL": EntityURL,
	"argLabel":  ArgLabel,
	"eventTip":  EventTip,
	"snippet":   Snippet,
	"link":      Link,
	"plural":    Plural,
	"label":     PeriodLabel,
	"pairURL": func(a, b string) string {
		return Link("/timeline", "pair", a+","+b)
	},
	"argName": func(a chronicle.EventArg) string {
		if a.Name != "" {
			return a.Name
		}
		return a.Text
	},
	"upper": strings.ToUpper,
	"lower": strings.ToLower,
	"add":   func(a, b int) int { return a + b },
}

// Link returns path with the query parameters given as name, value pairs; empty values are
// left out.
func Link(path string, kv ...string) string {
	q := url.Values{}
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] != "" {
			q.Set(kv[i], kv[i+1])
		}
	}
	if len(q) == 0 {
		return path
	}
	return path + "?" + q.Encode()
}

// Plural writes n with the noun, in the plural when n is not 1 ("3 events").
func Plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	if strings.HasSuffix(noun, "y") && !strings.HasSuffix(noun, "ey") {
		return fmt.Sprintf("%d %sies", n, noun[:len(noun)-1])
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// Snippet renders a search snippet whose matches the store marked with [ and ]: the text is
// escaped and each balanced [match] becomes <mark>match</mark>.
func Snippet(s string) template.HTML {
	var sb strings.Builder
	for {
		i := strings.IndexByte(s, '[')
		if i < 0 {
			break
		}
		j := strings.IndexByte(s[i:], ']')
		if j < 0 {
			break
		}
		sb.WriteString(template.HTMLEscapeString(s[:i]))
		sb.WriteString("<mark>")
		sb.WriteString(template.HTMLEscapeString(s[i+1 : i+j]))
		sb.WriteString("</mark>")
		s = s[i+j+1:]
	}
	sb.WriteString(template.HTMLEscapeString(s))
	return template.HTML(sb.String())
}
