package links

import (
	"strings"
	"testing"

	"policyx/schema"
)

func extract(title, number, text string) []schema.Link {
	return Extract(&schema.Document{Text: text, Meta: schema.Meta{Title: title, DocNumber: number}})
}

func TestNormNumber(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"国发〔2015〕28号", "国发〔2015〕28号"},
		{"国发[2015]28号", "国发〔2015〕28号"},
		{"国发(2015)28号", "国发〔2015〕28号"},
		{"国发（2015）28号", "国发〔2015〕28号"},
		{"国发［2015］28号", "国发〔2015〕28号"},
		{"国发【2015】28号", "国发〔2015〕28号"},
		{"穗民规字〔2024〕5 号", "穗民规字〔2024〕5号"},
		{"根据粤人社函〔2022〕39号", "粤人社函〔2022〕39号"},
		{"结合粤府〔2022〕9号", "粤府〔2022〕9号"},
		{"国发〔２０１５〕２８号", "国发〔2015〕28号"},
		// counter-examples: no year in brackets, no 号
		{"2015年28号", ""},
		{"国发〔2015〕", ""},
	} {
		if got := NormNumber(c.in); got != c.want {
			t.Errorf("NormNumber(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestTitleWithNumberAndKinds(t *testing.T) {
	// real citation sentences of Guangzhou documents
	text := "贯彻落实《广州市改革完善全科医生培养与使用激励机制实施方案》（穗府办函〔2020〕16号）精神，完善家庭医生培养培训体系。\n" +
		"本通知有效期1年。《广州市民政局 广州市财政局关于提高我市2024年最低生活保障及相关社会救助标准的通知》（穗民规字〔2024〕5号）同时废止。\n" +
		"为进一步落实《花都区亲商助企若干措施》（花府办规〔2025〕1号）中关于制造业数字化发展奖励的有关要求，推动制造业数字化转型。\n" +
		"结合《人力资源市场暂行条例》，做好服务。\n"
	ls := extract("", "", text)
	if len(ls) != 4 {
		t.Fatalf("got %d links, want 4: %+v", len(ls), ls)
	}
	want := []struct{ kind, title, number string }{
		{schema.LinkImplements, "广州市改革完善全科医生培养与使用激励机制实施方案", "穗府办函〔2020〕16号"},
		{schema.LinkRepeals, "广州市民政局广州市财政局关于提高我市2024年最低生活保障及相关社会救助标准的通知", "穗民规字〔2024〕5号"},
		{schema.LinkImplements, "花都区亲商助企若干措施", "花府办规〔2025〕1号"},
		{schema.LinkCites, "人力资源市场暂行条例", ""},
	}
	for i, w := range want {
		l := ls[i]
		if l.Kind != w.kind || l.Title != w.title || l.Number != w.number {
			t.Errorf("link %d = %s %q %q, want %s %q %q", i, l.Kind, l.Title, l.Number, w.kind, w.title, w.number)
		}
		if got := text[l.Span.Start:l.Span.End]; !strings.HasPrefix(got, "《") {
			t.Errorf("link %d span %q does not start at 《", i, got)
		}
	}
}

func TestBracketVariants(t *testing.T) {
	// the same citation as people type it
	for _, n := range []string{"国发〔2015〕28号", "国发[2015]28号", "国发(2015)28号", "国发（2015）28号"} {
		text := "根据《国务院关于印发〈中国制造2025〉的通知》（" + n + "），结合本市实际，制定本方案。"
		ls := extract("", "", text)
		if len(ls) != 1 || ls[0].Number != "国发〔2015〕28号" || ls[0].Kind != schema.LinkImplements ||
			ls[0].Title != "国务院关于印发〈中国制造2025〉的通知" {
			t.Errorf("%s: got %+v", n, ls)
		}
	}
	// a bare 文号
	ls := extract("", "", "按照国办发[2016]4号文件要求，做好清理工作。")
	if len(ls) != 1 || ls[0].Number != "国办发〔2016〕4号" || ls[0].Title != "" || ls[0].Kind != schema.LinkImplements {
		t.Errorf("bare number: got %+v", ls)
	}
}

func TestWrappedTitle(t *testing.T) {
	// a title broken over lines by a PDF's layout
	text := "根据《中共中央办公厅 国务院办公厅印发关于进一步完善医疗卫生服务\n体系的意见》和《国家卫生健康委员会等6部门关于推进家庭医生签约服务高质量\n\n发展的指导意见》（国卫基层发〔2022〕10\n号），制定本方案。"
	ls := extract("", "", text)
	if len(ls) != 2 {
		t.Fatalf("got %+v", ls)
	}
	if ls[0].Title != "中共中央办公厅国务院办公厅印发关于进一步完善医疗卫生服务体系的意见" || ls[0].Kind != schema.LinkImplements {
		t.Errorf("first: %+v", ls[0])
	}
	if ls[1].Title != "国家卫生健康委员会等6部门关于推进家庭医生签约服务高质量发展的指导意见" || ls[1].Number != "国卫基层发〔2022〕10号" {
		t.Errorf("second: %+v", ls[1])
	}
}

func TestNoSelfReference(t *testing.T) {
	title := "广州市人民政府办公厅关于印发广州市促进人力资源服务机构创新发展办法的通知"
	text := title + "\n穗府办规〔2024〕3号\n各区人民政府：\n《广州市促进人力资源服务机构创新发展办法》已经市人民政府同意，现印发给你们，请认真贯彻执行。\n" +
		"根据《人力资源市场暂行条例》，制定本办法。\n"
	ls := extract(title, "穗府办规〔2024〕3号", text)
	if len(ls) != 1 || ls[0].Title != "人力资源市场暂行条例" {
		t.Errorf("got %+v, want only the 条例", ls)
	}
	// the carried plan named in a notice without a title known
	ls = extract("", "", "现将《广州市促进人力资源服务机构创新发展办法》印发给你们，请认真贯彻执行。")
	if len(ls) != 0 {
		t.Errorf("carried plan gave %+v", ls)
	}
	// counter-example: a later citation in the same sentence is a reference
	ls = extract("", "", "结合《人力资源市场暂行条例》及本市实际，我局制定了《广州市促进人力资源服务机构创新发展办法》，现印发给你们。")
	if len(ls) != 1 || ls[0].Title != "人力资源市场暂行条例" || ls[0].Kind != schema.LinkCites {
		t.Errorf("got %+v", ls)
	}
}

func TestNotADocument(t *testing.T) {
	ls := extract("", "", "其高新技术企业资格和《高新技术企业证书》继续有效。")
	if len(ls) != 0 {
		t.Errorf("certificate gave %+v", ls)
	}
}

func TestShorthand(t *testing.T) {
	// real: a report cites the regulation, then its short name
	ls := extract("", "", "根据《中华人民共和国政府信息公开条例》（以下简称《条例》）要求，编制本报告。依据《条例》规定，公开如下。")
	if len(ls) != 1 || ls[0].Title != "中华人民共和国政府信息公开条例" {
		t.Errorf("got %+v", ls)
	}
}

func TestAmends(t *testing.T) {
	ls := extract("", "", "对《广州市最低生活保障办法》进行修订，形成本办法。")
	if len(ls) != 1 || ls[0].Kind != schema.LinkAmends {
		t.Errorf("got %+v", ls)
	}
}

func TestAttachmentList(t *testing.T) {
	notice := "关于印发X的通知\n各区：\n现印发给你们。\n附件：1. 广州市家庭医生签约服务包（2023年版）\n2. 广州市家庭医生签约服务协议书\n3. 全科医生工作室建设标准\n广州市卫生健康委员会\n2023年3月1日\n" +
		"附件3\n全科医生工作室建设标准\n一、……\n"
	ls := extract("", "", notice)
	var got []string
	for _, l := range ls {
		if l.Kind == schema.LinkAttachmentOf && l.Role == schema.RoleNotice {
			got = append(got, l.Attachment)
		}
	}
	// 附件3 is in the notice itself: no link
	want := []string{"广州市家庭医生签约服务包（2023年版）", "广州市家庭医生签约服务协议书"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("notice attachments %q, want %q", got, want)
	}
	// a run-on list of a flattened web page
	ls = extract("", "", "本办法自印发之日起施行。 附件:1.申报材料清单 2.扩区申报材料清单.docx 附件1 申报材料清单 一、申报单位……")
	got = got[:0]
	for _, l := range ls {
		got = append(got, l.Attachment)
	}
	if strings.Join(got, "|") != "扩区申报材料清单" {
		t.Errorf("run-on list: %q", got)
	}
}

func TestAttachmentDocument(t *testing.T) {
	text := "附件 1\n\n广州市家庭医生签约服务包\n（2023年版）\n\n序号\t服务项目\n1\t健康评估\n\n附件2\n广州市家庭医生签约服务协议书\n甲方：……\n\n全科医生工作室建设方案\n一、目标\n"
	ls := extract("", "", text)
	var got []string
	for _, l := range ls {
		if l.Role == schema.RoleAttachment {
			got = append(got, l.Attachment)
		}
	}
	want := []string{"广州市家庭医生签约服务包（2023年版）", "广州市家庭医生签约服务协议书", "全科医生工作室建设方案"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("headings %q, want %q", got, want)
	}
	// counter-example: a document with its own 文号 is no attachment document
	ls = Extract(&schema.Document{Text: text, Meta: schema.Meta{DocNumber: "穗卫规字〔2023〕1号"}})
	for _, l := range ls {
		if l.Role == schema.RoleAttachment {
			t.Errorf("document with a 文号 gave %+v", l)
		}
	}
}

func TestTitleKeys(t *testing.T) {
	a := TitleKeys("广东省人民政府关于印发广东省制造业高质量发展“十四五”规划（2021—2025年）的通知")
	b := TitleKeys("广东省制造业高质量发展“十四五”规划(2021-2025年)")
	if !shareKey(a, b) {
		t.Errorf("no common key: %q %q", a, b)
	}
	c := TitleKeys("广东省制造业高质量发展“十四五”规划")
	if !shareKey(a, c) {
		t.Errorf("year range not dropped: %q %q", a, c)
	}
	if shareKey(a, TitleKeys("广东省服务业高质量发展“十四五”规划")) {
		t.Error("different plans share a key")
	}
}

func shareKey(a, b []string) bool {
	for _, x := range a {
		for _, y := range b {
			if x == y {
				return true
			}
		}
	}
	return false
}

func TestWordsLoaded(t *testing.T) {
	if _, err := parseWords(wordsData); err != nil {
		t.Fatal(err)
	}
	if _, err := parseWords("[implements]\n根据\n"); err == nil {
		t.Error("missing sections accepted")
	}
	w := DataWords()
	for name, l := range map[string][]string{"implements": w.Implements, "repeals": w.Repeals, "amends": w.Amends,
		"issue": w.Issue, "carried": w.Carried, "notdoc": w.NotDoc, "titletail": w.TitleTail, "generic": w.Generic,
		"increment": w.Increment, "shorthand": w.Shorthand, "numbercut": w.NumberCut} {
		if len(l) == 0 {
			t.Errorf("data/words.txt: section [%s] is empty", name)
		}
	}
}

func FuzzExtract(f *testing.F) {
	f.Add("根据《国务院关于印发〈中国制造2025〉的通知》（国发[2015]28号），制定本方案。")
	f.Add("附件：1.甲\n2.乙《丙\n附件 1\n丁（")
	f.Fuzz(func(t *testing.T, s string) {
		for _, l := range extract("", "", s) {
			if !l.Span.Valid(len(s)) || l.Span.Start > l.Span.End {
				t.Fatalf("bad span %+v in %q", l.Span, s)
			}
		}
	})
}
