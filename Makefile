# Every target sets up its own virtual environment from nothing but Python.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: setup system webdeps demo lint test test-clock-ahead bench screenshots clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

setup: $(STAMP)

demo: setup
	$(BIN)/claimpilot demo

# Debian packages the tests drive for real (Chromium for the web page, ...),
# listed in system-packages.txt: installed here when missing and we are root;
# without them those tests skip and say what is missing.
system:
	@missing=$$(awk '!/^#/ && NF==2 && system("test -e " $$1) {print $$2}' system-packages.txt); \
	if [ -n "$$missing" ] && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "installing Debian packages: $$missing"; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null) \
		|| echo "could not install $$missing; the tests that need them will skip"; fi

# What the browser tests load into Chromium (axe-core), pinned in package.json/package-lock.json, from the
# npm registry; without npm the accessibility checks skip and say so.
webdeps:
	@if command -v npm >/dev/null; then npm ci --no-audit --no-fund --silent \
		|| echo "could not install the npm packages; the accessibility checks will skip"; \
	else echo "npm is missing; the accessibility checks will skip"; fi

# ruff (style and bugs), mypy (types: strict on accounts/ and db/) and the import contracts (pyproject.toml,
# docs/architecture.md): a new import cycle or upward import fails here.
lint: setup
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy
	$(BIN)/lint-imports

# The date-sensitive suites once more with the clock a year ahead: nothing may pass only because of today's date.
CLOCK_AHEAD := 2027-09-01T08:00:00+00:00
test-clock-ahead: setup system
	CLAIMPILOT_TEST_NOW=$(CLOCK_AHEAD) $(BIN)/python -m pytest tests/scheduler tests/jobs tests/cases

test: setup system webdeps lint
	$(BIN)/python -m pytest
	$(MAKE) test-clock-ahead

bench: setup
	$(BIN)/python -m benchmarks

# Every page over the demo seller, in Chinese and English, at 390 and 1366 px (headless Chromium).
screenshots: setup system
	$(BIN)/python scripts/screenshots.py docs/screenshots

clean:
	rm -rf $(VENV) var .pytest_cache node_modules
