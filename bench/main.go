// Command bench measures policyx batches against the segmenter's own speed,
// in one process: it builds a synthetic corpus from the sample and real
// documents (paragraphs shuffled and numbers changed, so no two files hash
// alike), runs the pipeline on it, re-runs it unchanged, and segments the same
// text with raw gse Cut. It prints each figure and the ratios.
//
//	go run -tags sqlite_fts5 ./bench [-mb 100] [-dir /tmp/policyx-bench]
//	go run -tags sqlite_fts5 ./bench -seg   # segmenter start-up only (own process for a clean RSS)
package main

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"runtime/pprof"
	"sort"
	"strings"
	"sync"
	"syscall"
	"time"
	"unicode/utf8"

	_ "github.com/mattn/go-sqlite3"
	"golang.org/x/text/encoding/simplifiedchinese"

	"policyx/lexicon/dept"
	"policyx/lexicon/seg"
	"policyx/output/postgres"
	"policyx/pipeline"
)

func main() {
	mb := flag.Int("mb", 100, "size of the synthetic corpus in MB")
	files := flag.Int("files", 0, "size of the synthetic corpus in files (instead of -mb)")
	dir := flag.String("dir", filepath.Join(os.TempDir(), "policyx-bench"), "work folder (corpus and output)")
	srcs := flag.String("src", "corpus/samples,../shared/realdocs", "comma-separated folders of source documents")
	segOnly := flag.Bool("seg", false, "measure segmenter start-up only")
	genOnly := flag.Bool("gen", false, "write the synthetic corpus into -dir/corpus and stop")
	seed := flag.Uint64("seed", 1, "seed of the synthetic corpus (another seed changes every file)")
	rawDir := flag.String("rawgse", "", "measure raw gse Cut over the files of this folder and stop (run as its own process)")
	rawDB := flag.String("rawgse-db", "", "measure raw gse Cut over documents.text of this policy.db and stop (run as its own process)")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile of the first run here")
	profileRun := flag.String("profile-run", "fresh", "the run -cpuprofile profiles: fresh (the first), force or changed")
	workers := flag.Int("workers", runtime.NumCPU(), "pipeline workers and gse goroutines")
	pg := flag.String("db", "", "also run the batch into this PostgreSQL database (postgres://…), schema policyx_bench")
	repeat := flag.Int("repeat", 1, "fresh runs, each followed by a raw gse run: the ratio's median and spread")
	freshOnly := flag.Bool("fresh-only", false, "only the fresh runs and their raw gse ratio (no re-runs)")
	noXLSX := flag.Bool("no-xlsx", false, "database only, no workbooks (the core's share; the ratio then leaves the workbooks out)")
	core := flag.Bool("core", true, "before the fresh runs, as many database-only runs (no workbooks) and their ratio: the shares of the core and of the workbooks")
	flag.Parse()

	if *rawDir != "" || *rawDB != "" {
		// No TuneGC here: the raw figure runs with Go's default collector
		// settings and no memory limit.
		var texts []string
		var size int64
		if *rawDB != "" {
			texts, size = rawDocuments(*rawDB)
		} else {
			texts, size = rawFiles(*rawDir)
		}
		what := "files"
		if *rawDB != "" {
			what = "documents' text"
		}
		rawGSE(what, texts, size, *workers)
		return
	}
	pipeline.TuneGC() // as policyx run does
	if *segOnly {
		segStartup()
		return
	}
	corpusDir := filepath.Join(*dir, "corpus")
	texts, err := sources(strings.Split(*srcs, ","))
	check(err)
	n, size, err := generate(corpusDir, texts, int64(*mb)<<20, *files, *seed)
	check(err)
	fmt.Printf("corpus: %d files, %.1f MB in %s\n", n, float64(size)/(1<<20), corpusDir)
	if *genOnly {
		return
	}
	b := &bench{corpus: corpusDir, out: filepath.Join(*dir, "out"), workers: *workers, size: size, noXLSX: *noXLSX}
	if *profileRun != "fresh" {
		b.profile, b.profileRun = *cpuprofile, *profileRun
		*cpuprofile = ""
	}
	if *core && !*noXLSX {
		// The same fresh runs without the workbooks, into their own
		// folder: the core's ratio beside the end-to-end one.
		c := &bench{corpus: corpusDir, out: filepath.Join(*dir, "out-core"), workers: *workers, size: size, noXLSX: true}
		c.fresh(max(*repeat, 1), "")
		check(os.RemoveAll(c.out))
	}
	b.fresh(max(*repeat, 1), *cpuprofile)
	if *freshOnly {
		return
	}
	b.reruns()
	// Every file changed: the same paths with other bytes, into the same
	// output folder (old rows found by path and replaced).
	_, _, err = generate(corpusDir+"-changed", texts, int64(*mb)<<20, *files, *seed+1)
	check(err)
	b.changed()
	if *pg != "" {
		b.postgres(*pg)
	}
}

