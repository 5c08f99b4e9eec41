# `make run` and `make test` work on a fresh clone: they create the virtualenv,
# install the pinned dependencies and fetch DynamoDB Local themselves.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
STAMP := $(VENV)/.installed
DDB_JAR := .local/dynamodb-local/DynamoDBLocal.jar

export AWS_ACCESS_KEY_ID ?= local
export AWS_SECRET_ACCESS_KEY ?= local
export AWS_DEFAULT_REGION ?= us-east-1
export PYTHONPATH := $(CURDIR)

.PHONY: run seed demo test lint typecheck unit integration system bench deps clean

$(STAMP): requirements.txt requirements-dev.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $@

$(DDB_JAR): | $(STAMP)
	$(PY) -c "from localdev.engines import ensure_dynamodb_local; print('DynamoDB Local in', ensure_dynamodb_local())"

deps: $(STAMP) $(DDB_JAR)

run: deps
	$(PY) -m localdev run

seed: deps
	$(PY) -m localdev seed

demo: deps
	$(PY) -m localdev demo

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

# pytest exits 5 when it collects no tests; that is a failure here, not a pass.
test: deps lint typecheck
	@$(BIN)/pytest -q; status=$$?; \
	if [ $$status -eq 5 ]; then echo "make test: pytest collected no tests; failing" >&2; exit 1; fi; \
	exit $$status

unit: $(STAMP)
	$(BIN)/pytest -q tests/unit

integration: $(STAMP)
	$(BIN)/pytest -q tests/integration

system: deps
	$(BIN)/pytest -q tests/system

bench: deps
	$(PY) -m bench

clean:
	rm -rf $(VENV) .local .pytest_cache .mypy_cache .ruff_cache
