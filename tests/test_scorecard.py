"""p2p.scorecard: every check writes its verdict; p2p.progress() shows them."""

import json

import p2p
from p2p import scorecard
from p2p.exercises import Question, Wrong, all_questions
from p2p.exercises.nb01 import q1, q2


def right_answer(question):
    return question.reference()


def test_checks_are_recorded_and_a_right_answer_stays_right(capsys):
    assert scorecard.read() == {}
    q1.check(0.0)
    assert scorecard.read() == {"01.q1": "tried"}
    q1.check(right_answer(q1))
    q1.check(0.0)  # wrong after right: still got right once
    q2.check()  # no answer yet: nothing to record
    assert scorecard.read() == {"01.q1": "right"}
    path = p2p.course_home() / "data" / "results" / "progress.json"
    assert json.loads(path.read_text()) == {"01.q1": "right"}


def test_progress_lists_every_question_of_every_notebook(capsys):
    q1.check(right_answer(q1))
    q2.check("not a number")
    capsys.readouterr()
    p2p.progress()
    shown = capsys.readouterr().out.splitlines()
    questions = all_questions()
    notebooks = sorted({q.notebook for q in questions})
    assert shown[0].startswith(f"1 of {len(questions)} questions right")
    listed = [line for line in shown if line.startswith("notebook ")]
    assert [line.split(":")[0] for line in listed] == [f"notebook {n}" for n in notebooks]
    first = listed[0]
    assert first.startswith(f"notebook 01: 1 of {sum(q.notebook == '01' for q in questions)}")
    assert "q1 ✓  q2 ✗  q3 ·" in first
    assert all("✓" not in line and "✗" not in line for line in listed[1:])
    assert str(scorecard.scorecard_file()) in shown[-1]


def test_a_damaged_record_is_said_and_kept_and_checks_still_work(capsys):
    path = scorecard.scorecard_file()
    path.write_text("{ half a file")
    p2p.progress()
    said = capsys.readouterr().out
    assert "could not be read" in said and str(path) in said and "Delete the file" in said
    assert q1.check(right_answer(q1))
    assert path.read_text() == "{ half a file"  # nothing overwritten


def test_an_unwritable_record_does_not_break_a_check(capsys):
    scorecard.scorecard_file().mkdir()  # a folder where the file should be
    assert q1.check(right_answer(q1))
    assert not q1.check(0.0)
    assert "Correct!" in capsys.readouterr().out


def test_a_question_outside_a_notebook_is_not_recorded(capsys):
    def checker(answer):
        if answer != 1:
            raise Wrong("one")

    assert Question("one", checker=checker, hint="1").check(1)
    assert scorecard.read() == {}
