# The project's entry points. Each target creates .venv if it is missing and installs the
# pinned dependencies (pyproject.toml + constraints.txt) before it runs.
#
#   make brief      execute every notebook into build/ and export the briefing (HTML, no code)
#   make test       ruff, unit tests and strict nbval over the committed notebooks
#   make lab        JupyterLab on 127.0.0.1, opened at notebooks/
#   make notebooks  re-execute the committed notebooks in place after a change
#   make bench      speed of the extraction pipeline against a tokenizer-only baseline
#   make corpus     extract-corpus over data/articles/ into build/corpus/articles/ (Parquet)
#   make eval       scoreboard against the hand-written gold (seed and unseen apart), build/eval.csv
#
# make brief ARTICLE=path/to/story.txt PUBLISHED=YYYY-MM-DD  briefs your own article as well.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
NBVAL := --nbval --nbval-current-env --nbval-sanitize-with tests/nbval_sanitize.cfg
ARTICLE ?=
PUBLISHED ?=
# JupyterLab refuses to start as root unless told; containers often run as root.
ALLOW_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root)

.PHONY: brief test lab notebooks bench lint clean corpus eval

$(STAMP): pyproject.toml constraints.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e ".[dask,duckdb,notebooks,test]"
	@touch $(STAMP)

brief: $(STAMP)
	$(BIN)/python -m analysis.brief $(if $(ARTICLE),--article $(ARTICLE)) $(if $(PUBLISHED),--published $(PUBLISHED))

lint: $(STAMP)
	$(BIN)/ruff check analysis tests notebooks data

test: $(STAMP) lint
	$(BIN)/python -m pytest -p no:cacheprovider $(NBVAL) tests notebooks

lab: $(STAMP)
	$(BIN)/jupyter lab --ip=127.0.0.1 --no-browser --notebook-dir=notebooks $(ALLOW_ROOT)

notebooks: $(STAMP)
	$(BIN)/jupyter nbconvert --to notebook --execute --inplace \
		--ExecutePreprocessor.record_timing=False notebooks/[0-9]*.ipynb

bench: $(STAMP)
	$(BIN)/python -m analysis.bench
	$(BIN)/python -m analysis.corpus_bench

corpus: $(STAMP)
	$(BIN)/python -m analysis extract-corpus data/articles --out build/corpus/articles

clean:
	rm -rf build

eval: $(STAMP)
	$(BIN)/python -m analysis.scoring --out build/eval.csv --details build/eval_details.csv
