"""The course website: ``make site`` builds it, and a real browser reads every page.

The build executes the notebooks in the ``smoke`` profile (``make site`` runs them in
``workshop`` unless told otherwise) into ``_build/site/smoke/``, reusing MyST-NB's cache
of unchanged notebooks. The pages are served over HTTP on 127.0.0.1 and opened in
headless Chromium: every page loads, every internal link resolves (anchors included),
every image has a text alternative, and no page shows a Python error. axe-core (the
engine of Lighthouse's accessibility audit, from npm: ``make install`` puts it into
``.venv/node/``) checks every page against WCAG 2.1 A and AA.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
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
AXE = Path(sys.prefix) / "node" / "node_modules" / "axe-core" / "axe.min.js"
PAGES = {"README.html", "instructors.html", "CONTRIBUTING.html"} | {
    f"notebooks/{notebook.stem}.html" for notebook in NOTEBOOKS
}
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]  # axe-core's tags for WCAG 2.1 A and AA


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

    Returns the pages (paths below ``base``; not one that only forwards the browser) and
    one line per problem: a page that does not load or raises a script error, a link to a
    missing page or anchor, an image without alt text, a Python error in a cell's output.
    """
    problems: list[str] = []
    seen: set[str] = set()
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
        if name in seen:
            continue
        seen.add(name)
        forward = REFRESH.search(page.request.get(url).text())
        if forward:  # a page that only sends the browser on (index.html): follow it
            queue.append(urljoin(url, forward.group(1)))
            continue
        pages.add(name)
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


@pytest.fixture(scope="module")
def crawled(served, browser) -> tuple[set[str], list[str]]:
    return crawl(browser, served)


@needs_chromium
def test_every_page_loads_links_resolve_images_have_alt_and_no_python_error(crawled):
    pages, problems = crawled
    assert PAGES <= pages, f"pages not reached from the home page: {PAGES - pages}"
    assert not problems, "\n".join(problems[:40])


def wcag_violations(browser, base: str, pages: set[str]) -> list[str]:
    """axe-core on each page (paths below ``base``), in light and in dark mode.

    One line per page, mode and broken rule: how many elements break it, the first few.
    """
    lines = []
    for mode in ("light", "dark"):  # the theme follows the reader's system setting
        page = browser.new_page(color_scheme=mode)
        for name in sorted(pages):
            page.goto(base + name, wait_until="load")
            page.add_script_tag(path=str(AXE))
            found = page.evaluate(
                "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})"
                ".then(results => results.violations)",
                WCAG_AA,
            )
            for rule in found:
                targets = [" ".join(map(str, node["target"])) for node in rule["nodes"]]
                lines.append(
                    f"{rule['id']} on {name}, {mode} mode: {len(targets)} element(s), "
                    f"e.g. {targets[:3]}"
                )
        page.close()
    return lines


@pytest.fixture(scope="module")
def axe() -> Path:
    """axe-core's script; a skip without it (a failure when CI requires the browser tests)."""
    if not AXE.is_file():
        reason = (
            f"axe-core is not installed at {AXE}: run `make install` (it needs npm; "
            "in a .venv made before axe-core joined it, delete .venv/.installed first)"
        )
        if os.environ.get("COURSE_REQUIRE_BROWSER"):
            pytest.fail(f"COURSE_REQUIRE_BROWSER is set, but {reason}")
        pytest.skip(reason)
    return AXE


@needs_chromium
def test_every_page_meets_wcag_21_aa(crawled, served, browser, axe):
    pages, _ = crawled
    assert PAGES <= pages, f"pages not reached from the home page: {PAGES - pages}"
    violations = wcag_violations(browser, served, pages)
    assert not violations, "\n".join(violations[:40])


@needs_chromium
def test_the_wcag_check_reports_low_contrast_and_a_mislabelled_button(tmp_path, browser, axe):
    """Two pages, sound but for a faint line and a button whose name hides its text."""
    head = '<!DOCTYPE html><html lang="en"><head><title>t</title></head><body><main><h1>t</h1>'
    (tmp_path / "good.html").write_text(
        head + '<p style="color:#595959;background:#fff">Grey enough.</p></main></body></html>'
    )
    (tmp_path / "bad.html").write_text(
        head + '<p style="color:#aaa;background:#fff">Too faint.</p>'
        '<button aria-label="Find">Search</button></main></body></html>'
    )
    with serve(tmp_path) as base:
        violations = wcag_violations(browser, base, {"good.html", "bad.html"})
    report = "\n".join(violations)
    for mode in ("light", "dark"):
        assert f"color-contrast on bad.html, {mode} mode: 1 element(s), e.g. ['p']" in report
        assert f"label-content-name-mismatch on bad.html, {mode} mode: 1 element(s)" in report
    assert len(violations) == 4, report


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
