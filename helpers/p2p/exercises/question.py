"""One exercise question: ``check``, ``hint`` and ``solution`` for the learner, and
:func:`bind`, which numbers a module's questions ``q1``, ``q2``, ... (how to write one:
CONTRIBUTING.md, "Writing an exercise")."""

from __future__ import annotations

import ast
import inspect
import textwrap
from collections.abc import Callable

from ..scorecard import remember


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


MISSING = _Missing()
"""Stands for "no answer given" (distinct from ``None``, which learners may pass)."""


class Verdict:
    """The result of a check: a bool (true when the answer is right) that a notebook does
    not display, so that a check cell shows only its message."""

    def __init__(self, correct: bool):
        self.correct = bool(correct)

    def __bool__(self) -> bool:
        return self.correct

    def __eq__(self, other) -> bool:
        return self.correct == bool(other)

    def __hash__(self) -> int:
        return hash(self.correct)

    def __repr__(self) -> str:
        return f"Verdict({self.correct})"

    def _ipython_display_(self) -> None:
        """Display nothing: the check has already printed its message."""


class Wrong(Exception):
    """Raised inside a question's checker with a message for the learner."""


def _display_markdown(text: str) -> None:
    """Show Markdown in a notebook, or plain text elsewhere."""
    try:
        from IPython import get_ipython
        from IPython.display import Markdown, display

        if get_ipython() is not None:
            display(Markdown(text))
            return
    except ImportError:  # plumbing: plain Python without IPython
        pass
    print(text)


def solution_text(function: Callable) -> str:
    """The body of a solution function, comments included, with its last line,
    ``return value``, shown as ``answer = value``."""
    source = textwrap.dedent(inspect.getsource(function))
    definition = ast.parse(source).body[0]
    if not isinstance(definition, ast.FunctionDef) or not isinstance(
        definition.body[-1], ast.Return
    ):
        raise TypeError(f"{function.__qualname__} must be a def that ends with `return answer`")
    lines = source.splitlines()
    first = definition.body[0].lineno - 1
    while first > definition.lineno and lines[first - 1].strip().startswith("#"):
        first -= 1  # keep comment lines just above the first statement
    body = lines[first : definition.end_lineno]
    last = definition.body[-1].lineno - 1 - first
    indent = len(body[last]) - len(body[last].lstrip())
    body[last] = body[last][:indent] + "answer = " + body[last][indent:].removeprefix("return ")
    return textwrap.dedent("\n".join(body)).strip()


def _call(function: Callable, examples: dict):
    """Call ``function`` with the examples its parameters name (all of them for ``**``)."""
    parameters = inspect.signature(function).parameters.values()
    if any(p.kind is p.VAR_KEYWORD for p in parameters):
        return function(**examples)
    missing = [p.name for p in parameters if p.name not in examples and p.default is p.empty]
    if missing:
        raise KeyError(f"{function.__qualname__} needs {missing}, which the examples lack")
    return function(**{p.name: examples[p.name] for p in parameters if p.name in examples})


class Question:
    """One exercise question: a one-line ``title``; a ``checker(answer, **notebook_variables)``
    that raises :class:`Wrong` with a specific message for a wrong answer (its keyword
    parameters are named as the notebook's variables); a ``hint`` that does not give the
    answer away; and a ``none_note`` added when the answer is None, for a question whose
    natural wrong move returns None (``answer = model.compile(...)``). The worked solution
    comes with :meth:`solved_by`, the notebook and number with :func:`bind`."""

    def __init__(
        self,
        title: str,
        checker: Callable,
        hint: str,
        none_note: str = "",
    ):
        self.title = title
        self.none_note = none_note
        self._checker = checker
        self._hint = hint
        self.notebook = "??"
        self.number = 0
        self.solution_function: Callable | None = None

    def solved_by(self, function: Callable) -> Callable:
        """Decorator: the worked solution, a function that returns the right answer."""
        solution_text(function)  # fail at import when it cannot be shown
        self.solution_function = function
        return function

    @property
    def name(self) -> str:
        """A short id such as ``"01.q2"``."""
        return f"{self.notebook}.q{self.number}"

    def __repr__(self) -> str:
        return f"<Question {self.name}: {self.title}>"

    def check(self, answer=MISSING, **notebook_variables) -> Verdict:
        """Check ``answer``; print what is right or what is off. Never raises.

        Returns a :class:`Verdict`, true for a correct answer.
        """
        if answer is MISSING or answer is None or answer is Ellipsis:
            print(
                f"\N{WHITE QUESTION MARK ORNAMENT} Question {self.number}: no answer yet. "
                "Replace the placeholder with your answer and run the cell again."
                + (f" {self.none_note}" if answer is None and self.none_note else "")
            )
            return Verdict(False)
        try:
            self._checker(answer, **notebook_variables)
        except Wrong as wrong:
            print(f"\N{CROSS MARK} Not yet: {wrong}")
            correct = False
        except Exception as error:  # noqa: BLE001 - a check must never crash on odd input
            print(
                f"\N{CROSS MARK} Not yet: this answer could not be checked "
                f"({type(error).__name__}: {error}). Look at the question again: "
                f"{self.title}"
            )
            correct = False
        else:
            print(f"\N{WHITE HEAVY CHECK MARK} Correct! {self.title}")
            correct = True
        if self.number:  # a question of a notebook (bound)
            remember(self.name, correct)
        return Verdict(correct)

    def hint(self) -> None:
        """Show a nudge towards the answer."""
        _display_markdown(f"**Hint {self.number}:** {self._hint}")

    def solution(self) -> None:
        """Show the worked answer."""
        _display_markdown(f"**Solution {self.number}:**\n\n```python\n{self.solution_code}\n```")

    @property
    def solution_code(self) -> str:
        """The worked solution as the learner reads it (see :func:`solution_text`)."""
        if self.solution_function is None:
            raise RuntimeError(f"{self.name} has no solution: add one with @solved_by")
        return solution_text(self.solution_function)

    def check_variables(self, examples: dict) -> dict:
        """The examples that :meth:`check` takes as notebook variables."""
        names = inspect.signature(self._checker).parameters
        return {name: value for name, value in examples.items() if name in names}

    def reference(self, **examples):
        """Run the worked solution and return its answer (used by the tests)."""
        return _call(self.solution_function, examples)


def bind(namespace: dict, questions: list[Question]) -> None:
    """Number ``questions`` in order and name them ``q1``, ``q2``, ... (and in ``__all__``)
    in ``namespace``, an exercise module's ``globals()`` (``nb05`` is notebook ``"05"``)."""
    notebook = namespace["__name__"].rsplit(".", 1)[-1].removeprefix("nb")
    names = []
    for number, question in enumerate(questions, start=1):
        question.notebook, question.number = notebook, number
        namespace[f"q{number}"] = question
        names.append(f"q{number}")
    namespace["__all__"] = [*namespace.get("__all__", []), *names]
