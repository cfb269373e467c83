"""The course website: ``make site`` builds it, and a real browser reads every page.

The build executes the notebooks in the ``smoke`` profile (``make site`` runs them in
``workshop`` unless told otherwise) into ``_build/site/smoke/``, reusing MyST-NB's cache
of unchanged notebooks. The pages are served over HTTP on 127.0.0.1 and opened in
headless Chromium: every page loads, every internal link resolves (anchors included),
every image has a text alternative, and no page shows a Python error.
"""

from __future__ import annotations

import os
import re
import subprocess
from collections import deque
from pathlib import Path
from urllib.parse import urldefrag, urljoin

import pytest

from p2p import static
from p2p.exercises import question
from p2p.paths import REPOSITORY

from tests.support import NOTEBOOKS, REPO, chromium, needs_chromium, serve

SITE = REPO / "_build" / "site" / "smoke"
GITHUB = REPOSITORY.removeprefix("https://github.com/")  # owner/name
REFRESH = re.compile(r'<meta http-equiv="refresh" content="\d+; url=([^"]+)"', re.I)
PYTHON_ERROR = re.compile(r"Traceback \(most recent call last\)|^\w*(Error|Exception): ", re.M)


@pytest.fixture(scope="module")
def site() -> Path:
    """``make site`` in the smoke profile; the folder of the built pages."""
    env = dict(os.environ, COURSE_PROFILE="smoke")
    env.pop("COURSE_HOME", None)
    result = subprocess.run(
        ["make", "--no-print-directory", "site"],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=2400,
    )
    assert result.returncode == 0, (result.stdout + result.stderr)[-4000:]
    return SITE


def page_of(notebook: Path) -> Path:
    return SITE / "notebooks" / f"{notebook.stem}.html"


def test_every_page_is_built(site):
    pages = [site / "index.html", site / "README.html", site / "instructors.html"]
    pages += [page_of(notebook) for notebook in NOTEBOOKS]
    assert len(NOTEBOOKS) == 8
    missing = [str(page.relative_to(site)) for page in pages if not page.is_file()]
    assert not missing


def test_notebook_pages_have_launch_buttons_and_colab_badges(site):
    home = (site / "README.html").read_text()
    for notebook in NOTEBOOKS:
        html = page_of(notebook).read_text()
        path = f"notebooks/{notebook.name}"
        binder = f"mybinder.org/v2/gh/{GITHUB}/main?urlpath=lab/tree/{path}"
        assert binder in html, f"{notebook.name}: no Binder button"
        colab = f"colab.research.google.com/github/{GITHUB}/blob/main/{path}"
        assert colab in html, f"{notebook.name}: no Colab button"
        assert colab in home, f"the home page has no Colab badge for {notebook.name}"


def test_widgets_are_pictures_with_a_line_that_they_are_live(site):
    note = static.LIVE_NOTE.strip("*").split(". ", 1)[1]  # the sentence without apostrophes
    widget_pages = {"01", "03", "04", "05", "06"}
    for notebook in NOTEBOOKS:
        html = page_of(notebook).read_text()
        count = html.count(note)
        if notebook.name[:2] in widget_pages:
            assert count >= 1, f"{notebook.name}: no picture line for its widget"
            before = html[: html.index(note)]
            assert before.rfind("<img") > before.rfind("cell_input"), (
                f"{notebook.name}: the widget's line is not under a picture"
            )
        assert "widget-view+json" not in html and "Loading widget" not in html


def test_exercises_show_their_unanswered_state_never_a_solution(site):
    for notebook in NOTEBOOKS:
        module = __import__(f"p2p.exercises.nb{notebook.name[:2]}", fromlist=["questions"])
        questions = [q for q in vars(module).values() if isinstance(q, question.Question)]
        assert questions, notebook.name
        text = page_of(notebook).read_text()
        for q in questions:
            lines = [line.strip() for line in q.solution_code.splitlines() if line.strip()]
            shown = [line for line in lines if len(line) > 25 and _escaped(line) in text]
            in_notebook = [line for line in shown if line in notebook.read_text()]
            assert len(shown) == len(in_notebook), (
                f"{notebook.name} {q.name}: the page shows its solution: {shown[:3]}"
            )


