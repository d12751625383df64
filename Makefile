# The README's two commands: `make run` and `make test`. Everything else here serves them.
VENV := .venv
# The newest Python 3.12+ on the PATH (pyenv honours .python-version, which asks for 3.13).
PYTHON ?= $(shell for p in python3.13 python3.12 python3.14 python3; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null && { echo $$p; break; }; done)
PORT ?= 8000
# The Django series pyproject.toml pins: django-upgrade and djade target it.
DJANGO := 6.1

.PHONY: run test typecheck lock audit eval bench bench-web screenshots

run: $(VENV)/installed
	DEBUG=true $(VENV)/bin/python manage.py migrate --no-input
	DEBUG=true $(VENV)/bin/python manage.py load_demo
	@echo "Open http://127.0.0.1:$(PORT)/ and log in with one of the accounts above."
	DEBUG=true $(VENV)/bin/python manage.py runserver 127.0.0.1:$(PORT)

test: $(VENV)/installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	git ls-files -z '*.py' | xargs -0 $(VENV)/bin/django-upgrade --target-version $(DJANGO) --check
	git ls-files -z 'templates/*.html' | xargs -0 $(VENV)/bin/djade --target-version $(DJANGO) --check
	$(VENV)/bin/python manage.py makemigrations --check --dry-run
	$(VENV)/bin/mypy factcheck
	$(VENV)/bin/pytest -n auto --dist worksteal --cov --cov-report= $(PYTEST_ARGS)  # one worker per core
	@echo "Branch coverage of factcheck/: $$($(VENV)/bin/coverage report --format=total)% (coverage report -m: per file)"

# mypy with django-stubs on its own (`make test` runs it too).
typecheck: $(VENV)/installed
	$(VENV)/bin/mypy factcheck

$(VENV)/installed: requirements.lock
	@test -n "$(PYTHON)" || { echo "factcheck needs Python 3.12 or newer on the PATH."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet --require-hashes --no-deps -r requirements.lock
	touch $@

# Maintainers only: re-pin requirements.lock after changing pyproject.toml.
lock: $(VENV)/installed
	$(VENV)/bin/python -m pip install --quiet uv
	$(VENV)/bin/uv pip compile pyproject.toml --group dev --universal --python-version 3.12 --generate-hashes -o requirements.lock

# Known vulnerabilities in the pinned packages (pip-audit, against PyPI's advisory database). --strict: a
# package it could not look up fails the audit, so an unreachable database is never "no known vulnerabilities".
UNREACHABLE := ConnectionError|ProxyError|NameResolution|timed out|could not be audited
audit: $(VENV)/installed
	@log=$$(mktemp); $(VENV)/bin/pip-audit --requirement requirements.lock --disable-pip --strict \
	  --progress-spinner off >$$log 2>&1; status=$$?; cat $$log; \
	if [ $$status -ne 0 ] && grep -qE "$(UNREACHABLE)" $$log; then \
	  echo "make audit FAILED: pip-audit could not reach its vulnerability database, so the lock file was not checked."; \
	elif [ $$status -ne 0 ]; then \
	  echo "make audit FAILED: the pinned packages listed above have known vulnerabilities."; fi; \
	rm -f $$log; exit $$status

# Extraction quality on the gold set, and speed on one core (written into docs/benchmark.md).
eval: $(VENV)/installed
	$(VENV)/bin/python -m factcheck.extraction.evaluate

bench: $(VENV)/installed
	$(VENV)/bin/python -m factcheck.extraction.benchmark --write

# The app under gunicorn and wrk at 10k and 1M claims in PostgreSQL (written into docs/benchmarks.md). Not
# part of `make test`: it takes about 10 minutes, plus 4 to generate the 1M database the first time.
bench-web: $(VENV)/installed
	$(VENV)/bin/python -m bench.web $(BENCH_WEB_ARGS)

# Refresh the README's screenshot (docs/article-page.png) from the browser tests.
screenshots: $(VENV)/installed
	UPDATE_SCREENSHOTS=1 $(VENV)/bin/pytest -q tests/browser -k "disputes_claim_in_place or sources_record_and_the_kinds or opens_the_dashboard or broken_hop"
