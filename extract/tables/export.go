package tables

// Exported predicates for the extractors that read the tables this package
// produced (extract/quotas). They use the same vocabulary (words.txt).

// Key is the comparison form of a cell: NFKC, no white space.
func Key(s string) string { return key(s) }

// IsTotalLabel reports a 合计/总计/小计 label.
func IsTotalLabel(s string) bool { return loadVocab().isTotal(s) }

// IsSeqHeader reports a 序号 header cell.
func IsSeqHeader(s string) bool { return loadVocab().isSeqHead(s) }

// IsEmptyMark reports a cell that says "nothing here": / — 无.
func IsEmptyMark(s string) bool { return isEmptyMark(s) }
