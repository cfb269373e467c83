"""Every exercise: the reference solution passes, typical mistakes and odd input fail.

The typical mistakes, the right answers written another way and the examples of the
notebook's variables come from tests/exercises/cases_nbNN.py."""

from __future__ import annotations

import importlib

import keras
import pytest

from p2p.exercises import all_questions

from tests.exercises import alternative_answers, cases_of, examples_of, mistaken_answers

QUESTIONS = all_questions()
IDS = [q.name for q in QUESTIONS]


def odd_answers():
    """Answers of the wrong kind that a check must reject without raising."""
    import keras

    half_built = keras.Sequential([keras.layers.Flatten(), keras.layers.Dense(10)])
    return [None, "42", 42, 3.5, [], {}, (1, 2), object(), half_built, keras.layers.Dense(3)]


def test_every_notebook_has_three_or_more_questions():
    per_notebook = {}
    for q in QUESTIONS:
        per_notebook.setdefault(q.notebook, []).append(q.number)
    assert set(per_notebook) >= {"01", "02"}
    for notebook, numbers in per_notebook.items():
        assert len(numbers) >= 3, f"notebook {notebook} has {len(numbers)} questions"
        assert sorted(numbers) == list(range(1, len(numbers) + 1)), notebook


def test_every_case_belongs_to_a_question():
    """Each notebook has its module of cases, keyed by its questions' names only."""
    numbers = {}
    for q in QUESTIONS:
        numbers.setdefault(q.notebook, set()).add(f"q{q.number}")
    for notebook, names in numbers.items():
        cases = cases_of(next(q for q in QUESTIONS if q.notebook == notebook))
        for table in ("MISTAKES", "ALTERNATIVES", "EXAMPLES"):
            keys = set(getattr(cases, table, {}))
            assert keys <= names, f"cases_nb{notebook}.{table}: no question {keys - names}"


@pytest.fixture(autouse=True)
def seeded():
    """Seeds as every notebook's first cell sets them (p2p.setup): the runs that train a
    model give the same curves each time (06.q5 needs a best epoch before the last)."""
    keras.utils.set_random_seed(42)


@pytest.mark.parametrize("question", QUESTIONS, ids=IDS)
def test_reference_solution_passes(question, capsys):
    examples = examples_of(question)
    answer = question.reference(**examples)
    assert question.check(answer, **question.check_variables(examples))
    assert "Correct" in capsys.readouterr().out


WITH_DATA = [q for q in QUESTIONS if f"q{q.number}" in getattr(cases_of(q), "EXAMPLES", {})]


@pytest.mark.parametrize("question", WITH_DATA, ids=[q.name for q in WITH_DATA])
def test_reference_solution_passes_on_cifar10_too(question, shared_cifar, monkeypatch, capsys):
    """The tests above load the offline digits; the notebooks load CIFAR-10 by default."""
    monkeypatch.setenv("COURSE_DATA_DIR", str(shared_cifar.parent))
    keras.utils.set_random_seed(42)
    examples = examples_of(question)
    answer = question.reference(**examples)
    verdict = question.check(answer, **question.check_variables(examples))
    assert verdict, capsys.readouterr().out


@pytest.mark.parametrize("question", QUESTIONS, ids=IDS)
def test_typical_mistakes_fail_with_specific_feedback(question, capsys):
    examples = examples_of(question)
    context = question.check_variables(examples)
    mistakes = mistaken_answers(question, examples)
    assert len(mistakes) >= 3, f"{question.name} lists fewer than three typical mistakes"
    for description, wrong in mistakes:
        assert not question.check(wrong, **context), description
        out = capsys.readouterr().out
        assert "Not yet" in out, description
        assert "could not be checked" not in out, f"{description}: feedback is not specific"


@pytest.mark.parametrize("question", QUESTIONS, ids=IDS)
def test_right_answers_written_another_way_pass(question, capsys):
    examples = examples_of(question)
    context = question.check_variables(examples)
    alternatives = alternative_answers(question, examples)
    assert len(alternatives) >= 2, f"{question.name} lists fewer than two alternative answers"
    for description, right in alternatives:
        passed = question.check(right, **context)
        out = capsys.readouterr().out
        assert passed, f"{description}: {out}"
        assert "Correct" in out, description


@pytest.mark.parametrize("question", QUESTIONS, ids=IDS)
def test_odd_answers_fail_without_raising(question, capsys):
    context = question.check_variables(examples_of(question))
    for odd in odd_answers():
        assert not question.check(odd, **context), repr(odd)
    assert not question.check()  # no answer at all
    assert "Traceback" not in capsys.readouterr().out


@pytest.mark.parametrize("question", QUESTIONS, ids=IDS)
def test_hint_and_solution_show_text(question, capsys):
    question.hint()
    question.solution()
    out = capsys.readouterr().out
    assert f"Hint {question.number}" in out
    assert "answer =" in out or "answer." in out


def _notebook_of(question):
    from tests.support import NOTEBOOKS

    return next(path for path in NOTEBOOKS if path.name.startswith(question.notebook))


def _code_cells(path):
    """The notebook's code cells as Python, as IPython runs them (``%pip`` and the like
    become function calls)."""
    import json

    from IPython.core.inputtransformer2 import TransformerManager

    cells = json.loads(path.read_text())["cells"]
    python = TransformerManager().transform_cell
    return [python("".join(c["source"])) for c in cells if c["cell_type"] == "code"]


def _bound_names(tree) -> set[str]:
    """Names a piece of code binds: imports, assignments, definitions, loop targets."""
    import ast

    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            names |= {(a.asname or a.name).split(".")[0] for a in node.names}
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, ast.FunctionDef | ast.ClassDef):
            names.add(node.name)
    return names


@pytest.mark.parametrize("question", QUESTIONS, ids=IDS)
def test_notebook_provides_what_the_solution_uses(question):
    """The notebook's exercise cell can run the shown solution: every name the solution
    uses is bound before the check cell, example data come from the question's own
    module under the same name, and the check call passes the notebook variables the
    checker reads."""
    import ast
    import inspect

    module_name = f"p2p.exercises.nb{question.notebook}"
    solution = question.solution_function
    used = set(inspect.getclosurevars(solution).globals)
    used |= set(inspect.signature(solution).parameters)
    cells = _code_cells(_notebook_of(question))
    call = f"q{question.number}.check("
    at = next(i for i, source in enumerate(cells) if call in source)
    bound, imported_data = set(), set()
    for source in cells[: at + 1]:
        tree = ast.parse(source)
        bound |= _bound_names(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module == module_name:
                imported_data |= {a.name for a in node.names if a.asname in (None, a.name)}
    missing = used - bound
    assert not missing, f"the notebook does not define {sorted(missing)} before {call}...)"
    module = importlib.import_module(module_name)
    for name in used:
        value = vars(module).get(name)
        if value is not None and not inspect.ismodule(value):
            assert name in imported_data, f"import {name} from {module_name} under its name"
    check_call = next(
        node
        for node in ast.walk(ast.parse(cells[at]))
        if isinstance(node, ast.Call) and ast.unparse(node.func) == f"q{question.number}.check"
    )
    passed = {keyword.arg for keyword in check_call.keywords}
    wanted = set(question.check_variables(examples_of(question)))
    assert passed == wanted, f"{call}answer, ...) should pass {sorted(wanted)}"
