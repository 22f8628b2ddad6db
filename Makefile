# Neural Networks From Scratch — the two commands a reader needs:
#   make book    install everything into .venv and build the executed website
#   make test    install everything into .venv and run the test suite
# Everything is installed from requirements.txt (the pinned set that CI and
# Binder use too), so a fresh machine needs only Python >= 3.11 and make.

PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.nnfs-installed
# Run the library from this checkout, whatever else is installed.
export PYTHONPATH := $(CURDIR)
# Identical float results from run to run (see the guide, section 6).
export OPENBLAS_NUM_THREADS ?= 1

.PHONY: book test install parity-deps site-test binder-test pdf lint format serve clean lock help animations animations-check
.PHONY: package-test exercises

help:
	@echo "make book   - install into $(VENV) and build the executed site (_build/html)"
	@echo "make test   - install into $(VENV) and run the tests"
	@echo "make exercises - a light venv ($(EX_VENV)) for the exercises only: nnfs_lib, JupyterLab, jupytext"
	@echo "make site-test - after make book: open every page in headless Chromium and check it"
	@echo "make binder-test - after make book: every chapter in Binder's JupyterLab, run and checked"
	@echo "make pdf    - after make book: print the whole book to _build/pdf/ (Chromium)"
	@echo "make package-test - build the nnfs_lib wheel, install it in a fresh venv, run the README example"
	@echo "make serve  - preview the built site on http://127.0.0.1:8000"
	@echo "make lint   - ruff check and format check"
	@echo "make lock   - re-pin requirements.txt from pyproject.toml (maintainers)"
	@echo "make animations        - re-render the videos (book/videos) with Manim; SCENES=name to pick"
	@echo "make animations-check  - re-render every scene into _build and fail if a committed video is stale"

$(STAMP): requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python >= 3.11 is required, found " + sys.version.split()[0])'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

install: $(STAMP)

# The exercises only: nnfs_lib (NumPy) with JupyterLab and jupytext, at the versions
# pinned in requirements.txt (one pinned set), in a venv of its own. Then
#   .venv-exercises/bin/python -m nnfs_lib.exercises stub sigmoid > sigmoid.py
#   .venv-exercises/bin/python -m nnfs_lib.exercises check sigmoid sigmoid.py
# or .venv-exercises/bin/jupyter lab, and open a chapter's .md as a notebook.
EX_VENV  ?= .venv-exercises
EX_STAMP  = $(EX_VENV)/.nnfs-exercises-installed
EX_PINS   = numpy jupyterlab jupytext
$(EX_STAMP): requirements.txt pyproject.toml
	test -x $(EX_VENV)/bin/python || $(PYTHON) -m venv $(EX_VENV)
	grep -E '^($(shell echo $(EX_PINS) | tr ' ' '|'))==' requirements.txt > $(EX_VENV)/pins.txt
	$(EX_VENV)/bin/python -m pip install --quiet -c requirements.txt -r $(EX_VENV)/pins.txt
	$(EX_VENV)/bin/python -m pip install --quiet --no-deps -e .
	touch $(EX_STAMP)

exercises: $(EX_STAMP)
	$(EX_VENV)/bin/python -m nnfs_lib.exercises list

# PyTorch, for the parity tests only (tests/parity skip without it). pip takes
# the CPU build; see tests/parity/conftest.py.
parity-deps: $(STAMP)
	$(BIN)/python -m pip install --quiet torch==2.13.0

# Browser files the site serves itself (Pyodide's core for the live autodiff page),
# from the npm registry at the versions pinned in nnfs_build/package-lock.json;
# re-installed only when the lock changes. Needs Node.js and npm.
NPM_STAMP = nnfs_build/node_modules/.package-lock.json
$(NPM_STAMP): nnfs_build/package.json nnfs_build/package-lock.json
	npm ci --prefix nnfs_build --ignore-scripts --no-audit --no-fund
	touch $(NPM_STAMP)

book: $(STAMP) $(NPM_STAMP)
	$(BIN)/jupyter-book build . -W -n --keep-going
	# The downloads every page links: the whole-book PDF (needs Chromium; without it
	# the build says so and goes on, except under NNFS_FORBID_SKIPS=1) and the offline zip.
	$(BIN)/python -m nnfs_build.bundle _build/html
	@echo "The book is at $(CURDIR)/_build/html/index.html"

