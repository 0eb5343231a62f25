"""Checked in a real browser: the briefing pack and JupyterLab, in Debian's headless Chromium.

Playwright's Python package drives the browser (its wheel ships the driver; no browser is ever
downloaded: ``playwright install`` is never run). Every request the page makes is routed: one
that would leave the machine (anything but file:, data:, blob: or 127.0.0.1/localhost) is
refused and fails the test, so a page that needs the internet cannot pass. Screenshots go to
``build/screenshots/`` for a person to look at.

Nothing is skipped: without Chromium the tests fail and say how to install it.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, sync_playwright

from analysis.paths import NOTEBOOKS_DIR, PROJECT_ROOT, SEED_ARTICLE

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
SCREENSHOTS = PROJECT_ROOT / "build" / "screenshots"
LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}
LOCAL_SCHEMES = {"file", "data", "blob", "about"}
PACK_PAGES = ("briefing.html", "handout.html", "slides.html", "index.html")


def is_local(url: str) -> bool:
    """True for a request that stays on this machine."""
    parts = urlsplit(url)
    if parts.scheme in LOCAL_SCHEMES:
        return True
    return parts.scheme in {"http", "https", "ws", "wss"} and parts.hostname in LOCAL_HOSTS


def test_is_local_refuses_every_remote_address():
    assert is_local("file:///srv/pack/briefing.html")
    assert is_local("http://127.0.0.1:8888/lab?token=x")
    assert is_local("http://localhost/api/kernels")
    assert is_local("data:image/png;base64,AAAA")
    assert not is_local("https://cdnjs.cloudflare.com/ajax/libs/require.js/2.1.10/require.min.js")
    assert not is_local("http://127.0.0.1.example.org/x")
    assert not is_local("http://10.0.0.1/")


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: install Debian's browser with "
            "`apt-get install chromium` (.ci/run does this), or point $CHROMIUM at one. "
            "Never run `playwright install`.",
            pytrace=False,
        )
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


class Watch:
    """Everything a page did that a test may object to: console errors and remote requests."""

    def __init__(self, page: Page):
        self.errors: list[str] = []
        self.remote: list[str] = []
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda exc: self.errors.append(f"page error: {exc}"))
        page.route("**/*", self._route)

    def _route(self, route) -> None:
        url = route.request.url
        if is_local(url):
            route.continue_()
        else:
            self.remote.append(url)
            route.abort()


def open_page(browser, url: str, viewport=(1280, 900)):
    context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
    page = context.new_page()
    return page, Watch(page)


# --- the briefing pack -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pack(tmp_path_factory) -> dict[str, Path]:
    """The seed's briefing pack (``<out>/<article-id>/``), built by ``python -m analysis.brief``
    from notebook 06 alone (the briefing, handout and slides come from 06; the other notebooks'
    pages are checked by nbval and the editions test)."""
    out = tmp_path_factory.mktemp("pack")
    run = subprocess.run(
        [sys.executable, "-m", "analysis.brief", "--out", str(out), "--no-pdf", "--only", "06"],
        capture_output=True, text=True, timeout=600, cwd=PROJECT_ROOT,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    return {name: out / SEED_ARTICLE.stem / name for name in PACK_PAGES}


@pytest.mark.parametrize("name", PACK_PAGES)
def test_pack_page_renders_offline_without_console_errors(browser, pack, name):
    assert name in pack, f"{name} is not part of the pack"
    path = pack[name]
    assert path.exists(), f"{path.name} was not written"
    page, watch = open_page(browser, path.as_uri())
    page.goto(path.as_uri(), wait_until="load")
    page.wait_for_load_state("networkidle")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{Path(name).stem}.png"))
    text = page.inner_text("body")
    page.context.close()
    assert not watch.remote, f"{name} requests the internet: {watch.remote}"
    assert not watch.errors, f"{name} logs errors: {watch.errors}"
    assert len(text.split()) > 20, f"{name} shows almost nothing: {text[:200]!r}"


def test_student_edition_renders_offline_without_console_errors(browser, tmp_path):
    from analysis.editions import build_editions

    build_editions(sorted(NOTEBOOKS_DIR.glob("01_*.ipynb")), tmp_path)
    page_path = next((tmp_path / "student").glob("01_*.html"))
    page, watch = open_page(browser, page_path.as_uri())
    page.goto(page_path.as_uri(), wait_until="load")
    page.wait_for_load_state("networkidle")
    page.locator("h2", has_text="Exercise").first.scroll_into_view_if_needed()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "student-01-exercise.png"))
    text = page.inner_text("body")
    page.context.close()
    assert not watch.remote, f"the student edition requests the internet: {watch.remote}"
    assert not watch.errors, f"the student edition logs errors: {watch.errors}"
    assert "ARTICLE = None" in text and "Exercise" in text
    assert "Solutions (teacher edition)" not in text


# --- JupyterLab --------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# JupyterLab settings for the test user: start the notebook's kernel without asking, and never
# ask the internet for news or updates.
LAB_SETTINGS = {
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"autoStartDefaultKernel": True},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
        "fetchNews": "false", "checkForUpdates": False,
    },
}


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """JupyterLab on 127.0.0.1, a random free port and a random token, serving a copy of
    notebook 01 with its outputs cleared (a copy, so autosave never touches the committed
    notebook; cleared, so every output seen afterwards was computed through the UI)."""
    root = tmp_path_factory.mktemp("lab")
    home = tmp_path_factory.mktemp("lab-home")
    source = next(NOTEBOOKS_DIR.glob("01_*.ipynb"))
    notebook = json.loads(source.read_text())
    for cell in notebook["cells"]:
        if cell["cell_type"] == "code":
            cell["outputs"], cell["execution_count"] = [], None
    (root / source.name).write_text(json.dumps(notebook))
    for name, values in LAB_SETTINGS.items():
        target = home / "settings" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(values))
    port, token = free_port(), secrets.token_hex(16)
    env = os.environ | {
        "JUPYTER_CONFIG_DIR": str(home / "config"), "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
        "JUPYTERLAB_SETTINGS_DIR": str(home / "settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(home / "workspaces"),
    }
    command = [
        sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
        f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
        "--ServerApp.port_retries=0",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")
    log = open(home / "server.log", "w")  # noqa: SIM115  (closed below)
    server = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT,
                              cwd=root)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2):
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError(
                        "JupyterLab did not start: " + (home / "server.log").read_text()[-2000:]
                    ) from None
                time.sleep(0.5)
        yield {"base": base, "token": token, "root": root, "notebook": source.name,
               "log": lambda: (home / "server.log").read_text()[-3000:]}
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


def kernels_idle(lab) -> bool:
    """The server's own word: one kernel, and it is idle (False while the server cannot say,
    e.g. an error answer while the kernel is still starting; the callers' deadlines bound it)."""
    url = f"{lab['base']}/api/kernels?token={lab['token']}"
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            kernels = json.load(response)
    except OSError:  # urllib's HTTPError and URLError are OSErrors
        return False
    return len(kernels) == 1 and kernels[0]["execution_state"] == "idle"


