# Every target sets up its own virtual environment from nothing but Python.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: setup system demo test bench clean

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

test: setup system
	$(BIN)/python -m pytest

bench: setup
	$(BIN)/python -m benchmarks

clean:
	rm -rf $(VENV) var .pytest_cache
