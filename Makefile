# One build-tag set for every target: go-sqlite3 recompiles SQLite (~40 s)
# for each new set, so never vary it.
GOTAGS  := -tags sqlite_fts5
GO      ?= go
BIN     := bin/policyx
SHARED  ?= ../shared
OUT     ?= out

.PHONY: all build run test eval bench fuzz kill9 renditions realdocs clean vet schema-docs need-shared fixtures ocr-check dumps

all: build

build:
	$(GO) build $(GOTAGS) -o $(BIN) ./cmd/policyx

# The main job: the sample documents into out/policy.db and out/xlsx/.
run: build
	./$(BIN) run -o $(OUT) corpus/samples

test:
	$(GO) vet $(GOTAGS) ./...
	$(GO) test $(GOTAGS) ./...

# Scores the samples against the gold (floors in eval/floor.txt) and the six real
# documents with answers against gold-real (floors in eval/floor-real.txt).
eval: build need-shared
	rm -rf $(OUT)-eval $(OUT)-eval-real
	./$(BIN) run -q -o $(OUT)-eval corpus/samples
	python3 $(SHARED)/eval/score.py --db $(OUT)-eval/policy.db --gold $(SHARED)/eval/gold | tee $(OUT)-eval/score.txt
	python3 scripts/floor.py eval/floor.txt $(OUT)-eval/score.txt
	./$(BIN) run -q -o $(OUT)-eval-real $(SHARED)/realdocs; test $$? -le 2
	python3 $(SHARED)/eval/score.py --db $(OUT)-eval-real/policy.db --gold $(SHARED)/eval/gold-real | tee $(OUT)-eval/score-real.txt
	python3 scripts/floor.py eval/floor-real.txt $(OUT)-eval/score-real.txt

# The PDF and DOCX renditions of the samples.
renditions: build need-shared
	rm -rf $(OUT)-renditions
	./$(BIN) run -q -o $(OUT)-renditions $(SHARED)/renditions || true
	python3 $(SHARED)/eval/score.py --db $(OUT)-renditions/policy.db --gold $(SHARED)/eval/gold-renditions

# The 22 real documents of other cities and ministries.
realdocs: build need-shared
	rm -rf $(OUT)-realdocs
	./$(BIN) run -o $(OUT)-realdocs $(SHARED)/realdocs; test $$? -le 2

# eval, renditions, realdocs and bench read the shared evaluation data
# (SHARED, default ../shared: eval/, renditions/, realdocs/).
need-shared:
	@test -d "$(SHARED)/eval" || { echo "make: this target needs the shared evaluation data in $(SHARED) (eval/, renditions/, realdocs/); it is missing — set SHARED=/path/to/shared" >&2; exit 1; }

# docs/schema.md from schema/*.sql and schema/descriptions.txt; a test in
# schema/schemadoc fails when they drift apart.
schema-docs:
	$(GO) run $(GOTAGS) ./schema/schemadoc/gen -o docs/schema.md

bench: build need-shared
	bash scripts/bench.sh

# Scanned fixture: a text rendition of a sample rasterized by pdftoppm and
# wrapped as an image-only PDF (scripts/scanpdf), so OCR is tested on known
# text. Needs poppler-utils.
FIXTURES   ?= $(OUT)-fixtures
OCR_SAMPLE ?= 003_2d8cf891e2a8f1d9
fixtures: need-shared
	mkdir -p $(FIXTURES)/text $(FIXTURES)/scan
	cp $(SHARED)/renditions/pdf/$(OCR_SAMPLE).pdf $(FIXTURES)/text/
	$(GO) run ./scripts/scanpdf $(SHARED)/renditions/pdf/$(OCR_SAMPLE).pdf $(FIXTURES)/scan/$(OCR_SAMPLE).pdf

# OCR end to end (minutes): the scanned fixture scored against its text
# rendition, and the real scan in ../shared/scans (scripts/ocr_check.sh).
ocr-check: build fixtures
	FIXTURES=$(FIXTURES) OCR_SAMPLE=$(OCR_SAMPLE) SHARED=$(SHARED) bash scripts/ocr_check.sh

# Crash safety: a batch killed with SIGKILL midway, checked and re-run,
# against an uninterrupted run (scripts/kill9.sh).
KILL9_N ?= 40
kill9:
	N=$(KILL9_N) bash scripts/kill9.sh

FUZZTIME ?= 20s
fuzz:
	@for p in $$($(GO) list $(GOTAGS) ./...); do \
	  for f in $$($(GO) test $(GOTAGS) -list '^Fuzz' $$p | grep '^Fuzz'); do \
	    echo "fuzz $$p $$f"; \
	    $(GO) test $(GOTAGS) -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) $$p || exit 1; \
	  done; \
	done

# Sorted dumps of every table (samples, renditions, realdocs) into DUMPS, to
# show a refactor changed no output: make dumps DUMPS=a; …; make dumps DUMPS=b; diff -r a b
DUMPS ?= $(OUT)-dumps
dumps: build need-shared
	SHARED=$(SHARED) bash scripts/dumps.sh $(DUMPS)

clean:
	rm -rf bin $(OUT) $(OUT)-eval $(OUT)-eval-real $(OUT)-renditions $(OUT)-realdocs $(OUT)-fixtures
