# convlab: two commands set everything up.
#   make run    create .venv, install requirements.txt, start the app
#   make test   install requirements-dev.txt, then ruff check + the whole pytest suite
#   make serve-class REPLICAS=N   N app processes behind nginx, for a class (make stop-class)
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

# A class: REPLICAS Streamlit processes on loopback ports behind Debian's nginx on CLASS_HOST:PORT.
NGINX ?= /usr/sbin/nginx
REPLICAS ?= 2
CLASS_HOST ?= 0.0.0.0
CLASS_PORT ?= 8501
CLASS_RUN_DIR ?= .run/class

export TF_CPP_MIN_LOG_LEVEL ?= 2
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: help run test lint pytest test-browser bench bench-class chromium nginx serve-class \
	stop-class clean distclean

help:
	@echo "make run           start the app (creates $(VENV) and installs requirements.txt)"
	@echo "make test          ruff check + whole pytest suite (installs requirements-dev.txt)"
	@echo "make lint          ruff check only"
	@echo "make test-browser  only the real-browser tests (pytest -m browser)"
	@echo "make bench         cold start, rerun cost, gc freeze and session memory, each against a control"
	@echo "make bench-class   30 websocket students through nginx: 2 replicas against 1"
	@echo "make serve-class   REPLICAS=N app processes behind nginx on CLASS_HOST:CLASS_PORT"
	@echo "make stop-class    stop what serve-class started"
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

# The same for nginx, which `make serve-class` and the deploy smoke test run.
nginx:
	@if [ -x "$(NGINX)" ]; then \
		:; \
	elif [ "$(CI)" = "true" ] && [ "$$(id -u)" = "0" ]; then \
		echo "Installing Debian's nginx for the deploy test"; \
		apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y nginx; \
	elif [ "$(CI)" = "true" ]; then \
		echo "$(NGINX) is missing and we are not root: the deploy test will fail" >&2; \
	else \
		echo "note: nginx is missing (as root: apt-get update && apt-get install -y nginx)"; \
	fi

lint: $(DEV_STAMP)
	$(BIN)/ruff check .

pytest: $(DEV_STAMP) chromium nginx
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

bench-class: $(DEV_STAMP) nginx
	$(PY) bench/class_load.py

# In the foreground: Ctrl-C (or `make stop-class` from another shell) stops nginx and replicas.
serve-class: $(RUN_STAMP) nginx
	$(PY) -m deploy.serve_class --replicas $(REPLICAS) --host $(CLASS_HOST) --port $(CLASS_PORT) \
		--run-dir $(CLASS_RUN_DIR)

stop-class:
	$(PY) -m deploy.serve_class --stop --run-dir $(CLASS_RUN_DIR)

clean:
	rm -rf .pytest_cache .ruff_cache .hypothesis tests/screenshots .run
	find . -name __pycache__ -type d -not -path "./$(VENV)/*" -prune -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV)
