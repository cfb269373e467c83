"""Unit tests of p2p.plots: every figure builds from small real inputs and shows what it says."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.colors import same_color, to_rgba

from p2p import augmentation, convolution, optimizers, plots

from tests.support import CLASSES, PROBABILITIES, Y_PRED, Y_TRUE

HISTORY = {
    "loss": [1.0, 0.7, 0.5],
    "accuracy": [0.4, 0.6, 0.7],
    "val_loss": [1.1, 0.9, 0.8],
    "val_accuracy": [0.35, 0.5, 0.55],
}


def _images(n=7, channels=3, size=8):
    rng = np.random.default_rng(0)
    return rng.integers(0, 256, (n, size, size, channels), dtype=np.uint8)


def _drawn(axes):
    """The axes that hold a picture (empty grid cells hold none)."""
    return [ax for ax in axes if ax.images]


# ------------------------------------------------------------------------------------ images


def test_show_images_titles_each_image_with_its_class():
    plots.show_images(_images(7), Y_TRUE, CLASSES, n=7, columns=4, title="pets")
    figure = plt.gcf()
    assert len(figure.axes) == 8  # 2 rows of 4
    drawn = _drawn(figure.axes)
    assert len(drawn) == 7
    assert [ax.get_title() for ax in drawn] == [CLASSES[y] for y in Y_TRUE]
    assert figure._suptitle.get_text() == "pets"


def test_show_images_titles_wrong_predictions_in_red():
    plots.show_images(_images(7), Y_TRUE, CLASSES, predictions=Y_PRED)
    drawn = _drawn(plt.gcf().axes)
    assert drawn[1].get_title() == "dog\n(cat)"  # the guess, then the truth
    red = [i for i, ax in enumerate(drawn) if same_color(ax.title.get_color(), plots.WRONG)]
    assert red == list(np.flatnonzero(Y_TRUE != Y_PRED))
    assert same_color(drawn[0].title.get_color(), "black")


def test_show_images_draws_grey_images_and_plain_labels():
    plots.show_images(_images(3, channels=1), labels=[5, 6, 7], n=10)
    drawn = _drawn(plt.gcf().axes)
    assert len(drawn) == 3  # n is capped at the number of images
    assert drawn[0].images[0].get_array().ndim == 2  # the channel axis is dropped
    assert [ax.get_title() for ax in drawn] == ["5", "6", "7"]


def test_plot_pixel_histograms_draws_one_line_per_channel():
    plots.plot_pixel_histograms(_images(4))
    ax = plt.gcf().axes[0]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["red", "green", "blue"]
    assert ax.get_xlim()[1] >= 255
    assert ax.get_title() == "pixel values"
    plt.close("all")
    plots.plot_pixel_histograms(_images(4, channels=1) / 255.0, title="scaled")
    ax = plt.gcf().axes[0]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["grey"]
    assert ax.get_xlim()[1] < 2  # floats in [0, 1] keep their own scale
    assert ax.get_title() == "scaled"


# --------------------------------------------------------------------------- training curves


def test_history_frame_numbers_epochs_from_one():
    class History:
        history = HISTORY

    for history in (HISTORY, History()):
        frame = plots.history_frame(history)
        assert list(frame.index) == [1, 2, 3]
        assert frame.index.name == "epoch"
        assert frame.loc[3, "val_accuracy"] == 0.55


def test_plot_history_has_a_panel_per_metric_with_validation():
    plots.plot_history(HISTORY, title="run")
    axes = plt.gcf().axes
    assert [ax.get_ylabel() for ax in axes] == ["loss", "accuracy"]
    for ax in axes:
        assert [line.get_label() for line in ax.get_lines()] == ["training", "validation"]
    np.testing.assert_array_equal(axes[1].get_lines()[1].get_ydata(), HISTORY["val_accuracy"])
    plt.close("all")
    plots.plot_history({"loss": [1.0, 0.5]}, metrics=("loss", "accuracy"))
    axes = plt.gcf().axes
    assert len(axes) == 1 and len(axes[0].get_lines()) == 1  # missing metrics are left out


def test_compare_histories_draws_one_line_per_run():
    other = {**HISTORY, "val_accuracy": [0.3, 0.3, 0.3]}
    plots.compare_histories({"small": HISTORY, "big": other})
    ax = plt.gcf().axes[0]
    assert [line.get_label() for line in ax.get_lines()] == ["small", "big"]
    assert ax.get_ylabel() == "val accuracy"
    np.testing.assert_array_equal(ax.get_lines()[1].get_ydata(), [0.3, 0.3, 0.3])


def _looks(lines):
    """Each line's colour (as RGBA), marker and dash."""
    return [(to_rgba(line.get_color()), line.get_marker(), line.get_linestyle()) for line in lines]


