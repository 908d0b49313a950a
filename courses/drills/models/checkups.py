"""Saved self-check (合规体检) results of signed-in users; anonymous results are never stored."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..scoring import Answer, Level
from .results import ScoredResult


class SelfCheckResult(ScoredResult):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="self_check_results",
        verbose_name=_("用户"),
    )
    page = models.ForeignKey(
        "drills.SelfCheckPage",
        null=True,
        on_delete=models.SET_NULL,
        related_name="results",
        verbose_name=_("合规体检"),
    )
    industry = models.ForeignKey(
        "library.Industry",
        null=True,
        on_delete=models.SET_NULL,
        related_name="self_check_results",
        verbose_name=_("行业"),
    )
    title = models.CharField(_("体检名称"), max_length=255)
    subject = models.CharField(_("受检企业"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("体检时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("合规体检结果")
        verbose_name_plural = _("合规体检结果")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.title} · {self.created_at:%Y-%m-%d}"

    def get_absolute_url(self):
        return reverse("drills:checkup_report", args=[self.pk])


class SelfCheckAnswer(models.Model):
    result = models.ForeignKey(SelfCheckResult, on_delete=models.CASCADE, related_name="answers")
    position = models.PositiveSmallIntegerField(_("序号"))
    item = models.ForeignKey(
        "library.GuidelineItem",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("指引条目"),
    )
    item_title = models.CharField(_("条目"), max_length=200)
    item_level = models.CharField(_("条目等级"), max_length=10, choices=Level.choices)
    section = models.CharField(_("风险领域"), max_length=50, blank=True)
    answer = models.CharField(_("回答"), max_length=10, choices=Answer.choices)
    level = models.CharField(_("评级"), max_length=10, choices=Level.choices)
    score = models.PositiveSmallIntegerField(_("得分"))
    max_score = models.PositiveSmallIntegerField(_("满分"))

    class Meta:
        verbose_name = _("体检作答")
        verbose_name_plural = _("体检作答")
        ordering = ["result", "position"]
        constraints = [
            models.UniqueConstraint(fields=["result", "position"], name="drills_checkup_position_unique"),
        ]

    def __str__(self):
        return f"{self.item_title}: {self.get_answer_display()}"
