package corpus

import (
	"context"
	"encoding/json"
	"regexp"
	"strings"

	"policyx/lexicon/cjk"
	"policyx/schema"
)

// Pages built by a script keep the article escaped inside a data block
// (window.__INITIAL_STATE__={"title":"…","content":"\u003cp\u003e…"}), and
// show nothing without the script. scriptArticle reads such a block: the
// longest JSON string in a <script> that holds Chinese text — HTML or plain
// — is the article, and a short "title" string beside it its title.

var (
	reScript = regexp.MustCompile(`(?is)<script\b[^>]*>(.*?)</script>`)
	// a JSON string literal of some length, with its key when it has one
	reJSONString = regexp.MustCompile(`(?:"([A-Za-z_]{1,20})"\s*:\s*)?("(?:[^"\\]|\\.){40,}")`)
	reJSONTitle  = regexp.MustCompile(`"(?:title|Title|TITLE|biaoti|bt)"\s*:\s*("(?:[^"\\]|\\.){4,400}")`)
	// a 发文字号 as a short string value of its own ("wh":"沪府办发〔2023〕16号")
	reJSONDocNum = regexp.MustCompile(`"(\p{Han}{1,12}[〔\[［(（]\s*(?:19|20)\d\d\s*[〕\]］)）]\s*\d{1,5}\s*号)"`)
)

// scriptArticleMin is the length in runes of Chinese text below which a
// script string is not an article.
const scriptArticleMin = 100

// scriptArticle returns the blocks of the article found in the page's script
// data, nil when there is none.
func scriptArticle(ctx context.Context, s string, maxDepth int) []schema.Block {
	best, title, docNum := "", "", ""
	for _, m := range reScript.FindAllStringSubmatch(s, -1) {
		body := m[1]
		for _, lit := range reJSONString.FindAllStringSubmatch(body, -1) {
			var v string
			if json.Unmarshal([]byte(lit[2]), &v) != nil {
				continue
			}
			if hanCount(v) >= scriptArticleMin && len(v) > len(best) {
				best = v
				title, docNum = "", ""
				if t := reJSONTitle.FindStringSubmatch(body); t != nil {
					_ = json.Unmarshal([]byte(t[1]), &title)
				}
				if d := reJSONDocNum.FindStringSubmatch(body); d != nil {
					docNum = d[1]
				}
			}
		}
	}
	if best == "" {
		return nil
	}
	if !strings.Contains(best, "<") {
		// plain text: one paragraph a line
		best = "<p>" + strings.ReplaceAll(htmlEscape(best), "\n", "</p><p>") + "</p>"
	}
	if docNum != "" && !strings.Contains(best, docNum) {
		best = "<p>" + htmlEscape(docNum) + "</p>" + best
	}
	if title != "" && !strings.Contains(best, title) {
		best = "<h1>" + htmlEscape(title) + "</h1>" + best
	}
	root, _, err := buildHTMLTree(ctx, best, maxDepth)
	if err != nil {
		return nil
	}
	measure(root)
	e := &htmlEmitter{}
	e.walk(root)
	e.flush()
	return cleanHTMLBlocks(e.blocks)
}

func hanCount(s string) int {
	n := 0
	for _, r := range s {
		if cjk.IsHan(r) {
			n++
		}
	}
	return n
}

var htmlEscaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

func htmlEscape(s string) string { return htmlEscaper.Replace(s) }
