from decimal import Decimal

from courses.drills.scoring import (
    Answer,
    Grade,
    Level,
    grade_for,
    percent,
    self_check_level,
    self_check_points,
)


def test_percent_and_grades():
    assert percent(34, 40) == Decimal("85.0")
    assert percent(2, 3) == Decimal("66.7")
    assert percent(0, 0) is None
    assert grade_for(Decimal("90.0")) == Grade.EXCELLENT
    assert grade_for(Decimal("89.9")) == Grade.GOOD
    assert grade_for(Decimal("75")) == Grade.GOOD
    assert grade_for(Decimal("60")) == Grade.PASS
    assert grade_for(Decimal("59.9")) == Grade.RECTIFY
    assert grade_for(None) == ""


def test_a_red_line_vetoes_a_good_score():
    assert grade_for(Decimal("95"), red_count=1) == Grade.RECTIFY


def test_self_check_points_weigh_red_lines_most():
    assert self_check_points(Level.RED, Answer.YES) == (6, 6)
    assert self_check_points(Level.RED, Answer.PARTLY) == (3, 6)
    assert self_check_points(Level.YELLOW, Answer.NO) == (0, 4)
    assert self_check_points(Level.GREEN, Answer.YES) == (2, 2)
    assert self_check_points(Level.RED, Answer.NOT_APPLICABLE) == (0, 0)


def test_self_check_levels():
    assert self_check_level(Level.RED, Answer.NO) == Level.RED
    assert self_check_level(Level.RED, Answer.PARTLY) == Level.YELLOW
    assert self_check_level(Level.YELLOW, Answer.NO) == Level.YELLOW
    assert self_check_level(Level.GREEN, Answer.NO) == Level.GREEN
    assert self_check_level(Level.RED, Answer.YES) == Level.GREEN
    assert self_check_level(Level.RED, Answer.NOT_APPLICABLE) == Level.GREEN
