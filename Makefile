# conflict-kg: `make run` builds the seed article's graph, `make test` checks everything.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint typecheck unit bench relevance perpetrators places models kb clean

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "need $(PYTHON) (set PYTHON=python3 to use another)"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	mkdir -p build
	$(BIN)/kg-builder build seeds/ -o build/seeds.ttl --store build/kg-store
	$(BIN)/kg-builder validate build/seeds.ttl
	$(BIN)/kg-builder query attacks-by-perpetrator --store build/kg-store
	$(BIN)/kg-builder query conflicting-casualties --store build/kg-store
	$(BIN)/kg-builder query places-with-coordinates --store build/kg-store

test: $(STAMP) lint typecheck unit

lint: $(STAMP)
	$(BIN)/ruff check kg_builder tests benchmarks scripts
	$(BIN)/ruff format --check kg_builder tests benchmarks scripts

# the package, then the tests, benchmarks and scripts (folders of modules, not packages)
typecheck: $(STAMP)
	$(BIN)/mypy
	$(BIN)/mypy --explicit-package-bases tests benchmarks scripts

unit: $(STAMP)
	$(BIN)/python -m pytest -q

bench: $(STAMP)
	$(BIN)/python benchmarks/run_benchmarks.py

relevance: $(STAMP)
	$(BIN)/python scripts/train_relevance.py

perpetrators: $(STAMP)
	$(BIN)/python scripts/train_perpetrators.py

places: $(STAMP)
	$(BIN)/python scripts/train_places.py

# the three learned parts in the order they depend on each other
models: $(STAMP)
	$(BIN)/python scripts/train_relevance.py
	$(BIN)/python scripts/train_perpetrators.py
	$(BIN)/python scripts/train_places.py

kb: $(STAMP)
	$(BIN)/python scripts/build_kb.py

clean:
	rm -rf build .pytest_cache .mypy_cache .ruff_cache