def test_lines_differ_by_colour_marker_and_dash_in_colour_blind_safe_colours():
    histories = {f"run {i}": HISTORY for i in range(len(plots.PALETTE))}
    plots.compare_histories(histories)
    looks = _looks(plt.gcf().axes[0].get_lines())
    for part in range(2):  # colour, marker: each tells every run apart on its own
        assert len({look[part] for look in looks}) == len(histories), looks
    assert len({look[2] for look in looks}) == 4  # matplotlib's four dashes, all used
    assert {look[0] for look in looks} == {to_rgba(c) for c in plots.PALETTE.values()}
    plt.close("all")
    plots.plot_history(HISTORY)
    training, validation = _looks(plt.gcf().axes[0].get_lines())
    assert all(a != b for a, b in zip(training, validation, strict=True))
    plt.close("all")
    plots.plot_walk("two valleys", optimizers.OPTIMIZERS, 0.05, 30)
    for ax in plt.gcf().axes[:2]:
        walks = _looks(line for line in ax.get_lines() if line.get_label() in optimizers.OPTIMIZERS)
        assert len({look[2] for look in walks}) == len(optimizers.OPTIMIZERS), walks
        assert {look[0] for look in walks} <= {to_rgba(c) for c in plots.PALETTE.values()}
    plt.close("all")
    plots.plot_pixel_histograms(_images(4))
    dashes = {patch.get_linestyle() for patch in plt.gcf().axes[0].patches}
    assert len(dashes) == 3  # red, green and blue channels told apart without colour


# ---------------------------------------------------------------------- an optimiser's walk


def test_surface_grid_is_the_loss_over_the_surface_view():
    surface = optimizers.SURFACES["banana"]
    gx, gy, gz = plots.surface_grid(surface, n=11)
    assert gx.shape == gy.shape == gz.shape == (11, 11)
    assert (gx.min(), gx.max()) == surface.xlim and (gy.min(), gy.max()) == surface.ylim
    assert gz[3, 7] == pytest.approx(surface.loss(gx[3, 7], gy[3, 7]))


def test_plot_walk_draws_a_path_and_a_loss_curve_per_optimiser():
    plots.plot_walk("two valleys", optimizers.OPTIMIZERS, 0.05, 30)
    ax, ax_loss = plt.gcf().axes[:2]
    assert [line.get_label() for line in ax_loss.get_lines()] == list(optimizers.OPTIMIZERS)
    assert ax.get_title().startswith("two valleys:")
    assert "Adam: loss" in ax_loss.get_title() and "after 30 steps" in ax_loss.get_title()
    assert plt.gcf()._suptitle.get_text() == "learning rate 0.05"


def test_plot_walk_says_when_a_walk_diverged():
    surface = optimizers.SURFACES["ravine"]
    plots.plot_walk(surface, "SGD", 5.0, 200, grid=plots.surface_grid(surface, n=20))
    ax_loss = plt.gcf().axes[1]
    assert ax_loss.get_title().startswith("SGD: diverged after")


# ------------------------------------------------------------------- a classifier's results


def _cell_texts(ax):
    return [t.get_text() for t in ax.texts]


def test_plot_confusion_matrix_writes_the_counts_in_the_cells():
    plots.plot_confusion_matrix(Y_TRUE, Y_PRED, CLASSES)
    ax = plt.gcf().axes[0]  # the other axes is the colour bar
    assert _cell_texts(ax) == ["2", "1", "0", "1", "1", "0", "0", "1", "1"]
    assert [t.get_text() for t in ax.get_xticklabels()] == CLASSES
    assert ax.get_title() == "confusion matrix"
    plt.close("all")
    plots.plot_confusion_matrix(Y_TRUE, Y_PRED, CLASSES, normalize=True)
    ax = plt.gcf().axes[0]
    assert _cell_texts(ax)[:3] == ["0.67", "0.33", "0.00"]
    assert ax.get_title() == "confusion matrix (rows sum to 1)"


