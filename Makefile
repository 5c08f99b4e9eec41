# `make run` and `make test` work on a fresh clone: they create the virtualenv,
# install the pinned dependencies and fetch DynamoDB Local themselves.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
STAMP := $(VENV)/.installed
DDB_JAR := .local/dynamodb-local/DynamoDBLocal.jar

# The local engines accept any credentials: dummy ones for the local targets
# only, so that `make deploy` and `make admin-key` use your real AWS profile.
LOCAL_TARGETS := run seed demo test test-steps test-fast test-infra test-system lint typecheck unit integration system bench synth
$(LOCAL_TARGETS): export AWS_ACCESS_KEY_ID ?= local
$(LOCAL_TARGETS): export AWS_SECRET_ACCESS_KEY ?= local
$(LOCAL_TARGETS): export AWS_DEFAULT_REGION ?= us-east-1
export PYTHONPATH := $(CURDIR)

INFRA_VENV := infra/.venv
INFRA_STAMP := $(INFRA_VENV)/.installed
CHECKOV_VENV := infra/.checkov-venv
CHECKOV_STAMP := $(CHECKOV_VENV)/.installed
CDK := infra/node_modules/.bin/cdk
STAGE ?= dev
# CDK offline and quiet: no notices or telemetry fetched, no Node end-of-life banner.
CDK_ENV := CDK_DISABLE_CLI_TELEMETRY=true JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=20 \
	JSII_SILENCE_WARNING_UNTESTED_NODE_VERSION=1 JSII_DEPRECATED=quiet NODE_NO_WARNINGS=1

.PHONY: run seed demo test test-steps test-fast test-infra test-system lint typecheck unit integration system bench deps clean synth deploy infra-deps admin-key client reference chromium

$(STAMP): requirements.txt requirements-dev.txt pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $@

$(DDB_JAR): | $(STAMP)
	$(PY) -c "from localdev.engines import ensure_dynamodb_local; print('DynamoDB Local in', ensure_dynamodb_local())"

deps: $(STAMP) $(DDB_JAR)

run: deps client reference
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

# The TypeScript client (clients/typescript, docs/clients.md): its npm packages
# (package-lock.json) and its build, one browser ES module at dist/commerce.js.
CLIENT := clients/typescript
CLIENT_STAMP := $(CLIENT)/node_modules/.installed
NPM_QUIET := --no-audit --no-fund --loglevel=error

$(CLIENT_STAMP): $(CLIENT)/package.json $(CLIENT)/package-lock.json
	cd $(CLIENT) && npm ci $(NPM_QUIET)
	@touch $@

client: $(CLIENT_STAMP)
	cd $(CLIENT) && npm run --silent build

# The API reference the app serves (GET /openapi.json, /openapi.yaml, /docs):
# docs/openapi.yaml as YAML and JSON plus Redoc's bundle (npm, package-lock.json),
# generated into chalicelib/reference/ (git-ignored), which Chalice packages.
REFERENCE_TOOL := tools/reference
REFERENCE_STAMP := $(REFERENCE_TOOL)/node_modules/.installed
REFERENCE := chalicelib/reference/openapi.json

$(REFERENCE_STAMP): $(REFERENCE_TOOL)/package.json $(REFERENCE_TOOL)/package-lock.json
	cd $(REFERENCE_TOOL) && npm ci $(NPM_QUIET)
	@touch $@

$(REFERENCE): docs/openapi.yaml $(REFERENCE_TOOL)/build.mjs $(REFERENCE_STAMP)
	node $(REFERENCE_TOOL)/build.mjs

reference: $(REFERENCE)