test: $(STAMP)
	$(BIN)/python -m pytest

# The browser suite over the built site (tests/site; needs `make book` first and
# Chromium: Debian `apt-get install chromium`, or NNFS_CHROMIUM=/path/to/chrome).
# Screenshots and report.json go to _build/site-report/. Without a site or a
# Chromium it is skipped with the reason, except under NNFS_FORBID_SKIPS=1 (CI).
SEARCH_TERM ?= sigmoid
site-test: $(STAMP)
	$(BIN)/python -m pytest tests/site -o addopts="-ra --strict-markers" --search-term "$(SEARCH_TERM)"

# Binder, reproduced (tests/binder): Binder's environment in a venv under
# _build/binder-venv/ (built once per pin set), binder/postBuild, one JupyterLab on
# 127.0.0.1, and every chapter opened at its launch button's path and run with
# "Run All Cells" in headless Chromium. Needs `make book` first (to compare figures).
binder-test: $(STAMP)
	$(BIN)/python -m pytest tests/binder -o addopts="-ra --strict-markers" -s

# Optional: the whole book as one PDF, printed by headless Chromium from the
# built site (same styles and MathJax; needs `make book` and Chromium). The
# printer is nnfs_build/pdf.py.
pdf: $(STAMP)
	$(BIN)/python -m nnfs_build.pdf _build/html _build/pdf/neural-networks-from-scratch.pdf

# nnfs_lib as a package: build the wheel, check what it holds and requires, install
# it in a fresh venv (outside this checkout) and run the README's example there.
package-test: $(STAMP)
	$(BIN)/python -m nnfs_build.package_check _build/package

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

serve:
	$(PYTHON) -m http.server --bind 127.0.0.1 --directory _build/html 8000

clean:
	rm -rf _build

lock:
	rm -rf _build/lock-venv
	$(PYTHON) -m venv _build/lock-venv
	_build/lock-venv/bin/python -m pip install --quiet --upgrade pip
	_build/lock-venv/bin/python -m pip install --quiet ".[book,test]"
	( echo "# The pinned set for the book, the tests, CI and Binder. Regenerate: make lock"; \
	  _build/lock-venv/bin/python -m pip freeze --exclude-editable | grep -v '^nnfs.lib' ) > requirements.txt

# Animations (see animations/__init__.py). Not part of `make book`/`make test`:
# the rendered videos are committed, so readers need no Manim. Manim needs
# system libraries (Debian/Ubuntu: libcairo2-dev libpango1.0-dev pkg-config and
# a C compiler), so it lives in its own venv, under _build/ (ignored by git and
# by the book build).
ANIM_VENV  ?= _build/venv-animations
ANIM_BIN    = $(ANIM_VENV)/bin
ANIM_STAMP  = $(ANIM_VENV)/.nnfs-animations-installed
VIDEOS      = book/videos
SCENES     ?=

$(ANIM_STAMP): requirements-animations.txt
	test -x $(ANIM_BIN)/python || $(PYTHON) -m venv $(ANIM_VENV)
	$(ANIM_BIN)/python -m pip install --quiet --upgrade pip
	$(ANIM_BIN)/python -m pip install --quiet -r requirements-animations.txt
	touch $(ANIM_STAMP)

# Render (all, or SCENES="neuron backprop") into book/videos and record the manifest.
animations: $(ANIM_STAMP)
	$(ANIM_BIN)/python -m animations.render --out $(VIDEOS) $(SCENES)
	$(ANIM_BIN)/python -m animations.manifest write --from $(VIDEOS) $(SCENES)
	$(ANIM_BIN)/python -m animations.manifest check

# What CI runs: every scene re-rendered from scratch into a scratch folder (it
# must still render, with the same numbers), then the committed manifest
# checked against the current sources (fails if any video is stale or missing).
animations-check: $(ANIM_STAMP)
	rm -rf _build/animations-check
	$(ANIM_BIN)/python -m animations.render --out _build/animations-check
	$(ANIM_BIN)/python -m animations.manifest check --rendered _build/animations-check
