"""A consultation request and everything that happens to it: messages, transfers, rating, audit."""

import os
import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.storage import private_storage


class Status(models.TextChoices):
    NEW = "new", _("待响应")
    ACKNOWLEDGED = "acknowledged", _("已响应")
    IN_PROGRESS = "in_progress", _("办理中")
    ANSWERED = "answered", _("已答复")
    CLOSED = "closed", _("已办结")


class Complexity(models.TextChoices):
    UNSET = "", _("未定")
    SIMPLE = "simple", _("简单事项")
    COMPLEX = "complex", _("复杂事项")


class Stage(models.TextChoices):
    """The two stages of the 315 clock."""

    ACK = "ack", _("响应")
    ANSWER = "answer", _("答复")


OUTCOME_LABELS = {"met": _("按时"), "missed": _("超时"), "pending": _("未到期"), "overdue": _("已逾期未办")}


class ConsultationRequest(models.Model):
    """A question an enterprise member asks the desk; its deadlines never restart on transfer."""

    enterprise = models.ForeignKey(
        "accounts.Enterprise",
        verbose_name=_("企业"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="consultations",
    )
    asker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("提问人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="consultations",
    )
    industry = models.ForeignKey(
        "library.Industry",
        verbose_name=_("行业"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    risk_area = models.ForeignKey(
        "library.RiskArea",
        verbose_name=_("风险领域"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    title = models.CharField(_("标题"), max_length=120)
    description = models.TextField(_("问题描述"))
    urgent = models.BooleanField(_("紧急"), default=False)
    may_publish_anonymously = models.BooleanField(_("同意匿名公开"), default=False)
    department = models.ForeignKey(
        "consult.Department", verbose_name=_("受理部门"), on_delete=models.PROTECT, related_name="requests"
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("承办人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_consultations",
    )
    complexity = models.CharField(
        _("事项类型"), max_length=10, choices=Complexity.choices, default=Complexity.UNSET, blank=True
    )
    status = models.CharField(_("状态"), max_length=20, choices=Status.choices, default=Status.NEW)

    submitted_at = models.DateTimeField(_("提交时间"), default=timezone.now, db_index=True)
    ack_due_at = models.DateTimeField(_("响应期限"))
    acknowledged_at = models.DateTimeField(_("响应时间"), null=True, blank=True)
    ack_met_at = models.DateTimeField(_("按时响应于"), null=True, blank=True)
    ack_missed_at = models.DateTimeField(_("响应超时于"), null=True, blank=True)
    answer_due_at = models.DateTimeField(_("答复期限"))
    answered_at = models.DateTimeField(_("首次答复时间"), null=True, blank=True)
    answer_met_at = models.DateTimeField(_("按时答复于"), null=True, blank=True)
    answer_missed_at = models.DateTimeField(_("答复超时于"), null=True, blank=True)
    closed_at = models.DateTimeField(_("办结时间"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("办结人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    closing_summary = models.TextField(_("办结说明"), blank=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("咨询")
        verbose_name_plural = _("咨询")
        ordering = ["-submitted_at"]
        indexes = [models.Index(fields=["department", "status"])]

    def __str__(self):
        return f"{self.reference} {self.title}"

    def get_absolute_url(self):
        return reverse("consult:detail", args=[self.pk])

    @property
    def reference(self):
        return f"ZX{self.submitted_at.astimezone(timezone.get_default_timezone()):%Y}-{self.pk or 0:05d}"

    @property
    def is_open(self):
        return self.status != Status.CLOSED

    def due_at(self, stage):
        return self.ack_due_at if stage == Stage.ACK else self.answer_due_at

    def done_at(self, stage):
        return self.acknowledged_at if stage == Stage.ACK else self.answered_at

    def outcome(self, stage):
        """ "met", "missed" or "pending" for one stage of the clock."""
        met, missed = (
            (self.ack_met_at, self.ack_missed_at)
            if stage == Stage.ACK
            else (self.answer_met_at, self.answer_missed_at)
        )
        if missed:
            return "missed"
        if met:
            return "met"
        return "pending"

    @property
    def ack_outcome(self):
        return self.outcome(Stage.ACK)

    @property
    def answer_outcome(self):
        return self.outcome(Stage.ANSWER)

    def outcome_label(self, stage):
        outcome = self.outcome(stage)
        # Before the scheduled check records the miss, a passed deadline already shows as such.
        if outcome == "pending" and self.is_open and self.due_at(stage) <= timezone.now():
            outcome = "overdue"
        return OUTCOME_LABELS[outcome]

    @property
    def ack_outcome_label(self):
        return self.outcome_label(Stage.ACK)

    @property
    def answer_outcome_label(self):
        return self.outcome_label(Stage.ANSWER)

    @property
    def within_limits_label(self):
        return {True: _("是"), False: _("否"), None: ""}[self.within_limits]

    @property
    def rating_score(self):
        rating = getattr(self, "rating", None) if self.status == Status.CLOSED else None
        return rating.score if rating else None

    @property
    def within_limits(self):
        """True when both stages were met, False when one was missed, None while undecided."""
        outcomes = {self.ack_outcome, self.answer_outcome}
        if "missed" in outcomes:
            return False
        if outcomes == {"met"}:
            return True
        return None


class Message(models.Model):
    """One turn of the exchange, from the enterprise or from a department."""

    class Side(models.TextChoices):
        ENTERPRISE = "enterprise", _("企业")
        DEPARTMENT = "department", _("部门")

    request = models.ForeignKey(ConsultationRequest, on_delete=models.CASCADE, related_name="messages")
    side = models.CharField(_("发送方"), max_length=12, choices=Side.choices)
    sender = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("发送人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    department = models.ForeignKey(
        "consult.Department",
        verbose_name=_("部门"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    text = models.TextField(_("内容"))
    created_at = models.DateTimeField(_("时间"), default=timezone.now)

    class Meta:
        verbose_name = _("咨询往来")
        verbose_name_plural = _("咨询往来")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.get_side_display()} {self.created_at:%Y-%m-%d %H:%M}"


def attachment_path(instance, filename):
    # A random folder keeps stored names unguessable; the original name is kept on the row.
    extension = os.path.splitext(filename)[1].lower()
    return f"consult/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{extension}"


class Attachment(models.Model):
    """A file sent with a message; served only through the access-checked download view."""

    request = models.ForeignKey(ConsultationRequest, on_delete=models.CASCADE, related_name="attachments")
    # Empty for the files sent with the question itself.
    message = models.ForeignKey(
        Message, null=True, blank=True, on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(_("文件"), upload_to=attachment_path, storage=private_storage, max_length=200)
    original_name = models.CharField(_("文件名"), max_length=200)
    size = models.PositiveIntegerField(_("大小（字节）"))
    kind = models.CharField(_("类型"), max_length=10)
    uploaded_at = models.DateTimeField(_("上传时间"), default=timezone.now)

    class Meta:
        verbose_name = _("附件")
        verbose_name_plural = _("附件")
        ordering = ["pk"]

    def __str__(self):
        return self.original_name

    def get_absolute_url(self):
        return reverse("consult:attachment", args=[self.pk])


class Transfer(models.Model):
    """A hand-over to another department; the request keeps its deadlines."""

    request = models.ForeignKey(ConsultationRequest, on_delete=models.CASCADE, related_name="transfers")
    from_department = models.ForeignKey(
        "consult.Department", verbose_name=_("原部门"), on_delete=models.PROTECT, related_name="+"
    )
    to_department = models.ForeignKey(
        "consult.Department", verbose_name=_("转至部门"), on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField(_("转办理由"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("经办人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("转办时间"), default=timezone.now)

    class Meta:
        verbose_name = _("转办记录")
        verbose_name_plural = _("转办记录")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.from_department} → {self.to_department}"


class Rating(models.Model):
    """The enterprise's satisfaction with the answer, given on closing."""

    request = models.OneToOneField(ConsultationRequest, on_delete=models.CASCADE, related_name="rating")
    score = models.PositiveSmallIntegerField(
        _("评分"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.TextField(_("评价"), blank=True)
    rated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("评价人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("评价时间"), default=timezone.now)

    class Meta:
        verbose_name = _("满意度评价")
        verbose_name_plural = _("满意度评价")

    def __str__(self):
        return f"{self.request_id}: {self.score}"

    @property
    def is_satisfied(self):
        return self.score >= 4


class AuditEntry(models.Model):
    """Who viewed or changed a request, and when (privacy: every access leaves a trace)."""

    class Action(models.TextChoices):
        VIEW = "view", _("查看")
        SUBMIT = "submit", _("提交")
        ACKNOWLEDGE = "acknowledge", _("响应")
        ASSIGN = "assign", _("分派")
        TRANSFER = "transfer", _("转办")
        CLASSIFY = "classify", _("定性")
        ANSWER = "answer", _("答复")
        REPLY = "reply", _("企业回复")
        CLOSE = "close", _("办结评价")
        FINISH = "finish", _("办结")
        DOWNLOAD = "download", _("下载附件")
        DEADLINE = "deadline", _("期限提醒")

    request = models.ForeignKey(ConsultationRequest, on_delete=models.CASCADE, related_name="audit_entries")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("用户"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("操作"), max_length=12, choices=Action.choices)
    detail = models.CharField(_("说明"), max_length=255, blank=True)
    at = models.DateTimeField(_("时间"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("审计记录")
        verbose_name_plural = _("审计记录")
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_action_display()}"


class DeadlineNotice(models.Model):
    """A warning or overdue notice sent once per request, stage and kind."""

    class Kind(models.TextChoices):
        WARNING = "warning", _("临期提醒")
        OVERDUE = "overdue", _("超时提醒")

    request = models.ForeignKey(ConsultationRequest, on_delete=models.CASCADE, related_name="notices")
    stage = models.CharField(_("环节"), max_length=10, choices=Stage.choices)
    kind = models.CharField(_("类型"), max_length=10, choices=Kind.choices)
    sent_at = models.DateTimeField(_("发送时间"), default=timezone.now)
    recipients = models.TextField(_("收件人"), blank=True)

    class Meta:
        verbose_name = _("期限提醒")
        verbose_name_plural = _("期限提醒")
        constraints = [
            models.UniqueConstraint(fields=["request", "stage", "kind"], name="consult_notice_once_per_stage")
        ]

    def __str__(self):
        return f"{self.request_id} {self.stage} {self.kind}"
