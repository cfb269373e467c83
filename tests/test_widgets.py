"""Unit tests of p2p.widgets: LiveFigure and the five widgets build, show a figure and redraw."""

from __future__ import annotations

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
import pytest

from p2p import convolution, lessons, plots
from p2p import widgets as w

from tests.support import CLASSES, PROBABILITIES, Y_TRUE


def _images(n=7, channels=3, size=8):
    rng = np.random.default_rng(0)
    return rng.integers(0, 256, (n, size, size, channels), dtype=np.uint8)


@pytest.fixture
def shown(monkeypatch):
    """Every figure a widget shows, in order (``plt.show`` records instead of displaying)."""
    figures = []
    monkeypatch.setattr(plt, "show", lambda *a, **k: figures.append(plt.gcf()))
    return figures


def _title(figure):
    return figure._suptitle.get_text() if figure._suptitle else figure.axes[0].get_title()


# ------------------------------------------------------------------------------ LiveFigure


def _live(calls, arrangement=None):
    controls = {
        "a": widgets.IntSlider(value=1, min=0, max=10),
        "b": widgets.Dropdown(options=["x", "y"], value="x"),
    }
    return w.LiveFigure(lambda **values: calls.append(values), controls, arrangement), controls


def test_live_figure_draws_at_once_and_after_every_change():
    calls = []
    live, controls = _live(calls)
    assert calls == [{"a": 1, "b": "x"}]
    controls["a"].value = 4
    controls["b"].value = "y"
    assert calls[1:] == [{"a": 4, "b": "x"}, {"a": 4, "b": "y"}]
    live.redraw()
    assert len(calls) == 4


def test_live_figure_paused_redraws_once_after_several_changes():
    calls = []
    live, controls = _live(calls)
    with live.paused():
        controls["a"].value = 7
        controls["b"].value = "y"
        controls["a"].value = 8
        assert len(calls) == 1  # nothing drawn while paused
    assert calls[1:] == [{"a": 8, "b": "y"}]
    controls["a"].value = 9  # and it draws again afterwards
    assert len(calls) == 3


def test_live_figure_lays_out_controls_above_its_output():
    calls = []
    live, controls = _live(calls)
    arrangement, output = live.widget.children
    assert isinstance(arrangement, widgets.VBox)
    assert list(arrangement.children) == list(controls.values())
    assert isinstance(output, widgets.Output) and output is live.output
    row = widgets.HBox()
    live, _ = _live(calls, arrangement=row)
    assert live.widget.children[0] is row


def test_live_figure_function_returns_the_widget():
    calls = []
    slider = widgets.IntSlider(value=2)
    box = w.live_figure(lambda n: calls.append(n), {"n": slider})
    assert isinstance(box, widgets.VBox)
    assert isinstance(box.children[1], widgets.Output)
    slider.value = 5
    assert calls == [2, 5]


# ------------------------------------------------------------------- notebook 01: the neuron


def test_neuron_playground_uses_the_lessons_activations_and_redraws(shown):
    box = w.neuron_playground()
    assert isinstance(box, widgets.VBox)
    w1, w2, b, activation = box.children[0].children
    assert isinstance(box.children[1], widgets.Output)
    assert list(activation.options) == list(lessons.activations)
    assert activation.value == "sigmoid"
    assert len(shown) == 1
    assert _title(shown[0]) == "sigmoid(w·x + b): 4/4 points right"  # AND is solved
    b.value = 0.0  # now (0, 1) and (1, 0) are over the threshold too
    assert len(shown) == 2
    assert _title(shown[1]) == "sigmoid(w·x + b): 2/4 points right"
    activation.value = "relu"
    assert len(shown) == 3 and _title(shown[2]).startswith("relu(w·x + b)")


def test_neuron_playground_accepts_your_own_activations_and_points(shown):
    called = []

    def my_sigmoid(z):
        called.append(np.shape(z))
        return lessons.sigmoid(z)

    mine = {"sigmoid": my_sigmoid, "step": lessons.step}
    xor_points = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
    box = w.neuron_playground(xor_points, np.array([0, 1, 1, 0]), activations=mine)
    activation = box.children[0].children[3]
    assert list(activation.options) == ["sigmoid", "step"]
    assert called  # the learner's function drew the plane
    assert _title(shown[-1]) == "sigmoid(w·x + b): 1/4 points right"  # AND's weights fail XOR
    activation.value = "step"
    assert len(shown) == 2 and _title(shown[-1]).startswith("step(")


# ------------------------------------------------------------ notebook 03: optimiser walk


def test_widget_builds_and_redraws(shown):
    box = w.optimizer_walk()
    assert isinstance(box, widgets.VBox)
    controls, output = box.children
    assert isinstance(output, widgets.Output)
    (surface, optimizer), (rate, steps) = (c.children for c in controls.children)
    assert len(shown) == 1
    optimizer.value = "all four"
    assert len(shown[-1].axes[1].get_lines()) == 4  # a loss curve per optimiser
    rate.value = 2.0
    surface.value = "banana"
    assert shown[-1].axes[0].get_title().startswith("banana:")
    steps.value = 20
    assert len(shown) == 5  # one figure per change
    assert _title(shown[-1]) == "learning rate 2"


# --------------------------------------------------------------- notebook 04: image browser


