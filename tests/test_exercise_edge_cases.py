"""Edge cases of the exercise checks: right answers in unusual forms, subtle near misses."""

from __future__ import annotations

import textwrap

import pytest

from p2p.exercises import all_questions

from tests.exercises import examples_of

QUESTIONS = {q.name: q for q in all_questions()}


def run(question, code: str, examples: dict):
    """The ``answer`` that ``code`` assigns, run where the question's own solution runs:
    the exercise module's globals (its imports and example data) and the examples of the
    notebook's own variables."""
    import importlib

    import p2p

    module = importlib.import_module(f"p2p.exercises.nb{question.notebook}")
    namespace = {**vars(module), **examples, "p2p": p2p}
    exec(textwrap.dedent(code).strip(), namespace)  # noqa: S102 - our own test code
    return namespace["answer"]


_CNN = """
answer = keras.Sequential([
    keras.Input(shape=(32, 32, 3)),
    keras.layers.Rescaling(1 / 255),
    keras.layers.Conv2D(32, 3, padding="same", use_bias=False),
    keras.layers.BatchNormalization({bn}),
    keras.layers.Activation("relu"),
    keras.layers.MaxPooling2D(2),
    keras.layers.Conv2D(64, 3, padding="same", use_bias=False),
    keras.layers.BatchNormalization(),
    keras.layers.Activation("relu"),
    keras.layers.MaxPooling2D(2),
    keras.layers.Flatten(),
    {head}
    keras.layers.Dense(10, activation="softmax"),
])
"""
_HEAD = 'keras.layers.Dense(128, activation="relu"), keras.layers.Dropout(0.5),'

_SOFTMAX = """
answer = keras.Sequential([keras.Input(shape=(32, 32, 3)), keras.layers.Flatten(),
                           keras.layers.Dense(10, activation="softmax")])
"""


def _compiled(options: str) -> str:
    return _SOFTMAX + f"answer.compile({options})\n"


_SGD = "optimizer=keras.optimizers.SGD(0.01), "
_SCCE = 'loss="sparse_categorical_crossentropy", '

# (question, code, right?, a phrase the feedback must contain)
_Q4_MONITOR = """
folder = p2p.work_dir("checkpoints")
answer = [
    keras.callbacks.ModelCheckpoint(
        folder / "best.keras", monitor="{monitor}", save_best_only=True
    ),
    keras.callbacks.BackupAndRestore(backup_dir=folder / "backup", save_freq={freq}),
]
"""

