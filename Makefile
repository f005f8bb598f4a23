# Every target sets up its own virtual environment from nothing but Python.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: setup system webdeps demo test bench clean

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

test: setup system webdeps
	$(BIN)/python -m pytest

bench: setup
	$(BIN)/python -m benchmarks

clean:
	rm -rf $(VENV) var .pytest_cache node_modules