# infra/: its own virtualenv (aws-cdk-lib, Chalice's CDK construct, cfn-lint) and
# the CDK CLI pinned through npm (package-lock.json).
$(INFRA_STAMP): infra/requirements.txt requirements.txt
	@test -x $(INFRA_VENV)/bin/python || $(PYTHON) -m venv $(INFRA_VENV)
	$(INFRA_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r infra/requirements.txt
	@touch $@

# The security scanner: a virtualenv of its own, out of the app's and the CDK app's
# (and so out of the Lambda bundle).
$(CHECKOV_STAMP): infra/requirements-checkov.txt
	@test -x $(CHECKOV_VENV)/bin/python || $(PYTHON) -m venv $(CHECKOV_VENV)
	$(CHECKOV_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r infra/requirements-checkov.txt
	@touch $@

$(CDK): infra/package.json infra/package-lock.json
	cd infra && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

infra-deps: $(INFRA_STAMP) $(CDK) $(CHECKOV_STAMP)

# Both stages' templates, without an AWS account or credentials, then cfn-lint and
# the security scan (checkov; accepted failures: infra/checkov-skips.yaml).
synth: infra-deps reference
	rm -rf infra/cdk.out
	cd infra && for stage in dev prod; do \
		$(CDK_ENV) ./node_modules/.bin/cdk synth --quiet --no-notices --no-version-reporting \
			-c stage=$$stage -o cdk.out/$$stage || exit 1; \
	done
	$(INFRA_VENV)/bin/cfn-lint infra/cdk.out/dev/commerce-dev.template.json infra/cdk.out/prod/commerce-prod.template.json
	$(CHECKOV_VENV)/bin/python infra/scan.py

# Needs AWS credentials and a bootstrapped account (README: Deploy).
deploy: infra-deps
	cd infra && $(CDK_ENV) ./node_modules/.bin/cdk deploy --no-notices -c stage=$(STAGE) \
		$(if $(ALARM_EMAIL),-c alarm_email=$(ALARM_EMAIL)) commerce-$(STAGE)

# A deployed stage's first admin API key, printed once (AWS credentials needed).
admin-key: $(STAMP)
	$(PY) -m scripts.create_admin_key --stage $(STAGE) $(if $(NAME),--name "$(NAME)")

# The browser tests (tests/system/test_browser_*.py) drive Debian's chromium
# package; installed here when missing (as root, or through sudo).
CHROMIUM := /usr/bin/chromium
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)

$(CHROMIUM):
	@command -v apt-get >/dev/null || { echo "make: the browser tests need Chromium at $(CHROMIUM) (Debian's chromium package)" >&2; exit 1; }
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update -qq
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null

chromium: $(CHROMIUM)

# pytest exits 5 when it collects no tests; that is a failure here, not a pass.
# $(call pytest,ARGS): one pytest run, with that rule.
define pytest
@echo "pytest $(1)"; $(BIN)/pytest $(1); status=$$?; \
if [ $$status -eq 5 ]; then echo "make: pytest $(1) collected no tests; failing" >&2; exit 1; fi; \
exit $$status
endef

# `make test` (CI's .ci/run) runs on two cores: the steps below run two at a
# time (-j2), each one's output printed whole when it ends (--output-sync), and
# the first failure stops it (non-zero exit). Three pytest runs:
#   test-fast    every tier but system and infra (tests/unit, tests/integration
#                and any new one), spread over two pytest-xdist workers
#                (--dist loadfile: each file stays in one worker)
#   test-infra   the infra tier, as soon as `make synth` has written the templates
#   test-system  the system tier, one session (one local stack) and serial,
#                after test-fast so that it does not share the cores with it
# TEST_JOBS=1 runs the same steps one at a time.
TEST_JOBS ?= 2
XDIST_WORKERS ?= 2

test:
	@$(MAKE) --no-print-directory -j$(TEST_JOBS) --output-sync=target test-steps

# The slow chains first (virtualenvs, then synth), so that -j2 starts them early.
test-steps: $(STAMP) $(INFRA_STAMP) test-infra test-fast lint typecheck test-system
	@echo "make test: lint, types, synth and every tier passed"

test-fast: $(STAMP) reference
	$(call pytest,-q -n $(XDIST_WORKERS) --dist loadfile tests --ignore=tests/system --ignore=tests/infra)

test-infra: synth $(STAMP)
	$(call pytest,-q tests/infra)

test-system: deps client reference chromium | test-fast
	$(call pytest,-q tests/system)

unit: $(STAMP)
	$(call pytest,-q tests/unit)

integration: $(STAMP)
	$(call pytest,-q tests/integration)

system: deps client reference chromium
	$(call pytest,-q tests/system)

bench: deps synth
	$(PY) -m bench

clean:
	rm -rf $(VENV) .local .pytest_cache .mypy_cache .ruff_cache $(INFRA_VENV) $(CHECKOV_VENV) infra/node_modules infra/cdk.out infra/chalice.out \
		$(CLIENT)/node_modules $(CLIENT)/dist $(REFERENCE_TOOL)/node_modules chalicelib/reference
