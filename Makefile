# Pixels to Predictions: two commands set up and check everything.
#   make lab    create .venv, install the pinned environment, open JupyterLab at notebook 01
#   make test   run the whole test suite in the same environment
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PIP := $(BIN)/python -m pip --quiet --disable-pip-version-check

.PHONY: install lab test download bench notebooks format clean

$(STAMP): requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 10))' || \
	  { echo "This course needs Python 3.10 or newer; '$(PYTHON)' is older. Run: make lab PYTHON=python3.11"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --upgrade pip
	$(PIP) install -r requirements.txt
	$(PIP) install --no-deps -e .
	@touch $(STAMP)

install: $(STAMP)

lab: $(STAMP)
	$(BIN)/jupyter lab $(if $(filter 0,$(shell id -u)),--allow-root) notebooks/01_neurons.ipynb

test: $(STAMP)
	$(BIN)/python -m pytest

download: $(STAMP)
	$(BIN)/p2p-download

PROFILES ?= workshop full
bench: $(STAMP)
	$(BIN)/python benchmarks/run.py $(PROFILES)

# Maintainers: re-run the kept teaching cells, store the notebooks clean and copy the
# lessons' functions into p2p/lessons.py (all in tools/nbtool.py).
notebooks: $(STAMP)
	$(BIN)/python tools/nbtool.py refresh

format: $(STAMP)
	$(BIN)/ruff format helpers tests tools benchmarks notebooks
	$(BIN)/ruff check --fix helpers tests tools benchmarks notebooks
	$(BIN)/python tools/nbtool.py clean
	$(BIN)/python tools/nbtool.py lessons

# everything the notebooks wrote below data/ (see data/README.md), and the environment
clean:
	find data -mindepth 1 -maxdepth 1 ! -name README.md -exec rm -rf {} +
	rm -rf $(VENV) .pytest_cache
