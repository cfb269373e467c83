"""Unit tests of p2p.static: the notebooks as the website shows them."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest

from p2p import plots, static, widgets

from tests.support import CLASSES, PROBABILITIES, Y_TRUE


def test_learning_curves_are_described_with_axes_and_lines():
    figure, ax = plt.subplots()
    ax.plot([1.0, 0.5], label="training")
    ax.plot([1.1, 0.7], label="validation")
    ax.set(title="loss", xlabel="epoch", ylabel="loss")
    ax.legend()
    assert static.describe(figure) == (
        "Figure: plot 'loss' (loss against epoch), lines: training, validation"
    )


def test_a_picture_grid_lists_its_titles_and_leaves_out_empty_cells():
    images = np.zeros((5, 8, 8, 3), dtype=np.uint8)
    figure, axes = plt.subplots(2, 3)
    for ax, image, name in zip(
        axes.flat, images, ["cat", "dog", "cat", "frog", "ship"], strict=False
    ):
        ax.imshow(image)
        ax.set_title(name)
    axes.flat[-1].axis("off")  # the sixth cell stays empty
    figure.suptitle("five training images")
    assert static.describe(figure) == (
        "Figure: five training images. 5 images 'cat', 'dog', 'cat', 'frog', 'ship'"
    )


def test_a_matrix_with_both_axis_labels_is_a_plot_not_a_picture():
    figure, ax = plt.subplots()
    ax.imshow(np.eye(3))
    ax.set(title="confusion matrix", xlabel="predicted", ylabel="true")
    assert static.describe(figure) == "Figure: plot 'confusion matrix' (true against predicted)"


def test_a_long_description_is_cut_to_the_limit():
    figure, axes = plt.subplots(10, 10)
    for i, ax in enumerate(axes.flat):
        ax.imshow(np.zeros((2, 2)))
        ax.set_title(f"a rather long title number {i}")
    text = static.describe(figure, limit=120)
    assert len(text) == 120 and text.endswith("…") and text.startswith("Figure: 100 images")


def test_widgets_are_live_unless_the_site_is_built(monkeypatch):
    import ipywidgets

    assert isinstance(widgets.neuron_playground(), ipywidgets.VBox)
    monkeypatch.setenv(static.ENV, "1")
    shown = []
    monkeypatch.setattr(plt, "show", lambda *a, **k: shown.append(plt.gcf()))
    made = [
        widgets.neuron_playground(),
        widgets.optimizer_walk(),
        widgets.image_browser(np.zeros((7, 8, 8, 3), np.uint8), Y_TRUE, PROBABILITIES, CLASSES),
        widgets.kernel_explorer(),
        widgets.augmentation_explorer(np.zeros((2, 16, 16, 3), np.uint8)),
    ]
    assert len(shown) == len(made)  # each drew its first state once
    for widget in made:
        assert isinstance(widget, static.LiveNote)
        assert widget._repr_markdown_() == static.LIVE_NOTE


@pytest.fixture
def shell(monkeypatch):
    """An IPython shell that turns figures into PNG pictures, as a notebook kernel does."""
    from IPython.core.interactiveshell import InteractiveShell
    from IPython.core.pylabtools import select_figure_formats

    shell = InteractiveShell.instance()
    select_figure_formats(shell, {"png"})  # what the inline backend does in a kernel
    yield shell
    InteractiveShell.clear_instance()


def figure_metadata(shell) -> dict:
    figure, ax = plt.subplots()
    ax.plot([0, 1])
    ax.set(title="a line", xlabel="x", ylabel="y")
    _, metadata = shell.display_formatter.format(figure)
    plt.close(figure)
    return metadata


def test_site_figures_carry_alt_text_and_learners_figures_do_not(shell, monkeypatch):
    static.install()  # not the website: nothing changes
    assert "alt" not in figure_metadata(shell).get("image/png", {})
    monkeypatch.setenv(static.ENV, "1")
    static.install()
    static.install()  # twice is harmless
    alt = figure_metadata(shell)["image/png"]["alt"]
    assert alt == "Figure: plot 'a line' (y against x)"


def test_plots_of_the_course_get_an_alt_text():
    plots.show_images(np.zeros((6, 8, 8, 3), np.uint8), np.arange(6) % 3, CLASSES, n=6)
    assert static.describe(plt.gcf()).startswith("Figure: 6 images 'cat', 'dog', 'frog'")
