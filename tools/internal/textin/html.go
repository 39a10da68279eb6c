package textin

import (
	"fmt"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"

	"github.com/annotated-data-initiatives/site/tools/internal/fileerr"
)

// blockTags end a paragraph of an HTML capture; everything else is inline.
var blockTags = map[string]bool{
	"p": true, "div": true, "li": true, "h1": true, "h2": true, "h3": true, "h4": true,
	"h5": true, "h6": true, "blockquote": true, "tr": true, "dd": true, "dt": true,
	"section": true, "article": true, "header": true, "footer": true, "table": true,
	"ul": true, "ol": true, "pre": true, "br": true, "hr": true,
}

// HTMLLines reads the node selected by selector in an HTML capture and
// returns its text as lines, one per block element (a <br> also ends a
// line), so that HTML and text captures feed the same cleaner. Lines are
// numbered by their position in the source document.
func HTMLLines(file, text, selector string) ([]Line, error) {
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(text))
	if err != nil {
		return nil, &fileerr.Error{File: file, Msg: "cannot parse HTML: " + err.Error()}
	}
	sel := doc.Find(selector)
	if sel.Length() == 0 {
		return nil, &fileerr.Error{File: file, Msg: fmt.Sprintf("selector %q matches nothing", selector)}
	}
	var lines []Line
	var cur strings.Builder
	line := 0
	flush := func() {
		if t := FoldSpace(cur.String()); t != "" {
			lines = append(lines, Line{N: line, Text: t})
		}
		cur.Reset()
		line = 0
	}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			if line == 0 && strings.TrimSpace(n.Data) != "" {
				line = lineOf(text, n.Data)
			}
			cur.WriteString(n.Data)
		case html.ElementNode:
			switch n.Data {
			case "script", "style", "noscript", "template":
				return
			}
			block := blockTags[n.Data]
			if block {
				flush()
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
			if block {
				flush()
			}
		default:
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
		}
	}
	for _, n := range sel.Nodes {
		walk(n)
		flush()
	}
	return lines, nil
}

// lineOf finds the source line of a text node by its raw text; entities make
// this approximate, and 0 means unknown.
func lineOf(doc, data string) int {
	probe := strings.TrimSpace(data)
	if len(probe) > 40 {
		probe = probe[:40]
	}
	if i := strings.Index(doc, probe); i >= 0 {
		return strings.Count(doc[:i], "\n") + 1
	}
	return 0
}
