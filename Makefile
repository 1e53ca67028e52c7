# The kit's one task runner. The two set-up commands in README.md are `make demo` and `make test`.
VENV := .venv
BIN := $(VENV)/bin

.PHONY: install demo check test test-fast lint bench clean

install:
	@bash scripts/install.sh

demo: install            ## install everything, check parameters/ and build the sample reports
	$(BIN)/kit check parameters/
	$(BIN)/kit batch --to html,pdf,docx

check: install
	$(BIN)/kit check parameters/

test: install            ## install everything and run the whole test suite (real kernels, PDFs, browser)
	$(BIN)/python -m pytest -q -p no:cacheprovider

test-fast: install       ## the tests that need no kernel, PDF engine or browser
	$(BIN)/python -m pytest -q -p no:cacheprovider -m "not slow"

lint: install
	$(BIN)/ruff check kit tests
	$(BIN)/mypy

bench: install
	@for b in benchmarks/bench_*.py; do echo "== $$b"; $(BIN)/python $$b; done

clean:
	rm -rf exports/*/ test-artifacts .pytest_cache
