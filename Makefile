# Gotong: the two set-up commands are `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
STAMP := $(VENV)/.installed-$(shell cat requirements.txt requirements-dev.txt | cksum | cut -d' ' -f1)
# Translations: locale/<lang>/LC_MESSAGES/<domain>.po are committed; the .mo files Django reads
# are built here by Babel (pure Python: no GNU gettext needed) and never committed.
MO_FILES := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/*.po))

.PHONY: run test lint format install messages migrate bench bench-smoke clean lighthouse

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP) messages

## make lighthouse: Lighthouse for tests/quality (Node's npm, pinned in tools/lighthouse).
LIGHTHOUSE_STAMP := tools/lighthouse/node_modules/.installed-$(shell cat tools/lighthouse/package-lock.json | cksum | cut -d' ' -f1)
lighthouse: $(LIGHTHOUSE_STAMP)

$(LIGHTHOUSE_STAMP): tools/lighthouse/package.json tools/lighthouse/package-lock.json
	cd tools/lighthouse && npm ci --no-fund --no-audit --loglevel=error
	touch $(LIGHTHOUSE_STAMP)

messages: $(MO_FILES)

%.mo: %.po $(STAMP)
	$(BIN)/pybabel --quiet compile --input-file $< --output-file $@

migrate: install
	$(MANAGE) migrate --noinput
	$(MANAGE) regions_load

## make run: install, migrate, load demo data, serve on http://127.0.0.1:8000 with the task
## worker and the scheduler. Ctrl-C stops all three.
run: migrate
	$(MANAGE) seed_demo
	$(MANAGE) run_platform --addr 127.0.0.1:8000

## make test: the whole suite against DATABASE_URL (SQLite by default), in PYTEST_WORKERS
## pytest-xdist workers (2, one per core; 0 runs it in one process), each with its own test
## database; the browser tests all run on one of them (xdist_group). Then tests/quality (axe,
## Lighthouse, page weight) alone, on an otherwise idle machine: Lighthouse's performance score
## is simulated from CPU time. QUALITY=no skips that part (it serves its own SQLite site, so
## one run per machine is enough).
## More pytest options in PYTEST_ARGS, e.g. `make test PYTEST_WORKERS=0 PYTEST_ARGS="-x -k ledger"`.
PYTEST_WORKERS ?= 2
QUALITY ?= yes
test: install lighthouse
	$(BIN)/pytest -n $(PYTEST_WORKERS) --dist loadgroup --ignore=tests/quality $(PYTEST_ARGS)
ifeq ($(QUALITY),yes)
	$(BIN)/pytest -n 0 tests/quality
endif

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy gotong config
	$(BIN)/lint-imports
	$(MANAGE) makemigrations --check --dry-run

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: install
	$(BIN)/python bench/donations.py
	$(BIN)/python bench/campaign_page.py
	$(BIN)/python bench/seal_log.py
	$(BIN)/python bench/search.py
	$(BIN)/python bench/needs.py
	$(BIN)/python bench/open_data.py

## make bench-smoke: every benchmark with --smoke (tiny sizes, one short round; ~1.5 min in all),
## each exiting non-zero when it is broken; donations.py also runs its --compare machinery
## against HEAD. Needs PostgreSQL on 127.0.0.1:5432, as `make bench` does. CI runs it.
bench-smoke: install
	$(BIN)/python bench/donations.py --smoke --compare HEAD
	$(BIN)/python bench/campaign_page.py --smoke
	$(BIN)/python bench/seal_log.py --smoke
	$(BIN)/python bench/search.py --smoke
	$(BIN)/python bench/needs.py --smoke
	$(BIN)/python bench/open_data.py --smoke

clean:
	rm -rf $(VENV) var/*.sqlite3* var/media var/static $(MO_FILES)
