"""Self-checking exercises: ``q1.check(answer)``, ``q1.hint()``, ``q1.solution()``.

One module a notebook (``nb01``, ...) defines its questions with :class:`Question` and the
readers of :mod:`.answers`. A check says what is off and never raises. Each question's
typical mistakes and right answers written another way live in ``tests/exercises/``.
"""

from __future__ import annotations

import importlib
import pkgutil

from .. import quiet_tensorflow

quiet_tensorflow()  # the exercise modules import Keras

from .question import MISSING, Question, Wrong, bind  # noqa: E402

__all__ = ["MISSING", "Question", "Wrong", "all_questions", "bind", "questions_of"]


def questions_of(module_name: str) -> list[Question]:
    """The questions of ``p2p.exercises.<module_name>`` (such as ``"nb05"``), in order."""
    module = importlib.import_module(f"{__name__}.{module_name}")
    return [getattr(module, name) for name in module.__all__]


def all_questions() -> list[Question]:
    """Every question of every notebook, ordered by notebook and number."""
    names = sorted(
        info.name for info in pkgutil.iter_modules(__path__) if info.name.startswith("nb")
    )
    return [q for name in names for q in questions_of(name)]