def test_draw_confusion_matrix_normalizes_rows_and_keeps_empty_rows_at_zero():
    matrix = np.array([[3, 1], [0, 0]])
    plots.draw_confusion_matrix(matrix, ["a", "b"], normalize=True, title="mine")
    ax = plt.gcf().axes[0]
    assert _cell_texts(ax) == ["0.75", "0.25", "0.00", "0.00"]
    assert ax.get_title() == "mine"
    assert ax.get_xlabel() == "predicted class" and ax.get_ylabel() == "true class"


def test_show_mistakes_shows_only_the_mistakes_in_red():
    plots.show_mistakes(_images(), Y_TRUE, PROBABILITIES, CLASSES, most_confident_first=True)
    axes = plt.gcf().axes
    assert len(_drawn(axes)) == 3  # three wrong predictions
    assert [ax.get_title() for ax in axes] == [
        "cat 95%\ntrue: dog",
        "dog 70%\ntrue: cat",
        "dog 50%\ntrue: frog",
    ]
    assert all(same_color(ax.title.get_color(), plots.WRONG) for ax in axes)


def test_show_mistakes_of_a_perfect_model_draws_nothing(capsys):
    perfect = np.eye(3)[Y_TRUE]
    plots.show_mistakes(_images(), Y_TRUE, perfect, CLASSES)
    assert plt.get_fignums() == []
    assert "No mistakes to show" in capsys.readouterr().out


def _bar_colours(ax):
    return [bar.get_facecolor() for bar in ax.patches]


def test_plot_prediction_marks_a_wrong_guess_red_and_the_truth_green():
    plots.plot_prediction(_images()[3], PROBABILITIES[3], CLASSES, true_label=1)
    figure = plt.gcf()
    assert figure._suptitle.get_text() == "predicted: cat (95%), true: dog: wrong"
    colours = _bar_colours(figure.axes[1])
    assert same_color(colours[0], plots.WRONG) and same_color(colours[1], plots.RIGHT)
    assert same_color(colours[2], "tab:gray")
    hatches = [bar.get_hatch() for bar in figure.axes[1].patches]
    assert hatches == ["//", None, None]  # the wrong guess reads as wrong without colour


def test_plot_prediction_of_a_right_guess_or_without_truth():
    plots.plot_prediction(_images()[0], PROBABILITIES[0], CLASSES, true_label=0)
    assert plt.gcf()._suptitle.get_text().endswith("true: cat: right")
    assert same_color(_bar_colours(plt.gcf().axes[1])[0], plots.RIGHT)
    assert [bar.get_hatch() for bar in plt.gcf().axes[1].patches] == [None] * 3
    plt.close("all")
    plots.plot_prediction(_images()[0], PROBABILITIES[0], CLASSES)
    assert plt.gcf()._suptitle.get_text() == "predicted: cat (90%)"
    assert same_color(_bar_colours(plt.gcf().axes[1])[0], plots.PALETTE["blue"])


# ------------------------------------------------------------------------------ convolutions


def test_figures_build(monkeypatch):
    import keras

    image = convolution.sample_photo(size=(30, 20))
    maps = {"blur": convolution.fast_convolve(image, convolution.KERNELS["blur"])}
    plots.show_kernel_maps(image, maps, convolution.KERNELS)
    assert len(plt.gcf().axes) == 2
    plots.show_numbers(np.eye(3), "kernel")
    conv = keras.layers.Conv2D(10, 3)
    conv.build((None, 8, 8, 3))
    plots.show_filters(conv, columns=4)
    assert sum(ax.has_data() for ax in plt.gcf().axes) == 10
    plots.show_feature_maps(np.random.default_rng(0).random((1, 6, 6, 5)), "maps")
    assert sum(ax.has_data() for ax in plt.gcf().axes) == 5


