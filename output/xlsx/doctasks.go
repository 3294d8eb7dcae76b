package xlsx

import (
	"sort"
	"strings"

	"policyx/schema"
)

// taskTextChars is how much of a task's text 任务原文 shows: enough to
// recognise it, repeated on each role's row.
const taskTextChars = 120

var taskCols = []column{
	{name: "编号", max: 10},
	{name: "任务", max: 30},
	{name: "角色"},
	{name: "部门（规范名称）", max: 40},
	{name: "原文写法", max: 40},
	{name: "所在章节", max: 40},
	{name: "来源", max: 24},
	{name: "任务原文", max: wideText},
}

func tasksSheet(docs []*schema.Document, multi bool) *sheet {
	return &sheet{
		name: sheetTasks,
		cols: append(partCols(multi), taskCols...),
		rows: func(yield func(row) error) error {
			return eachTask(docs, func(v docView, t *schema.Task) error {
				x := v.x
				base := []any{t.Label, t.Title}
				tail := []any{x.path(t.Section, t.Span), x.source("", t.Table, t.Row), excerpt(x.text(t.Span), taskTextChars)}
				groups := groupRoles(t.Departments)
				if len(groups) == 0 {
					groups = []roleGroup{{}}
				}
				for _, g := range groups {
					cells := append(partCells(multi, v.d), base...)
					cells = append(cells, roleWords(g.role), strings.Join(g.depts, "、"), strings.Join(g.mentions, "、"))
					cells = append(cells, tail...)
					if err := yield(row{cells: cells}); err != nil {
						return err
					}
				}
				return nil
			})
		},
	}
}

var taskDeptCols = []column{
	{name: "编号", max: 10},
	{name: "任务", max: 30},
	{name: "角色"},
	{name: "顺序"},
	{name: "部门（规范名称）", max: 40},
	{name: "原文写法", max: 40},
	{name: "所在章节", max: 40},
	{name: "来源", max: 24},
	{name: "页码", min: 6},
}

// taskDeptSheet is 任务分工（逐部门）: one row per task and department, so
// that a pivot table can count tasks by department and role.
func taskDeptSheet(docs []*schema.Document, multi bool, bc *bookCtx) *sheet {
	return &sheet{
		name: sheetTaskDept,
		cols: append(partCols(multi), taskDeptCols...),
		rows: func(yield func(row) error) error {
			return eachTask(docs, func(v docView, t *schema.Task) error {
				p0, _ := v.pg.Span(t.Span)
				tail := []any{bc.sectionCell(v.k, v.x, t.Section, t.Span), v.x.source("", t.Table, t.Row), pageCell(bc.source[v.k], p0)}
				deps := t.Departments
				if len(deps) == 0 {
					deps = []schema.TaskDept{{}}
				}
				for j, dp := range deps {
					ord := dp.Ordinal
					if ord == 0 && dp.Department != "" {
						ord = j + 1
					}
					var o any
					if ord > 0 {
						o = ord
					}
					cells := append(partCells(multi, v.d), t.Label, t.Title, roleWords(dp.Role), o, dp.Department, dp.Mention)
					cells = append(cells, tail...)
					if err := yield(row{cells: cells}); err != nil {
						return err
					}
				}
				return nil
			})
		},
	}
}

type roleGroup struct {
	role            string
	depts, mentions []string
}

// groupRoles groups a task's departments by role (lead, responsible,
// support), each in its written order.
func groupRoles(ds []schema.TaskDept) []roleGroup {
	idx := make([]int, len(ds))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool {
		da, db := ds[idx[a]], ds[idx[b]]
		if ra, rb := roleOrder(da.Role), roleOrder(db.Role); ra != rb {
			return ra < rb
		}
		if da.Role != db.Role {
			return da.Role < db.Role
		}
		return da.Ordinal < db.Ordinal
	})
	var out []roleGroup
	for _, i := range idx {
		dp := ds[i]
		if len(out) == 0 || out[len(out)-1].role != dp.Role {
			out = append(out, roleGroup{role: dp.Role})
		}
		g := &out[len(out)-1]
		name := dp.Department
		if name == "" {
			name = dp.Mention
		}
		g.depts = append(g.depts, name)
		g.mentions = append(g.mentions, dp.Mention)
	}
	return out
}
