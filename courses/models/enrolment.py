"""Who is enrolled in which course, and which courses an enterprise assigned to its staff."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Enrolment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("待审核")
        ACTIVE = "active", _("已报名")
        REJECTED = "rejected", _("未通过")
        WITHDRAWN = "withdrawn", _("已退课")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolments", verbose_name=_("学员")
    )
    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.CASCADE, related_name="enrolments", verbose_name=_("课程")
    )
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.ACTIVE)
    requested_at = models.DateTimeField(_("报名时间"), default=timezone.now)
    decided_at = models.DateTimeField(_("审核时间"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    completed_at = models.DateTimeField(_("结业时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("报名")
        verbose_name_plural = _("报名")
        ordering = ["-requested_at"]
        constraints = [models.UniqueConstraint(fields=["user", "course"], name="courses_enrol_once")]

    def __str__(self):
        return f"{self.user} · {self.course}"

    @property
    def is_active(self):
        return self.status == self.Status.ACTIVE


class CourseAssignment(models.Model):
    """A course an enterprise's compliance officer assigned to a member, with a due date."""

    enterprise = models.ForeignKey(
        "accounts.Enterprise",
        on_delete=models.CASCADE,
        related_name="course_assignments",
        verbose_name=_("企业"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="course_assignments",
        verbose_name=_("员工"),
    )
    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.CASCADE, related_name="assignments", verbose_name=_("课程")
    )
    due_date = models.DateField(_("截止日期"))
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    assigned_at = models.DateTimeField(_("指派时间"), auto_now_add=True)
    reminded_due_at = models.DateTimeField(_("到期前提醒时间"), null=True, blank=True)
    reminded_overdue_at = models.DateTimeField(_("逾期提醒时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("课程指派")
        verbose_name_plural = _("课程指派")
        ordering = ["due_date"]
        constraints = [models.UniqueConstraint(fields=["user", "course"], name="courses_assign_once")]

    def __str__(self):
        return f"{self.user} · {self.course} ({self.due_date})"
