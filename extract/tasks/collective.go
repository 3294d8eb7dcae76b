package tasks

import (
	"regexp"

	"policyx/lexicon/dept"
)

// reCollectiveQualifier is the qualifier of a collective unit: the units it
// names, up to their level word (各盟市 in 各盟市行政公署, 各县（市、区） in
// 各县（市、区）人民政府).
var reCollectiveQualifier = regexp.MustCompile(`^各[\p{Han}、（）()]{0,10}[市县区盟州旗][)）]?`)

// bareGovOrgans are the organs a collective's qualifier carries over to the
// next item when it is written without one.
var bareGovOrgans = map[string]bool{"人民政府": true, "政府": true, "管委会": true, "行政公署": true}

// collectiveOf returns the qualifier items[k] shares with the collective
// unit before it (各盟市行政公署、人民政府 → 各盟市), "" when items[k] is no
// bare government organ or the item before it is no collective.
func collectiveOf(items []string, k int) string {
	if k == 0 || !bareGovOrgans[items[k]] || !dept.IsCollective(items[k-1]) {
		return ""
	}
	q := reCollectiveQualifier.FindString(items[k-1])
	if q == "" || q == items[k-1] {
		return ""
	}
	return q
}
