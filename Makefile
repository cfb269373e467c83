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

# Maintainers: re-run the kept teaching cells and store the notebooks clean.
notebooks: $(STAMP)
	$(BIN)/python tools/refresh_outputs.py notebooks/*.ipynb

format: $(STAMP)
	$(BIN)/ruff format helpers tests tools notebooks
	$(BIN)/ruff check --fix helpers tests tools notebooks

clean:
	rm -rf $(VENV) data/results data/work .pytest_cache