CASES = [
    ("01.q1", "answer = np.array([[0.4013]])", True, ""),
    ("06.q4", _Q4_MONITOR.format(monitor="val_acc", freq='"epoch"'), False, "never saves"),
    ("06.q4", _Q4_MONITOR.format(monitor="val_accuracy", freq="False"), False, "never written"),
    (
        "02.q3",
        """answer = keras.Sequential([keras.Input(shape=(32, 32, 3)), keras.layers.Flatten(),
                                     keras.layers.Dense(10, activation="softmax")])
answer.compile(optimizer=keras.optimizers.SGD(learning_rate=0.01),
               loss=keras.losses.SparseCategoricalCrossentropy(ignore_class=0),
               metrics=["accuracy"])""",
        False,
        "ignore_class",
    ),
    ("01.q1", "answer = float('nan')", False, "nan"),
    ("01.q1", "answer = True", False, "True/False"),
    ("01.q1", "answer = 0.41", False, "not the sigmoid"),
    ("01.q2", "import numpy as np\nanswer = np.array(7850)", True, ""),
    ("01.q2", "answer = 7850.5", False, "whole number"),
    (
        "01.q4",
        """
        inputs = keras.Input(shape=(32, 32, 3))
        x = keras.layers.Flatten()(inputs)
        a = keras.layers.Dense(10)(x)
        b = keras.layers.Dense(10)(x)
        answer = keras.Model(inputs, keras.layers.Softmax()(keras.layers.Add()([a, b])))
        """,
        False,
        "not a single chain",
    ),
    (
        "01.q4",
        """
        block = keras.Sequential([keras.layers.Flatten(), keras.layers.Dense(10)])
        answer = keras.Sequential([keras.Input(shape=(32, 32, 3)), block,
                                   keras.layers.Softmax()])
        """,
        True,
        "",
    ),
    (
        "01.q4",
        """
        import tensorflow as tf
        answer = keras.Sequential([keras.Input(shape=(32, 32, 3)), keras.layers.Flatten(),
                                   keras.layers.Dense(10, activation=tf.nn.softmax)])
        """,
        True,
        "",
    ),
    (
        "01.q4",
        """
        answer = keras.Sequential([keras.Input(shape=(32, 32, 3)), keras.layers.Flatten(),
                                   keras.layers.Dense(10, activation="softmax"),
                                   keras.layers.Softmax()])
        """,
        False,
        "one activation only",
    ),
    (
        "01.q4",
        """
        answer = keras.Sequential([keras.Input(shape=(32, 32, 3)), keras.layers.Flatten(),
                                   keras.layers.Dropout(0.2),
                                   keras.layers.Dense(10, activation="softmax")])
        """,
        False,
        "remove layer 2",
    ),
    ("02.q3", _compiled('optimizer="SGD", ' + _SCCE + 'metrics=["Accuracy"]'), True, ""),
    (
        "02.q3",
        _compiled(_SGD + "loss=['sparse_categorical_crossentropy'], metrics=['mse', 'acc']"),
        True,
        "",
    ),
    ("02.q3", _compiled(_SGD + _SCCE + 'weighted_metrics=["accuracy"]'), True, ""),
    (
        "02.q3",
        _compiled(
            "optimizer=keras.optimizers.SGD(keras.optimizers.schedules.ExponentialDecay("
            "0.01, 100, 0.9)), " + _SCCE + 'metrics=["accuracy"]'
        ),
        False,
        "schedule",
    ),
    (
        "02.q3",
        _compiled(
            "optimizer=keras.optimizers.SGD(0.01, weight_decay=1e-4), "
            + _SCCE
            + 'metrics=["accuracy"]'
        ),
        False,
        "weight decay",
    ),
    (
        "02.q3",
        _compiled(_SGD + _SCCE + 'metrics=["accuracy", "categorical_accuracy"]'),
        False,
        "one-hot",
    ),
    (
        "02.q3",
        _compiled(_SGD + _SCCE + 'metrics=["sparse_top_k_categorical_accuracy"]'),
        False,
        "top-k",
    ),
    ("02.q3", _compiled(_SGD + 'loss="mse", metrics=["accuracy"]'), False, "mean_squared_error"),
    (
        "02.q3",
        _compiled(_SGD + 'loss="binary_crossentropy", metrics=["accuracy"]'),
        False,
        "two classes",
    ),
    ("02.q4", "answer = (3, 0, 9, 4, 7)", True, ""),
    ("02.q4", "answer = np.ones(5, dtype=bool)", False, "image 0"),
    ("03.q4", "answer = [keras.callbacks.EarlyStopping('val_loss', patience=3), 1]", False, "just"),
    (
        "04.q2",
        """
        import pandas as pd
        from p2p.exercises.nb04 import example_classes
        m = example_confusion
        table = pd.DataFrame({"accuracy": np.diag(m) / m.sum(axis=1)}, index=example_classes)
        answer = table.sort_index()
        """,
        True,
        "",
    ),
    ("05.q2", "answer = ('(14, 14, 16)', 1216)", False, "three numbers"),
    ("05.q2", "answer = ((14, 14, 16), (1216,))", False, "the number itself"),
    (
        "05.q4",
        """
        answer = keras.Sequential([keras.Input(shape=(32, 32, 3)),
            keras.layers.Conv2D(16, 3, padding="same", activation="relu"), keras.layers.ReLU(),
            keras.layers.MaxPooling2D(2),
            keras.layers.Conv2D(32, 3, padding="same", activation="relu"),
            keras.layers.MaxPooling2D(2), keras.layers.Flatten(),
            keras.layers.Dense(10, activation="softmax")])
        """,
        False,
        "one activation",
    ),
    (
        "05.q4",
        """
        answer = keras.Sequential([keras.Input(shape=(32, 32, 3)),
            keras.layers.Conv2D(16, 3, padding="same", activation="relu"),
            keras.layers.MaxPooling2D(2),
            keras.layers.Conv2D(32, 3, padding="same", activation="relu"),
            keras.layers.MaxPooling2D(2), keras.layers.Flatten(), keras.layers.Dropout(0.5),
            keras.layers.Dense(10, activation="softmax")])
        """,
        False,
        "The layers should be",
    ),
    # BatchNormalization's options are not what the question asks about (issue 22)
    ("06.q1", _CNN.format(bn="axis=1", head=_HEAD), True, ""),
    ("06.q1", _CNN.format(bn="center=False", head=_HEAD), True, ""),
    (
        "06.q1",
        _CNN.format(
            bn="",
            head="keras.layers.Dense(128), keras.layers.Dropout(0.5), keras.layers.ReLU(),",
        ),
        False,
        "Dense(relu), Dropout, Dense(softmax)",
    ),
    ("06.q1", _CNN.format(bn="momentum=0.9, epsilon=1e-5", head=_HEAD), True, ""),
    (
        "06.q4",
        """
        folder = p2p.work_dir("checkpoints")
        answer = [keras.callbacks.ModelCheckpoint(folder / "best.keras", monitor="val_accuracy",
                                                  save_best_only=True),
                  keras.callbacks.BackupAndRestore(backup_dir="backup")]
        """,
        False,
        "backup into p2p.work_dir",
    ),
    (
        "06.q4",
        """
        folder = p2p.work_dir("checkpoints")
        answer = [keras.callbacks.ModelCheckpoint(folder / "best.keras", monitor="val_accuracy",
                                                  save_best_only=True, save_freq=100),
                  keras.callbacks.BackupAndRestore(backup_dir=folder / "backup")]
        """,
        False,
        "save_freq",
    ),
    ("06.q4", "answer = [keras.callbacks.ModelCheckpoint]", False, "class itself"),
    ("06.q2", "answer = iter(['shift up to 10%'])", False, "left out 3"),
    ("06.q2", "import itertools\nanswer = itertools.repeat('shift up to 10%')", False, "100"),
]


