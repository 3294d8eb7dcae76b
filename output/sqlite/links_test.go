package sqlite

import (
	"path/filepath"
	"strconv"
	"testing"

	"policyx/schema"
)

func newLinkDoc(path, title, number, juris string, links ...schema.Link) *schema.Document {
	return &schema.Document{Path: path, SHA256: "sha-" + path, Part: 1, Format: schema.FormatTXT, Text: "正文",
		Status: schema.StatusOK, Meta: schema.Meta{Title: title, DocNumber: number, Jurisdiction: juris}, Links: links}
}

// resolvedTo maps each reference (by cited title or attachment) of a
// document to the path of the document it resolved to.
func resolvedTo(t *testing.T, db *DB, path string) map[string]string {
	t.Helper()
	rows, err := db.SQL().Query(`SELECT coalesce(l.cited_title, l.attachment, l.cited_number), coalesce(l.attachment,''), coalesce(t.source_path,'')
		FROM document_links l JOIN documents d ON d.id = l.document_id LEFT JOIN documents t ON t.id = l.target_document_id
		WHERE d.source_path = ?`, path)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var k, att, v string
		if err := rows.Scan(&k, &att, &v); err != nil {
			t.Fatal(err)
		}
		if att != "" {
			k = att
		}
		out[k] = v
	}
	return out
}

