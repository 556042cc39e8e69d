# LSTM Lab: `make lab` opens the course, `make test` runs every test. Both set up first.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# Tests and CI read the shared IMDB copy when it sits beside the project; otherwise the
# loader downloads the official archive once (needs internet).
SHARED_IMDB := $(abspath $(wildcard ../shared/data/aclImdb_labelled.tar.gz))
export LSTM_LAB_IMDB ?= $(SHARED_IMDB)

.PHONY: lab test test-fast soak lint notebooks site student clean class-server
EDITION ?= instructor

$(BIN)/python:
	$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11) and "LSTM Lab needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed-lab: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@ $(VENV)/.installed-lab

lab: $(VENV)/.installed-lab  ## install, then open the course at the welcome lesson
	$(BIN)/jupyter lab --ServerApp.root_dir=. --LabApp.default_url=/lab/tree/notebooks/00_welcome.ipynb $(LAB_ARGS)

# Node's configurable-http-proxy, for the class-server test (tests/test_classroom.py skips,
# saying why, where npm cannot install it).
$(VENV)/.installed-proxy: | $(BIN)/python
	(command -v npm >/dev/null && npm install --silent --no-fund --no-audit --prefix $(VENV)/node \
	  -g configurable-http-proxy@4 && touch $@) || echo "npm could not install configurable-http-proxy"

LINTED := lstm_helpers tests lessons_src tools classroom conftest.py setup.py
FAST_ONLY := not notebook and not browser and not hub and not slow

# Everything: lint, the layer contract, units, every notebook (nbval, fast mode), the browser
# and class-server tests. Two xdist workers: the notebooks run in order on one, the browser,
# hub and unit tests beside them (tests/conftest.py groups them).
test: $(VENV)/.installed-dev $(VENV)/.installed-proxy  ## install, then every test (fast mode)
	$(BIN)/ruff check $(LINTED)
	$(BIN)/lint-imports
	LSTM_LAB_FAST=1 $(BIN)/python -m pytest -n 2 --dist loadgroup $(PYTEST_ARGS)

# The edit loop: lint and every unit test without the notebook, browser, hub and slow ones.
test-fast: $(VENV)/.installed-dev  ## install, then the quick tests only (about a minute)
	$(BIN)/ruff check $(LINTED)
	$(BIN)/lint-imports
	LSTM_LAB_FAST=1 $(BIN)/python -m pytest -n 2 -m "$(FAST_ONLY)" tests $(PYTEST_ARGS)

# The browser and class-server tests N times in a row (SOAK_ARGS="--runs 5 --hog"), with
# pass/fail counts and the slowest run; screenshots of the last run in artifacts/browser.
soak: $(VENV)/.installed-dev $(VENV)/.installed-proxy
	$(BIN)/python tools/soak_tests.py $(SOAK_ARGS)

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check $(LINTED)
	$(BIN)/lint-imports

notebooks: $(VENV)/.installed-dev  ## regenerate notebooks/ from lessons_src/ (inputs only)
	$(BIN)/python tools/build_notebooks.py

site: $(VENV)/.installed-lab  ## run every lesson (full mode), static HTML in site/ (EDITION=student too)
	$(BIN)/python -m lstm_helpers.course.export --edition $(EDITION) --out site $(SITE_ARGS)

student: $(VENV)/.installed-lab  ## the student edition (no worked solutions) in student/notebooks
	$(BIN)/python -m lstm_helpers.course.editions --edition student --out student

# As root, the class server of classroom/README.md (3b): course env in /opt/lstm-lab (the
# package, not editable), the proxy, the student edition, data and cache in /srv/lstm-lab, the
# hub's private state in /var/lib/lstm-lab/hub. Move them with LSTM_LAB_PREFIX=...,
# LSTM_LAB_CLASS_DIR=..., LSTM_LAB_HUB_STATE=...; more options: CLASS_ARGS="--help".
class-server:  ## as root: install the class hub (classroom/README.md, 3b)
	$(PYTHON) classroom/install.py $(CLASS_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache site student
