"""The course website: Sphinx with MyST-NB (notebooks) and the Sphinx Book Theme.

Build it with ``make site`` (``COURSE_PROFILE=smoke make site`` for a quick one). The
sources are the repository's own files: README.md is the home page, the eight notebooks
and instructors.md are pages. MyST-NB executes each notebook with ``COURSE_SITE=1`` (see
:mod:`p2p.static`: figures get alt text, widgets a picture) in the profile of
``COURSE_PROFILE`` (``workshop`` unless set), and caches the outputs, so an unchanged
notebook is not run again (a change to the helper package runs them all again).
"""

from __future__ import annotations

import hashlib
import os
import shutil
from importlib import metadata
from pathlib import Path

from p2p import static
from p2p.paths import REPOSITORY
from p2p.profiles import get_profile

REPO = Path(__file__).resolve().parents[1]
PROFILE = get_profile(os.environ.get("COURSE_PROFILE") or "workshop").name
NOTEBOOKS = sorted(path.stem for path in (REPO / "notebooks").glob("[0-9][0-9]_*.ipynb"))
PAGES = [f"notebooks/{name}" for name in NOTEBOOKS] + ["instructors", "CONTRIBUTING"]

# The kernels inherit this process's environment: the website mode, the profile, and a
# course home of their own, so that the results board and the files the notebooks write
# do not mix with a learner's or maintainer's own runs.
os.environ[static.ENV] = "1"
os.environ["COURSE_PROFILE"] = PROFILE
os.environ.setdefault("COURSE_HOME", str(REPO / "_build" / f"course-home-{PROFILE}"))

project = "Pixels to Predictions"
author = "The Pixels to Predictions authors"
copyright = "the Pixels to Predictions authors; code MIT, text CC BY 4.0"
root_doc = "README"
include_patterns = ["README.md", "instructors.md", "CONTRIBUTING.md", "notebooks/*.ipynb"]
exclude_patterns = ["_build", ".venv*", "**/.ipynb_checkpoints", "data"]
extensions = ["myst_nb"]
myst_enable_extensions = ["dollarmath", "colon_fence"]
myst_heading_anchors = 3  # README's #binder and similar links resolve to their headings
suppress_warnings = ["misc.highlighting_failure"]

# Execution: every notebook, cached per profile; a cell that raises stops the build.
nb_execution_mode = "cache"
# MyST-NB's cache knows a notebook by its code cells; the helpers' code, the profile and
# where the data come from change outputs too, so each combination has a cache of its own.
SOURCES = [path.read_bytes() for path in sorted((REPO / "helpers" / "p2p").rglob("*.py"))]
SOURCES += [os.environ.get(name, "").encode() for name in ("COURSE_DATA_DIR", "COURSE_OFFLINE")]
SOURCES += [f"{n} {metadata.version(n)}".encode() for n in ("tensorflow", "keras", "numpy")]
RUN = hashlib.sha256(b"\0".join(SOURCES)).hexdigest()[:12]
CACHE = REPO / "_build" / f".jupyter_cache-{PROFILE}-{RUN}"
for stale in CACHE.parent.glob(f".jupyter_cache-{PROFILE}-*"):
    if stale != CACHE:  # outputs of older helpers or versions are never shown again
        shutil.rmtree(stale, ignore_errors=True)
nb_execution_cache_path = str(CACHE)
nb_execution_timeout = 1800
nb_execution_raise_on_error = True
nb_execution_show_tb = True
nb_merge_streams = True

# Widgets are pictures on the website (p2p.static): no widget scripts from a CDN.
nb_ipywidgets_js = {}

html_theme = "sphinx_book_theme"
html_title = "Pixels to Predictions"
# Small overrides for WCAG 2.1 AA (tests/test_site.py runs axe-core): output colours with
# enough contrast, and a search button whose accessible name contains its visible text.
html_static_path = ["_static"]
html_css_files = ["course.css"]
templates_path = ["_templates"]
html_theme_options = {
    "repository_url": REPOSITORY,
    "repository_branch": "main",
    "path_to_docs": "",
    "use_repository_button": True,
    "launch_buttons": {
        "binderhub_url": "https://mybinder.org",
        "colab_url": "https://colab.research.google.com",
        "notebook_interface": "jupyterlab",
    },
    "home_page_in_toc": True,
    "show_toc_level": 2,
}


def add_contents(app, docname, source):
    """The home page (README.md, shown as is on GitHub) gets the site's table of contents."""
    if docname == root_doc:
        entries = "\n".join(PAGES)
        source[0] += f"\n\n```{{toctree}}\n:hidden:\n:maxdepth: 1\n\n{entries}\n```\n"


def image_alt_text():
    """MyST-NB takes an image's width and height from its output metadata; take alt too.

    :mod:`p2p.static` puts each figure's text alternative there.
    """
    from myst_nb.core.render import NbElementRenderer

    render_image = NbElementRenderer.render_image
    if getattr(render_image, "reads_alt", False):
        return

    def render_with_alt(self, data):
        nodes = render_image(self, data)
        alt = data.output_metadata.get(data.mime_type, {}).get("alt")
        for node in nodes:
            if alt and not node.get("alt"):
                node["alt"] = str(alt)
        return nodes

    render_with_alt.reads_alt = True
    NbElementRenderer.render_image = render_with_alt


def front_door(app, exception):
    """``index.html``: a site's front door, sending the browser on to the home page."""
    if exception is None and app.builder.format == "html":
        page = f"{root_doc}.html"
        (Path(app.outdir) / "index.html").write_text(
            f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
            f'<meta http-equiv="refresh" content="0; url={page}"><title>{project}</title>'
            f'</head><body><p><a href="{page}">{project}</a></p></body></html>\n'
        )


def setup(app):
    image_alt_text()
    app.connect("source-read", add_contents)
    app.connect("build-finished", front_door)
