"""The desk's scheduled 315 deadline check (the notification emails are in notifications.py)."""

import logging

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from consult import services
from consult.models import AuditEntry, ConsultationRequest, DeadlineNotice, Stage, Status
from consult.notifications import admin_link, responsible_emails
from consult.working_time import working_minutes_between
from core.emails import send_email

logger = logging.getLogger(__name__)


def _pending_stages(request):
    if request.status == Status.CLOSED:
        return []
    stages = []
    if request.acknowledged_at is None:
        stages.append(Stage.ACK)
    if request.answered_at is None:
        stages.append(Stage.ANSWER)
    return stages


@task()
def check_deadlines(now=None):
    """Warn before, and report after, each pending 315 deadline: once per request, stage and kind.

    Scheduled every few minutes by django-q2; running it again sends nothing new.
    Returns the number of notices sent.
    """
    now = now or timezone.now()
    config = services.clock_settings()
    calendar = services.work_calendar(config)
    warning_minutes = {Stage.ACK: config.ack_warning_minutes, Stage.ANSWER: config.answer_warning_minutes}
    open_requests = ConsultationRequest.objects.exclude(status=Status.CLOSED).filter(
        Q(acknowledged_at__isnull=True) | Q(answered_at__isnull=True)
    )
    sent = 0
    for request in open_requests.select_related("department", "assignee").prefetch_related("notices"):
        already = {(notice.stage, notice.kind) for notice in request.notices.all()}
        for stage in _pending_stages(request):
            due = request.due_at(stage)
            if now >= due:
                kind = DeadlineNotice.Kind.OVERDUE
            elif working_minutes_between(now, due, calendar) <= warning_minutes[stage]:
                kind = DeadlineNotice.Kind.WARNING
            else:
                continue
            if kind == DeadlineNotice.Kind.OVERDUE:
                _record_missed(request, stage)
            if (stage, kind) in already:
                continue
            if _send_notice(request, stage, kind, now):
                sent += 1
    return sent


def _record_missed(request, stage):
    field = "ack_missed_at" if stage == Stage.ACK else "answer_missed_at"
    done = "acknowledged_at" if stage == Stage.ACK else "answered_at"
    if getattr(request, field) is None:
        setattr(request, field, request.due_at(stage))
        # Conditional, so a stage completed meanwhile by staff keeps its own outcome.
        ConsultationRequest.objects.filter(
            pk=request.pk, **{f"{field}__isnull": True, f"{done}__isnull": True}
        ).update(**{field: request.due_at(stage)})


def _send_notice(request, stage, kind, now):
    recipients = responsible_emails(request)
    stage_label = Stage(stage).label
    subject = (
        _("【合规学堂】咨询即将超过%(stage)s时限：%(title)s")
        if kind == DeadlineNotice.Kind.WARNING
        else _("【合规学堂】咨询已超过%(stage)s时限：%(title)s")
    ) % {"stage": stage_label, "title": request.title}
    try:
        # One transaction: the unique constraint makes a repeated or concurrent run skip this
        # notice, and a mail failure rolls the record back so the next run tries again.
        with transaction.atomic():
            notice = DeadlineNotice.objects.create(
                request=request, stage=stage, kind=kind, sent_at=now, recipients=", ".join(recipients)
            )
            services.audit(
                request, None, AuditEntry.Action.DEADLINE, f"{notice.get_kind_display()} · {stage_label}"
            )
            if recipients:
                context = {
                    "request": request,
                    "stage": stage_label,
                    "kind": kind,
                    "due": request.due_at(stage),
                    "link": admin_link(request),
                }
                send_email(
                    subject=subject,
                    text=render_to_string("consult/email/deadline.txt", context),
                    recipients=recipients,
                )
            else:
                logger.warning("consult request %s: no one to notify about %s %s", request.pk, stage, kind)
    except IntegrityError:
        return False
    return True


SCHEDULE_NAME = "consult.check_deadlines"


def ensure_schedule():
    """The 315 deadline check every five minutes (also made by migration 0003)."""
    from django_q.models import Schedule

    from core.jobs import ensure_schedule as ensure_job_schedule

    ensure_job_schedule(check_deadlines, SCHEDULE_NAME, Schedule.MINUTES, minutes=5)
