"""The figures every scored exercise keeps: a drill run and a self-check result share them."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from ..scoring import Grade, Level, grade_for, percent


class ScoredResult(models.Model):
    """Score, possible score, percentage, grade and the red/yellow findings of one scored exercise."""

    score = models.PositiveIntegerField(_("得分"), default=0)
    max_score = models.PositiveIntegerField(_("满分"), default=0)
    percent = models.DecimalField(_("得分率"), max_digits=4, decimal_places=1, null=True, blank=True)
    grade = models.CharField(_("评级"), max_length=20, choices=Grade.choices, blank=True)
    red_count = models.PositiveSmallIntegerField(_("红灯"), default=0)
    yellow_count = models.PositiveSmallIntegerField(_("黄灯"), default=0)

    class Meta:
        abstract = True

    def set_figures(self, rows):
        """Compute the figures from ``(score, max_score, level)`` rows, one per answer (not saved)."""
        rows = list(rows)
        self.score = sum(row[0] for row in rows)
        self.max_score = sum(row[1] for row in rows)
        self.red_count = sum(1 for row in rows if row[2] == Level.RED)
        self.yellow_count = sum(1 for row in rows if row[2] == Level.YELLOW)
        self.percent = percent(self.score, self.max_score)
        self.grade = grade_for(self.percent, self.red_count)
