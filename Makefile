# Walletdesk: `make run` serves the demo, `make test` runs the suite.
SHELL := /bin/bash
UV_VERSION := 0.13.9
UV := $(shell command -v uv 2>/dev/null || echo $(CURDIR)/.tools/bin/uv)
VENV := $(CURDIR)/.venv
BIN := $(VENV)/bin
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)

.PHONY: run test lint typecheck install messages clean bench evm-node

run: install
	$(BIN)/walletdesk migrate --no-input
	$(BIN)/walletdesk demo-data --if-empty
	$(BIN)/walletdesk serve

test: install messages evm-node
	$(BIN)/pytest $(PYTEST_ARGS)

# Compile the apps' .po catalogues (needs gettext's msgfmt; the compiled .mo files are committed,
# so without msgfmt the committed ones are used).
messages: install
	@if command -v msgfmt >/dev/null; then \
		cd walletdesk && $(BIN)/walletdesk compilemessages --verbosity 0; \
	else \
		echo "msgfmt not found (apt-get install gettext): using the committed .mo files"; \
	fi

# The local Hardhat node of the EVM look-up tests (tests/chain/evm_node); without npm they skip.
EVM_NODE := tests/chain/evm_node
evm-node:
	@if [ -f $(EVM_NODE)/node_modules/.installed ] && \
		[ $(EVM_NODE)/node_modules/.installed -nt $(EVM_NODE)/package-lock.json ]; then :; \
	elif command -v npm >/dev/null; then \
		cd $(EVM_NODE) && npm ci --no-audit --no-fund --loglevel=error && touch node_modules/.installed; \
	else \
		echo "npm not found: the EVM look-up tests will skip"; \
	fi

# Lint also checks that the installed packages' requirements agree (crypto libraries that
# resolve to ancient versions when unpinned show up here).
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	"$(UV)" pip check --python $(BIN)/python

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
