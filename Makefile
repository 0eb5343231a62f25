# The project's entry points. Each target creates .venv if it is missing and installs the
# pinned dependencies (pyproject.toml + constraints.txt) before it runs.
#
#   make brief      run every notebook on one article into build/<article-id>/: the briefing
#                   (HTML, PDF, one-page handout, offline slides) and the notebooks as HTML
#   make test       ruff, unit tests and strict nbval over the committed notebooks
#   make lab        JupyterLab on 127.0.0.1, opened at notebooks/
#   make notebooks  re-execute the committed notebooks in place after a change
#   make bench      speed of the pipeline beside baselines (tokenizers, the code before the
#                   speed work) and of extract-corpus --jobs 1 against --jobs 2
#   make corpus     extract-corpus over data/articles/ into build/corpus/articles/ (Parquet)
#   make eval       scoreboard against the hand-written gold (seed and unseen apart), build/eval.csv
#   make editions   teacher (with solutions) and student (without) editions in build/editions/
#   make mutation   mutation testing (mutmut) of MUTATION_MODULES, report in tests/mutation/
#   make fuzz       the property tests randomized, with many more examples (HYPOTHESIS_PROFILE=fuzz)
#
# make brief ARTICLE=path/to/story.txt PUBLISHED=YYYY-MM-DD  briefs your own article instead
#   (into build/<article-id>/; PAPER=letter for US Letter PDFs, default A4).
# make lab PORT=8890  JupyterLab on another port.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
NBVAL := --nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg
ARTICLE ?=
PUBLISHED ?=
PAPER ?= a4
PORT ?= 8888
# make bench times this revision's pipeline beside ours: the code before the speed work
# (skipped, with a note, in a copy without git history).
BENCH_AGAINST ?= f278dcd
# The recipes read these from the environment ("$$ARTICLE"), so a path with spaces, ';' or
# quotes reaches the program as one argument, never as shell syntax.
export ARTICLE PUBLISHED PAPER
# JupyterLab refuses to start as root unless told; containers often run as root.
ALLOW_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root)

.PHONY: brief test lab notebooks bench editions lint clean eval mutation fuzz corpus

# Core modules under mutation testing; each needs a row in tests/mutation/targets.csv.
MUTATION_MODULES ?= scoring provenance quantities dates clauses meetings relations

$(STAMP): pyproject.toml constraints.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e ".[dask,duckdb,notebooks,test]"
	@touch $(STAMP)

brief: $(STAMP)
	$(BIN)/python -m analysis.brief $(if $(ARTICLE),--article "$$ARTICLE") $(if $(PUBLISHED),--published "$$PUBLISHED") --paper "$$PAPER"

lint: $(STAMP)
	$(BIN)/ruff check analysis tests notebooks data

test: $(STAMP) lint
	$(BIN)/python -m pytest -p no:cacheprovider $(NBVAL) tests notebooks

lab: $(STAMP)
	$(BIN)/jupyter lab --ip=127.0.0.1 --port=$(PORT) --no-browser --notebook-dir=notebooks $(ALLOW_ROOT)

# Kernels talk over local IPC sockets (nothing listens on TCP, no transport warning).
notebooks: $(STAMP)
	@mkdir -p build/kernels
	$(BIN)/jupyter nbconvert --to notebook --execute --inplace \
		--KernelManager.transport=ipc --KernelManager.ip=$(CURDIR)/build/kernels/kernel \
		--ExecutePreprocessor.record_timing=False notebooks/[0-9]*.ipynb

bench: $(STAMP)
	$(BIN)/python -m analysis.bench --against $(BENCH_AGAINST)
	$(BIN)/python -m analysis.corpus_bench

corpus: $(STAMP)
	$(BIN)/python -m analysis extract-corpus data/articles --out build/corpus/articles

editions: $(STAMP)
	$(BIN)/python -m analysis.editions

clean:
	rm -rf build

eval: $(STAMP)
	$(BIN)/python -m analysis.scoring --out build/eval.csv --details build/eval_details.csv

mutation: $(STAMP)
	$(BIN)/python tests/mutation/mutate.py $(MUTATION_MODULES)

fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest -p no:cacheprovider -q -m hypothesis tests
