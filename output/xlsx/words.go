package xlsx

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"policyx/schema"
)

// Words shown to analysts for the codes of the database.

func kindWords(k string) string {
	switch k {
	case schema.KindGoal:
		return "目标（goal）"
	case schema.KindFunding:
		return "资金（funding）"
	case schema.KindRate:
		return "比例（rate）"
	case schema.KindThreshold:
		return "门槛（threshold）"
	}
	return k
}

func comparatorWords(c string) string {
	switch c {
	case ">=":
		return "≥ 不低于"
	case "<=":
		return "≤ 不超过"
	case "=":
		return "="
	case "~":
		return "约"
	}
	return c
}

func periodWords(p string) string {
	switch p {
	case "annual":
		return "每年"
	case "monthly":
		return "每月"
	}
	return p
}

func roleWords(r string) string {
	switch r {
	case schema.RoleLead:
		return "牵头"
	case schema.RoleSupport:
		return "配合"
	case schema.RoleResponsible:
		return "责任"
	}
	return r
}

// roleOrder sorts the roles of one task: lead, responsible, support.
func roleOrder(r string) int {
	switch r {
	case schema.RoleLead:
		return 0
	case schema.RoleResponsible:
		return 1
	case schema.RoleSupport:
		return 2
	}
	return 3
}

func statusWords(s string) string {
	switch schema.Status(s) {
	case schema.StatusOK, "":
		return "正常"
	case schema.StatusPartial:
		return "部分完成"
	case schema.StatusFailed:
		return "失败"
	}
	return s
}

func checkKindWords(k string) string {
	switch k {
	case "seq_gap":
		return "序号缺漏（seq_gap）"
	case "seq_repeat":
		return "序号重复（seq_repeat）"
	case "sum_mismatch":
		return "合计不符（sum_mismatch）"
	case "count_mismatch":
		return "数量不符（count_mismatch）"
	}
	return k
}

func sourceWords(src string) string {
	if src == "table" {
		return "表格"
	}
	return "正文"
}

// sectionName joins a section's label and title as the document writes
// them: 一、总体要求, （一）工作目标, 附件1 重点任务分工表.
func sectionName(lbl, title string) string {
	lbl, title = strings.TrimSpace(lbl), strings.TrimSpace(title)
	if lbl == "" || title == "" {
		return lbl + title
	}
	r, _ := utf8.DecodeLastRuneInString(lbl)
	if unicode.IsLetter(r) || unicode.IsDigit(r) {
		return lbl + " " + title
	}
	return lbl + title
}

// pathSep separates the sections of a path.
const pathSep = " > "

// tableName is how a table is named in sheets and messages.
func tableName(attachment, title string, ordinal int) string {
	attachment, title = strings.TrimSpace(attachment), strings.TrimSpace(title)
	if attachment != "" && strings.HasPrefix(title, attachment) {
		return title // the caption names it already: 附件1：…
	}
	switch {
	case attachment != "" && title != "":
		return attachment + " " + title
	case attachment != "":
		return attachment
	case title != "":
		return "表" + strconv.Itoa(ordinal) + " " + title
	}
	return "表" + strconv.Itoa(ordinal)
}

// excerpt returns at most n characters of s, marking a cut with "…".
func excerpt(s string, n int) string {
	s = strings.TrimSpace(s)
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n]) + "…"
}
