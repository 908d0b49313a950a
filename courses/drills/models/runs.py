"""A trainee's run through a drill (DrillRun) and the answers it records (DrillAnswer).

Answers keep a snapshot of the step, the choice, its score and the guideline
items it maps to, so a report stays the same if editors later revise the drill.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..scoring import Level
from .results import ScoredResult
from .steps import DrillStep


class DrillRun(ScoredResult):
    class Status(models.TextChoices):
        IN_PROGRESS = "in_progress", _("进行中")
        COMPLETED = "completed", _("已完成")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="drill_runs", verbose_name=_("学员")
    )
    scenario = models.ForeignKey(
        "drills.DrillPage", on_delete=models.CASCADE, related_name="runs", verbose_name=_("演练")
    )
    status = models.CharField(_("状态"), max_length=20, choices=Status.choices, default=Status.IN_PROGRESS)
    current_step = models.ForeignKey(
        DrillStep,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("当前步骤"),
    )
    started_at = models.DateTimeField(_("开始时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("最近作答"), auto_now=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("演练记录")
        verbose_name_plural = _("演练记录")
        ordering = ["-started_at"]
        constraints = [
            # One open run per person and drill: starting again resumes it.
            models.UniqueConstraint(
                fields=["user", "scenario"],
                condition=Q(status="in_progress"),
                name="drills_one_open_run_per_user_scenario",
            )
        ]

    def __str__(self):
        return f"{self.user} · {self.scenario_id} · {self.get_status_display()}"

    def get_absolute_url(self):
        if self.is_completed:
            return reverse("drills:run_report", args=[self.pk])
        return reverse("drills:run", args=[self.pk])

    @property
    def is_completed(self):
        return self.status == self.Status.COMPLETED


class DrillAnswer(models.Model):
    run = models.ForeignKey(
        DrillRun, on_delete=models.CASCADE, related_name="answers", verbose_name=_("演练记录")
    )
    position = models.PositiveSmallIntegerField(_("序号"))
    step = models.ForeignKey(
        DrillStep, null=True, on_delete=models.SET_NULL, related_name="answers", verbose_name=_("步骤")
    )
    choice = models.ForeignKey(
        "drills.DrillChoice",
        null=True,
        on_delete=models.SET_NULL,
        related_name="answers",
        verbose_name=_("选项"),
    )
    phase = models.CharField(_("环节"), max_length=20, choices=DrillStep.Phase.choices)
    step_title = models.CharField(_("步骤标题"), max_length=100)
    question = models.TextField(_("执法人员的要求或提问"))
    choice_text = models.CharField(_("所选选项"), max_length=300)
    score = models.PositiveSmallIntegerField(_("得分"))
    max_score = models.PositiveSmallIntegerField(_("本步满分"))
    level = models.CharField(_("评级"), max_length=10, choices=Level.choices)
    feedback = models.TextField(_("点评"), blank=True)
    guideline_items = models.ManyToManyField(
        "library.GuidelineItem", blank=True, related_name="+", verbose_name=_("对应指引条目")
    )
    answered_at = models.DateTimeField(_("作答时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("演练作答")
        verbose_name_plural = _("演练作答")
        ordering = ["run", "position"]
        constraints = [
            models.UniqueConstraint(fields=["run", "step"], name="drills_answer_once_per_step"),
            models.UniqueConstraint(fields=["run", "position"], name="drills_answer_position_unique"),
        ]

    def __str__(self):
        return f"{self.step_title}: {self.choice_text}"
