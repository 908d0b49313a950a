"""Scoring and grading rules shared by drills and self-checks (plain functions, no database)."""

from decimal import ROUND_HALF_UP, Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    """A finding's traffic light, the same vocabulary as library's GuidelineItem.Level."""

    RED = "red", _("红灯")
    YELLOW = "yellow", _("黄灯")
    GREEN = "green", _("绿灯")


LEVEL_ORDER = {Level.RED: 0, Level.YELLOW: 1, Level.GREEN: 2}


class Grade(models.TextChoices):
    EXCELLENT = "excellent", _("优秀")
    GOOD = "good", _("良好")
    PASS = "pass", _("合格")
    RECTIFY = "rectify", _("需整改")


# Lowest percentage for each grade, best first.
GRADE_THRESHOLDS = [(Decimal(90), Grade.EXCELLENT), (Decimal(75), Grade.GOOD), (Decimal(60), Grade.PASS)]


def percent(score, max_score):
    """Score as a percentage with one decimal, or None when nothing was scorable."""
    if not max_score:
        return None
    value = Decimal(score) * 100 / Decimal(max_score)
    return value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def grade_for(pct, red_count=0):
    """The grade for a percentage. Any red-line finding vetoes the result (一票否决)."""
    if pct is None:
        return ""
    if red_count:
        return Grade.RECTIFY
    for threshold, grade in GRADE_THRESHOLDS:
        if pct >= threshold:
            return grade
    return Grade.RECTIFY


class Answer(models.TextChoices):
    """A self-check answer to "does your firm do this?"."""

    YES = "yes", _("是，已做到")
    PARTLY = "partly", _("部分做到")
    NO = "no", _("否，未做到")
    NOT_APPLICABLE = "na", _("不适用")


# Points an item is worth in a self-check, by its guideline level: red lines weigh most.
ITEM_WEIGHTS = {Level.RED: 6, Level.YELLOW: 4, Level.GREEN: 2}


def self_check_points(item_level, answer):
    """(earned, possible) points for one self-check answer; (0, 0) when not applicable."""
    weight = ITEM_WEIGHTS.get(item_level, ITEM_WEIGHTS[Level.YELLOW])
    if answer == Answer.NOT_APPLICABLE:
        return 0, 0
    if answer == Answer.YES:
        return weight, weight
    if answer == Answer.PARTLY:
        return weight // 2, weight
    return 0, weight


def self_check_level(item_level, answer):
    """The finding's light: a red line not held is red; a bottom line not held is yellow."""
    if answer in (Answer.YES, Answer.NOT_APPLICABLE):
        return Level.GREEN
    if answer == Answer.PARTLY:
        return Level.YELLOW if item_level in (Level.RED, Level.YELLOW) else Level.GREEN
    if item_level == Level.RED:
        return Level.RED
    return Level.YELLOW if item_level == Level.YELLOW else Level.GREEN
