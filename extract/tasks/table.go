package tasks

import (
	"sort"
	"strings"

	"policyx/schema"
)

// tableTasks reads tables whose header names 牵头/配合/责任 columns.
func (x *extractor) tableTasks() []schema.Task {
	var out []schema.Task
	var prevHeader []string
	for ti, tb := range x.doc.Tables {
		header := tb.Header
		if blank(header) && len(prevHeader) == len(header) {
			// A continuation of the table before, its header not repeated.
			header = prevHeader
		}
		roles := map[int]string{}
		for c, h := range header {
			if r := headerRole(squeezeString(h)); r != "" {
				roles[c] = r
			}
		}
		if len(roles) == 0 {
			prevHeader = nil
			out = append(out, x.cellLists(ti, tb, header)...)
			continue
		}
		prevHeader = header
		nameCol := nameColumn(header, roles)
		if nameCol < 0 {
			continue
		}
		for ri, row := range tb.Rows {
			if row.IsTotal || nameCol >= len(row.Cells) {
				continue
			}
			name := strings.TrimSpace(row.Cells[nameCol])
			if name == "" {
				continue
			}
			var rls []roleList
			cols := make([]int, 0, len(roles))
			for c := range roles {
				cols = append(cols, c)
			}
			sort.Ints(cols)
			for _, role := range []string{roleLeadFirst, schema.RoleLead, schema.RoleSupport, schema.RoleResponsible} {
				for _, c := range cols {
					if roles[c] != role || c >= len(row.Cells) {
						continue
					}
					cell := squeezeString(row.Cells[c])
					if loc := reRole.FindStringIndex(cell); loc != nil && loc[0] == 0 {
						rls = append(rls, x.parseLabelled(cell)...)
						continue
					}
					rls = append(rls, x.cellRoles(cell, role)...)
				}
			}
			deps := x.departments(rls)
			if len(deps) == 0 {
				continue
			}
			out = append(out, schema.Task{
				Label: strings.TrimSpace(row.Seq), Title: strings.TrimRight(strings.Join(strings.Fields(name), " "), "。；;"),
				Span: row.Span, Table: ti, Row: ri, Departments: deps,
			})
		}
	}
	return out
}

// cellRoles reads an unlabelled cell of a role column. A duty sentence
// (市发改委牵头，市财政局、市行政审批局配合) gives its lead and support; a
// unit marked as the lead (市地方金融监管局（牵头）)
// leads and the others keep the column's role. Cells of a misread table
// may hold prose: only units are kept.
func (x *extractor) cellRoles(cell, role string) []roleList {
	rest := role
	if role == roleLeadFirst {
		rest = schema.RoleResponsible
	}
	if role != schema.RoleSupport && strings.Contains(cell, "牵头") {
		body := strings.TrimRight(cell, "。；;，, ")
		if m := reLeadSupp.FindStringSubmatch(body); m != nil {
			if lead, supp := x.split(m[1], true), x.split(m[2], true); lead != nil && supp != nil {
				return []roleList{{schema.RoleLead, lead}, {schema.RoleSupport, supp}}
			}
		}
		if lead, others := x.leadThenRest(body); lead != nil {
			return []roleList{{schema.RoleLead, lead}, {rest, others}}
		}
	}
	var items []string
	for _, it := range x.split(cell, false) {
		name := it
		if loc := reLeadMark.FindStringIndex(it); loc != nil {
			name = it[:loc[0]]
		}
		if x.unitLike(name) {
			items = append(items, it)
		}
	}
	if len(items) == 0 {
		return nil
	}
	if marked, others := leadMarked(items); len(marked) > 0 {
		out := []roleList{{schema.RoleLead, marked}}
		if len(others) > 0 {
			out = append(out, roleList{rest, others})
		}
		return out
	}
	if role == roleLeadFirst {
		out := []roleList{{schema.RoleLead, items[:1]}}
		if len(items) > 1 {
			out = append(out, roleList{rest, items[1:]})
		}
		return out
	}
	return []roleList{{role, items}}
}

// roleLeadFirst marks a column whose first unit leads and the rest are
// responsible.
const roleLeadFirst = "lead-first"

func blank(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return len(cells) > 0
}

// headerRole maps a column header to a role ("" when it names none).
func headerRole(h string) string {
	if strings.Contains(h, "处室") || strings.Contains(h, "内牵头") || strings.Contains(h, "内配合") {
		return "" // divisions inside one department
	}
	if strings.Contains(h, "牵头") && reFirstIsLead.MatchString(h) {
		return roleLeadFirst // 责任单位（排第一位的为牵头单位）
	}
	switch {
	case strings.Contains(h, "牵头"), strings.Contains(h, "指导部门"), strings.Contains(h, "主办"):
		return schema.RoleLead
	case strings.Contains(h, "配合"), strings.Contains(h, "协"), strings.Contains(h, "参与"):
		// 协办, 协同责任单位, 协助单位: as the labels of lists read them
		return schema.RoleSupport
	case strings.Contains(h, "责任单位"), strings.Contains(h, "责任部门"), strings.Contains(h, "负责单位"),
		strings.Contains(h, "负责部门"), strings.Contains(h, "主责"), strings.Contains(h, "实施单位"), strings.Contains(h, "承办"):
		return schema.RoleResponsible
	}
	return ""
}

var nameHeaders = []string{"任务", "事项", "举措", "措施", "指标", "名称", "类别", "项目"}

// nameColumn picks the column that names a row: a header such as 任务 or
// 工作事项, else the first column that is neither 序号 nor a role.
func nameColumn(header []string, roles map[int]string) int {
	for _, want := range nameHeaders {
		for c, h := range header {
			h = squeezeString(h)
			if _, isRole := roles[c]; isRole || strings.Contains(h, "主要内容") {
				continue
			}
			if strings.Contains(h, want) {
				return c
			}
		}
	}
	for c, h := range header {
		h = squeezeString(h)
		if _, isRole := roles[c]; isRole || h == "序号" || h == "编号" || h == "" {
			continue
		}
		return c
	}
	return -1
}

// cellLists reads tables without role columns whose cells end with a unit
// list (…（责任单位：市科技局）): a task per row, named by its name cell.
func (x *extractor) cellLists(ti int, tb schema.Table, header []string) []schema.Task {
	nameCol := nameColumn(header, nil)
	var out []schema.Task
	for ri, row := range tb.Rows {
		if nameCol < 0 || nameCol >= len(row.Cells) {
			continue
		}
		var rls []roleList
		for c, cell := range row.Cells {
			if c == nameCol || !strings.ContainsAny(cell, "（([【") {
				continue
			}
			sq, idx := squeeze(cell, 0, len(cell))
			for _, l := range x.findLists(&para{sq: sq, idx: idx}) {
				rls = append(rls, l.roles...)
			}
		}
		if len(rls) == 0 {
			continue
		}
		name := strings.TrimSpace(row.Cells[nameCol])
		if k := strings.IndexAny(name, "（(["); k > 0 {
			name = strings.TrimSpace(name[:k]) // a name cell that holds the list too
		}
		if name == "" {
			continue
		}
		out = append(out, schema.Task{
			Label: strings.TrimSpace(row.Seq), Title: strings.TrimRight(strings.Join(strings.Fields(name), " "), "。；;"),
			Span: row.Span, Table: ti, Row: ri, Departments: x.departments(rls),
		})
	}
	return out
}