// bench runs the pipeline on one corpus into one output folder. Every run
// writes the database and the workbooks, as policyx run does without
// -no-xlsx (unless the bench's own -no-xlsx says otherwise).
type bench struct {
	corpus, out string
	workers     int
	size        int64
	noXLSX      bool
	profile     string // CPU profile of the run named profileRun (force, changed)
	profileRun  string
	first       time.Duration // median wall time of the fresh runs
	firstCPU    time.Duration // median CPU time of the fresh runs
}

// run runs the pipeline once and returns its summary, wall and CPU time.
func (b *bench) run(opts ...pipeline.Option) (*pipeline.Summary, time.Duration, time.Duration) {
	opts = append([]pipeline.Option{pipeline.WithOutDir(b.out), pipeline.WithWorkers(b.workers), pipeline.WithLog(io.Discard)}, opts...)
	if b.noXLSX {
		opts = append(opts, pipeline.WithoutWorkbooks())
	}
	p, err := pipeline.New(opts...)
	check(err)
	cpu0, t0 := cpuTime(), time.Now()
	sum, err := p.Run(context.Background(), []string{b.corpus})
	check(err)
	return sum, time.Since(t0), cpuTime() - cpu0
}

// fresh runs the batch into an empty output folder n times, each followed
// by raw gse Cut in its own process on the same files (same conditions for
// both sides of a ratio on a shared machine), and prints every pair and the
// medians with their spread.
func (b *bench) fresh(n int, cpuprofile string) {
	var walls, cpus, rwall, rcpu, tcpu []float64
	for i := 0; i < n; i++ {
		check(os.RemoveAll(b.out))
		if cpuprofile != "" && i == 0 {
			f, err := os.Create(cpuprofile)
			check(err)
			check(pprof.StartCPUProfile(f))
		}
		sum, wall, cpu := b.run()
		if cpuprofile != "" && i == 0 {
			pprof.StopCPUProfile()
		}
		mbps := float64(b.size) / (1 << 20) / wall.Seconds()
		fmt.Printf("first run (%s): %.2f s, %.2f MB/s, %.1f documents/s, %.2f s CPU, peak RSS %d MB (%s)\n",
			b.what(), wall.Seconds(), mbps, float64(sum.Documents)/wall.Seconds(), cpu.Seconds(), peakRSS()>>20, sum)
		rawMBps, rawCPU := b.raw("-rawgse", b.corpus)
		walls, cpus = append(walls, mbps), append(cpus, cpu.Seconds())
		if rawMBps > 0 {
			rwall, rcpu = append(rwall, mbps/rawMBps), append(rcpu, rawCPU/cpu.Seconds())
		}
		// The text the pipeline segments is the documents' normalized
		// text, not the files' bytes (markup, site chrome, scripts): raw gse
		// over it, against the same run, is gse's own share of the run.
		_, textCPU := b.raw("-rawgse-db", filepath.Join(b.out, "policy.db"))
		if textCPU > 0 {
			tcpu = append(tcpu, textCPU/cpu.Seconds())
		}
	}
	b.first = time.Duration(float64(b.size) / (1 << 20) / median(walls) * float64(time.Second))
	b.firstCPU = time.Duration(median(cpus) * float64(time.Second))
	if len(rwall) > 0 {
		fmt.Printf("ratio %s / raw gse over the files: %.2f wall, %.2f CPU (raw gse in its own process; median of %d pairs, wall %s, CPU %s)\n",
			b.ratioName(), median(rwall), median(rcpu), len(rwall), spread(rwall), spread(rcpu))
	}
	if len(tcpu) > 0 {
		fmt.Printf("ratio %s / raw gse over the documents' normalized text (what the pipeline segments): %.2f CPU (median of %d, %s)\n",
			b.ratioName(), median(tcpu), len(tcpu), spread(tcpu))
	}
}

// raw runs raw gse Cut in its own process: the same dictionary and text,
// Go's default memory settings, nothing else in the heap.
func (b *bench) raw(flag, src string) (mbps, cpu float64) {
	raw := exec.Command(os.Args[0], flag, src, "-workers", fmt.Sprint(b.workers))
	raw.Stderr = os.Stderr
	out, err := raw.Output()
	check(err)
	os.Stdout.Write(out)
	for _, l := range strings.Split(string(out), "\n") {
		if strings.HasPrefix(l, "raw gse Cut") {
			fmt.Sscanf(l[strings.Index(l, "):")+2:], "%f MB/s wall, %f s CPU", &mbps, &cpu)
		}
	}
	return mbps, cpu
}

