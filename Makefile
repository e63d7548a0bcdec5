# Kinerja — the two commands of the quick start are `make run` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: run test lint install install-test assets frontend frontend-check bench-app migrate demo serve schema messages bench mutation prod-check clean

# Local development runs with DEBUG on (GraphiQL, a dev secret key); production sets its own env.
# E-mail links point at the address served here (make run PORT=8765), unless APP_URL says otherwise.
run demo migrate serve: export DEBUG ?= true
run demo migrate serve: export APP_URL ?= http://$(HOST):$(PORT)
# The demo's task and reminder e-mails (a hundred at the first sweep) go to files in mail/, not
# over the terminal's server log, unless EMAIL_BACKEND says otherwise.
run demo migrate serve: export EMAIL_BACKEND ?= django.core.mail.backends.filebased.EmailBackend
run demo migrate serve: export EMAIL_FILE_PATH ?= $(CURDIR)/mail

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Re-install only when the pinned requirements change.
$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.installed-test: requirements-test.txt $(VENV)/.installed
	$(BIN)/pip install --quiet -r requirements-test.txt
	touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

# The process modeler's browser assets (bpmn-js), exactly as package-lock.json pins them; Django
# serves them from node_modules as static files (settings.STATICFILES_DIRS).
node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null || { echo "npm is needed for the process modeler (bpmn-js): apt-get install nodejs npm"; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

assets: node_modules/.installed

# The browser app (frontend/, its own package-lock.json): typed operations generated from
# schema.graphql and checked, typechecked, built by Vite into frontend/dist, which Django serves.
FRONTEND_SOURCES := $(shell find frontend/src frontend/index.html frontend/vite.config.ts frontend/codegen.ts frontend/tsconfig.json -type f 2>/dev/null)
frontend/node_modules/.installed: frontend/package.json frontend/package-lock.json
	@command -v npm >/dev/null || { echo "npm is needed for the browser app: apt-get install nodejs npm"; exit 1; }
	cd frontend && npm ci --no-audit --no-fund --loglevel=error
	touch $@

frontend/dist/index.html: frontend/node_modules/.installed schema.graphql $(FRONTEND_SOURCES)
	cd frontend && npm run --silent build

frontend: frontend/dist/index.html

## the codegen check (an operation that no longer matches schema.graphql) and the typecheck
frontend-check: frontend/node_modules/.installed
	cd frontend && npm run --silent check

migrate: install
	$(BIN)/python manage.py migrate --noinput

demo: migrate
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py load_workflows
	$(BIN)/python manage.py load_holidays
	$(BIN)/python manage.py load_demo_year
	$(BIN)/python manage.py load_demo_daily --skip-if-not-ready

serve: install assets frontend
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	@echo "Kinerja: http://$(HOST):$(PORT)/   GraphiQL: http://$(HOST):$(PORT)/graphql/   processes: http://$(HOST):$(PORT)/proses/   admin: http://$(HOST):$(PORT)/admin/   e-mails: $$EMAIL_FILE_PATH/"
	# The periodic tasks (BPMN timers, notification e-mails) run next to the server and stop with it.
	$(BIN)/python manage.py run_periodic --loop & trap "kill $$! 2>/dev/null" EXIT INT TERM; \
	$(BIN)/uvicorn project.asgi:application --host $(HOST) --port $(PORT)

## make run: virtualenv + install + migrate + Tubei demo + serve GraphiQL
run: demo serve

## make lint: the import contracts of docs/design.md (.importlinter), ruff (ruff.toml) and mypy over
## the modules listed in mypy.ini (`files`); a broken contract prints the offending import, a type
## error its line. mypy loads the Django settings (django-stubs plugin), which need DEBUG here.
lint: install-test
	$(BIN)/lint-imports --no-cache
	$(BIN)/ruff check --no-cache .
	DEBUG=true $(BIN)/mypy

## make test: install test tools, lint, and run the whole suite (DATABASE_URL picks the database)
test: install-test lint assets frontend frontend-check
	$(BIN)/python -m pytest $(PYTEST_ARGS)

## make schema: re-export schema.graphql after changing the GraphQL API
schema: install
	DEBUG=true $(BIN)/python manage.py export_graphql_schema

## make messages: recompile the Indonesian/English message catalogues
messages: install
	DEBUG=true $(BIN)/python manage.py makemessages --locale id --no-obsolete --ignore ".venv/*" --ignore "tests/*" --ignore "bench/*" --ignore "node_modules/*"
	DEBUG=true $(BIN)/python manage.py compilemessages --locale id --ignore ".venv/*" --ignore "node_modules/*"

## make bench-app: the browser app's first-load size and render times in Chromium (prints tables)
bench-app: install-test assets frontend
	$(BIN)/python -m bench.app $(BENCH_ARGS)

## make bench: organization import and selector benchmark (prints a table)
bench: install-test
	$(BIN)/python -m bench.org $(BENCH_ARGS)

## make mutation: delete or weaken each permission guard and sandbox bound in turn and run the tests
## that cover it (bench/guard_mutants.py); kill rates go to bench/results/<date>-mutation.md (slow: hours)
mutation: install-test assets
	$(BIN)/python -m bench.guard_mutants $(MUTATION_ARGS)

## make prod-check: start the production shape (PostgreSQL, Redis, Celery worker + beat, uvicorn
## workers) on this machine, seed a small province and drive it briefly (README "Production")
prod-check: install-test
	$(BIN)/python -m bench.prodcheck $(PROD_CHECK_ARGS)

clean:
	rm -rf $(VENV) node_modules db.sqlite3 staticfiles .pytest_cache .mypy_cache bench/logs test-artifacts
