"""Registrations for an event and the attendees' feedback."""

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

# No 0/O/1/I/L: codes are typed by hand at the door.
TICKET_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
TICKET_LENGTH = 10  # 31**10 ≈ 8e14 codes: unguessable


def new_ticket_code():
    return "".join(secrets.choice(TICKET_ALPHABET) for _i in range(TICKET_LENGTH))


class Registration(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("待审核")
        CONFIRMED = "confirmed", _("已确认")
        WAITLISTED = "waitlisted", _("候补")
        CANCELLED = "cancelled", _("已取消")

    event = models.ForeignKey(
        "events.EventPage", on_delete=models.CASCADE, related_name="registrations", verbose_name=_("活动")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="event_registrations",
        verbose_name=_("参会者"),
    )
    status = models.CharField(_("状态"), max_length=12, choices=Status.choices, db_index=True)
    ticket_code = models.CharField(
        _("票码"), max_length=16, unique=True, default=new_ticket_code, editable=False
    )
    answers = models.JSONField(_("报名问题回答"), default=dict, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("代为报名人"),
    )
    consent_at = models.DateTimeField(_("同意个人信息使用时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("报名时间"), auto_now_add=True, db_index=True)
    confirmed_at = models.DateTimeField(_("确认时间"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("取消时间"), null=True, blank=True)
    rejection_reason = models.TextField(_("未通过原因"), blank=True)
    checked_in_at = models.DateTimeField(_("签到时间"), null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("签到操作人"),
    )
    training_hours = models.DecimalField(_("获得学时"), max_digits=4, decimal_places=1, default=0)
    reminder_sent_at = models.DateTimeField(_("提醒发送时间"), null=True, blank=True)
    feedback_requested_at = models.DateTimeField(_("反馈邀请发送时间"), null=True, blank=True)
    feedback_reminded_at = models.DateTimeField(_("反馈催办时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("活动报名")
        verbose_name_plural = _("活动报名")
        ordering = ["created_at", "pk"]
        # Seats taken (confirmed per event) on every event page and list row.
        indexes = [models.Index(fields=["event", "status"], name="events_reg_event_status")]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "user"],
                condition=~Q(status="cancelled"),
                name="events_one_active_registration_per_person",
            )
        ]
        permissions = [("view_all_registrations", _("可查看和管理所有活动的报名"))]

    def __str__(self):
        return f"{self.ticket_code} · {self.user}"

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("events:ticket", args=[self.ticket_code])

    @property
    def is_active(self):
        return self.status != self.Status.CANCELLED

    @property
    def can_cancel(self):
        return self.status != self.Status.CANCELLED and not self.checked_in_at

    @property
    def status_display(self):
        if self.checked_in_at:
            return _("已签到")
        return self.get_status_display()


class Feedback(models.Model):
    """An attendee's satisfaction rating after the event; ratings of 4 or 5 count as satisfied."""

    registration = models.OneToOneField(
        Registration, on_delete=models.CASCADE, related_name="feedback", verbose_name=_("报名")
    )
    rating = models.PositiveSmallIntegerField(
        _("满意度"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.TextField(_("意见和建议"), blank=True, max_length=2000)
    created_at = models.DateTimeField(_("提交时间"), auto_now_add=True)

    SATISFIED_FROM = 4

    class Meta:
        verbose_name = _("活动反馈")
        verbose_name_plural = _("活动反馈")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__gte=1) & Q(rating__lte=5), name="events_feedback_rating_1_to_5"
            )
        ]

    def __str__(self):
        return f"{self.registration} · {self.rating}"


class AttendeeMessage(models.Model):
    """A message an organiser sent to an event's attendees, and to whom (its deliveries)."""

    class Audience(models.TextChoices):
        CONFIRMED = "confirmed", _("已确认")
        WAITLISTED = "waitlisted", _("候补")
        CHECKED_IN = "checked_in", _("已签到")
        NO_FEEDBACK = "no_feedback", _("已签到未评价")

    event = models.ForeignKey(
        "events.EventPage", on_delete=models.CASCADE, related_name="attendee_messages", verbose_name=_("活动")
    )
    audience = models.CharField(_("发送对象"), max_length=12, choices=Audience.choices)
    subject = models.CharField(_("标题"), max_length=120)
    body = models.TextField(_("正文"))
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("发送人"),
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("参会者通知")
        verbose_name_plural = _("参会者通知")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.subject


class AttendeeMessageDelivery(models.Model):
    """One recipient of a message; ``sent_at`` is claimed before sending, so a retry sends nothing twice."""

    message = models.ForeignKey(AttendeeMessage, on_delete=models.CASCADE, related_name="deliveries")
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="+")
    email = models.EmailField(_("邮箱"))
    sent_at = models.DateTimeField(_("发送时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("通知送达")
        verbose_name_plural = _("通知送达")
        constraints = [
            models.UniqueConstraint(
                fields=["message", "registration"], name="events_one_delivery_per_attendee"
            )
        ]

    def __str__(self):
        return self.email
