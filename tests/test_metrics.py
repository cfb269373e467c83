"""Unit tests of p2p.metrics: labels, confusion matrix, per-class accuracy, mistakes."""

from __future__ import annotations

import numpy as np
import pytest

from p2p import metrics

from tests.support import CLASSES, PROBABILITIES, Y_PRED, Y_TRUE


def test_as_labels_flattens_a_column_or_a_list_into_integers():
    column = np.array([[2.0], [0.0], [1.0]])  # as a Keras model's labels may come
    labels = metrics.as_labels(column)
    assert labels.shape == (3,)
    assert labels.dtype.kind == "i"
    np.testing.assert_array_equal(labels, [2, 0, 1])
    np.testing.assert_array_equal(metrics.as_labels([1, 2]), [1, 2])
    assert metrics.as_labels(np.uint8(4)).tolist() == [4]  # a single label becomes one row


def test_a_column_of_labels_gives_the_same_results_as_a_row():
    column = Y_TRUE.reshape(-1, 1)
    np.testing.assert_array_equal(
        metrics.confusion_matrix(column, Y_PRED, 3), metrics.confusion_matrix(Y_TRUE, Y_PRED, 3)
    )
    np.testing.assert_array_equal(
        metrics.mistakes(column, PROBABILITIES), metrics.mistakes(Y_TRUE, PROBABILITIES)
    )


def test_confusion_matrix_counts_a_known_example():
    matrix = metrics.confusion_matrix(Y_TRUE, Y_PRED, 3)
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
    assert metrics.confusion_matrix([0, 4], [4, 0]).shape == (5, 5)
    with pytest.raises(ValueError):
        metrics.confusion_matrix([0, 1, 2], [0, 1])


def test_confusion_frame_has_named_rows_and_columns():
    frame = metrics.confusion_frame(Y_TRUE, Y_PRED, CLASSES)
    assert frame.loc["cat", "dog"] == 1
    assert frame.loc["frog", "dog"] == 1
    assert frame.index.name == "true class"
    assert frame.columns.name == "predicted class"


def test_per_class_accuracy_values():
    table = metrics.per_class_accuracy(Y_TRUE, Y_PRED, CLASSES)
    assert list(table.index) == CLASSES
    assert list(table["images"]) == [3, 2, 2]
    assert list(table["correct"]) == [2, 1, 1]
    np.testing.assert_allclose(table["accuracy"], [2 / 3, 0.5, 0.5], atol=1e-4)


def test_per_class_accuracy_of_a_class_without_images_is_nan():
    table = metrics.per_class_accuracy([0, 0], [0, 1], CLASSES)
    assert np.isnan(table.loc["frog", "accuracy"])
    assert table.loc["cat", "accuracy"] == 0.5


def test_most_confused_lists_off_diagonal_pairs_by_count():
    y_true = np.array([0] * 5 + [1] * 5 + [2] * 5)
    y_pred = np.array([1, 1, 1, 0, 0, 1, 1, 0, 2, 2, 2, 2, 2, 2, 0])
    table = metrics.most_confused(y_true, y_pred, CLASSES, top=2)
    assert list(table["true class"]) == ["cat", "dog"]
    assert list(table["predicted as"]) == ["dog", "frog"]
    assert list(table["images"]) == [3, 2]
    assert table["share of class"].iloc[0] == pytest.approx(0.6)


def test_most_confused_is_empty_for_a_perfect_model():
    assert metrics.most_confused([0, 1, 2], [0, 1, 2], CLASSES).empty


def test_mistakes_in_data_order_and_most_confident_first():
    np.testing.assert_array_equal(metrics.mistakes(Y_TRUE, PROBABILITIES), [1, 3, 6])
    np.testing.assert_array_equal(
        metrics.mistakes(Y_TRUE, PROBABILITIES, most_confident_first=True), [3, 1, 6]
    )
