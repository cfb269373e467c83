"""The notebooks as the course website shows them: executed once, read without a kernel.

``make site`` runs every notebook with ``COURSE_SITE=1`` (see ``site/conf.py``). Then
:func:`p2p.setup` calls :func:`install`, and

- each matplotlib figure carries a text alternative (``alt``), written from its titles and
  axis labels, in the metadata of its picture, for readers who cannot see it;
- each widget (:mod:`p2p.widgets`) shows a picture of its first state and one line saying
  that it is live in JupyterLab, instead of controls that need a running kernel.

Nothing here runs in a learner's JupyterLab.
"""

from __future__ import annotations

import os

ENV = "COURSE_SITE"
LIVE_NOTE = (
    "*A picture of this widget's first state. Run the notebook in JupyterLab, Binder or "
    "Colab to move its controls and watch the figure change.*"
)


def active() -> bool:
    """True while the notebooks run for the website (``COURSE_SITE=1``)."""
    return os.environ.get(ENV, "") not in ("", "0")


class LiveNote:
    """What a widget function returns on the website: one line, shown as Markdown."""

    def _repr_markdown_(self) -> str:
        return LIVE_NOTE

    def __repr__(self) -> str:
        return LIVE_NOTE.strip("*")


def _text(artist) -> str:
    return artist.get_text().strip() if artist is not None else ""


def describe(figure, limit: int = 400) -> str:
    """A text alternative for a matplotlib figure, from its titles, axis labels and legends.

    Panels in reading order. Pictures (an image without both axis labels) are listed by
    their titles (or their row label); a matrix drawn as an image with both axis labels
    (a confusion matrix) and every other panel counts as a plot. Empty panels are left out.
    """
    title = " ".join(_text(getattr(figure, "_suptitle", None)).split())
    parts, pictures = [], []

    def flush():
        if pictures:
            named = ", ".join(name for name in pictures if name)
            noun = "image" if len(pictures) == 1 else f"{len(pictures)} images"
            parts.append(f"{noun} {named}".strip())
            pictures.clear()

    panels = [ax for ax in figure.get_axes() if ax.get_visible() and ax.get_label() != "<colorbar>"]
    for ax in panels:
        name = " ".join(
            (_text(ax.title) or _text(ax._left_title) or _text(ax._right_title)).split()
        )
        if not ax.has_data() and not name:
            continue  # an unused cell of a grid
        x, y = ax.get_xlabel().strip(), ax.get_ylabel().strip()
        if ax.images and not (x and y):
            pictures.append(" ".join(f"'{part}'" for part in (y, name) if part))
            continue
        flush()
        piece = f"plot '{name}'" if name else "plot"
        if x or y:
            piece += f" ({' against '.join(label for label in (y, x) if label)})"
        legend = ax.get_legend()
        if legend is not None:
            piece += ", lines: " + ", ".join(_text(entry) for entry in legend.get_texts())
        parts.append(piece)
    flush()
    summary = "; ".join(parts) or "an empty figure"
    text = f"Figure: {title}. {summary}" if title else f"Figure: {summary}"
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _with_alt(picture):
    def draw(figure, *args, **kwargs):
        data = picture(figure, *args, **kwargs)
        return (data, {"alt": describe(figure)}) if data is not None else None

    draw.with_alt = True
    return draw


def install() -> None:
    """In a kernel that runs for the website, give every figure picture its text alternative."""
    if not active():
        return
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython comes with every kernel
        return
    shell = get_ipython()
    if shell is None:
        return
    import matplotlib.pyplot as plt  # activates the inline backend, which sets the formatters
    from matplotlib.figure import Figure

    plt.figure().clf()
    plt.close("all")
    formatters = shell.display_formatter.formatters
    for mime in ("image/png", "image/jpeg", "image/svg+xml"):
        try:
            picture = formatters[mime].lookup_by_type(Figure)
        except KeyError:
            continue
        if not getattr(picture, "with_alt", False):
            formatters[mime].for_type(Figure, _with_alt(picture))
