package corpus

import (
	"context"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// cpuTime is the CPU time (user + system) the process has used: on a
// shared machine it says what the reader costs when wall time says how
// busy the machine is.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// sharedFiles reads the files matching pattern under ../shared (beside the
// repository), skipping the benchmark when there are none.
func sharedFiles(b *testing.B, pattern string) [][]byte {
	b.Helper()
	names, _ := filepath.Glob(filepath.Join("..", "..", "shared", pattern))
	var out [][]byte
	for _, n := range names {
		data, err := os.ReadFile(n)
		if err != nil {
			b.Fatal(err)
		}
		out = append(out, data)
	}
	if len(out) == 0 {
		b.Skip("no ../shared/" + pattern)
	}
	return out
}

// BenchmarkDecodeDOC reads the legacy Word files of ../shared/realdocs
// (files/s: make bench).
func BenchmarkDecodeDOC(b *testing.B) {
	files := sharedFiles(b, "realdocs/*.doc")
	b.ResetTimer()
	cpu0 := cpuTime()
	n := 0
	for i := 0; i < b.N; i++ {
		for _, data := range files {
			if _, _, err := decodeDOC(context.Background(), data, DefaultLimits); err != nil {
				b.Fatal(err)
			}
			n++
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "files/s")
	if cpu := (cpuTime() - cpu0).Seconds(); cpu > 0 {
		b.ReportMetric(float64(n)/cpu, "files/cpu-s")
	}
}

// BenchmarkDecodeOFD reads the OFD samples of ../shared/ofd (pages/s:
// make bench).
func BenchmarkDecodeOFD(b *testing.B) {
	files := sharedFiles(b, "ofd/*.ofd")
	pages := 0
	for _, data := range files {
		z, err := openZip(data, DefaultLimits)
		if err != nil {
			b.Fatal(err)
		}
		root, _ := ofdDocRoot(z, DefaultLimits)
		d, err := ofdDocument(z, root, DefaultLimits)
		if err != nil {
			b.Fatal(err)
		}
		pages += len(d.pages)
	}
	b.ResetTimer()
	cpu0 := cpuTime()
	for i := 0; i < b.N; i++ {
		for _, data := range files {
			if _, _, err := decodeOFD(context.Background(), data, DefaultLimits); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(pages*b.N)/b.Elapsed().Seconds(), "pages/s")
	if cpu := (cpuTime() - cpu0).Seconds(); cpu > 0 {
		b.ReportMetric(float64(pages*b.N)/cpu, "pages/cpu-s")
	}
}
