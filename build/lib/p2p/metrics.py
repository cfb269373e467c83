"""Measuring a trained classifier: confusion matrix, per-class accuracy, its mistakes.

Notebook 04 builds the confusion matrix and the per-class accuracy by hand, then uses
these helpers (their figures are in :mod:`p2p.plots`). Every function takes plain NumPy
arrays: the true labels ``y_true`` (integers), the predicted labels ``y_pred``
(integers) or the predicted probabilities ``probabilities`` (one row per image, one
column per class, as ``model.predict`` returns them).
"""

from __future__ import annotations

import numpy as np
import pandas as pd


def as_labels(values) -> np.ndarray:
    """Integer labels as a flat array (a column of labels, or a list, becomes one row)."""
    return np.asarray(values).reshape(-1).astype(int)


def confusion_matrix(y_true, y_pred, num_classes: int | None = None) -> np.ndarray:
    """Count how often each true class was predicted as each class.

    Args:
        y_true: true integer labels.
        y_pred: predicted integer labels (same length).
        num_classes: number of classes; by default one more than the largest label.

    Returns:
        An integer array ``(num_classes, num_classes)``: row ``i``, column ``j`` counts the
        images of true class ``i`` predicted as class ``j``. The diagonal holds the
        correct predictions; each row sums to the number of images of that class.
    """
    y_true, y_pred = as_labels(y_true), as_labels(y_pred)
    if y_true.shape != y_pred.shape:
        raise ValueError(f"y_true has {len(y_true)} labels but y_pred has {len(y_pred)}.")
    if num_classes is None:
        num_classes = int(max(y_true.max(initial=-1), y_pred.max(initial=-1))) + 1
    matrix = np.zeros((num_classes, num_classes), dtype=int)
    np.add.at(matrix, (y_true, y_pred), 1)
    return matrix


def confusion_frame(y_true, y_pred, class_names) -> pd.DataFrame:
    """The confusion matrix as a DataFrame: rows are true classes, columns predicted ones."""
    matrix = confusion_matrix(y_true, y_pred, len(class_names))
    return pd.DataFrame(
        matrix,
        index=pd.Index(class_names, name="true class"),
        columns=pd.Index(class_names, name="predicted class"),
    )


def per_class_accuracy(y_true, y_pred, class_names) -> pd.DataFrame:
    """One row per class: how many images it has, how many were right, and the accuracy.

    The accuracy of a class is the diagonal entry of the confusion matrix divided by its
    row sum: the fraction of that class's images the model got right.
    """
    matrix = confusion_matrix(y_true, y_pred, len(class_names))
    images = matrix.sum(axis=1)
    correct = np.diag(matrix)
    accuracy = np.divide(correct, images, out=np.full(len(images), np.nan), where=images > 0)
    return pd.DataFrame(
        {"images": images, "correct": correct, "accuracy": accuracy.round(4)},
        index=pd.Index(class_names, name="class"),
    )


def most_confused(y_true, y_pred, class_names, top: int = 5) -> pd.DataFrame:
    """The ``top`` most frequent mistakes: (true class, predicted class) pairs, by count.

    The column ``share of class`` says what fraction of the true class went to that
    wrong prediction.
    """
    matrix = confusion_matrix(y_true, y_pred, len(class_names))
    off_diagonal = matrix.copy()
    np.fill_diagonal(off_diagonal, 0)
    order = np.argsort(off_diagonal, axis=None, kind="stable")[::-1][:top]
    rows = []
    for flat in order:
        i, j = np.unravel_index(flat, matrix.shape)
        if off_diagonal[i, j] == 0:
            break
        rows.append(
            {
                "true class": class_names[i],
                "predicted as": class_names[j],
                "images": int(matrix[i, j]),
                "share of class": round(matrix[i, j] / max(matrix[i].sum(), 1), 4),
            }
        )
    return pd.DataFrame(rows, columns=["true class", "predicted as", "images", "share of class"])


def mistakes(y_true, probabilities, most_confident_first: bool = False) -> np.ndarray:
    """Indices of the wrongly predicted images.

    Args:
        y_true: true integer labels.
        probabilities: predicted probabilities, one row per image.
        most_confident_first: if True, order the mistakes by the probability the model
            gave its wrong answer, highest first; otherwise keep the data's order.
    """
    y_true = as_labels(y_true)
    probabilities = np.asarray(probabilities)
    predicted = probabilities.argmax(axis=1)
    wrong = np.flatnonzero(predicted != y_true)
    if most_confident_first:
        confidence = probabilities[wrong, predicted[wrong]]
        wrong = wrong[np.argsort(-confidence, kind="stable")]
    return wrong