def _escaped(line: str) -> str:
    return line.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@pytest.fixture(scope="module")
def served(site):
    with serve(site) as base:
        yield base


def crawl(browser, base: str) -> tuple[set[str], list[str]]:
    """Every page reachable from ``base``'s index.html; what is wrong with them.

    Returns the pages (paths below ``base``) and one line per problem: a page that does
    not load or raises a script error, a link to a missing page or anchor, an image
    without alt text, a Python error in a cell's output.
    """
    problems: list[str] = []
    pages: set[str] = set()
    link_ok: dict[str, bool] = {}
    anchors: dict[str, set[str]] = {}
    errors: list[str] = []
    page = browser.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))

    def ids_of(url: str) -> set[str]:
        if url not in anchors:
            page.goto(url, wait_until="load")
            anchors[url] = set(page.eval_on_selector_all("[id]", "els => els.map(e => e.id)"))
        return anchors[url]

    queue = deque([base + "index.html"])
    while queue:
        url = queue.popleft()
        name = url[len(base) :]
        if name in pages:
            continue
        pages.add(name)
        forward = REFRESH.search(page.request.get(url).text())
        if forward:  # a page that only sends the browser on (index.html): follow it
            queue.append(urljoin(url, forward.group(1)))
            continue
        response = page.goto(url, wait_until="load")
        if response is None or not response.ok:
            problems.append(f"{name}: does not load ({response and response.status})")
            continue
        anchors[url] = set(page.eval_on_selector_all("[id]", "els => els.map(e => e.id)"))
        if errors:
            problems.append(f"{name}: script errors {errors[:2]}")
            errors.clear()
        no_alt = page.eval_on_selector_all(
            "img", "els => els.filter(e => !(e.getAttribute('alt') || '').trim()).length"
        )
        if no_alt:
            problems.append(f"{name}: {no_alt} image(s) without alt text")
        outputs = page.eval_on_selector_all(".cell_output", "els => els.map(e => e.innerText)")
        shown = [text for text in outputs if PYTHON_ERROR.search(text)]
        if shown or page.locator(".output.traceback").count():
            problems.append(f"{name}: shows a Python error: {shown[:1]}")
        for link in page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)"):
            target, fragment = urldefrag(link)
            if not target.startswith(base):
                continue  # the web outside (Binder, Colab, GitHub): not this site's pages
            if target not in link_ok:
                link_ok[target] = page.request.get(target).status == 200
            if not link_ok[target]:
                problems.append(f"{name}: broken link {link[len(base) :]}")
            elif target.endswith(".html"):
                if fragment and fragment not in ids_of(target):
                    problems.append(f"{name}: no anchor #{fragment} in {target[len(base) :]}")
                queue.append(target)
    page.close()
    return pages, problems


@pytest.fixture(scope="module")
def browser():
    with chromium() as launched:
        yield launched


@needs_chromium
def test_every_page_loads_links_resolve_images_have_alt_and_no_python_error(served, browser):
    pages, problems = crawl(browser, served)
    expected = {"README.html", "instructors.html"} | {
        f"notebooks/{notebook.stem}.html" for notebook in NOTEBOOKS
    }
    assert expected <= pages, f"pages not reached from the home page: {expected - pages}"
    assert not problems, "\n".join(problems[:40])


@needs_chromium
def test_the_crawl_reports_each_kind_of_problem(tmp_path, browser):
    """A small site with one of each fault: the crawl names them all."""
    (tmp_path / "index.html").write_text(
        '<a href="good.html#there">ok</a> <a href="good.html#nowhere">no anchor</a> '
        '<a href="missing.html">dead</a> <img src="x.png">'
    )
    (tmp_path / "good.html").write_text(
        '<p id="there"></p><div class="cell_output">Traceback (most recent call last):\n'
        "ValueError: boom</div>"
    )
    with serve(tmp_path) as base:
        pages, problems = crawl(browser, base)
    report = "\n".join(problems)
    assert pages == {"index.html", "good.html"}
    assert "index.html: broken link missing.html" in report
    assert "index.html: no anchor #nowhere in good.html" in report
    assert "index.html: 1 image(s) without alt text" in report
    assert "good.html: shows a Python error" in report
    assert len(problems) == 4, report
