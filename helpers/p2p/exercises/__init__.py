"""Self-checking exercises: ``q1.check(answer)``, ``q1.hint()``, ``q1.solution()``.

Each notebook has a module here (``nb01``, ``nb02``, ...) that defines its questions
as module-level objects ``q1``, ``q2``, ... A check inspects what the learner built
and says specifically what is off. It never raises: a wrong type, ``None`` or a
half-built model gets a message that says what was expected.

:func:`all_questions` lists every question of every notebook, so that the test suite
can prove each reference solution and each right answer written another way (a
question's ``alternatives``) passes its check, and typical mistakes fail it.
"""

from __future__ import annotations

import importlib
import pkgutil

from .core import MISSING, Question, Wrong

__all__ = ["MISSING", "Question", "Wrong", "all_questions", "questions_of"]


def questions_of(module_name: str) -> list[Question]:
    """The questions defined in ``p2p.exercises.<module_name>``, in order."""
    module = importlib.import_module(f"{__name__}.{module_name}")
    found = [value for value in vars(module).values() if isinstance(value, Question)]
    return sorted(found, key=lambda q: q.number)


def all_questions() -> list[Question]:
    """Every question of every notebook, ordered by notebook and number."""
    names = sorted(
        info.name for info in pkgutil.iter_modules(__path__) if info.name.startswith("nb")
    )
    return [q for name in names for q in questions_of(name)]
