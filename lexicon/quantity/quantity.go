// Package quantity is the vocabulary of quantities that normalize/numbers
// reads: units as written after a number, the words that set a comparator
// (不低于, 以上), the words that begin with a one-character unit (部门 after
// 4 is not 4 部) and the words that name an amount of money (产值). The
// data files (data/*.txt) are embedded and validated by Load.
package quantity

import (
	_ "embed"
	"fmt"
	"slices"
	"strconv"
	"unicode/utf8"

	"policyx/lexicon"
)

//go:embed data/units.txt
var unitsData string

//go:embed data/comparators.txt
var comparatorsData string

//go:embed data/unit_stop.txt
var unitStopData string

//go:embed data/money_words.txt
var moneyWordsData string

// Class says what a unit measures.
type Class string

const (
	Money     Class = "money"
	Percent   Class = "percent"
	Permille  Class = "permille"
	Points    Class = "points" // 个百分点
	Count     Class = "count"
	Score     Class = "score"
	Age       Class = "age"
	Duration  Class = "duration"  // 年, 天, 个月: time limits, never a target
	Frequency Class = "frequency" // 届, 轮, 级: never a target
	Multiple  Class = "multiple"  // 倍: a rate in 倍
)

var classes = []Class{Money, Percent, Permille, Points, Count, Score, Age, Duration, Frequency, Multiple}

// Unit is one entry of the unit vocabulary.
type Unit struct {
	Name   string // as written: 万元
	Norm   string // base unit: 元
	Factor float64
	Class  Class
}

// Comparator is a word that sets the comparator of a number near it.
type Comparator struct {
	Word  string
	Cmp   string // >=, <= or ~
	After bool   // the word follows the number and its unit; else it stands before the number
	Adj   bool   // the word must touch the number
}

// Vocab is the loaded vocabulary, in file order.
type Vocab struct {
	Units       []Unit
	Comparators []Comparator
	UnitStop    []string // words of two or more runes that begin with a one-character unit
	MoneyWords  []string // words that name an amount of money
}

// Load parses and validates the embedded data files.
func Load() (*Vocab, error) {
	v := &Vocab{}
	if err := lexicon.Rows("quantity: units.txt", unitsData, v.unit); err != nil {
		return nil, err
	}
	if err := lexicon.Rows("quantity: comparators.txt", comparatorsData, v.comparator); err != nil {
		return nil, err
	}
	err := lexicon.Rows("quantity: unit_stop.txt", unitStopData, func(f []string) error {
		if len(f) != 1 || utf8.RuneCountInString(f[0]) < 2 {
			return fmt.Errorf("want one word of two or more characters")
		}
		v.UnitStop = append(v.UnitStop, f[0])
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = lexicon.Rows("quantity: money_words.txt", moneyWordsData, func(f []string) error {
		if len(f) != 1 {
			return fmt.Errorf("want one word")
		}
		v.MoneyWords = append(v.MoneyWords, f[0])
		return nil
	})
	if err != nil {
		return nil, err
	}
	return v, nil
}

func (v *Vocab) unit(f []string) error {
	if len(f) != 4 {
		return fmt.Errorf("want 4 columns, have %d", len(f))
	}
	fac, err := strconv.ParseFloat(f[2], 64)
	if err != nil {
		return fmt.Errorf("factor: %w", err)
	}
	c := Class(f[3])
	if !slices.Contains(classes, c) {
		return fmt.Errorf("unit %s: unknown class %q", f[0], f[3])
	}
	v.Units = append(v.Units, Unit{Name: f[0], Norm: f[1], Factor: fac, Class: c})
	return nil
}

func (v *Vocab) comparator(f []string) error {
	if len(f) != 3 && !(len(f) == 4 && f[3] == "adj") {
		return fmt.Errorf("want 3 columns and an optional adj")
	}
	c := Comparator{Word: f[2], Cmp: f[1], Adj: len(f) == 4}
	switch f[0] {
	case "before":
	case "after":
		c.After = true
	default:
		return fmt.Errorf("position %q", f[0])
	}
	switch c.Cmp {
	case ">=", "<=", "~":
	default:
		return fmt.Errorf("%s: comparator %q is not >=, <= or ~", c.Word, c.Cmp)
	}
	v.Comparators = append(v.Comparators, c)
	return nil
}
