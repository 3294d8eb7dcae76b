// Package meta extracts 公文 metadata: title, 发文字号, issuer, 成文日期 and
// jurisdiction.
//
// Sources, best first: the metadata box of a saved web page (发文字号: /
// 成文日期: label lines), the notice itself (the title line …关于印发…的通知,
// the 文号 line, the 署名 lines and the date under them), and as a last resort
// what the text says about places.
//
// Jurisdiction is the government level the 市/自治区/省/区/县 of department
// names refers to: a province (广西壮族自治区), a city (柳州市), a district
// with its city (广州市黄埔区), or 中华人民共和国 for central organs (国务院,
// 国家发展改革委, 海关总署).
package meta

import (
	"fmt"
	"policyx/extract/internal/mdline"
	"policyx/lexicon/cjk"
	"regexp"
	"strings"
	"unicode/utf8"

	"policyx/schema"
)

// Canonicalizer expands a department mention to its canonical full name in a
// document of jurisdiction juris (lexicon/dept.Dict implements it).
type Canonicalizer interface {
	Canonical(mention, juris string) (name, nameJuris string)
}

// Extract reads the metadata of doc from its normalized text and blocks.
func Extract(doc *schema.Document) (schema.Meta, []schema.Diagnostic) {
	return ExtractWith(doc, nil)
}

// ExtractWith is Extract with a department dictionary to expand abbreviated
// issuers (自治区科技厅 → 广西壮族自治区科学技术厅); canon may be nil.
func ExtractWith(doc *schema.Document, canon Canonicalizer) (schema.Meta, []schema.Diagnostic) {
	p := mustPlaces()
	x := &extractor{p: p, text: doc.Text, canon: canon}
	x.lines = splitLines(doc.Text)
	return x.run()
}

type line struct {
	start int
	text  string // trimmed of spaces and Markdown markers
}

func splitLines(text string) []line {
	var out []line
	off := 0
	for _, s := range strings.SplitAfter(text, "\n") {
		if t := mdline.Clean(s); t != "" {
			out = append(out, line{start: off, text: t})
		}
		off += len(s)
	}
	return out
}

type extractor struct {
	p     *Places
	text  string
	lines []line
	canon Canonicalizer
	diags []schema.Diagnostic

	boxLines  map[int]bool // indexes of metadata-box lines
	inlineNum string       // 文号 of a title run together with its 主送
	box       struct{ title, docNum, date, issuer, publisher string }
	ownHead   string // the organ a heading title opens with (镇巴县人民政府)
	ownNum    string // the (文号) after a heading title (…重点工作任务(华政发〔2021〕2号))
}

