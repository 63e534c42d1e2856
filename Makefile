# Guichet: `make run` serves the demo (gunicorn), `make dev` with auto-reload, `make test` runs the whole suite.
# Everything is created on first use: the virtualenv, the database, the demo data.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_WORKERS ?= auto
export DJANGO_SETTINGS_MODULE := guichet.settings
# Python keeps the compiled modules (__pycache__, ignored by git) even where the environment says not to
# (PYTHONDONTWRITEBYTECODE): each of the suite's processes would otherwise compile every module again.
export PYTHONDONTWRITEBYTECODE :=

.PHONY: run dev test test-postgres install system-deps messages static migrate demo lint format check-migrations clean bench-data browser-deps proxy-deps

$(BIN)/.installed: requirements.txt requirements-dev.txt
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11 or newer is needed"'
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

install: system-deps $(BIN)/.installed

# WeasyPrint (the orientation sheet) needs Pango and HarfBuzz, and fonts that
# cover Arabic. Installed with apt-get only when one is missing (CI runs as
# root); elsewhere the command to run is printed.
SYSTEM_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-core fonts-hosny-amiri
system-deps:
	@missing=$$(for p in $(SYSTEM_PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null \
		| grep -q '^install ok installed' || echo $$p; done); \
	if [ -z "$$missing" ] || ! command -v dpkg-query >/dev/null; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then \
		{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; } \
			|| echo "Could not install $$missing: PDFs may lack fonts or fail"; \
	else echo "WeasyPrint needs: sudo apt-get install $$missing"; fi

# Compiled translations are built from the .po files (Babel: no gettext needed).
messages: install
	$(BIN)/python manage.py compile_translations

# settings.py puts collected static files under $GUICHET_VAR_DIR (var/ by default).
STATIC_MANIFEST := $(or $(GUICHET_VAR_DIR),var)/static/staticfiles.json
$(STATIC_MANIFEST): $(BIN)/.installed $(shell find static -type f)
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0

static: messages $(STATIC_MANIFEST)

migrate: install
	$(BIN)/python manage.py migrate --noinput

demo: migrate
	$(BIN)/python manage.py load_demo

# `make run` serves as production does: gunicorn (one worker per core,
# gunicorn.conf.py), static files by WhiteNoise, DEBUG off. `make dev` serves
# with Django's development server, which reloads on every change of the code.
# Both start the task worker (nightly tasks: core/nightly.py) in the background
# beside the web server, and stop it with it (Ctrl+C, or the server failing).
WORKER := $(BIN)/python manage.py db_worker --no-reload --interval 5 --verbosity 0
STOP_WORKER := trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM

run: static demo
	$(BIN)/python manage.py schedule_nightly
	@echo "Guichet is served at http://$(HOST):$(PORT)/  (Ctrl+C to stop)"
	@$(WORKER) & worker=$$!; $(STOP_WORKER); \
	$(BIN)/gunicorn guichet.wsgi --bind $(HOST):$(PORT) --access-logfile -

dev: static demo
	$(BIN)/python manage.py schedule_nightly
	@$(WORKER) & worker=$$!; $(STOP_WORKER); \
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# The browser tests drive Debian's Chromium (never a downloaded browser) and run
# axe-core from the npm registry; both are installed here only when missing.
CHROMIUM := /usr/bin/chromium
AXE := node_modules/axe-core/axe.min.js

$(CHROMIUM):
	apt-get update
	DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium

$(AXE): package.json package-lock.json
	command -v npm >/dev/null || (apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends nodejs npm)
	npm ci --no-audit --no-fund
	touch $@

browser-deps: $(CHROMIUM) $(AXE)

# tests/test_nginx.py serves the app through deploy/nginx.conf with Debian's nginx,
# installed here only when missing; where it cannot be, that test is skipped and says why.
NGINX := /usr/sbin/nginx

$(NGINX):
	{ apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends nginx; } \
		|| echo "Could not install nginx: tests/test_nginx.py will be skipped"

proxy-deps: $(NGINX)

test: static browser-deps proxy-deps
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) --durations=10 $(PYTEST_ARGS)

# The same suite against PostgreSQL (DATABASE_URL names the server; test
# databases are created and dropped by the suite itself).
# Test databases are created and dropped under the same statement timeout as
# requests; on a loaded machine DROP DATABASE may need longer than 5 s.
test-postgres: static browser-deps proxy-deps
	DATABASE_URL=$${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/guichet} \
	DATABASE_STATEMENT_TIMEOUT_MS=$${DATABASE_STATEMENT_TIMEOUT_MS:-60000} \
		$(BIN)/python -m pytest -n $(PYTEST_WORKERS) --durations=10 $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(BIN)/ruff format --check .

bench-data: migrate
	$(BIN)/python manage.py generate_catalogue --programmes 10000

clean:
	rm -rf $(VENV) var node_modules