func TestResolveLinks(t *testing.T) {
	db, err := Open(filepath.Join(t.TempDir(), "p.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	// a city plan cites a provincial plan by a differently written title, a
	// law nobody loaded, and itself by 文号; the provincial plan cites the
	// city plan back (a cycle)
	city := newLinkDoc("city.txt", "广州市人民政府关于印发广州市制造业数字化转型实施方案的通知", "穗府〔2023〕5号", "广州市",
		schema.Link{Kind: schema.LinkImplements, Title: "广东省制造业数字化转型实施方案（2021—2025年）"},
		schema.Link{Kind: schema.LinkImplements, Title: "中华人民共和国中小企业促进法"},
		schema.Link{Kind: schema.LinkCites, Number: "穗府〔2023〕5号"})
	if err := db.WriteFile([]*schema.Document{city}); err != nil {
		t.Fatal(err)
	}
	st, err := db.ResolveLinks(nil)
	if err != nil {
		t.Fatal(err)
	}
	if st.Links != 3 || st.Resolved != 0 {
		t.Errorf("before the province: %v", st)
	}
	// loaded later: the city's reference links to it; it cites the city by 文号
	prov := newLinkDoc("prov.txt", "广东省人民政府关于印发广东省制造业数字化转型实施方案(2021-2025年)的通知", "粤府〔2021〕45号", "广东省",
		schema.Link{Kind: schema.LinkCites, Number: "穗府[2023]5号"})
	if err := db.WriteFile([]*schema.Document{prov}); err != nil {
		t.Fatal(err)
	}
	if st, err = db.ResolveLinks(nil); err != nil {
		t.Fatal(err)
	}
	got := resolvedTo(t, db, "city.txt")
	if got["广东省制造业数字化转型实施方案（2021—2025年）"] != "prov.txt" {
		t.Errorf("city → province by title: %v", got)
	}
	if got["中华人民共和国中小企业促进法"] != "" || got["穗府〔2023〕5号"] != "" {
		t.Errorf("unloaded law or self resolved: %v", got)
	}
	if got := resolvedTo(t, db, "prov.txt"); got["穗府[2023]5号"] != "city.txt" {
		t.Errorf("province → city by 文号 in [] brackets: %v", got)
	}
	if st.Links != 4 || st.Resolved != 2 {
		t.Errorf("counts %v, want 4 links, 2 resolved", st)
	}
	// re-writing the province (new ids) and resolving again keeps it linked
	if err := db.WriteFile([]*schema.Document{prov}); err != nil {
		t.Fatal(err)
	}
	if st, err = db.ResolveLinks(nil); err != nil || st.Resolved != 2 {
		t.Errorf("after rewrite: %v %v", st, err)
	}
}

func TestResolveAttachments(t *testing.T) {
	db, err := Open(filepath.Join(t.TempDir(), "p.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	notice := newLinkDoc("notice.txt", "广州市卫生健康委员会关于印发家庭医生签约服务实施方案的通知", "穗卫〔2023〕1号", "广州市",
		schema.Link{Kind: schema.LinkAttachmentOf, Role: schema.RoleNotice, Title: "广州市家庭医生签约服务包(2023年版)", Attachment: "广州市家庭医生签约服务包(2023年版)"},
		schema.Link{Kind: schema.LinkAttachmentOf, Role: schema.RoleNotice, Title: "服务协议书", Attachment: "服务协议书"})
	att := newLinkDoc("att.txt", "广州市家庭医生签约服务包（2023年版）", "", "广州市",
		schema.Link{Kind: schema.LinkAttachmentOf, Role: schema.RoleAttachment, Attachment: "广州市家庭医生签约服务包（2023年版）"})
	if err := db.WriteFiles([][]*schema.Document{{att}, {notice}}); err != nil {
		t.Fatal(err)
	}
	st, err := db.ResolveLinks(nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := resolvedTo(t, db, "notice.txt"); got["广州市家庭医生签约服务包(2023年版)"] != "att.txt" || got["服务协议书"] != "" {
		t.Errorf("notice: %v", got)
	}
	if got := resolvedTo(t, db, "att.txt"); got["广州市家庭医生签约服务包（2023年版）"] != "notice.txt" {
		t.Errorf("attachment: %v", got)
	}
	var title, num string
	if err := db.SQL().QueryRow(`SELECT cited_title, cited_number FROM document_links WHERE role = 'attachment'`).Scan(&title, &num); err != nil ||
		title != notice.Meta.Title || num != "穗卫〔2023〕1号" {
		t.Errorf("attachment row names %q %q (%v)", title, num, err)
	}
	if st.Resolved != 2 {
		t.Errorf("%v", st)
	}
}

func TestTargetPairs(t *testing.T) {
	db, err := Open(filepath.Join(t.TempDir(), "p.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	tgt := func(subject string, v float64, unit, deadline, scope string) schema.Target {
		return schema.Target{Section: -1, Kind: schema.KindGoal, Subject: subject, Value: "x", Unit: unit, NormValue: v, NormUnit: unit,
			Deadline: deadline, Scope: scope, Table: -1, Row: -1, Source: "text"}
	}
	prov := newLinkDoc("prov.txt", "广东省制造业数字化转型实施方案", "粤府〔2021〕45号", "广东省")
	prov.Targets = []schema.Target{
		tgt("广州市的规上工业企业数字化转型数量", 3000, "家", "2025-12-31", "广州"),
		tgt("规上工业企业数字化转型数量", 20000, "家", "2025-12-31", ""), // the province's own total: no pair
		tgt("数字化转型比例", 60, "%", "2025-12-31", ""),
	}
	city := newLinkDoc("city.txt", "广州市制造业数字化转型实施方案", "穗府〔2023〕5号", "广州市",
		schema.Link{Kind: schema.LinkImplements, Title: "广东省制造业数字化转型实施方案"})
	city.Targets = []schema.Target{
		tgt("规上工业企业数字化转型", 3500, "家", "2025-12-31", ""),
		tgt("新增规上工业企业数字化转型", 800, "家", "2025-12-31", ""), // increment: not the same indicator
		tgt("规上工业企业数字化转型比例", 60, "%", "2025-12-31", ""),
		tgt("规上工业企业数字化转型", 2000, "家", "2024-12-31", ""), // other year
	}
	if err := db.WriteFiles([][]*schema.Document{{prov}, {city}}); err != nil {
		t.Fatal(err)
	}
	st, err := db.ResolveLinks(nil)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := db.SQL().Query(`SELECT upper_value, lower_value, relation, basis FROM target_pairs ORDER BY upper_value`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got []string
	for rows.Next() {
		var u, l float64
		var rel, basis string
		rows.Scan(&u, &l, &rel, &basis)
		got = append(got, fmtPair(u, l, rel, basis))
	}
	want := []string{"60→60 same link", "3000→3500 raised scope"}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("pairs %q, want %q", got, want)
	}
	if st.Pairs != 2 {
		t.Errorf("%v", st)
	}
}

func fmtPair(u, l float64, rel, basis string) string {
	return ftoa(u) + "→" + ftoa(l) + " " + rel + " " + basis
}

func ftoa(f float64) string {
	return strconv.FormatFloat(f, 'f', -1, 64)
}
