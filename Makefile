# Two commands do everything on a fresh Debian/Ubuntu machine: `make build` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: setup system python node bytecode build site test test-fast serve bench clean

setup: system python node bytecode

system:
	@bash tools/setup-system.sh

python: $(STAMP)
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --disable-pip-version-check -e '.[test]'
	touch $@

# the generator's bytecode, as `pip install` writes it for an installed package (an editable install gets none, and
# with PYTHONDONTWRITEBYTECODE set every command would compile each module again); only changed files are compiled
bytecode: $(STAMP)
	$(BIN)/python -m compileall -q generator tools

node: node_modules/.installed
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

build: setup
	$(BIN)/guidebook validate
	$(BIN)/guidebook build

site: setup
	$(BIN)/guidebook build --no-pdf

# two workers per core (pytest-xdist; tests/conftest.py: pytest_xdist_auto_num_workers), a test file's tests together so
# its module fixtures are made once
XDIST := -n auto --dist loadscope

test: setup
	$(BIN)/pytest $(XDIST)

# the edit-run loop: everything but the end-to-end builds of the sample and the browser tests
test-fast: setup
	$(BIN)/pytest $(XDIST) -m "not e2e and not browser"

serve: setup
	$(BIN)/guidebook serve

# make bench [SIZES=100,1000,5000]: synthetic municipalities, every stage timed beside its baseline → build/bench/
SIZES ?= 100,1000
bench: setup
	$(BIN)/python -m bench --sizes $(SIZES)

clean:
	rm -rf build .build-*