@pytest.mark.parametrize(
    ("name", "code", "right", "phrase"),
    CASES,
    ids=[f"{name}-{i}" for i, (name, *_) in enumerate(CASES)],
)
def test_edge_case(name, code, right, phrase, capsys):
    question = QUESTIONS[name]
    examples = examples_of(question)
    answer = run(question, code, examples)
    verdict = question.check(answer, **question.check_variables(examples))
    out = capsys.readouterr().out
    assert bool(verdict) is right, out
    assert "could not be checked" not in out
    assert phrase in out


def test_scaling_check_works_without_the_images(capsys):
    """The notebook may call q1.check(answer) without x_train: the shape and scale count."""
    question = QUESTIONS["02.q1"]
    examples = examples_of(question)
    assert question.check(question.reference(**examples))
    assert not question.check(examples["x_train"][:100])
    assert "divide by 255" in capsys.readouterr().out


def test_scaling_check_ignores_images_already_scaled():
    question = QUESTIONS["02.q1"]
    images = examples_of(question)["x_train"]
    assert question.check(images[:100] / 255, x_train=images / 255)


def test_optimiser_ties_and_missing_scores(capsys):
    import numpy as np

    from tests.exercises.cases_nb03 import example_comparison

    question = QUESTIONS["03.q3"]
    table = example_comparison()
    table.loc["RMSprop", "final val_accuracy"] = table["final val_accuracy"].max()
    assert question.check("RMSprop", comparison=table)
    assert question.check("Adam", comparison=table)
    table.loc["SGD", "final val_accuracy"] = np.nan
    assert not question.check("SGD", comparison=table)
    assert "NaN" in capsys.readouterr().out


def test_confident_mistakes_with_one_hot_labels():
    import numpy as np

    question = QUESTIONS["04.q3"]
    examples = examples_of(question)
    answer = question.reference(**examples)
    one_hot = np.eye(10)[examples["y_test"]]
    assert question.check(answer, y_test=one_hot, probabilities=examples["probabilities"])


def test_plain_sgd_string_has_the_asked_learning_rate():
    """optimizer="sgd" is right because Keras' SGD defaults to learning rate 0.01."""
    import keras

    assert float(keras.optimizers.SGD().get_config()["learning_rate"]) == pytest.approx(0.01)
