# Quick start: `make run` serves the demo on http://127.0.0.1:8000; `make test` runs every test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
export DJANGO_SETTINGS_MODULE := config.settings

.PHONY: run test install lint migrate demo bench-text bench-desk bench-review bench-appraisal bench-pages clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(TEST_STAMP): pyproject.toml $(STAMP)
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

install: $(STAMP)

migrate: install
	$(BIN)/xieshang migrate --noinput -v0

# Load the demo only into a database that has no committee yet; an existing one is kept.
demo: migrate
	@if $(BIN)/xieshang demo --status | grep -q '^empty$$'; then \
		$(BIN)/xieshang demo; \
	else \
		echo "数据库已有数据，保留原样，不重新加载演示数据。"; \
		$(BIN)/xieshang demo --accounts; \
	fi

run: demo
	$(BIN)/xieshang runserver 127.0.0.1:8000

test: $(TEST_STAMP)
	bash scripts/test.sh

lint: $(TEST_STAMP)
	$(BIN)/ruff check .
	$(BIN)/xieshang makemigrations --check --dry-run

bench-text: install
	$(BIN)/pip install --quiet -e '.[bench]'
	$(BIN)/python -m bench.text.run_all

bench-desk: install
	$(BIN)/python -m bench.text.desk_routing_bench

bench-review: install
	$(BIN)/python -m bench.text.demo_review_bench

bench-appraisal: install
	$(BIN)/python -m bench.appraisal.compute_bench --rounds 5

bench-pages: install
	$(BIN)/python -m bench.pages.pages_bench --rounds 5

clean:
	rm -rf $(VENV) var
