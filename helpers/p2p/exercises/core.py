"""The exercise framework: a :class:`Question` with ``check``, ``hint`` and ``solution``."""

from __future__ import annotations

import textwrap
from collections.abc import Callable


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


MISSING = _Missing()
"""Stands for "no answer given" (distinct from ``None``, which learners may pass)."""


class Verdict:
    """The result of a check: true when the answer is right.

    It behaves like a bool (``if q1.check(answer): ...``) but shows nothing in a notebook,
    so a check cell displays only its message, not a trailing ``True`` or ``False``.
    """

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


class Question:
    """One exercise question.

    Args:
        notebook: the notebook number, such as ``"01"``.
        number: the question number within the notebook.
        title: one line that says what the question asks.
        checker: ``checker(answer, **context)`` raises :class:`Wrong` with a specific
            message when the answer is wrong, and returns normally when it is right.
        hint: a nudge that does not give the answer away.
        solution: the worked answer as code. It assigns the answer to a variable
            named ``answer``; the tests run exactly this code.
        setup: optional code run before ``solution`` (imports, data the notebook made).
        mistakes: typical wrong answers as ``(description, code)`` pairs; each code
            assigns a wrong ``answer``. The tests prove the check rejects them.
        alternatives: correct answers written another way, as ``(description, code)``
            pairs like ``mistakes``; each code assigns a right ``answer`` (another type,
            another API, another spelling). The tests prove the check accepts them.
        example_context: for questions that take context (``q.check(answer, table)``),
            a function returning a context like the notebook's, used by the tests.
    """

    def __init__(
        self,
        notebook: str,
        number: int,
        title: str,
        checker: Callable,
        hint: str,
        solution: str,
        setup: str = "",
        mistakes: list[tuple[str, str]] | None = None,
        alternatives: list[tuple[str, str]] | None = None,
        example_context: Callable[[], dict] | None = None,
    ):
        self.notebook = notebook
        self.number = number
        self.title = title
        self._checker = checker
        self._hint = hint
        self.solution_code = textwrap.dedent(solution).strip()
        self.setup_code = textwrap.dedent(setup).strip()
        self.mistakes = [(d, textwrap.dedent(c).strip()) for d, c in (mistakes or [])]
        self.alternatives = [(d, textwrap.dedent(c).strip()) for d, c in (alternatives or [])]
        self.example_context = example_context or dict

    @property
    def name(self) -> str:
        """A short id such as ``"01.q2"``."""
        return f"{self.notebook}.q{self.number}"

    def __repr__(self) -> str:
        return f"<Question {self.name}: {self.title}>"

    def check(self, answer=MISSING, **context) -> Verdict:
        """Check ``answer``; print what is right or what is off. Never raises.

        Returns a :class:`Verdict`, true for a correct answer.
        """
        if answer is MISSING or answer is None or answer is Ellipsis:
            print(
                f"\N{WHITE QUESTION MARK ORNAMENT} Question {self.number}: no answer yet. "
                "Replace the placeholder with your answer and run the cell again."
            )
            return Verdict(False)
        try:
            self._checker(answer, **context)
        except Wrong as wrong:
            print(f"\N{CROSS MARK} Not yet: {wrong}")
            return Verdict(False)
        except Exception as error:  # noqa: BLE001 - a check must never crash on odd input
            print(
                f"\N{CROSS MARK} Not yet: this answer could not be checked "
                f"({type(error).__name__}: {error}). Look at the question again: "
                f"{self.title}"
            )
            return Verdict(False)
        print(f"\N{WHITE HEAVY CHECK MARK} Correct! {self.title}")
        return Verdict(True)

    def hint(self) -> None:
        """Show a nudge towards the answer."""
        _display_markdown(f"**Hint {self.number}:** {self._hint}")

    def solution(self) -> None:
        """Show the worked answer."""
        _display_markdown(f"**Solution {self.number}:**\n\n```python\n{self.solution_code}\n```")

    def _run(self, code: str, context: dict):
        namespace = dict(context)
        if self.setup_code:
            exec(self.setup_code, namespace)  # noqa: S102 - our own reference code
        exec(code, namespace)  # noqa: S102
        return namespace["answer"]

    def reference(self, **context):
        """Run the worked solution and return its answer (used by the tests)."""
        return self._run(self.solution_code, context)

    def mistaken_answers(self, **context) -> list[tuple[str, object]]:
        """Run each typical mistake and return ``(description, wrong answer)`` pairs."""
        return [(d, self._run(code, context)) for d, code in self.mistakes]

    def alternative_answers(self, **context) -> list[tuple[str, object]]:
        """Run each alternative right answer and return ``(description, answer)`` pairs."""
        return [(d, self._run(code, context)) for d, code in self.alternatives]