def test_image_browser_builds_and_follows_the_slider(shown):
    images = _images()
    browser = w.image_browser(images, Y_TRUE, PROBABILITIES, CLASSES)
    assert isinstance(browser, widgets.VBox)
    show, position = browser.children[0].children
    assert position.max == len(Y_TRUE) - 1
    assert _title(shown[-1]) == "predicted: cat (90%), true: cat: right"
    show.value = "mistakes only"
    assert position.max == 2  # three mistakes
    assert _title(shown[-1]) == "predicted: dog (70%), true: cat: wrong"
    position.value = 1
    assert _title(shown[-1]) == "predicted: cat (95%), true: dog: wrong"
    show.value = "most confident mistakes first"
    assert position.value == 0
    assert _title(shown[-1]) == "predicted: cat (95%), true: dog: wrong"


def test_image_browser_redraws_once_for_a_new_choice(shown):
    browser = w.image_browser(_images(), Y_TRUE, PROBABILITIES, CLASSES)
    show, position = browser.children[0].children
    position.value = 5
    drawn = len(shown)
    show.value = "mistakes only"  # slider back to 0 and shortened: one figure, not three
    assert len(shown) == drawn + 1
    assert _title(shown[-1]) == "predicted: dog (70%), true: cat: wrong"


def test_image_browser_of_a_perfect_model_has_no_mistakes_to_show(shown, capsys):
    perfect = np.eye(3)[Y_TRUE]
    browser = w.image_browser(_images(), Y_TRUE.reshape(-1, 1), perfect, CLASSES)
    show, position = browser.children[0].children
    drawn = len(shown)
    show.value = "mistakes only"
    assert position.max == 0
    assert len(shown) == drawn  # no figure, a sentence instead
    assert "the model made no mistakes" in capsys.readouterr().out


# -------------------------------------------------------------- notebook 05: kernel explorer


def test_kernel_explorer_redraws_when_a_control_moves(monkeypatch):
    drawn = []
    monkeypatch.setattr(plt, "show", lambda *a, **k: drawn.append(plt.gcf().axes[2].get_title()))
    box = w.kernel_explorer(convolution.sample_photo(size=(40, 30)))
    assert isinstance(box, widgets.VBox)
    controls, output = box.children
    choice = controls.children[0].children[0]
    grid = controls.children[1]
    assert isinstance(choice, widgets.Dropdown)
    before = [b.value for b in grid.children]
    assert before == [-1.0, 0.0, 1.0, -2.0, 0.0, 2.0, -1.0, 0.0, 1.0]
    assert isinstance(output, widgets.Output)
    assert len(drawn) == 1
    choice.value = "blur"
    assert [round(b.value, 3) for b in grid.children] == [0.111] * 9
    assert len(drawn) == 2  # one redraw for the new kernel, not one per box
    assert "values 0." in drawn[-1]  # a blur of a photo stays between 0 and 1
    assert plots._brightness_kernel(np.full((3, 3), 0.111))  # blur's boxes sum to 0.999
    grid.children[4].value = 3.0  # editing one box redraws too
    assert len(drawn) == 3 and drawn[-1] != drawn[-2]


def test_kernel_explorer_relu_keeps_only_positives(shown):
    box = w.kernel_explorer(convolution.sample_photo(size=(40, 30)))
    relu = box.children[0].children[0].children[1]
    assert isinstance(relu, widgets.Checkbox)
    before = shown[-1].axes[2].images[0].get_array()
    assert before.min() < 0  # vertical edges go both ways
    drawn = len(shown)
    relu.value = True
    after = shown[-1].axes[2].images[0].get_array()
    assert len(shown) == drawn + 1
    assert after.min() == 0.0
    np.testing.assert_allclose(after, np.maximum(before, 0.0))


def test_kernel_explorer_takes_a_colour_image_and_own_kernels(shown):
    kernels = {"vertical edges": np.eye(3), "shift": [[0, 0, 0], [0, 0, 1], [0, 0, 0]]}
    box = w.kernel_explorer(_images(1, size=12)[0], kernels)
    choice = box.children[0].children[0].children[0]
    grid = box.children[0].children[1]
    assert list(choice.options) == ["vertical edges", "shift"]
    assert [b.value for b in grid.children] == np.eye(3).ravel().tolist()
    assert shown[-1].axes[0].get_title() == "photo 12x12"  # turned into one grey channel


# -------------------------------------------------------- notebook 06: augmentation explorer


def test_explorer_redraws_when_a_slider_moves(monkeypatch):
    titles = []
    monkeypatch.setattr(plt, "show", lambda *a, **k: titles.append(plt.gcf()._suptitle.get_text()))
    box = w.augmentation_explorer(_images(2, size=16), versions=2)
    assert isinstance(box, widgets.VBox)
    controls = box.children[0].children
    output = box.children[1]
    names = [c.description for c in controls]
    assert names == ["flip", "translation", "rotation", "zoom", "contrast"]
    assert isinstance(output, widgets.Output)
    drawn = len(titles)
    controls[2].value = 0.25
    assert len(titles) == drawn + 1  # the grid was drawn again for the new strength
    assert "rotate ±90°" in titles[-1]


def test_augmentation_explorer_shows_at_most_four_images(shown):
    w.augmentation_explorer(_images(6, size=16) / 255.0, versions=1)
    assert len(shown) == 1
    assert len(shown[0].axes) == 4 * 2  # four rows: the original and one version
