"""Unit tests of p2p.evaluate: confusion matrix, per-class accuracy, mistakes, widgets."""

import numpy as np
import pytest

from p2p import evaluate

CLASSES = ["cat", "dog", "frog"]
# 7 images: cats 0,1,2 / dogs 3,4 / frogs 5,6
Y_TRUE = np.array([0, 0, 0, 1, 1, 2, 2])
Y_PRED = np.array([0, 1, 0, 1, 0, 2, 1])


def test_confusion_matrix_counts_a_known_example():
    matrix = evaluate.confusion_matrix(Y_TRUE, Y_PRED, 3)
    expected = np.array(
        [
            [2, 1, 0],  # cats: 2 right, 1 called dog
            [1, 1, 0],  # dogs: 1 called cat, 1 right
            [0, 1, 1],  # frogs: 1 called dog, 1 right
        ]
    )
    np.testing.assert_array_equal(matrix, expected)
    assert matrix.sum() == len(Y_TRUE)
    np.testing.assert_array_equal(matrix.sum(axis=1), np.bincount(Y_TRUE))


def test_confusion_matrix_infers_classes_and_rejects_mismatched_lengths():
    assert evaluate.confusion_matrix([0, 4], [4, 0]).shape == (5, 5)
    with pytest.raises(ValueError):
        evaluate.confusion_matrix([0, 1, 2], [0, 1])


def test_confusion_frame_has_named_rows_and_columns():
    frame = evaluate.confusion_frame(Y_TRUE, Y_PRED, CLASSES)
    assert frame.loc["cat", "dog"] == 1
    assert frame.loc["frog", "dog"] == 1
    assert frame.index.name == "true class"
    assert frame.columns.name == "predicted class"


def test_per_class_accuracy_values():
    table = evaluate.per_class_accuracy(Y_TRUE, Y_PRED, CLASSES)
    assert list(table.index) == CLASSES
    assert list(table["images"]) == [3, 2, 2]
    assert list(table["correct"]) == [2, 1, 1]
    np.testing.assert_allclose(table["accuracy"], [2 / 3, 0.5, 0.5], atol=1e-4)


def test_per_class_accuracy_of_a_class_without_images_is_nan():
    table = evaluate.per_class_accuracy([0, 0], [0, 1], CLASSES)
    assert np.isnan(table.loc["frog", "accuracy"])
    assert table.loc["cat", "accuracy"] == 0.5


def test_most_confused_lists_off_diagonal_pairs_by_count():
    y_true = np.array([0] * 5 + [1] * 5 + [2] * 5)
    y_pred = np.array([1, 1, 1, 0, 0, 1, 1, 0, 2, 2, 2, 2, 2, 2, 0])
    table = evaluate.most_confused(y_true, y_pred, CLASSES, top=2)
    assert list(table["true class"]) == ["cat", "dog"]
    assert list(table["predicted as"]) == ["dog", "frog"]
    assert list(table["images"]) == [3, 2]
    assert table["share of class"].iloc[0] == pytest.approx(0.6)


def test_most_confused_is_empty_for_a_perfect_model():
    assert evaluate.most_confused([0, 1, 2], [0, 1, 2], CLASSES).empty


PROBABILITIES = np.array(
    [
        [0.9, 0.05, 0.05],  # 0: right
        [0.2, 0.7, 0.1],  # 1: cat called dog, 70%
        [0.5, 0.4, 0.1],  # 2: right
        [0.95, 0.03, 0.02],  # 3: dog called cat, 95%
        [0.1, 0.8, 0.1],  # 4: right
        [0.3, 0.3, 0.4],  # 5: right
        [0.1, 0.5, 0.4],  # 6: frog called dog, 50%
    ]
)


def test_mistakes_in_data_order_and_most_confident_first():
    np.testing.assert_array_equal(evaluate.mistakes(Y_TRUE, PROBABILITIES), [1, 3, 6])
    np.testing.assert_array_equal(
        evaluate.mistakes(Y_TRUE, PROBABILITIES, most_confident_first=True), [3, 1, 6]
    )


def test_plots_and_browser_run(monkeypatch):
    import ipywidgets

    images = np.random.default_rng(0).integers(0, 256, (7, 8, 8, 3), dtype=np.uint8)
    evaluate.plot_confusion_matrix(Y_TRUE, Y_PRED, CLASSES)
    evaluate.plot_confusion_matrix(Y_TRUE, Y_PRED, CLASSES, normalize=True)
    evaluate.show_mistakes(images, Y_TRUE, PROBABILITIES, CLASSES, most_confident_first=True)
    evaluate.plot_prediction(images[0], PROBABILITIES[0], CLASSES, true_label=0)
    browser = evaluate.image_browser(images, Y_TRUE, PROBABILITIES, CLASSES)
    assert isinstance(browser, ipywidgets.VBox)
    show, position = browser.children[0].children
    assert position.max == len(Y_TRUE) - 1
    show.value = "mistakes only"
    assert position.max == 2  # three mistakes
    position.value = 1