def saved_code_cells(lab) -> list[dict]:
    path = lab["root"] / lab["notebook"]
    return [c for c in json.loads(path.read_text())["cells"] if c["cell_type"] == "code"]


def test_jupyterlab_runs_notebook_01_without_errors(browser, lab):
    page, watch = open_page(browser, lab["base"], viewport=(1400, 1000))
    page.set_default_timeout(60_000)
    page.goto(f"{lab['base']}/lab/tree/{lab['notebook']}?token={lab['token']}")
    panel = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)")
    panel.locator(".jp-Cell").first.wait_for()
    deadline = time.monotonic() + 60
    while not kernels_idle(lab):  # the kernel has started, without a dialog asking for it
        assert time.monotonic() < deadline, "the notebook's kernel did not start: " + lab["log"]()
        page.wait_for_timeout(250)
    assert not saved_code_cells(lab)[0]["execution_count"]

    page.locator(".lm-MenuBar-itemLabel").get_by_text("Run", exact=True).click()
    page.locator(".lm-Menu-itemLabel").get_by_text("Run All Cells", exact=True).click()
    # Done when the last code cell shows an execution count and the kernel is idle again.
    last_prompt = panel.locator(".jp-CodeCell .jp-InputArea-prompt").last
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        page.keyboard.press("End")  # scroll to the end, so the last cell is drawn
        if re.fullmatch(r"\[\d+\]:", last_prompt.inner_text().strip()) and kernels_idle(lab):
            break
        page.wait_for_timeout(500)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "jupyterlab-01.png"))
    shown_errors = panel.locator(".jp-OutputArea-output", has_text="Traceback").count()

    page.keyboard.press("Control+s")  # save, to read every output, drawn on screen or not
    deadline = time.monotonic() + 20
    cells = saved_code_cells(lab)
    while not all(c["execution_count"] for c in cells) and time.monotonic() < deadline:
        page.wait_for_timeout(500)
        cells = saved_code_cells(lab)
    page.context.close()

    assert shown_errors == 0, "an error output is shown in JupyterLab"
    assert all(c["execution_count"] for c in cells), "not every code cell ran"
    errors = [o for c in cells for o in c["outputs"] if o["output_type"] == "error"]
    assert not errors, f"error outputs: {[e['ename'] + ': ' + e['evalue'] for e in errors]}"
    assert sum(len(c["outputs"]) for c in cells) >= len(cells) // 2, "the outputs are missing"
    assert not watch.remote, f"JupyterLab requests the internet: {watch.remote}"
