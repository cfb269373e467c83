"""Looking at a trained classifier: confusion matrix, per-class accuracy, its mistakes.

Notebook 04 builds each of these once by hand; later notebooks call the helpers.
Every function takes plain NumPy arrays: the true labels ``y_true`` (integers), the
predicted labels ``y_pred`` (integers) or the predicted probabilities
``probabilities`` (one row per image, one column per class, as ``model.predict``
returns them).
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd


def _labels(values) -> np.ndarray:
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
    y_true, y_pred = _labels(y_true), _labels(y_pred)
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


def plot_confusion_matrix(
    y_true, y_pred, class_names, normalize: bool = False, title: str | None = None
):
    """Draw the confusion matrix of ``y_true`` against ``y_pred`` with class names.

    Args:
        normalize: if True, show each row as fractions of its true class (the diagonal
            is then the per-class accuracy) instead of counts.
    """
    matrix = confusion_matrix(y_true, y_pred, len(class_names))
    draw_confusion_matrix(matrix, class_names, normalize=normalize, title=title)


def draw_confusion_matrix(matrix, class_names, normalize: bool = False, title: str | None = None):
    """Draw a confusion matrix you already have (rows true classes, columns predicted).

    Every cell shows its count (or, with ``normalize=True``, its fraction of the row).
    """
    matrix = np.asarray(matrix, dtype=float)
    if normalize:
        totals = matrix.sum(axis=1, keepdims=True)
        matrix = np.divide(matrix, totals, out=np.zeros_like(matrix), where=totals > 0)
    n = len(class_names)
    size = max(4.5, 0.55 * n + 1.5)
    fig, ax = plt.subplots(figsize=(size + 1, size))
    image = ax.imshow(matrix, cmap="Blues")
    fig.colorbar(
        image, ax=ax, fraction=0.046, label="fraction of the row" if normalize else "images"
    )
    threshold = matrix.max() / 2 if matrix.size else 0
    for i in range(n):
        for j in range(n):
            text = f"{matrix[i, j]:.2f}" if normalize else f"{int(matrix[i, j])}"
            ax.text(
                j,
                i,
                text,
                ha="center",
                va="center",
                fontsize=7,
                color="white" if matrix[i, j] > threshold else "black",
            )
    ax.set_xticks(range(n), class_names, rotation=45, ha="right")
    ax.set_yticks(range(n), class_names)
    ax.set_xlabel("predicted class")
    ax.set_ylabel("true class")
    ax.grid(False)
    ax.set_title(title or ("confusion matrix (rows sum to 1)" if normalize else "confusion matrix"))
    fig.tight_layout()
    plt.show()


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
    y_true = _labels(y_true)
    probabilities = np.asarray(probabilities)
    predicted = probabilities.argmax(axis=1)
    wrong = np.flatnonzero(predicted != y_true)
    if most_confident_first:
        confidence = probabilities[wrong, predicted[wrong]]
        wrong = wrong[np.argsort(-confidence, kind="stable")]
    return wrong


def show_mistakes(
    images,
    y_true,
    probabilities,
    class_names,
    n: int = 20,
    most_confident_first: bool = False,
    columns: int = 10,
    title: str | None = None,
):
    """A grid of wrongly predicted images, each titled "predicted (confidence) / true".

    Args:
        images: the images the probabilities belong to (``uint8`` or floats in [0, 1]).
        most_confident_first: show the most confident mistakes (see :func:`mistakes`).
    """
    y_true = _labels(y_true)
    probabilities = np.asarray(probabilities)
    chosen = mistakes(y_true, probabilities, most_confident_first)[:n]
    if len(chosen) == 0:
        print("No mistakes to show: every image was predicted correctly.")
        return
    columns = min(columns, len(chosen))
    rows = int(np.ceil(len(chosen) / columns))
    fig, axes = plt.subplots(rows, columns, figsize=(1.45 * columns, 1.75 * rows), squeeze=False)
    for ax in axes.flat:
        ax.axis("off")
    for ax, index in zip(axes.flat, chosen, strict=False):
        image = np.asarray(images[index])
        ax.imshow(image.squeeze(), cmap="gray" if image.shape[-1] == 1 else None)
        guess = int(probabilities[index].argmax())
        ax.set_title(
            f"{class_names[guess]} {probabilities[index, guess]:.0%}\n"
            f"true: {class_names[y_true[index]]}",
            fontsize=7,
            color="red",
        )
    default = "most confident mistakes" if most_confident_first else "misclassified images"
    fig.suptitle(f"{title or default} (red: prediction and its confidence)", fontsize=10)
    fig.tight_layout()
    plt.show()


def plot_prediction(image, probabilities, class_names, true_label=None, title: str | None = None):
    """One image next to its predicted probabilities as horizontal bars.

    The predicted class is red when it is wrong; the true class is green.
    """
    probabilities = np.asarray(probabilities, dtype=float).reshape(-1)
    guess = int(probabilities.argmax())
    fig, (ax_image, ax_bars) = plt.subplots(
        1, 2, figsize=(8, 3.2), gridspec_kw={"width_ratios": [1, 1.6]}
    )
    image = np.asarray(image)
    ax_image.imshow(image.squeeze(), cmap="gray" if image.shape[-1] == 1 else None)
    ax_image.axis("off")
    colours = ["tab:gray"] * len(class_names)
    if true_label is not None:
        true_label = int(true_label)
        colours[guess] = "tab:green" if guess == true_label else "tab:red"
        colours[true_label] = "tab:green"
    else:
        colours[guess] = "tab:blue"
    positions = np.arange(len(class_names))
    bars = ax_bars.barh(positions, probabilities, color=colours)
    ax_bars.bar_label(bars, labels=[f"{p:.0%}" for p in probabilities], fontsize=7, padding=2)
    ax_bars.set_yticks(positions, class_names)
    ax_bars.invert_yaxis()
    ax_bars.set_xlim(0, 1.12)
    ax_bars.set_xlabel("predicted probability")
    if title is None:
        title = f"predicted: {class_names[guess]} ({probabilities[guess]:.0%})"
        if true_label is not None:
            verdict = "right" if guess == true_label else "wrong"
            title += f", true: {class_names[true_label]}: {verdict}"
    fig.suptitle(title, fontsize=10)
    fig.tight_layout()
    plt.show()


def image_browser(images, y_true, probabilities, class_names):
    """Browse test images with their predicted probabilities as bars.

    A slider picks the image; a drop-down chooses between all images, only the
    mistakes, or the mistakes with the most confident first.

    Returns:
        The ipywidgets ``VBox`` (displayed automatically as a cell's last value).
    """
    import ipywidgets as widgets

    y_true = _labels(y_true)
    probabilities = np.asarray(probabilities)
    choices = {
        "all images": np.arange(len(y_true)),
        "mistakes only": mistakes(y_true, probabilities),
        "most confident mistakes first": mistakes(y_true, probabilities, True),
    }
    show = widgets.Dropdown(options=list(choices), value="all images", description="show")
    position = widgets.IntSlider(
        value=0, min=0, max=max(len(y_true) - 1, 0), description="image", continuous_update=False
    )

    def restrict(change):
        position.max = max(len(choices[change["new"]]) - 1, 0)
        position.value = 0

    show.observe(restrict, names="value")

    def draw(show, position):
        chosen = choices[show]
        if len(chosen) == 0:
            print("No images to show here: the model made no mistakes.")
            return
        index = int(chosen[min(position, len(chosen) - 1)])
        plot_prediction(
            images[index],
            probabilities[index],
            class_names,
            y_true[index],
        )
        print(f"test image {index} ({position + 1} of {len(chosen)} in '{show}')")

    output = widgets.interactive_output(draw, {"show": show, "position": position})
    return widgets.VBox([widgets.HBox([show, position]), output])