// reruns runs the batch again unchanged and with -force.
func (b *bench) reruns() {
	sum, second, _ := b.run()
	fmt.Printf("unchanged re-run: %.3f s (%d unchanged), %.1f× faster than the first run\n",
		second.Seconds(), sum.Unchanged, b.first.Seconds()/second.Seconds())
	stop := b.startProfile("force")
	_, forced, cpu := b.run(pipeline.WithForce(true))
	stop()
	fmt.Printf("-force re-run: %.2f s, %.2f× the first run (budget 1.5×); CPU %.2f s, %.2f×\n",
		forced.Seconds(), forced.Seconds()/b.first.Seconds(), cpu.Seconds(), cpu.Seconds()/b.firstCPU.Seconds())
}

// changed runs corpus-changed (the same names, other bytes) under the
// corpus's paths into the same output folder.
func (b *bench) changed() {
	c := b.corpus
	check(os.RemoveAll(c + "-orig"))
	check(os.Rename(c, c+"-orig"))
	check(os.Rename(c+"-changed", c))
	stop := b.startProfile("changed")
	_, changed, cpu := b.run()
	stop()
	check(os.Rename(c, c+"-changed"))
	check(os.Rename(c+"-orig", c))
	check(os.RemoveAll(c + "-changed"))
	fmt.Printf("every file changed: %.2f s, %.2f× the first run (budget 1.5×); CPU %.2f s, %.2f×\n",
		changed.Seconds(), changed.Seconds()/b.first.Seconds(), cpu.Seconds(), cpu.Seconds()/b.firstCPU.Seconds())
}

// postgres runs the batch into a fresh schema of the PostgreSQL database.
func (b *bench) postgres(url string) {
	pgSchema := "policyx_bench"
	db, err := postgres.Open(context.Background(), url, postgres.WithSchema(pgSchema))
	check(err)
	_, err = db.Pool().Exec(context.Background(), "DROP SCHEMA "+pgSchema+" CASCADE")
	db.Close()
	check(err)
	check(os.RemoveAll(b.out))
	_, pgTime, _ := b.run(pipeline.WithDB(url, pgSchema))
	fmt.Printf("PostgreSQL run: %.2f s, %.2f MB/s, %.2f× SQLite's throughput (budget ≥ 0.7×)\n",
		pgTime.Seconds(), float64(b.size)/(1<<20)/pgTime.Seconds(), b.first.Seconds()/pgTime.Seconds())
}

// segStartup prints how long loading the segmenter takes.
func segStartup() {
	t0 := time.Now()
	d, err := dept.Load()
	check(err)
	_, err = seg.Load(seg.WithWords(d.GSEWords()))
	check(err)
	// CPU time too: wall time on a shared machine measures the neighbours
	fmt.Printf("segmenter ready: %.3f s (CPU %.3f s), peak RSS %d MB\n", time.Since(t0).Seconds(), cpuTime().Seconds(), peakRSS()>>20)
}

// median of xs (not empty); spread is "min–max".
func median(xs []float64) float64 {
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func spread(xs []float64) string {
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	return fmt.Sprintf("%.2f–%.2f", s[0], s[len(s)-1])
}

// rawFiles reads every file of dir, decoded as the pipeline decodes text
// (UTF-8, else GB18030): the files' bytes, markup included.
func rawFiles(dir string) ([]string, int64) {
	files, err := filepath.Glob(filepath.Join(dir, "*"))
	check(err)
	var all []string
	var total int64
	for _, f := range files {
		b, err := os.ReadFile(f)
		check(err)
		all = append(all, decode(b))
		total += int64(len(b))
	}
	return all, total
}

// rawDocuments reads documents.text of a policy.db: the normalized text
// the pipeline segments.
func rawDocuments(path string) ([]string, int64) {
	db, err := sql.Open("sqlite3", "file:"+path+"?mode=ro")
	check(err)
	defer db.Close()
	rows, err := db.Query("SELECT text FROM documents")
	check(err)
	var all []string
	var total int64
	for rows.Next() {
		var t string
		check(rows.Scan(&t))
		all = append(all, t)
		total += int64(len(t))
	}
	check(rows.Err())
	return all, total
}

// rawGSE cuts every text with the pipeline's segmenter and dictionary and
// prints MB/s (of total bytes) and CPU seconds of the cutting alone.
func rawGSE(what string, all []string, total int64, workers int) {
	d, err := dept.Load()
	check(err)
	sg, err := seg.Load(seg.WithWords(d.GSEWords()))
	check(err)
	runtime.GC()
	cpu0 := cpuTime()
	t0 := time.Now()
	var wg sync.WaitGroup
	next := make(chan string)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for s := range next {
				sg.Cut(s)
			}
		}()
	}
	for _, s := range all {
		next <- s
	}
	close(next)
	wg.Wait()
	wall := time.Since(t0)
	fmt.Printf("raw gse Cut (%s, %.1f MB): %.2f MB/s wall, %.2f s CPU (%d goroutines, own process, default GC)\n",
		what, float64(total)/(1<<20), float64(total)/(1<<20)/wall.Seconds(), (cpuTime() - cpu0).Seconds(), workers)
}

