"""The test side of the exercises of :mod:`p2p.exercises`, one module per notebook.

``cases_nb05.py`` holds, for notebook 05's questions (keyed ``"q1"``, ``"q2"``, ...):

- ``MISTAKES``: typical wrong answers, ``(description, function)`` pairs; each must fail
  its check with specific feedback;
- ``ALTERNATIVES``: right answers written another way (another type, API or spelling);
  each must pass;
- ``EXAMPLES``: for the questions that use variables the notebook makes (its ``x_train``,
  its comparison table), a function returning such variables by name, made up like the
  notebook's.

Each function returns an answer, and takes as parameters the examples it needs by name
(as the question's solution does).
"""

from __future__ import annotations

import importlib
from types import ModuleType

import keras

from p2p.exercises import Question
from p2p.exercises.question import _call


def cases_of(question: Question) -> ModuleType:
    """The module of ``tests/exercises`` with the cases of ``question``'s notebook."""
    return importlib.import_module(f"{__name__}.cases_nb{question.notebook}")


def examples_of(question: Question) -> dict:
    """The notebook's variables that ``question`` uses, made up (empty when none)."""
    build = getattr(cases_of(question), "EXAMPLES", {}).get(f"q{question.number}", dict)
    return build()


def mistaken_answers(question: Question, examples: dict) -> list[tuple[str, object]]:
    """Run each typical mistake and return ``(description, wrong answer)`` pairs."""
    cases = cases_of(question).MISTAKES.get(f"q{question.number}", [])
    return [(description, _call(f, examples)) for description, f in cases]


def alternative_answers(question: Question, examples: dict) -> list[tuple[str, object]]:
    """Run each alternative right answer and return ``(description, answer)`` pairs."""
    cases = cases_of(question).ALTERNATIVES.get(f"q{question.number}", [])
    return [(description, _call(f, examples)) for description, f in cases]


def history_of(metrics: dict, model=None):
    """A ``History`` as ``fit`` returns it, made from numbers per epoch (for the typical
    mistakes of the hands-on questions, which need not train to be wrong)."""
    history = keras.callbacks.History()
    history.history = {name: list(values) for name, values in metrics.items()}
    history.epoch = list(range(len(next(iter(metrics.values())))))
    if model is not None:
        history.set_model(model)
    return history
