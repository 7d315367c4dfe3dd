# alignkit: `make demo` runs the main job on the seed, `make test` runs the test suite.
# Both do all the set-up first: a virtualenv in .venv (alignkit with its dev and ray extras:
# the Ray executor's tests run in `make test`), and the Apertium engine + language
# pairs from Debian/Ubuntu packages (installed when we are root or have sudo).
# `make embeddings` (before `make test`) installs torch (TORCH_PIP, a CPU build) and alignkit[embeddings], so the
# tiny sentence-transformers model tests of `align --embeddings` run instead of skipping.

PYTHON   ?= python3
VENV     := .venv
BIN      := $(VENV)/bin
SEED     := seeds/putin-war-israel-2025.en.txt
TARGETS  := es,ca,gl,pt,it,fr
# lttoolbox-dev has lt-print (reads Apertium bilingual dictionaries); FreeDict for `alignkit dict build`
# and for the words Apertium leaves unknown (translate/lexical.py)
FREEDICT := dict-freedict-eng-spa dict-freedict-spa-eng dict-freedict-eng-fra dict-freedict-fra-eng \
            dict-freedict-eng-ita dict-freedict-ita-eng dict-freedict-eng-por dict-freedict-por-eng \
            dict-freedict-deu-fra dict-freedict-fra-deu dict-freedict-deu-eng dict-freedict-eng-deu \
            dict-freedict-spa-por dict-freedict-por-spa dict-freedict-ita-spa dict-freedict-fra-spa \
            dict-freedict-fra-ita dict-freedict-ita-por dict-freedict-fra-por dict-freedict-por-fra \
            dict-freedict-deu-spa dict-freedict-spa-deu dict-freedict-deu-ita dict-freedict-ita-deu \
            dict-freedict-deu-por dict-freedict-por-deu
# apertium-spa-cat, apertium-es-gl and apertium-pt-gl are not demo routes (en>ca and en>gl are direct): their
# bilingual dictionaries give the unknown-word fill a way from English to Catalan and Galician through es/pt
APT_PKGS := apertium apertium-eng-spa apertium-eng-cat apertium-en-gl apertium-es-pt apertium-spa-ita apertium-fr-es \
            apertium-spa-cat apertium-es-gl apertium-pt-gl apertium-fra-cat apertium-por-cat apertium-cat-ita \
            lttoolbox-dev $(FREEDICT)
# `make embeddings`: the optional extra on top of dev,ray (torch + sentence-transformers, ~1 GB).
# torch goes in first, from a CPU build: left to pip, sentence-transformers pulls a multi-GB CUDA torch.
# Without a local CPU wheel: TORCH_PIP='torch --index-url https://download.pytorch.org/whl/cpu'
TORCH_PIP ?= torch==2.13.0
SUDO     := $(shell [ "$$(id -u)" = 0 ] && echo "" || (command -v sudo >/dev/null && echo sudo -n))

.PHONY: demo test setup embeddings apertium bench clean

demo: setup apertium
	$(BIN)/alignkit run $(SEED) --to $(TARGETS) --glossary glossaries/seed.tsv --out corpora/seed/

test: setup apertium
	$(BIN)/python -m pytest

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev,ray]'
	touch $@

embeddings: $(VENV)/.embeddings

$(VENV)/.embeddings: $(VENV)/.installed
	$(BIN)/python -m pip install -q $(TORCH_PIP)
	$(BIN)/python -m pip install -q -e '.[embeddings]'
	touch $@

# Installs the Debian packages that are missing; without root/sudo, says what to run and goes on
# (the demo then fails with a message naming the package, and Apertium tests skip).
apertium:
	@missing=$$(for p in $(APT_PKGS); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -z "$$missing" ]; then echo "apertium: all pairs installed"; \
	elif ! command -v apt-get >/dev/null; then echo "apertium: no apt-get here; install: $$missing"; \
	elif [ "$$(id -u)" != 0 ] && [ -z "$(SUDO)" ]; then echo "apertium: run as root: apt-get install $$missing"; \
	else echo "apertium: installing $$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; fi

# Each benchmark says what it needs (../shared data, torch for bench_ct2, npm for hunalign).
bench: setup apertium
	@for b in bench/bench_*.py; do echo "== $$b"; $(BIN)/python $$b || echo "!! $$b failed"; done

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
