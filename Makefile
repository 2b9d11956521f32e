# convlab: two commands set everything up.
#   make run    create .venv, install requirements.txt, start the app
#   make test   install requirements-dev.txt, then ruff check + the whole pytest suite
#
# Installs happen only when a requirements file is newer than its stamp in the venv.
# Override the interpreter or the venv with e.g. `make test PYTHON=python3.11 VENV=/tmp/v`.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
RUN_STAMP := $(VENV)/.convlab-run.stamp
DEV_STAMP := $(VENV)/.convlab-dev.stamp

# Debian's Chromium drives the browser tests (never `playwright install`).
CHROMIUM ?= /usr/bin/chromium
CJK_FONT_PKG ?= fonts-wqy-microhei
CI ?=

export TF_CPP_MIN_LOG_LEVEL ?= 2
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: help run test lint pytest test-browser bench chromium clean distclean

help:
	@echo "make run           start the app (creates $(VENV) and installs requirements.txt)"
	@echo "make test          ruff check + whole pytest suite (installs requirements-dev.txt)"
	@echo "make lint          ruff check only"
	@echo "make test-browser  only the real-browser tests (pytest -m browser)"
	@echo "make bench         cold start, rerun cost, gc freeze and session memory, each against a control"
	@echo "make clean         remove caches and screenshots; make distclean also removes $(VENV)"

$(PY):
	$(PYTHON) -m venv $(VENV)

$(RUN_STAMP): requirements.txt | $(PY)
	$(PY) -m pip install -r requirements.txt
	touch $@

# requirements-dev.txt includes requirements.txt, so a change to either reinstalls.
$(DEV_STAMP): requirements-dev.txt $(RUN_STAMP)
	$(PY) -m pip install -r requirements-dev.txt
	touch $@

run: $(RUN_STAMP)
	$(PY) -m streamlit run app.py

# In CI (CI=true) the browser tests must run, so as root install what is missing: Debian's
# chromium, and a small CJK font so that the zh screenshots show characters, not boxes.
# Elsewhere only say how; the browser tests then skip (no chromium) or show boxes (no font).
chromium:
	@pkgs=""; \
	[ -x "$(CHROMIUM)" ] || pkgs=" chromium"; \
	fc-list :lang=zh 2>/dev/null | grep -q . || pkgs="$$pkgs $(CJK_FONT_PKG)"; \
	if [ -z "$$pkgs" ]; then \
		:; \
	elif [ "$(CI)" = "true" ] && [ "$$(id -u)" = "0" ]; then \
		echo "Installing Debian packages for the browser tests:$$pkgs"; \
		apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y $$pkgs; \
	elif [ "$(CI)" = "true" ] && [ ! -x "$(CHROMIUM)" ]; then \
		echo "$(CHROMIUM) is missing and we are not root: browser tests will fail" >&2; \
	else \
		echo "note: missing Debian packages for the browser tests:$$pkgs" \
			"(as root: apt-get update && apt-get install -y$$pkgs)"; \
	fi

lint: $(DEV_STAMP)
	$(BIN)/ruff check .

pytest: $(DEV_STAMP) chromium
	$(PY) -m pytest

test: lint pytest

test-browser: $(DEV_STAMP) chromium
	$(PY) -m pytest -m browser

bench: $(DEV_STAMP) chromium
	$(PY) bench/cold_start.py
	$(PY) bench/gc_freeze.py
	$(PY) bench/rerun_lessons.py
	$(PY) bench/rerun_lessons.py --cold-cache
	$(PY) bench/session_memory.py

clean:
	rm -rf .pytest_cache .ruff_cache .hypothesis tests/screenshots
	find . -name __pycache__ -type d -not -path "./$(VENV)/*" -prune -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV)
