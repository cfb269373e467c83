"""JupyterLab in a real browser: each notebook's widgets render and respond.

Starts JupyterLab on 127.0.0.1 (token-less, temporary configuration, loopback only) on a
copy of the notebooks, opens each notebook that has a widget in headless Chromium, runs
it in the ``smoke`` profile, and checks that every widget is visible, shows no
"Error displaying widget", and that moving one control changes its output. Screenshots go
to ``tests/screenshots/`` (ignored by git).

Needs Debian's Chromium at /usr/bin/chromium (`apt-get install chromium`); skipped
without it. `.ci/run` installs it, so CI always runs this test.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

import p2p

from tests.support import NOTEBOOKS, REPO, chromium, free_port, needs_chromium

SCREENSHOTS = REPO / "tests" / "screenshots"
# the interactive widgets, all in p2p.widgets, and the notebooks that show them
WIDGET_CALLS = [f"p2p.widgets.{name}(" for name in p2p.widgets.__all__]
WIDGET_NOTEBOOKS = [
    path.name for path in NOTEBOOKS if any(call in path.read_text() for call in WIDGET_CALLS)
]


def test_every_widget_is_shown_in_a_notebook():
    shown = [call for call in WIDGET_CALLS if any(call in p.read_text() for p in NOTEBOOKS)]
    assert shown == WIDGET_CALLS, f"widgets no notebook shows: {set(WIDGET_CALLS) - set(shown)}"
    assert len(WIDGET_NOTEBOOKS) >= 5, WIDGET_NOTEBOOKS


pytestmark = needs_chromium


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    """A JupyterLab server on a copy of the notebooks; yields its base URL."""
    root = tmp_path_factory.mktemp("lab")
    shutil.copytree(REPO / "notebooks", root / "notebooks")
    port = free_port()
    env = dict(os.environ)
    env.update(
        {
            "COURSE_PROFILE": "smoke",
            "COURSE_HOME": str(root / "home"),
            "JUPYTER_CONFIG_DIR": str(root / "config"),
            "JUPYTER_RUNTIME_DIR": str(root / "runtime"),
            "JUPYTERLAB_SETTINGS_DIR": str(root / "settings"),
            "JUPYTERLAB_WORKSPACES_DIR": str(root / "workspaces"),
        }
    )
    env.pop("COURSE_OFFLINE", None)  # the notebooks use COURSE_DATA_DIR or fall back offline
    # render every cell (JupyterLab 4 otherwise renders only the cells in view)
    tracker = root / "settings" / "@jupyterlab" / "notebook-extension"
    tracker.mkdir(parents=True)
    (tracker / "tracker.jupyterlab-settings").write_text(json.dumps({"windowingMode": "none"}))
    command = [
        sys.executable,
        "-m",
        "jupyterlab",
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        "--IdentityProvider.token=",
        "--ServerApp.password=",
        "--ServerApp.disable_check_xsrf=True",
        f"--ServerApp.root_dir={root}",
        "--LabApp.news_url=",
        "--LabApp.extension_manager=readonly",
    ]
    if os.geteuid() == 0:  # containers and CI often run as root
        command.append("--allow-root")
    log = open(root / "lab.log", "w")
    server = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT, cwd=root)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 90
    while time.time() < deadline and server.poll() is None:
        try:
            with urllib.request.urlopen(f"{url}/api/status", timeout=2) as reply:
                json.load(reply)
                break
        except OSError:
            time.sleep(0.5)
    else:
        server.terminate()
        pytest.fail(f"JupyterLab did not start: {(root / 'lab.log').read_text()[-2000:]}")
    yield url
    server.terminate()
    server.wait(timeout=30)
    log.close()


@pytest.fixture(scope="module")
def browser():
    with chromium() as launched:
        yield launched


def output_signature(widget) -> str:
    """What a widget currently shows: its images' sources and its text."""
    images = widget.locator("img").evaluate_all("els => els.map(e => e.src.slice(-200))")
    return "|".join(images) + widget.inner_text()


