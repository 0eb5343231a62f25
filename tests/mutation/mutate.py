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


def toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    return json.dumps(str(value))


def prepare(module: str, selection: list[str]) -> Path:
    """A scratch copy of the project whose mutmut settings mutate ``module`` only."""
    work = ROOT / "build" / "mutation" / module
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    ignore = shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints", "mutation")
    for folder in ("analysis", "tests", "data"):
        shutil.copytree(ROOT / folder, work / folder, ignore=ignore)
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


def run_module(module: str, selection: list[str], jobs: int, rerun: bool = True) -> list[Mutant]:
    """Mutate one module (or, with ``rerun=False``, read its last run again) and list its
    mutants; the change of each survivor is read back with ``mutmut show``."""
    work = ROOT / "build" / "mutation" / module
    mutmut = Path(sys.executable).with_name("mutmut")
    log = work / "mutmut.log"
    returncode = 0
    if rerun:
        work = prepare(module, selection)
        with log.open("w", encoding="utf-8") as out:
            returncode = subprocess.run([str(mutmut), "run", "--max-children", str(jobs)],
                                        cwd=work, stdout=out, stderr=subprocess.STDOUT,
                                        check=False).returncode
    meta = work / "mutants" / "analysis" / f"{module}.py.meta"
    if returncode != 0 or not meta.exists():
        tail = log.read_text(encoding="utf-8", errors="replace")[-2000:]
        raise SystemExit(f"mutmut failed on {module} (exit {returncode}); see {log}\n"
                         f"{tail}")
    codes = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
    names = sorted(codes, key=natural_key)
    statuses = {name: STATUS_BY_EXIT_CODE.get(codes[name], "suspicious") for name in names}

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
        function = re.sub(r"__mutmut_\d+$", "", name.rsplit(".", 1)[-1]).removeprefix("x_")
        mutants.append(Mutant(name.rsplit(".", 1)[-1], statuses[name], function, original,
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
        "| module | mutants | killed | survived | no tests | other | survived % |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for module in modules:
        mine = [r for r in rows if r["module"] == module]
        killed = sum(r["status"] == "killed" for r in mine)
        survived = sum(r["status"] == "survived" for r in mine)
        untested = sum(r["status"] == "no tests" for r in mine)
        other = len(mine) - killed - survived - untested
        share = 100 * (survived + untested) / len(mine) if mine else 0.0
        lines.append(f"| {module} | {len(mine)} | {killed} | {survived} | {untested} | {other} "
                     f"| {share:.1f} |")
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
                                     rerun=not args.report_only)
    rows = write_results(results)
    table = write_report(rows)
    print("\n".join(line for line in table.splitlines() if line.startswith("| ")))
    print(f"report written to {REPORT.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
