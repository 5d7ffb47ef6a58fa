# Two commands do everything on a fresh machine with Python 3.11+, pip and a C compiler:
#   make run    set up .venv, load the demo corpus, print sign-in keys, serve :8000
#   make test   set up .venv, then lint, type-check and run the whole test suite
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

# llama.cpp is compiled from source once per machine (6-13 minutes on 2 cores) for this CPU,
# into a wheel cache outside the checkout that fresh clones and CI reuse. pip's own wheel cache
# is bypassed on purpose: it ignores CMAKE_ARGS, so a wheel built with other flags would be
# reused. (The native build's AMX kernels crash on this workplace's CPUs; service/llm/embedded.py
# turns them off at load, which measured twice as fast as a portable AVX2 build.)
LLAMA_CPP_VERSION := 0.3.36
WHEELHOUSE ?= $(HOME)/.cache/storycoach/wheels/$(shell uname -m)
LLAMA_CMAKE_ARGS ?=
LLAMA_BUILT := $(WHEELHOUSE)/.llama-cpp-python-$(LLAMA_CPP_VERSION)-built

.PHONY: run test lint bench eval-retrieval clean

$(LLAMA_BUILT):
	mkdir -p $(WHEELHOUSE)
	CMAKE_ARGS="$(LLAMA_CMAKE_ARGS)" $(PYTHON) -m pip wheel --quiet --no-deps --no-cache-dir \
		--no-binary llama-cpp-python -w $(WHEELHOUSE) llama-cpp-python==$(LLAMA_CPP_VERSION)
	touch $@

$(STAMP): pyproject.toml $(LLAMA_BUILT)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check \
		--find-links $(WHEELHOUSE) -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/storycoach ingest
	$(BIN)/storycoach admin seed-demo
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