def move_a_control(page, widget) -> str:
    """Move the widget's first dropdown or slider; return a description of the move."""
    select = widget.locator("select")
    if select.count():
        options = select.first.locator("option").all_inner_texts()
        current = select.first.input_value()
        values = select.first.locator("option").evaluate_all("els => els.map(e => e.value)")
        choice = next(v for v in values if v != current)
        select.first.select_option(choice)
        return f"dropdown -> {options[values.index(choice)]}"
    handle = widget.locator(".noUi-handle, .slider-container [role=slider]")
    if handle.count():
        handle.first.focus()
        for _ in range(5):
            page.keyboard.press("ArrowRight")
        return "slider moved right 5 steps"
    text = widget.locator("input[type=number], input[type=text]")
    if text.count():
        text.first.fill("2")
        text.first.press("Enter")
        return "text box set to 2"
    raise AssertionError("the widget has no dropdown, slider or text box to move")


@pytest.mark.parametrize("name", WIDGET_NOTEBOOKS)
def test_widgets_render_and_respond(lab, browser, name):
    SCREENSHOTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    # ?reset: a fresh workspace, so tabs of the notebooks tested before are not restored
    page.goto(f"{lab}/lab/tree/notebooks/{name}?reset", wait_until="domcontentloaded")
    panel = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)").first
    panel.wait_for(timeout=60_000)
    select_kernel = page.locator(".jp-Dialog").get_by_role("button", name="Select", exact=True)
    try:  # JupyterLab sometimes asks which kernel to start: take the notebook's own
        select_kernel.click(timeout=10_000)
    except PlaywrightTimeout:
        pass
    page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']").first.wait_for(
        state="attached", timeout=120_000
    )
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
    # the notebook has finished when the last cell has an execution count
    prompts = panel.locator(".jp-CodeCell .jp-InputPrompt")
    deadline = time.time() + float(os.environ.get("COURSE_BROWSER_TIMEOUT", 600))
    while time.time() < deadline:
        texts = prompts.all_inner_texts()
        if texts and "*" not in "".join(texts) and re.search(r"\[\d+\]", texts[-1]):
            break
        time.sleep(2)
    else:
        page.screenshot(path=str(SCREENSHOTS / f"{name.removesuffix('.ipynb')}_page.png"))
        pytest.fail(f"{name} did not finish running in the browser within 10 minutes")
    errors = panel.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
    tracebacks = [t for t in errors.all_inner_texts() if "Traceback" in t or "Error" in t]
    assert not tracebacks, f"{name}: errors in outputs: {tracebacks[:2]}"
    assert panel.get_by_text("Error displaying widget").count() == 0
    widgets = panel.locator(  # the outermost widget boxes: one per widget
        "xpath=//div[contains(@class, 'jp-OutputArea-output')]//div[contains(@class, "
        "'widget-vbox') and not(ancestor::div[contains(@class, 'widget-box')])]"
    )
    count = widgets.count()
    page.screenshot(path=str(SCREENSHOTS / f"{name.removesuffix('.ipynb')}_page.png"))
    assert count >= 1, f"{name}: no widget rendered"
    for index in range(count):
        widget = widgets.nth(index)
        widget.scroll_into_view_if_needed()
        assert widget.is_visible(), f"{name}: widget {index} is not visible"
        widget.locator("img").first.wait_for(timeout=30_000)
        before = output_signature(widget)
        move = move_a_control(page, widget)
        deadline = time.time() + 30
        while output_signature(widget) == before and time.time() < deadline:
            time.sleep(0.25)
        stem = name.removesuffix(".ipynb")
        widget.screenshot(path=str(SCREENSHOTS / f"{stem}_widget{index}.png"))
        assert output_signature(widget) != before, f"{name}: widget {index} ignored: {move}"
    page.close()
