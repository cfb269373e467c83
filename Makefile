# Pixels to Predictions: two commands set up and check everything.
#   make lab    create .venv, install the pinned environment, open JupyterLab at notebook 01
#   make test   run the whole test suite in the same environment, then `make test-oldest`:
#               the same tests with the oldest supported versions (requirements-oldest.txt),
#               then `make test-py313`: with the pinned versions under Python 3.13
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PIP := $(BIN)/python -m pip --quiet --disable-pip-version-check

.PHONY: install lab test test-oldest test-py313 download bench ablation notebooks format clean site
# the Pythons the course supports: pyproject.toml's requires-python, up to its newest
# classifier (the newest TensorFlow has wheels for)
PYTHON_MIN := $(shell sed -n 's/^requires-python = ">=\([0-9.]*\)".*/\1/p' pyproject.toml)
PYTHON_MAX := $(shell sed -n 's/^ *"Programming Language :: Python :: \(3\.[0-9]*\)",$$/\1/p' pyproject.toml | tail -n 1)

$(STAMP): requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; v = lambda s: tuple(map(int, s.split("."))); sys.exit(not v("$(PYTHON_MIN)") <= sys.version_info[:2] <= v("$(PYTHON_MAX)"))' || \
	  { echo "This course needs Python $(PYTHON_MIN) to $(PYTHON_MAX); '$(PYTHON)' is outside that range. Run: make lab PYTHON=python$(PYTHON_MAX)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --upgrade pip
	$(PIP) install -r requirements.txt
	$(PIP) install --no-deps -e .
	@command -v npm >/dev/null && npm install --prefix $(VENV)/node --no-fund --no-audit --loglevel=error configurable-http-proxy@5.2.0 onnxruntime-web@1.30.0 axe-core@4.14.1 || echo "npm packages not installed (needs npm): configurable-http-proxy, onnxruntime-web and axe-core serve tests/test_jupyterhub.py, p2p.webpage and tests/test_site.py"
	@touch $(STAMP)

install: $(STAMP)

lab: $(STAMP)
	$(BIN)/jupyter lab $(if $(filter 0,$(shell id -u)),--allow-root) notebooks/01_neurons.ipynb

test: $(STAMP)
	$(BIN)/python -m pytest
	$(MAKE) --no-print-directory test-oldest
	$(MAKE) --no-print-directory test-py313

# .venv-oldest/ with requirements-oldest.txt, the helper package installed by notebook 01's
# first cell as on Colab, then the tests (tools/oldest.py says which and why)
test-oldest:
	$(PYTHON) tools/oldest.py

# .venv-py313/ with requirements.txt under Python 3.13 (Colab's), then the tests; skipped
# without a Python 3.13, except in CI (tools/py313.py says where it looks)
test-py313:
	$(PYTHON) tools/py313.py

download: $(STAMP)
	$(BIN)/p2p-download

PROFILES ?= workshop full
bench: $(STAMP)
	$(BIN)/python benchmarks/run.py $(PROFILES)

# Notebook 08's recipe, one ingredient at a time (about 25 minutes on 2 cores).
ablation: $(STAMP)
	$(BIN)/python benchmarks/ablation.py workshop

# The course website in _build/site/<profile>/ (index.html): the notebooks executed in the
# profile of COURSE_PROFILE (workshop unless set), outputs cached per profile (site/conf.py).
site: $(STAMP)
	export COURSE_PROFILE=$${COURSE_PROFILE:-workshop}; \
	  $(BIN)/python -m sphinx -b html -c site -q -W --keep-going . _build/site/$$COURSE_PROFILE && \
	  echo "The website: _build/site/$$COURSE_PROFILE/index.html"

# Maintainers: re-run the kept teaching cells, store the notebooks clean and copy the
# lessons' functions into p2p/lessons.py (all in tools/nbtool.py).
notebooks: $(STAMP)
	$(BIN)/python tools/nbtool.py refresh

format: $(STAMP)
	$(BIN)/ruff format helpers tests tools benchmarks notebooks site
	$(BIN)/ruff check --fix helpers tests tools benchmarks notebooks site
	$(BIN)/python tools/nbtool.py clean
	$(BIN)/python tools/nbtool.py lessons

# everything the notebooks wrote below data/ (see data/README.md), and the environment
clean:
	find data -mindepth 1 -maxdepth 1 ! -name README.md -exec rm -rf {} +
	rm -rf $(VENV) .venv-oldest .venv-py313 .pytest_cache _build
