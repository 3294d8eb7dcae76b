package xlsx

import (
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"policyx/schema"
)

// 任务分工（逐部门） has one row per task and department; 概览 links back to
// summary.xlsx; a target's section links to its outline line; borders are
// set on data cells.
func TestPerDepartmentLinksAndBorders(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "doc.xlsx")
	d := synthDoc("in/柳州.txt", 1, "柳州市人民政府办公室关于印发柳州市科技创新三年行动方案的通知")
	if err := WriteDocument(path, []*schema.Document{d}); err != nil {
		t.Fatal(err)
	}
	f := open(t, path)
	nd := 0
	for _, k := range d.Tasks {
		nd += max(len(k.Departments), 1)
	}
	rows := rowsOf(t, f, sheetTaskDept)
	if len(rows)-1 != nd {
		t.Errorf("任务分工（逐部门）: %d rows, want %d (one per department)", len(rows)-1, nd)
	}
	if ok, target, _ := f.GetCellHyperLink(sheetOverview, "B2"); !ok || target != summaryName {
		t.Errorf("概览 B2 links to %q, want %s", target, summaryName)
	}
	trows := rowsOf(t, f, sheetTargets)
	col := colOf(t, trows, 0, "所在章节")
	linked := 0
	for r := 2; r <= len(trows); r++ {
		ref := string(rune('A'+col-1)) + strconv.Itoa(r)
		if ok, target, _ := f.GetCellHyperLink(sheetTargets, ref); ok && strings.HasPrefix(target, "'概览'!B") {
			linked++
		}
	}
	if linked == 0 {
		t.Error("no target's section links to 概览")
	}
	st, _ := f.GetCellStyle(sheetTargets, "A2")
	if s, err := f.GetStyle(st); err != nil || len(s.Border) != 4 {
		t.Errorf("data cell A2 of 指标: borders %v, %v", s, err)
	}
}
