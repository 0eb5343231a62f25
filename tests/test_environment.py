"""pyproject.toml, constraints.txt and environment.yml describe one and the same environment."""

from __future__ import annotations

import re
import tomllib

import yaml

from analysis.paths import PROJECT_ROOT


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(lines: list[str]) -> dict[str, str]:
    found = {}
    for line in lines:
        line = line.split("#")[0].strip()
        if not line:
            continue
        name, _, version = line.partition("==")
        assert version, f"not pinned exactly: {line!r}"
        found[normalise(name.split("[")[0])] = version.strip()
    return found


def project():
    return tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text())["project"]


def test_every_direct_dependency_is_pinned_and_matches_the_constraints():
    meta = project()
    direct = pins(meta["dependencies"])
    for extra in meta["optional-dependencies"].values():
        direct |= pins(extra)
    locked = pins((PROJECT_ROOT / "constraints.txt").read_text().splitlines())
    for core in ("jupyterlab", "pandas", "matplotlib", "seaborn", "nbval"):
        assert core in direct
    for name, version in direct.items():
        assert locked.get(name) == version, f"{name}: {version} != {locked.get(name)}"


def test_environment_yml_installs_the_same_set():
    env = yaml.safe_load((PROJECT_ROOT / "environment.yml").read_text())
    conda = [d for d in env["dependencies"] if isinstance(d, str)]
    pip_section = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    python = next(d for d in conda if d.startswith("python"))
    assert python.split("=")[-1] == project()["requires-python"].split(",")[0].lstrip(">=")
    # conda brings only Python and pip; every package comes from pyproject + constraints
    assert sorted(conda) == sorted([python, "pip"])
    extras = ",".join(sorted(project()["optional-dependencies"]))
    assert pip_section == ["-c constraints.txt", f"-e .[{extras}]"]


def test_makefile_installs_with_the_same_constraints_and_extras():
    makefile = (PROJECT_ROOT / "Makefile").read_text()
    extras = ",".join(sorted(project()["optional-dependencies"]))
    assert f'-c constraints.txt -e ".[{extras}]"' in makefile


def test_ci_runs_the_readme_test_command():
    readme = (PROJECT_ROOT / "README.md").read_text()
    assert "make test" in readme
    assert "make test" in (PROJECT_ROOT / ".ci" / "run").read_text()
