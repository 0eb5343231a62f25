"""``make mutation``: mutation testing of the core modules with mutmut, one module at a time.

Why: a test suite that passes says little until it is shown to fail on wrong code. mutmut makes
small changes (mutants) to a module — ``<`` for ``<=``, a dropped argument, another constant —
and runs the tests on each; a mutant the tests do not catch (a *survivor*) is either a missing
test or a change that does not matter, and the report says which.

Each module is run in its own scratch copy of the project (``build/mutation/<module>/``) with the
shared ``[tool.mutmut]`` settings of ``pyproject.toml`` plus that module's test selection from
``targets.csv``, so adding a module is one row there and one word in ``MUTATION_MODULES``.
Results of every module run so far are kept in ``results.csv``; ``REPORT.md`` is written from it,
with each survivor's change and its one-line judgement from ``harmless.csv``.

Where a whole module is too large to mutate in the time a run may take, its row in
``targets.csv`` names the functions to mutate (``functions``, space-separated); only their mutants
are run and counted, and the report says so.

Usage: ``python tests/mutation/mutate.py MODULE [MODULE ...] [--jobs N]``.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tomllib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
RESULTS = HERE / "results.csv"
REPORT = HERE / "REPORT.md"
#: Statuses counted as surviving: no selected test failed on the mutant.
SURVIVING = ("survived", "no tests")
# ``--rootdir=.`` as mutmut runs pytest: node ids are then relative to the scratch copy
# (``tests/...``), the form mutmut's stats use; without it pytest takes the project's own
# pyproject.toml as the root and names every test ``build/mutation/<module>/mutants/tests/...``,
# ids the recheck could not run (pytest exit 4, "not found").
PYTEST_QUIET = ("-p", "no:cacheprovider", "--rootdir=.", "-q", "-x", "--no-header")
RESULT_COLUMNS = ("module", "mutant", "status", "function", "original", "mutated")
# mutmut's exit codes of a mutant's test run, named as its own ``results`` command names them
# (mutmut.stats.status_by_exit_code; any other code is "suspicious")
STATUS_BY_EXIT_CODE = {0: "survived", 1: "killed", 3: "killed", 2: "interrupted", -24: "timeout",
                       24: "timeout", 152: "timeout", 255: "timeout", 36: "timeout",
                       5: "no tests", 33: "no tests", 34: "skipped", 35: "suspicious",
                       37: "caught by type check", -11: "segfault", -9: "segfault",
                       None: "not checked"}


def read_rows(path: Path) -> list[dict[str, str]]:
    """A CSV file of this folder, its ``#`` comment lines dropped."""
    if not path.exists():
        return []
    lines = [line for line in path.read_text(encoding="utf-8").splitlines()
             if not line.startswith("#")]
    return list(csv.DictReader(lines))


def targets() -> dict[str, list[str]]:
    """module -> its pytest selection arguments (``targets.csv``)."""
    return {row["module"]: shlex.split(row["tests"]) for row in read_rows(HERE / "targets.csv")}


def functions() -> dict[str, list[str]]:
    """module -> the functions its run is restricted to (empty: the whole module)."""
    return {row["module"]: (row.get("functions") or "").split()
            for row in read_rows(HERE / "targets.csv")}


def function_of(name: str) -> str:
    """The mutated function of a mutant key (``analysis.m.x_f__mutmut_3`` -> ``f``)."""
    return re.sub(r"__mutmut_\d+$", "", name.rsplit(".", 1)[-1]).removeprefix("x_")


def toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    return json.dumps(str(value))


# mutmut runs the tests once in its own process, then forks a child per mutant: a value cached by
# ``functools.lru_cache`` in that first run (a grammar built from the lexicons) would be reused
# by every child, so mutants of the code that builds it could never fail a test. The scratch
# copy's conftest therefore empties the caches of ``analysis`` at the start of each test session.
CLEAR_CACHES = '''

def pytest_sessionstart(session):
    """Mutation runs only: empty the lru caches of analysis, so each mutant rebuilds them."""
    import sys
    for name, loaded in list(sys.modules.items()):
        if name == "analysis" or name.startswith("analysis."):
            for value in list(vars(loaded).values()):
                if callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()
'''


