"""整改计划: a report's red and yellow findings as tasks with owners, due dates, evidence and re-checks.

A plan keeps a snapshot of each finding (item title, legal basis, remedy), so
it reads the same after editors revise the guideline it came from.
"""

from django.apps import apps
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from courses.drills.scoring import Grade, Level

from ..evidence import private_storage


class Plan(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("整改中")
        CLOSED = "closed", _("已完成")

    class Source(models.TextChoices):
        SELF_CHECK = "self_check", _("合规体检")
        DRILL = "drill", _("模拟执法检查")

    enterprise = models.ForeignKey(
        "accounts.Enterprise",
        on_delete=models.CASCADE,
        related_name="rectification_plans",
        verbose_name=_("企业"),
    )
    industry = models.ForeignKey(
        "library.Industry",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="rectification_plans",
        verbose_name=_("行业"),
    )
    title = models.CharField(_("计划名称"), max_length=255)
    source = models.CharField(_("来源"), max_length=20, choices=Source.choices)
    self_check = models.ForeignKey(
        "drills.SelfCheckResult",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="rectification_plans",
        verbose_name=_("来源体检"),
    )
    drill_run = models.ForeignKey(
        "drills.DrillRun",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="rectification_plans",
        verbose_name=_("来源演练"),
    )
    self_check_page = models.ForeignKey(
        "drills.SelfCheckPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("复查使用的合规体检"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="rectification_plans_created",
        verbose_name=_("创建人"),
    )
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(_("创建时间"), default=timezone.now)
    closed_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    # The report the plan started from, and the latest re-check ("before / after").
    before_grade = models.CharField(_("整改前评级"), max_length=20, choices=Grade.choices, blank=True)
    before_percent = models.DecimalField(
        _("整改前得分率"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    before_red = models.PositiveSmallIntegerField(_("整改前红灯"), default=0)
    before_yellow = models.PositiveSmallIntegerField(_("整改前黄灯"), default=0)
    after_grade = models.CharField(_("复查评级"), max_length=20, choices=Grade.choices, blank=True)
    after_percent = models.DecimalField(
        _("复查得分率"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    after_red = models.PositiveSmallIntegerField(_("复查红灯"), null=True, blank=True)
    after_yellow = models.PositiveSmallIntegerField(_("复查黄灯"), null=True, blank=True)

    class Meta:
        verbose_name = _("整改计划")
        verbose_name_plural = _("整改计划")
        ordering = ["-created_at"]
        constraints = [
            # One plan per report: creating it again opens the existing plan.
            models.UniqueConstraint(
                fields=["self_check"], condition=Q(self_check__isnull=False), name="rect_one_plan_per_check"
            ),
            models.UniqueConstraint(
                fields=["drill_run"], condition=Q(drill_run__isnull=False), name="rect_one_plan_per_run"
            ),
        ]
        indexes = [models.Index(fields=["enterprise", "status"], name="rect_plan_firm_status")]
        permissions = [("view_risk_picture", _("查看风险研判（跨企业汇总）"))]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("rectification:plan", args=[self.pk])

    @property
    def is_closed(self):
        return self.status == self.Status.CLOSED


class Task(models.Model):
    class Status(models.TextChoices):
        TO_RECTIFY = "todo", _("待整改")
        IN_PROGRESS = "in_progress", _("整改中")
        REVIEW = "review", _("待复查")
        DONE = "done", _("已完成")
        NOT_APPLICABLE = "na", _("不适用")

    OPEN_STATUSES = (Status.TO_RECTIFY, Status.IN_PROGRESS)
    CLOSED_STATUSES = (Status.DONE, Status.NOT_APPLICABLE)

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="tasks", verbose_name=_("整改计划"))
    position = models.PositiveSmallIntegerField(_("序号"))
    item = models.ForeignKey(
        "library.GuidelineItem",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="rectification_tasks",
        verbose_name=_("指引条目"),
    )
    risk_area = models.ForeignKey(
        "library.RiskArea",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="rectification_tasks",
        verbose_name=_("风险领域"),
    )
    title = models.CharField(_("整改事项"), max_length=200)
    question = models.CharField(_("检查事项"), max_length=200, blank=True)
    answer = models.CharField(_("原回答"), max_length=300, blank=True)
    level = models.CharField(_("问题等级"), max_length=10, choices=Level.choices)
    legal_basis = models.TextField(_("法律依据"), blank=True)
    remedy = models.TextField(_("整改建议"), blank=True)
    courses = models.ManyToManyField(
        "courses.CoursePage", blank=True, related_name="+", verbose_name=_("推荐课程")
    )
    cases = models.ManyToManyField(
        "library.CasePage", blank=True, related_name="+", verbose_name=_("参考案例")
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="rectification_tasks",
        verbose_name=_("责任人"),
    )
    due_date = models.DateField(_("整改期限"))
    status = models.CharField(_("状态"), max_length=20, choices=Status.choices, default=Status.TO_RECTIFY)
    not_applicable_reason = models.TextField(_("不适用理由"), blank=True)
    completed_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    after_level = models.CharField(_("复查结果"), max_length=10, choices=Level.choices, blank=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("整改任务")
        verbose_name_plural = _("整改任务")
        ordering = ["plan", "position"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "position"], name="rect_task_position_unique"),
        ]
        indexes = [
            models.Index(fields=["status", "due_date"], name="rect_task_status_due"),
            models.Index(fields=["owner", "status"], name="rect_task_owner_status"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("rectification:task", args=[self.pk])

    @property
    def is_closed(self):
        return self.status in self.CLOSED_STATUSES

    def is_overdue(self, today=None):
        today = today or timezone.localdate()
        return not self.is_closed and self.status != self.Status.REVIEW and self.due_date < today


class PlanEvent(models.Model):
    """The plan's history: notes, status changes, assignments, evidence, re-checks, shares."""

    class Kind(models.TextChoices):
        CREATED = "created", _("创建计划")
        ASSIGNED = "assigned", _("指派")
        STATUS = "status", _("状态变更")
        NOTE = "note", _("备注")
        EVIDENCE = "evidence", _("上传证明材料")
        EVIDENCE_REMOVED = "evidence_removed", _("删除证明材料")
        RECHECK = "recheck", _("复查")
        REPORT = "report", _("出具整改报告")
        SHARED = "shared", _("共享")
        UNSHARED = "unshared", _("撤销共享")
        CLOSED = "closed", _("计划完成")
        REOPENED = "reopened", _("计划重新打开")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="events")
    task = models.ForeignKey(Task, null=True, blank=True, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(_("类型"), max_length=20, choices=Kind.choices)
    # What people wrote (notes, reasons, file names), kept as written.
    text = models.TextField(_("内容"), blank=True)
    # What the system says, kept as a message key and its values, so it reads in the visitor's language.
    message = models.CharField(max_length=40, blank=True)
    params = models.JSONField(default=dict, blank=True)
    from_status = models.CharField(max_length=20, choices=Task.Status.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=Task.Status.choices, blank=True)
    created_at = models.DateTimeField(_("时间"), default=timezone.now)

    class Meta:
        verbose_name = _("整改记录")
        verbose_name_plural = _("整改记录")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.created_at:%Y-%m-%d}"

    @property
    def summary(self):
        """The system's message in the active language, or what the person wrote."""
        render = HISTORY_MESSAGES.get(self.message)
        return render(self.params) if render else self.text


def _date(value):
    parsed = parse_date(value or "")
    return formats.date_format(parsed, "DATE_FORMAT") if parsed else ""


def _owner(params):
    if params.get("erased"):
        from accounts.erasure import ERASED_NAME

        return str(ERASED_NAME)
    return params.get("owner") or gettext("未指派")


def _label(choices, value):
    try:
        return str(choices(value).label)
    except ValueError:
        return value or ""


# Message key -> how it reads; keys are stored, so rename one only with a data migration.
HISTORY_MESSAGES = {
    "created": lambda p: gettext("根据“%(title)s”创建，共 %(count)s 项整改任务。") % p,
    "assigned": lambda p: (
        gettext("责任人：%(owner)s；期限：%(due)s") % {"owner": _owner(p), "due": _date(p.get("due"))}
    ),
    "closed": lambda p: gettext("全部任务已完成。"),
    "recheck_passed": lambda p: gettext("复查通过"),
    "recheck_failed": lambda p: gettext("复查未通过：%(level)s") % {"level": _label(Level, p.get("level"))},
    "recheck": lambda p: (
        gettext("%(scope)s：通过 %(passed)s 项，未通过 %(failed)s 项；红灯 %(red)s、黄灯 %(yellow)s。")
        % {**p, "scope": _label(ReCheck.Scope, p.get("scope"))}
    ),
    "report": lambda p: gettext("验证码 %(code)s") % p,
    "shared": lambda p: (
        gettext("共享给 %(name)s（%(kind)s），有效期至 %(until)s")
        % {"name": p.get("name", ""), "kind": _recipient_kind(p.get("kind")), "until": _date(p.get("until"))}
    ),
    "unshared": lambda p: gettext("撤销对 %(name)s 的共享") % p,
}


def _recipient_kind(value):
    # Share is defined beside this module, which it imports: look it up by name instead.
    return _label(apps.get_model("rectification", "Share").RecipientKind, value)


def evidence_path(instance, filename):
    # The stored name never reuses the uploader's file name, which may carry personal data.
    import secrets
    from pathlib import PurePath

    suffix = PurePath(filename).suffix.lower()[:10]
    return f"rectification/{instance.task.plan.enterprise_id}/{secrets.token_hex(16)}{suffix}"


class Evidence(models.Model):
    """A file proving a task was rectified; private to the firm and those it shares the plan with."""

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="evidence", verbose_name=_("任务"))
    file = models.FileField(_("文件"), upload_to=evidence_path, storage=private_storage, max_length=255)
    original_name = models.CharField(_("文件名"), max_length=200)
    content_type = models.CharField(_("类型"), max_length=100)
    size = models.PositiveIntegerField(_("大小（字节）"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("上传人"),
    )
    uploaded_at = models.DateTimeField(_("上传时间"), default=timezone.now)

    class Meta:
        verbose_name = _("证明材料")
        verbose_name_plural = _("证明材料")
        ordering = ["task", "uploaded_at", "pk"]

    def __str__(self):
        return self.original_name

    def get_absolute_url(self):
        return reverse("rectification:evidence", args=[self.pk])


class ReCheck(models.Model):
    """复查: the same self-check (or only its failed items) answered again, with before and after."""

    class Scope(models.TextChoices):
        FAILED = "failed", _("仅复查未通过的条目")
        FULL = "full", _("完整合规体检")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="rechecks")
    result = models.ForeignKey(
        "drills.SelfCheckResult",
        null=True,
        on_delete=models.SET_NULL,
        related_name="rectification_rechecks",
        verbose_name=_("复查体检结果"),
    )
    scope = models.CharField(_("复查范围"), max_length=10, choices=Scope.choices)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("复查人"),
    )
    created_at = models.DateTimeField(_("复查时间"), default=timezone.now)
    before_red = models.PositiveSmallIntegerField(_("复查前红灯"), default=0)
    before_yellow = models.PositiveSmallIntegerField(_("复查前黄灯"), default=0)
    after_red = models.PositiveSmallIntegerField(_("复查后红灯"), default=0)
    after_yellow = models.PositiveSmallIntegerField(_("复查后黄灯"), default=0)
    passed = models.PositiveSmallIntegerField(_("通过条目"), default=0)
    failed = models.PositiveSmallIntegerField(_("未通过条目"), default=0)
    percent = models.DecimalField(_("得分率"), max_digits=4, decimal_places=1, null=True, blank=True)
    grade = models.CharField(_("评级"), max_length=20, choices=Grade.choices, blank=True)

    class Meta:
        verbose_name = _("复查")
        verbose_name_plural = _("复查")
        ordering = ["plan", "created_at", "pk"]

    def __str__(self):
        return f"{self.plan} · {self.created_at:%Y-%m-%d}"

    @property
    def pass_rate(self):
        total = self.passed + self.failed
        return round(100 * self.passed / total) if total else None


class Reminder(models.Model):
    """A reminder sent once per task, kind and due date: running the schedule again sends nothing new."""

    class Kind(models.TextChoices):
        DUE_SOON = "due_soon", _("即将到期")
        OVERDUE = "overdue", _("已逾期")

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    due_date = models.DateField()
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("整改提醒")
        verbose_name_plural = _("整改提醒")
        constraints = [
            models.UniqueConstraint(fields=["task", "kind", "due_date"], name="rect_reminder_once"),
        ]

    def __str__(self):
        return f"{self.task} · {self.get_kind_display()}"
