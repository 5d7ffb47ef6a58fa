# Two commands do everything on a fresh machine with Python 3.11+, pip and a C compiler:
#   make run    set up .venv, load the demo corpus, serve on http://127.0.0.1:8000
#   make test   set up .venv, then lint, type-check and run the whole test suite
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: run test lint bench eval-retrieval clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/storycoach ingest
	$(BIN)/storycoach serve

test: $(STAMP)
	$(BIN)/ruff check service tests evals bench
	$(BIN)/mypy
	$(BIN)/pytest

bench: $(STAMP)
	$(BIN)/python -m bench.retrieval

eval-retrieval: $(STAMP)
	$(BIN)/storycoach eval retrieval

clean:
	rm -rf $(VENV) data .pytest_cache .mypy_cache .ruff_cache