def prepare(module: str, selection: list[str]) -> Path:
    """A scratch copy of the project whose mutmut settings mutate ``module`` only."""
    work = ROOT / "build" / "mutation" / module
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    ignore = shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints", "mutation")
    for folder in ("analysis", "tests", "data"):
        shutil.copytree(ROOT / folder, work / folder, ignore=ignore)
    with (work / "tests" / "conftest.py").open("a", encoding="utf-8") as conftest:
        conftest.write(CLEAR_CACHES)
    base = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    settings = dict(base["tool"]["mutmut"])
    settings["only_mutate"] = [f"analysis/{module}.py"]
    settings["pytest_add_cli_args_test_selection"] = selection
    lines = ["[tool.mutmut]"] + [f"{k} = {toml_value(v)}" for k, v in settings.items()]
    (work / "pyproject.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return work


@dataclass
class Mutant:
    name: str
    status: str
    function: str
    original: str
    mutated: str


def changed_lines(diff: str) -> tuple[str, str]:
    """The first removed and the first added line of a mutant's diff, stripped."""
    removed = [ln[1:].strip() for ln in diff.splitlines()
               if ln.startswith("-") and not ln.startswith("---")]
    added = [ln[1:].strip() for ln in diff.splitlines()
             if ln.startswith("+") and not ln.startswith("+++")]
    return (removed[0] if removed else ""), (added[0] if added else "")


def run_module(module: str, selection: list[str], jobs: int, rerun: bool = True,
               only: list[str] | None = None, recheck_survivors: bool = True) -> list[Mutant]:
    """Mutate one module (or, with ``rerun=False``, read its last run again) and list its
    mutants, only those of the functions ``only`` if given; the change of each survivor is
    read back with ``mutmut show``."""
    # mutmut matches these patterns both to mutant keys and to the functions whose tests it
    # runs; a pattern may catch a longer name too (``_status*``), dropped below
    patterns = [f"analysis.{module}.x_{name}*" for name in only or []]
    work = ROOT / "build" / "mutation" / module
    mutmut = Path(sys.executable).with_name("mutmut")
    log = work / "mutmut.log"
    returncode = 0
    if rerun:
        work = prepare(module, selection)
        with log.open("w", encoding="utf-8") as out:
            command = [str(mutmut), "run", "--max-children", str(jobs), *patterns]
            returncode = subprocess.run(command, cwd=work, stdout=out, stderr=subprocess.STDOUT,
                                        check=False).returncode
    meta = work / "mutants" / "analysis" / f"{module}.py.meta"
    if returncode != 0 or not meta.exists():
        tail = log.read_text(encoding="utf-8", errors="replace")[-2000:]
        raise SystemExit(f"mutmut failed on {module} (exit {returncode}); see {log}\n"
                         f"{tail}")
    codes = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
    names = sorted((n for n in codes if not only or function_of(n) in only), key=natural_key)
    statuses = {name: STATUS_BY_EXIT_CODE.get(codes[name], "suspicious") for name in names}

    # the tests as they are now (a test added after the run counts), with the cache hook
    tests_now = work / "mutants" / "tests"
    shutil.rmtree(tests_now, ignore_errors=True)
    shutil.copytree(ROOT / "tests", tests_now,
                    ignore=shutil.ignore_patterns("__pycache__", "mutation"))
    with (tests_now / "conftest.py").open("a", encoding="utf-8") as conftest:
        conftest.write(CLEAR_CACHES)

    # the tests mutmut saw calling each function, and the tests of the selection added since
    stats = json.loads((work / "mutants" / "mutmut-stats.json").read_text(encoding="utf-8"))
    tests_of = stats["tests_by_mangled_function_name"]
    known = {test for tests in tests_of.values() for test in tests}
    listed = "" if not recheck_survivors else subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", *PYTEST_QUIET[:3], *selection],
        cwd=work / "mutants", capture_output=True, text=True, check=False).stdout
    collected = {line.strip() for line in listed.splitlines() if "::" in line}
    added = sorted(collected - known)
    problems: list[str] = []

    def recheck(name: str) -> str:
        """A survivor's tests run again in a fresh process, with the tests added since the run:
        mutmut's forked children were seen to pass mutants that plainly fail their tests when
        run on their own (``rows = None`` before ``rows.append``), so a survivor is only counted
        once a fresh run passes too."""
        if statuses[name] not in SURVIVING or not recheck_survivors:
            return statuses[name]
        # the tests mutmut saw calling the function that still exist, and the tests added
        calling = set(tests_of.get(re.sub(r"__mutmut_\d+$", "", name), []))
        tests = sorted((calling & collected) | set(added))
        if not tests:
            return statuses[name]
        env = dict(os.environ, MUTANT_UNDER_TEST=name)
        code = subprocess.run([sys.executable, "-m", "pytest", *PYTEST_QUIET, *tests],
                              cwd=work / "mutants", env=env, capture_output=True,
                              check=False).returncode
        if code not in (0, 1):  # not a verdict: a usage error, an interrupted or empty run
            problems.append(f"{name}: pytest exit {code}")
        return "killed on recheck" if code == 1 else statuses[name]

    with ThreadPoolExecutor(max_workers=max(jobs, 1)) as pool:
        statuses = dict(zip(names, pool.map(recheck, names), strict=True))
    if problems:
        print(f"{module}: {len(problems)} rechecks gave no verdict (kept as survivors):\n  "
              + "\n  ".join(problems[:10]), file=sys.stderr)

    def show(name: str) -> tuple[str, str]:
        if statuses[name] not in SURVIVING:
            return "", ""
        shown = subprocess.run([str(mutmut), "show", name], cwd=work, capture_output=True,
                               text=True, check=False).stdout
        return changed_lines(shown)

    with ThreadPoolExecutor(max_workers=max(jobs, 1)) as pool:
        changes = list(pool.map(show, names))
    mutants = []
    for name, (original, mutated) in zip(names, changes, strict=True):
        mutants.append(Mutant(name.rsplit(".", 1)[-1], statuses[name], function_of(name), original,
                              mutated))
    return mutants


