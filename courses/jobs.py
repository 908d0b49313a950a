"""Scheduled jobs (django-q2). Each is idempotent: a reminder is sent once and stamped."""

from datetime import timedelta

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from core.emails import send_email, site_url
from courses.models.certificate import Certificate
from courses.models.enrolment import CourseAssignment, Enrolment

CERTIFICATE_REMINDER_DAYS = 30
ASSIGNMENT_REMINDER_DAYS = 3


def _site_url():
    return site_url()


@task()
def remind_expiring_certificates(days=CERTIFICATE_REMINDER_DAYS):
    """E-mail holders whose certificate expires within ``days``; once per certificate."""
    now = timezone.now()
    sent = 0
    candidates = Certificate.objects.filter(
        revoked_at__isnull=True,
        reminded_at__isnull=True,
        expires_at__gt=now,
        expires_at__lte=now + timedelta(days=days),
    ).values_list("pk", flat=True)
    for pk in list(candidates):
        with transaction.atomic():
            # Re-read under lock so two workers never send the same reminder.
            certificate = (
                Certificate.objects.select_for_update()
                .select_related("user", "course")
                .filter(pk=pk, reminded_at__isnull=True)
                .first()
            )
            if certificate is None or not certificate.user.email:
                continue
            context = {"certificate": certificate, "site_url": _site_url()}
            send_email(
                subject=_("【合规学堂】您的证书即将到期：%(course)s") % {"course": certificate.course_title},
                text=render_to_string("courses/email/certificate_expiring.txt", context),
                recipients=[certificate.user.email],
            )
            certificate.reminded_at = now
            certificate.save(update_fields=["reminded_at"])
            sent += 1
    return sent


@task()
def remind_assignments(days=ASSIGNMENT_REMINDER_DAYS):
    """Remind staff of assigned courses due within ``days``, and again once they are overdue."""
    today = timezone.localdate()
    now = timezone.now()
    completed = set(Enrolment.objects.filter(completed_at__isnull=False).values_list("user_id", "course_id"))
    sent = 0
    pending = CourseAssignment.objects.select_related("user", "course", "enterprise").filter(
        due_date__lte=today + timedelta(days=days)
    )
    for assignment in pending:
        if (assignment.user_id, assignment.course_id) in completed or not assignment.user.email:
            continue
        overdue = assignment.due_date < today
        field = "reminded_overdue_at" if overdue else "reminded_due_at"
        context = {"assignment": assignment, "overdue": overdue, "site_url": _site_url()}
        subject = (
            _("【合规学堂】指派课程已逾期：%(course)s")
            if overdue
            else _("【合规学堂】指派课程即将到期：%(course)s")
        ) % {"course": assignment.course.title}
        with transaction.atomic():
            # Only the worker that flips the stamp sends; a failed send rolls the stamp back,
            # so the next run sends the reminder instead of losing it.
            claimed = CourseAssignment.objects.filter(pk=assignment.pk, **{f"{field}__isnull": True}).update(
                **{field: now}
            )
            if not claimed:
                continue
            send_email(
                subject=subject,
                text=render_to_string("courses/email/assignment_reminder.txt", context),
                recipients=[assignment.user.email],
            )
        sent += 1
    return sent


@task()
def send_assignment_email(assignment_pk, base_url=""):
    assignment = (
        CourseAssignment.objects.select_related("user", "course", "enterprise")
        .filter(pk=assignment_pk)
        .first()
    )
    if assignment is None or not assignment.user.email:
        return
    context = {"assignment": assignment, "site_url": _site_url(), "new": True}
    send_email(
        subject=_("【合规学堂】%(enterprise)s 为您指派了课程：%(course)s")
        % {"enterprise": assignment.enterprise.name, "course": assignment.course.title},
        text=render_to_string("courses/email/assignment_reminder.txt", context),
        recipients=[assignment.user.email],
    )


@task()
def send_enrolment_decision(enrolment_pk):
    """Tell the learner that an editor approved or declined their enrolment request."""
    enrolment = Enrolment.objects.select_related("user", "course").filter(pk=enrolment_pk).first()
    if enrolment is None or not enrolment.user.email:
        return
    approved = enrolment.status == Enrolment.Status.ACTIVE
    subject = _("【合规学堂】报名已通过：%(course)s") if approved else _("【合规学堂】报名未通过：%(course)s")
    send_email(
        subject=subject % {"course": enrolment.course.title},
        text=render_to_string(
            "courses/email/enrolment_decision.txt",
            {"enrolment": enrolment, "approved": approved, "site_url": _site_url()},
        ),
        recipients=[enrolment.user.email],
    )


def ensure_schedules():
    """The daily django-q2 schedules of the courses app (also made by migration 0003)."""
    from django_q.models import Schedule

    from core.jobs import ensure_schedule

    ensure_schedule(remind_expiring_certificates, "courses: remind expiring certificates", Schedule.DAILY)
    ensure_schedule(remind_assignments, "courses: remind assigned courses", Schedule.DAILY)
