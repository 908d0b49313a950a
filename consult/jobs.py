"""Background jobs of the desk: notification emails and the scheduled 315 deadline check."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from consult import services
from consult.models import AuditEntry, ConsultationRequest, DeadlineNotice, Stage, Status
from consult.working_time import working_minutes_between

logger = logging.getLogger(__name__)


def _site_url(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def responsible_emails(request):
    """The assignee if there is one, else the department's staff; plus the department's mailbox."""
    emails = []
    if request.assignee_id and request.assignee.email and request.assignee.is_active:
        emails.append(request.assignee.email)
    else:
        emails.extend(email for email in request.department.staff().values_list("email", flat=True) if email)
    if request.department.email:
        emails.append(request.department.email)
    return sorted(set(emails))


def _admin_link(request):
    from django.urls import reverse

    return _site_url(reverse("consult_admin:detail", args=[request.pk]))


def notify_department(request_pk, reason):
    """Tell the responsible staff about a new, replied-to, transferred or assigned request."""
    request = ConsultationRequest.objects.select_related("department", "assignee").get(pk=request_pk)
    recipients = responsible_emails(request)
    if not recipients:
        return 0
    subjects = {
        "new": _("【合规学堂】新咨询待响应:%(title)s"),
        "reply": _("【合规学堂】企业回复了咨询:%(title)s"),
        "transfer": _("【合规学堂】咨询转至本部门:%(title)s"),
        "assign": _("【合规学堂】咨询已分派给您:%(title)s"),
    }
    context = {
        "request": request,
        "reason": reason,
        "link": _admin_link(request),
        "ack_minutes": services.clock_settings().ack_minutes,
    }
    return send_mail(
        subject=subjects.get(reason, subjects["new"]) % {"title": request.title},
        message=render_to_string("consult/email/department.txt", context),
        from_email=None,
        recipient_list=recipients,
    )


def notify_asker(request_pk, kind="answered"):
    """Tell the asker that a department answered (``answered``) or closed the request (``finished``)."""
    request = ConsultationRequest.objects.select_related("asker", "department").get(pk=request_pk)
    if request.asker is None or not request.asker.email:
        return 0
    context = {"request": request, "link": _site_url(request.get_absolute_url())}
    if kind == "finished":
        subject = _("【合规学堂】您的咨询已办结:%(title)s") % {"title": request.title}
    else:
        subject = _("【合规学堂】您的咨询已答复:%(title)s") % {"title": request.title}
    return send_mail(
        subject=subject,
        message=render_to_string(
            f"consult/email/{'finished' if kind == 'finished' else 'answered'}.txt", context
        ),
        from_email=None,
        recipient_list=[request.asker.email],
    )


def _pending_stages(request):
    if request.status == Status.CLOSED:
        return []
    stages = []
    if request.acknowledged_at is None:
        stages.append(Stage.ACK)
    if request.answered_at is None:
        stages.append(Stage.ANSWER)
    return stages


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
        _("【合规学堂】咨询即将超过%(stage)s时限:%(title)s")
        if kind == DeadlineNotice.Kind.WARNING
        else _("【合规学堂】咨询已超过%(stage)s时限:%(title)s")
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
                    "link": _admin_link(request),
                }
                send_mail(
                    subject=subject,
                    message=render_to_string("consult/email/deadline.txt", context),
                    from_email=None,
                    recipient_list=recipients,
                )
            else:
                logger.warning("consult request %s: no one to notify about %s %s", request.pk, stage, kind)
    except IntegrityError:
        return False
    return True