def natural_key(name: str) -> tuple:
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", name))


def write_results(new: dict[str, list[Mutant]]) -> list[dict[str, str]]:
    kept = [row for row in read_rows(RESULTS) if row["module"] not in new]
    rows = kept + [{"module": module, "mutant": m.name, "status": m.status,
                    "function": m.function, "original": m.original, "mutated": m.mutated}
                   for module, mutants in new.items() for m in mutants]
    with RESULTS.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=RESULT_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    return rows


def escape(text: str) -> str:
    return text.replace("|", "\\|").replace("`", "'")


def write_report(rows: list[dict[str, str]]) -> str:
    """REPORT.md from every module's results: counts, then each survivor and why."""
    harmless = {(r["module"], r["function"], r["original"], r["mutated"]): r["why"]
                for r in read_rows(HERE / "harmless.csv")}
    order = list(targets())
    modules = sorted(dict.fromkeys(row["module"] for row in rows),
                     key=lambda m: order.index(m) if m in order else len(order))
    lines = [
        "# Mutation report",
        "",
        f"Written by `make mutation` (mutmut {version('mutmut')}, see `tests/mutation/mutate.py`); "
        "raw results per",
        "mutant in `results.csv`. A *survivor* is a mutant no selected test failed on; "
        "`survived %`",
        "counts survivors and mutants no selected test reached, over all mutants. Each survivor",
        "is listed with why it is harmless (`harmless.csv`), or as UNEXPLAINED.",
        "",
        "`killed (n)`: n of them passed under mutmut but failed when their tests, and the tests",
        "added since the run, were run again in a fresh process (see `recheck` in `mutate.py`).",
        "",
        "`not run`: mutants of a run stopped before it reached them (a partial run); `survived %`",
        "is over the mutants that were run.",
        "",
        "| module | mutants | killed | survived | no tests | other | not run | survived % |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for module in modules:
        mine = [r for r in rows if r["module"] == module]
        killed = sum(r["status"].startswith("killed") for r in mine)
        rechecked = sum(r["status"] == "killed on recheck" for r in mine)
        survived = sum(r["status"] == "survived" for r in mine)
        untested = sum(r["status"] == "no tests" for r in mine)
        not_run = sum(r["status"] == "not checked" for r in mine)
        other = len(mine) - killed - survived - untested - not_run
        run = len(mine) - not_run
        share = 100 * (survived + untested) / run if run else 0.0
        lines.append(f"| {module} | {len(mine)} | {killed} ({rechecked}) | {survived} | {untested} "
                     f"| {other} | {not_run} | {share:.1f} |")
    limited = functions()
    for module in modules:
        if limited.get(module):
            names = ", ".join(f"`{name}`" for name in limited[module])
            lines += ["", f"{module}: only the mutants of {names} were run "
                      "(the module whole is too large for a run on 2 cores)."]
    for module in modules:
        survivors = [r for r in rows if r["module"] == module
                     and r["status"] in SURVIVING]
        lines += ["", f"## {module}: {len(survivors)} survivors", ""]
        if not survivors:
            continue
        lines += ["| mutant | change | why harmless |", "| --- | --- | --- |"]
        for r in survivors:
            why = harmless.get((module, r["function"], r["original"], r["mutated"]),
                               "UNEXPLAINED")
            change = f"`{escape(r['original'])}` → `{escape(r['mutated'])}`"
            lines.append(f"| {r['mutant']} ({r['status']}) | {change} | {escape(why)} |")
    text = "\n".join(lines) + "\n"
    REPORT.write_text(text, encoding="utf-8")
    return text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="+", help="modules of analysis/ to mutate")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--report-only", action="store_true",
                        help="rewrite the report from the last run of each module")
    parser.add_argument("--no-recheck", action="store_true",
                        help="count survivors as mutmut found them, without the fresh-process "
                             "recheck")
    args = parser.parse_args(argv)
    selections = targets()
    unknown = [m for m in args.modules if m not in selections]
    if unknown:
        print(f"tests/mutation/targets.csv: no test selection for {', '.join(unknown)}",
              file=sys.stderr)
        return 2
    results = {}
    for module in args.modules:
        print(f"mutating analysis/{module}.py ...", file=sys.stderr, flush=True)
        results[module] = run_module(module, selections[module], args.jobs,
                                     rerun=not args.report_only, only=functions()[module],
                                     recheck_survivors=not args.no_recheck)
    rows = write_results(results)
    table = write_report(rows)
    print("\n".join(line for line in table.splitlines() if line.startswith("| ")))
    print(f"report written to {REPORT.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
