# The two commands: `make run` (quick start on the embedded default) and `make test` (the whole suite).
PYTHON ?= $(shell command -v python3.11 2>/dev/null || command -v python3 2>/dev/null)
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
PORT ?= 8000

.PHONY: run test install lint format migrate messages worker beat bench bench-suite dataset load clean

$(INSTALLED): requirements/base.txt requirements/dev.txt requirements/prod.txt
	@test -n "$(PYTHON)" || { echo "BOKS needs Python 3.11 or newer (python3.11 or python3 on PATH)."; exit 1; }
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "BOKS needs Python 3.11 or newer; $(PYTHON) is older."; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements/dev.txt -r requirements/prod.txt
	touch $(INSTALLED)

install: $(INSTALLED)

# Quick start: SQLite and in-process tasks, demo data, MFA switched off (every page says so).
run: $(INSTALLED)
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	BOKS_REQUIRE_STAFF_MFA=$${BOKS_REQUIRE_STAFF_MFA:-False} $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# The whole suite, in one process per core (TEST_WORKERS=0 runs it in this process). Set DATABASE_URL
# and REDIS_URL to run it on PostgreSQL and a real Celery worker; without them the worker test skips
# and says how to get it (CI sets BOKS_REQUIRE_ALL=1: no skips).
TEST_WORKERS ?= auto
test: $(INSTALLED)
	$(BIN)/pytest --numprocesses $(TEST_WORKERS)

lint: $(INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(INSTALLED)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

migrate: $(INSTALLED)
	$(BIN)/python manage.py migrate

# Regenerates the English translation file; needs GNU gettext.
messages: $(INSTALLED)
	$(BIN)/python manage.py makemessages --locale en --ignore '.venv/*' --ignore 'staticfiles/*'
	$(BIN)/python manage.py compilemessages --locale en --ignore '.venv/*'

# Latency and queries per request of the Foundation pages; set DATABASE_URL to measure PostgreSQL.
bench: $(INSTALLED)
	$(BIN)/python bench/pages.py

# A city-sized dataset (SCALE=1: one city-year of Utrecht, five years of history) in DATABASE_URL.
SCALE ?= 1
dataset: $(INSTALLED)
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py generate_dataset --scale $(SCALE)

# Key pages, API endpoints and sweeps on the generated dataset against the budgets (docs/scaling.md).
bench-suite: $(INSTALLED)
	$(BIN)/python bench/suite.py --label n$(SCALE)

# Locust against gunicorn on loopback: 200 users with think time, then a saturation run.
load: $(INSTALLED)
	bench/load.sh

worker: $(INSTALLED)
	$(BIN)/celery -A boks worker --loglevel=INFO

beat: $(INSTALLED)
	$(BIN)/celery -A boks beat --loglevel=INFO

clean:
	rm -rf $(VENV) staticfiles build .pytest_cache .ruff_cache db.sqlite3
