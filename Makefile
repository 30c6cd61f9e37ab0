# The two commands a new user needs: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

# Exact versions with their hashes, made from pyproject.toml by `make lock` (the image installs lock.txt).
LOCK := requirements/lock.txt
DEV_LOCK := requirements/dev-lock.txt
UV_COMPILE := $(VENV)/bin/uv pip compile pyproject.toml --universal --python-version 3.11 --generate-hashes --quiet

.PHONY: run test install migrate demo lint check clean static lock

# The locked versions first, each checked against its hash; then the project itself, which also installs
# anything pyproject.toml gained since the lock was made (tests/deploy/test_lock.py then asks for make lock).
$(VENV)/.installed: pyproject.toml $(DEV_LOCK)
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --require-hashes -r $(DEV_LOCK)
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $@

install: $(VENV)/.installed

migrate: install
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py load_demo

# The worker (publishing's PDFs, exports, the mirror, the nightly run) runs beside the server and stops with it
# (Ctrl-C, or the server failing). Where setsid exists (Linux) it gets a process group of its own, so its code
# reloader goes too; elsewhere (macOS) the worker itself is stopped.
run: demo
	$(PY) manage.py schedule_nightly
	@echo "Serving the portal on http://$(HOST):$(PORT)/ (staff workspace: /manage/, admin: /admin/), with its worker"
	$$(command -v setsid) $(PY) manage.py db_worker & worker=$$!; \
	trap 'kill -TERM -$$worker 2>/dev/null || kill -TERM $$worker 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver $(HOST):$(PORT)

# One worker per core (pytest-xdist). `--dist load` hands each worker tests in collection order, which
# pytest-django sorts as Django's runner does: tests in a rolled-back transaction first, then the transactional
# ones (live server, browser) that empty the tables, so no worker runs a test on tables a flush has emptied.
# PYTEST_WORKERS=0 runs everything in this process (for a debugger).
PYTEST_WORKERS ?= auto
test: install
	$(PY) -m pytest --create-db -n $(PYTEST_WORKERS) --dist load $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .

check: install
	$(PY) manage.py makemigrations --check --dry-run

# Rewrites both lock files from pyproject.toml, keeping every pin that still fits (add --upgrade to the
# command to move to the newest versions allowed). Commit requirements/ afterwards.
lock: install
	$(UV_COMPILE) -o $(LOCK)
	$(UV_COMPILE) --extra dev -o $(DEV_LOCK)

# Rebuilds the committed GOV.UK Frontend CSS/JS in static/govuk/ (needs Node and npm; nothing else does).
static:
	./frontend/build.sh

clean:
	rm -rf $(VENV) db.sqlite3 media staticfiles .pytest_cache
