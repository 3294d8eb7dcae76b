package tables

import "strings"

// colProfile says, per column, whether its cells are mostly figures.
type colProfile struct {
	numeric []bool
}

func (v *vocab) profile(raws []rawRow, n int) colProfile {
	vals := make([]int, n)
	all := make([]int, n)
	for _, r := range raws {
		if len(r.cells) != n {
			continue
		}
		for c, s := range r.cells {
			if s == "" {
				continue
			}
			all[c]++
			if v.isValue(s) {
				vals[c]++
			}
		}
	}
	p := colProfile{numeric: make([]bool, n)}
	for c := range n {
		p.numeric[c] = all[c] > 0 && vals[c]*2 > all[c]
	}
	return p
}

// align fits a row of the wrong width to n columns: extra empty cells go,
// missing cells are placed where figures meet figure columns.
func (v *vocab) align(cells []string, p colProfile, n int) []string {
	if len(cells) == n {
		return cells
	}
	if len(cells) > n {
		out := append([]string(nil), cells...)
		// drop empty cells until it fits, from the right
		for c := len(out) - 1; c >= 0 && len(out) > n; c-- {
			if out[c] == "" {
				out = append(out[:c], out[c+1:]...)
			}
		}
		if len(out) > n {
			out[n-1] = strings.Join(out[n-1:], " ")
			out = out[:n]
		}
		return out
	}
	// dynamic programming: place len(cells) cells in order into n columns
	m := len(cells)
	fit := func(s string, c int) float64 {
		if s == "" {
			return 0
		}
		isNum := v.isValue(s)
		switch {
		case isNum && p.numeric[c]:
			return 2
		case isNum && !p.numeric[c]:
			return -2
		case !isNum && p.numeric[c]:
			return -1
		}
		return 0.2
	}
	const neg = -1e9
	// best[i][c]: best score placing cells[:i] into columns[:c]
	best := make([][]float64, m+1)
	from := make([][]int8, m+1) // 1 = cell placed at column c-1, 0 = column c-1 left empty
	for i := range best {
		best[i] = make([]float64, n+1)
		from[i] = make([]int8, n+1)
		for c := range best[i] {
			best[i][c] = neg
		}
	}
	best[0][0] = 0
	for i := 0; i <= m; i++ {
		for c := 0; c < n; c++ {
			if best[i][c] == neg {
				continue
			}
			// leave column c empty; trailing gaps are free
			skip := -0.5
			if i == m {
				skip = 0
			}
			if s := best[i][c] + skip; s > best[i][c+1] {
				best[i][c+1], from[i][c+1] = s, 0
			}
			if i < m {
				if s := best[i][c] + fit(cells[i], c); s > best[i+1][c+1] {
					best[i+1][c+1], from[i+1][c+1] = s, 1
				}
			}
		}
	}
	out := make([]string, n)
	i, c := m, n
	for c > 0 {
		if from[i][c] == 1 {
			out[c-1] = cells[i-1]
			i--
		}
		c--
	}
	return out
}