// cpuTime is the process's user+system CPU time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func sources(dirs []string) (map[string]string, error) {
	out := map[string]string{}
	for _, d := range dirs {
		err := filepath.Walk(d, func(p string, info os.FileInfo, err error) error {
			if err != nil || info.IsDir() {
				return err
			}
			switch strings.ToLower(filepath.Ext(p)) {
			case ".txt", ".md", ".html", ".htm":
			default:
				return nil
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			out[p] = decode(b)
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no source documents in %v", dirs)
	}
	return out, nil
}

func decode(b []byte) string {
	if utf8.Valid(b) {
		return string(b)
	}
	d, err := simplifiedchinese.GB18030.NewDecoder().Bytes(b)
	if err != nil {
		return string(b)
	}
	return string(d)
}

var digits = regexp.MustCompile(`[0-9]+`)

// generate writes variants of the sources until the corpus holds size bytes.
// An existing corpus of the right size is reused. Variants keep the first
// lines (title, 文号) and shuffle the paragraphs of the body within runs of
// ten (web pages keep their order), and change about one number in five, so every file hashes differently
// while staying policy-like.
func generate(dir string, texts map[string]string, size int64, files int, seed uint64) (int, int64, error) {
	stamp := filepath.Join(filepath.Dir(dir), "."+filepath.Base(dir)+".gen")
	want := fmt.Sprintf("%d %d %d", size, files, seed)
	if b, err := os.ReadFile(stamp); err == nil && string(b) == want {
		if n, s := du(dir); n > 0 {
			return n, s, nil
		}
	}
	if files > 0 {
		size = 1 << 62
	}
	if err := os.RemoveAll(dir); err != nil {
		return 0, 0, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return 0, 0, err
	}
	names := make([]string, 0, len(texts))
	for k := range texts {
		names = append(names, k)
	}
	sort.Strings(names)
	rng := rand.New(rand.NewPCG(seed, 2))
	var total int64
	n := 0
	for total < size && (files == 0 || n < files) {
		src := names[n%len(names)]
		lines := strings.Split(texts[src], "\n")
		head := min(10, len(lines))
		body := lines[head:]
		// Markup is not shuffled: a moved <script> or </table> line would
		// change what the page holds, not just its order.
		markup := strings.HasSuffix(src, ".html") || strings.HasSuffix(src, ".htm")
		for i := 0; i+1 < len(body) && !markup; i += 10 {
			j := min(i+10, len(body))
			rng.Shuffle(j-i, func(a, b int) { body[i+a], body[i+b] = body[i+b], body[i+a] })
		}
		var buf bytes.Buffer
		w := bufio.NewWriter(&buf)
		for _, l := range append(lines[:head:head], body...) {
			l = digits.ReplaceAllStringFunc(l, func(d string) string {
				if rng.IntN(5) == 0 && len(d) < 6 {
					return fmt.Sprint(rng.IntN(900) + 1)
				}
				return d
			})
			w.WriteString(l)
			w.WriteByte('\n')
		}
		w.Flush()
		name := fmt.Sprintf("%05d_%s", n, filepath.Base(src))
		if err := os.WriteFile(filepath.Join(dir, name), buf.Bytes(), 0o644); err != nil {
			return 0, 0, err
		}
		total += int64(buf.Len())
		n++
	}
	return n, total, os.WriteFile(stamp, []byte(want), 0o644)
}

func du(dir string) (int, int64) {
	var n int
	var s int64
	filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			n++
			s += info.Size()
		}
		return nil
	})
	return n, s
}

// peakRSS returns the process's peak resident set size in bytes (VmHWM).
func peakRSS() int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(l, "VmHWM:") {
			var kb int64
			fmt.Sscanf(strings.TrimSpace(strings.TrimPrefix(l, "VmHWM:")), "%d", &kb)
			return kb << 10
		}
	}
	return 0
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

// startProfile starts the CPU profile when run is the one to profile and
// returns what stops it.
func (b *bench) startProfile(run string) func() {
	if b.profile == "" || b.profileRun != run {
		return func() {}
	}
	f, err := os.Create(b.profile)
	check(err)
	check(pprof.StartCPUProfile(f))
	return func() { pprof.StopCPUProfile(); f.Close() }
}

// what the runs write.
func (b *bench) what() string {
	if b.noXLSX {
		return "database only, no workbooks"
	}
	return "database and workbooks"
}

// ratioName names the run of a ratio line: end-to-end is what policyx run
// does (database and workbooks).
func (b *bench) ratioName() string {
	if b.noXLSX {
		return "database only"
	}
	return "end-to-end"
}