def test_show_kernel_maps_keeps_brightness_maps_on_the_photo_scale():
    image = convolution.sample_photo(size=(30, 20))
    kernels = {name: convolution.KERNELS[name] for name in ("blur", "vertical edges")}
    maps = {name: convolution.fast_convolve(image, k) for name, k in kernels.items()}
    plots.show_kernel_maps(image, maps, kernels)
    _, blur, edges = plt.gcf().axes
    assert blur.get_title().startswith("blur\n18x28\n0.11 0.11 0.11")
    assert blur.images[0].get_clim() == (0.0, 1.0)
    low, high = edges.images[0].get_clim()
    assert low < 0 and (low, high) != (0.0, 1.0)  # edges stretch to their own range


def test_show_kernel_map_shows_photo_kernel_and_map():
    image = convolution.sample_photo(size=(30, 20))
    kernel = np.array(convolution.KERNELS["sharpen"], dtype=float)
    fmap = convolution.fast_convolve(image, kernel)
    plots.show_kernel_map(image, kernel, fmap)
    photo, numbers, result = plt.gcf().axes
    assert photo.get_title() == "photo 20x30"
    assert numbers.get_title() == "kernel" and len(numbers.texts) == 9
    assert "5" in _cell_texts(numbers) and "-1" in _cell_texts(numbers)
    assert result.get_title().startswith("feature map 18x28\nvalues ")


def test_show_numbers_writes_every_value():
    plots.show_numbers([[1, 2.5], [-3, 0]], "pooling")
    ax = plt.gcf().axes[0]
    assert _cell_texts(ax) == ["1", "2.5", "-3", "0"]
    assert ax.get_title() == "pooling"


def test_show_filters_and_feature_maps_say_how_many():
    import keras

    conv = keras.layers.Conv2D(3, 3, name="first")
    conv.build((None, 8, 8, 1))  # greyscale filters
    plots.show_filters(conv)
    assert plt.gcf()._suptitle.get_text() == "The 3 learned 3x3 filters of first"
    assert len(_drawn(plt.gcf().axes)) == 3
    plt.close("all")
    plots.show_feature_maps(np.zeros((5, 5, 20)), "conv", n=16, columns=8)
    assert len(_drawn(plt.gcf().axes)) == 16
    assert plt.gcf()._suptitle.get_text() == "conv (5x5, first 16 of 20 channels)"


# ------------------------------------------------------------------------------ augmentation


def test_show_augmented_grid_has_a_row_per_image():
    augment = augmentation.build_augmenter()
    plots.show_augmented(
        _images(2, size=16), augment, versions=3, labels=[0, 1], class_names=["cat", "dog"]
    )
    axes = plt.gcf().axes
    assert len(axes) == 2 * 4
    assert axes[0].get_ylabel() == "cat" and axes[4].get_ylabel() == "dog"
    # every version is drawn on the same 0..1 scale as the original (none goes black)
    originals = [np.asarray(axes[i].images[0].get_array()) for i in (0, 4)]
    for ax in axes:
        shown = np.asarray(ax.images[0].get_array())
        assert 0.0 <= shown.min() and shown.max() <= 1.0
        assert abs(shown.mean() - originals[0 if ax in axes[:4] else 1].mean()) < 0.25
    plots.show_augmented(_images(1, channels=1, size=16), augment, versions=2)
    assert len(plt.gcf().axes) == 3


def test_plot_neuron_draws_the_plane_the_points_and_counts_them():
    from p2p.lessons import sigmoid

    points = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
    plots.plot_neuron((1.0, 1.0), -1.5, sigmoid, "sigmoid", points, np.array([0, 0, 0, 1]))
    ax = plt.gcf().axes[0]
    assert ax.get_title() == "sigmoid(w·x + b): 4/4 points right"
    plots.plot_neuron((1.0, 1.0), -0.5, sigmoid, "sigmoid", points, np.array([0, 0, 0, 1]))
    assert plt.gcf().axes[0].get_title() == "sigmoid(w·x + b): 2/4 points right"


def test_plot_board_draws_ours_blue_and_the_references_hatched():
    from p2p import board

    board.record("02", "a model", 0.31)
    board.record("05", "a CNN", 0.71)
    plots.plot_board(board.table(), "smoke")
    ax = plt.gcf().axes[0]
    bars = ax.patches
    assert len(bars) == 2 + len(board.REFERENCES)
    assert [b.get_hatch() for b in bars[:2]] == [None, None]
    assert all(b.get_hatch() == "//" for b in bars[2:])
    assert "smoke profile" in ax.get_title()
