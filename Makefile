# Walletdesk: `make run` serves the demo, `make test` runs the suite.
SHELL := /bin/bash
UV_VERSION := 0.13.9
UV := $(shell command -v uv 2>/dev/null || echo $(CURDIR)/.tools/bin/uv)
VENV := $(CURDIR)/.venv
BIN := $(VENV)/bin
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)

.PHONY: run test lint typecheck install messages clean bench

run: install
	$(BIN)/walletdesk migrate --no-input
	$(BIN)/walletdesk demo-data --if-empty
	$(BIN)/walletdesk serve

test: install
	$(BIN)/pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install
	$(BIN)/mypy walletdesk

install: $(VENV)/.synced

$(VENV)/.synced: uv.lock pyproject.toml | $(UV)
	"$(UV)" sync --frozen --python "$$(UV="$(UV)" ./scripts/find-python.sh)"
	@touch $@

$(CURDIR)/.tools/bin/uv:
	python3 -m venv $(CURDIR)/.tools
	$(CURDIR)/.tools/bin/pip install --quiet "uv==$(UV_VERSION)"

clean:
	rm -rf $(VENV) .tools .pytest_cache
