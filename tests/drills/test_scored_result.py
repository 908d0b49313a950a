"""One abstract scored-result model behind drill runs and self-check results."""

from decimal import Decimal

from courses.drills.models import DrillRun, SelfCheckResult
from courses.drills.models.results import ScoredResult
from courses.drills.scoring import Grade, Level

FIGURES = ["score", "max_score", "percent", "grade", "red_count", "yellow_count"]


def test_runs_and_self_checks_share_the_figures():
    for model in (DrillRun, SelfCheckResult):
        assert issubclass(model, ScoredResult)
        for name in FIGURES:
            assert model._meta.get_field(name).model is model
    assert ScoredResult._meta.abstract


def test_figures_from_answers():
    result = SelfCheckResult()
    result.set_figures([(10, 10, Level.GREEN), (5, 10, Level.YELLOW), (0, 10, Level.YELLOW)])
    assert (result.score, result.max_score, result.red_count, result.yellow_count) == (15, 30, 0, 2)
    assert result.percent == Decimal("50.0")


def test_a_red_line_vetoes_the_grade_and_no_answers_score_nothing():
    run = DrillRun()
    run.set_figures([(10, 10, Level.GREEN), (9, 10, Level.RED)])
    assert run.red_count == 1 and run.grade == Grade.RECTIFY
    empty = DrillRun()
    empty.set_figures([])
    assert (empty.score, empty.max_score, empty.percent, empty.grade) == (0, 0, None, "")