func (x *extractor) run() (schema.Meta, []schema.Diagnostic) {
	var m schema.Meta
	x.readBox()

	titleAt, titleEnd, title, prefix := x.noticeTitle()
	switch {
	case title != "":
		m.Title = title
	case x.box.title != "":
		m.Title = x.box.title
		prefix = issuerPrefix(m.Title)
	default:
		var organ string
		m.Title, organ = x.ownTitle()
		if prefix == "" {
			prefix = organ
		}
		if loc := reHeadOrgan.FindStringSubmatch(m.Title); loc != nil {
			x.ownHead = loc[1]
		}
		if m.Title == "" {
			// no title line at all: the policy the notice issues
			// (现将《菏泽市…分工落实方案》印发给你们)
			if t := reIssuedName.FindStringSubmatch(cjk.Head(x.text, 4000)); t != nil {
				m.Title = CompactTitle(t[1])
			}
		}
	}

	x.inlineNum = strings.TrimSpace(x.inlineNum)
	m.DocNumber = x.box.docNum
	if m.DocNumber == "" {
		m.DocNumber = x.bodyDocNum(titleAt, titleEnd)
	}
	var dec decree
	if m.DocNumber == "" {
		// a 规章 or 条例 published by a 令 (广州市人民政府令第179号)
		dec = x.decree()
		m.DocNumber = dec.num
		if titleAt < 0 && x.box.title == "" && dec.title != "" {
			m.Title = dec.title
		}
	}

	from := 0
	if titleAt >= 0 {
		from = titleAt
	}
	date, signers := x.signature(from)
	if date == "" {
		date = dec.date
	}
	m.IssueDate = x.issueDate(date, titleEnd)

	// issuer organs, best source first
	organs := signers
	if len(organs) == 0 && prefix != "" {
		organs = x.titleOrgans(prefix)
	}
	if len(organs) == 0 && dec.organ != "" {
		organs = []string{dec.organ}
	}
	if len(organs) == 0 && x.ownHead != "" {
		organs = []string{x.ownHead} // 镇巴县人民政府工作规则
	}
	fromBox := len(organs) == 0
	if len(organs) == 0 && x.box.issuer != "" {
		// the box's 发文机构, when it names organs (县政府网站 is none)
		organs = x.p.organLine(x.box.issuer)
	}
	if len(organs) == 0 && x.box.publisher != "" {
		// the page's publisher, when it names organs (not 相关部门)
		if o := x.p.organLine(x.box.publisher); o != nil {
			organs = o
		}
	}
	if fromBox && len(organs) > 0 && x.reposted(organs[0], m.DocNumber) {
		x.info("the page's organ %s did not issue %s: a repost", organs[0], m.DocNumber)
		organs = nil
	}

	jprefix := prefix
	if jprefix == "" && len(organs) == 0 {
		// no issuer: the place a heading opens with (新昌县森林火灾事故应急预案)
		jprefix = x.p.leadPlace(m.Title)
	}
	m.Jurisdiction = x.jurisdiction(organs, m.DocNumber, jprefix)
	for i, o := range organs {
		organs[i] = x.p.expandOrgan(o, m.Jurisdiction, x.canon)
	}
	m.Issuer = strings.Join(dedupe(organs), "、")
	m.Title = x.fullTitle(m.Title, prefix, m.Jurisdiction)

	if m.Title == "" {
		x.info("no title found")
	}
	if m.IssueDate == "" {
		x.info("no 成文日期 found")
	}
	if m.Jurisdiction == "" {
		x.warn("jurisdiction unknown")
	}
	return m, x.diags
}

// issueDate chooses the 成文日期 among the metadata box's, the one under
// the signature (signed) and the one in brackets under the title (中共中央
// 国务院关于…的意见 / （2023年1月2日）; a 政府公报 page prints every notice
// so). The box wins over the signature, but not over the date under the
// title: a gazette's box dates the gazette issue (成文日期 2019-02-28 over
// 青政发〔2019〕1号 of (2019年1月29日)).
func (x *extractor) issueDate(signed string, titleEnd int) string {
	under := ""
	if titleEnd >= 0 && titleEnd < len(x.lines) {
		if m := reParenDate.FindStringSubmatch(strings.TrimSpace(x.lines[titleEnd].text)); m != nil {
			under = ParseDate(m[1])
		}
	}
	switch {
	case x.box.date == "" && signed != "":
		return signed
	case x.box.date == "":
		return under
	case under != "" && under != x.box.date:
		x.warn("成文日期 %s in the metadata box, %s under the title; kept the title's", x.box.date, under)
		return under
	case signed != "" && signed != x.box.date:
		x.warn("成文日期 %s in the metadata box, %s under the signature; kept the box", x.box.date, signed)
	}
	return x.box.date
}

// reHeadOrgan is a people's government or its office at the start of a
// heading (镇巴县人民政府工作规则).
var reHeadOrgan = regexp.MustCompile(`^(\p{Han}{2,12}?人民政府(?:办公厅|办公室)?)`)

// reIssuedName is the name of the policy a notice issues.
var reIssuedName = regexp.MustCompile(`现将\s*《([^《》]{4,80})》\s*(?:[（(]以下简称[^）)]*[）)])?\s*(?:印发|转发)`)

// reParenDate is a date in brackets on a line of its own.
var reParenDate = regexp.MustCompile(`^[(（]\s*(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)\s*[)）]$`)

func dedupe(ss []string) []string {
	seen := map[string]bool{}
	out := ss[:0]
	for _, s := range ss {
		if s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

func (x *extractor) warn(format string, a ...any) {
	x.diags = append(x.diags, schema.Diagnostic{Severity: schema.SevWarning, Stage: "meta", Message: sprintf(format, a...)})
}

func (x *extractor) info(format string, a ...any) {
	x.diags = append(x.diags, schema.Diagnostic{Severity: schema.SevInfo, Stage: "meta", Message: sprintf(format, a...)})
}

var sprintf = fmt.Sprintf

func runeLen(s string) int { return utf8.RuneCountInString(s) }
