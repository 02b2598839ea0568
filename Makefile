# cx_metrics — the two commands that matter:
#   make run    the main job on DuckDB (venv, demo data, dbt build, validation, summary)
#   make test   everything CI checks (Python tests, lint, dbt build on DuckDB, PostgreSQL, Spark)
# for a scheduler:
#   make nightly  the scheduled job on the files in $CX_RAW_DIR (any target, $CX_TARGET): load,
#               source freshness, incremental dbt build, validation; a run log under logs/.
#               FULL_REFRESH=1 rebuilds the incremental models from all the raw data;
#               APPEND=1 adds the folder's rows (a day's new and changed records) to the raw tables
# and, to measure rather than check:
#   make bench  1,000,000 generated tickets on DuckDB: time and peak memory of each step (generate,
#               load, the full build, an incremental day), the slowest nodes, and the business clock
#               timed against a weekly-schedule cross join (about 7 minutes). BENCH_TICKETS="1000000
#               10000000" adds 10 M, which does not fit the targets yet (docs/decisions.md, Scale).
#               BENCH_ARGS passes options on (python -m cx_metrics.benchmark --help): --threads 1,
#               --raw-dir to reuse generated files, --keep, --target spark (the full build on Spark)
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell sha1sum requirements.txt | cut -c1-12)

# Build folders (ignored by git).
export CX_SPARK_DIR ?= $(CURDIR)/.build/spark
CI_RAW_DIR := $(CURDIR)/.build/ci_raw
BENCH_TICKETS ?= 1000000
BENCH_ARGS ?=

.PHONY: run test nightly bench venv test-python lint test-duckdb test-postgres test-spark test-engines ci-data docs docs-coverage clean

run: venv
	@$(BIN)/python -m cx_metrics run

nightly: venv
	@$(BIN)/python -m cx_metrics nightly $(if $(FULL_REFRESH),--full-refresh,) $(if $(APPEND),--append,)

test: venv test-python lint test-engines
	@echo "make test: all checks passed"

venv: $(STAMP)

$(STAMP): requirements.txt
	@echo "== Creating the virtualenv in $(VENV) and installing pinned dependencies (about a minute the first time)"
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt > $(VENV)/pip-install.log 2>&1 \
		|| { tail -n 40 $(VENV)/pip-install.log; echo "pip install failed (full log: $(VENV)/pip-install.log)"; exit 1; }
	@rm -f $(VENV)/.installed-* && touch $@

test-python: venv
	@echo "== Python tests"
	@$(BIN)/python -m pytest -q cx_metrics/tests

lint: venv
	@echo "== Lint: sqlfluff (dbt templater) and the contract docs"
	@$(BIN)/python -m cx_metrics contract-docs --check
	@$(BIN)/sqlfluff lint models tests analyses --processes 2 --disable-progress-bar

# The CI data set, plus lines no CSV reader can take (a ragged row, a blank
# line, Latin-1 bytes, a quote never closed), so every engine's load is
# checked to reject the same lines and keep the rest.
ci-data: venv
	@test -f $(CI_RAW_DIR)/.complete || { rm -rf $(CI_RAW_DIR) \
		&& $(BIN)/python -m cx_metrics generate --size ci --out $(CI_RAW_DIR) \
		&& printf 'M_ragged,T1,public_reply\n\nM_latin1,T1,public_reply,customer,C1,t\xe9l\xe9phone,,,2025-03-10 08:15:00,2025-03-10 08:15:00\nM_quote,T1,"never closed\n' \
			>> $(CI_RAW_DIR)/ticket_messages.csv \
		&& touch $(CI_RAW_DIR)/.complete; }

test-engines: test-duckdb test-postgres test-spark

test-duckdb: ci-data
	@scripts/test_engine.sh duckdb $(CI_RAW_DIR)

test-postgres: ci-data
	@scripts/test_engine.sh postgres $(CI_RAW_DIR)

test-spark: ci-data
	@scripts/test_engine.sh spark $(CI_RAW_DIR)

docs: venv
	@$(BIN)/python -m cx_metrics contract-docs

# Column descriptions measured again on the warehouse `make test-duckdb` built
# (which runs this check itself): a quick loop while editing YAML files.
docs-coverage: venv
	@test -f .build/ci.duckdb || { echo "no .build/ci.duckdb: run make test-duckdb first"; exit 2; }
	@CX_DUCKDB_PATH=$(CURDIR)/.build/ci.duckdb $(BIN)/python -m cx_metrics docs-coverage --target duckdb

# Figures, not a test: nothing is asserted; the work folder is a temporary one.
bench: venv
	@for n in $(BENCH_TICKETS); do $(BIN)/python -m cx_metrics.benchmark --tickets $$n $(BENCH_ARGS) || exit $$?; done

clean:
	rm -rf target logs .build cx_metrics.duckdb data
