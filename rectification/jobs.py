"""Follow-up that happens by itself: reminders to owners before a due date and to the officer once overdue.

``send_reminders`` runs daily on the django-q2 cluster (a Schedule created by
migration 0002); each reminder is recorded once per task, kind and due date, so a
repeated or concurrent run sends nothing new, and moving the due date re-arms it.
"""

import logging
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task as job

from accounts.models import Membership
from core.emails import absolute_url, send_email

from .models import Reminder, Share, Task

logger = logging.getLogger(__name__)

DUE_SOON_DAYS = 3


def _link(path):
    return absolute_url(path)


def _officer_emails(enterprise_id):
    return list(
        Membership.objects.filter(enterprise_id=enterprise_id, role=Membership.Role.OFFICER)
        .exclude(user__email="")
        .values_list("user__email", flat=True)
    )


def _send_once(task, kind, recipients, subject, template, today):
    try:
        # The unique constraint makes a repeated run skip this reminder; a mail failure rolls it back.
        with transaction.atomic():
            Reminder.objects.create(task=task, kind=kind, due_date=task.due_date)
            if recipients:
                context = {
                    "task": task,
                    "plan": task.plan,
                    "link": _link(task.get_absolute_url()),
                    "today": today,
                }
                send_email(
                    subject=subject,
                    text=render_to_string(template, context),
                    recipients=recipients,
                )
            else:
                logger.warning("rectification task %s: no one to remind (%s)", task.pk, kind)
    except IntegrityError:
        return False
    except Exception:
        # Nothing was recorded, so the next run tries again; the other reminders still go out.
        logger.exception("rectification task %s: reminder (%s) not sent", task.pk, kind)
        return False
    return True


@job()
def send_reminders(today=None):
    """Remind owners of tasks due within three days and officers of overdue ones; returns the number sent."""
    today = today or timezone.localdate()
    open_tasks = (
        Task.objects.filter(
            status__in=Task.OPEN_STATUSES,
            plan__status="open",
            due_date__lte=today + timedelta(days=DUE_SOON_DAYS),
        )
        .select_related("plan__enterprise", "owner")
        .prefetch_related("reminders")
        .order_by("due_date", "pk")
    )
    sent = 0
    officers = {}
    for task in open_tasks:
        already = {(r.kind, r.due_date) for r in task.reminders.all()}
        if task.due_date < today:
            kind = Reminder.Kind.OVERDUE
            if task.plan.enterprise_id not in officers:
                officers[task.plan.enterprise_id] = _officer_emails(task.plan.enterprise_id)
            recipients = officers[task.plan.enterprise_id]
            subject = _("【合规学堂】整改任务已逾期：%(title)s") % {"title": task.title}
            template = "rectification/email/overdue.txt"
        else:
            kind = Reminder.Kind.DUE_SOON
            recipients = [task.owner.email] if task.owner and task.owner.email else []
            subject = _("【合规学堂】整改任务即将到期：%(title)s") % {"title": task.title}
            template = "rectification/email/due_soon.txt"
        if (kind, task.due_date) in already:
            continue
        if _send_once(task, kind, recipients, subject, template, today):
            sent += 1
    return sent


@job()
def send_assignment_email(task_pk):
    task = Task.objects.select_related("plan__enterprise", "owner").filter(pk=task_pk).first()
    if task is None or task.owner is None or not task.owner.email:
        return
    send_email(
        subject=_("【合规学堂】您有一项新的整改任务：%(title)s") % {"title": task.title},
        text=render_to_string(
            "rectification/email/assigned.txt",
            {"task": task, "plan": task.plan, "link": _link(task.get_absolute_url())},
        ),
        recipients=[task.owner.email],
    )


def send_share_email(share_pk):
    share = Share.objects.select_related("plan__enterprise").filter(pk=share_pk).first()
    if share is None or not share.recipient_email or not share.is_active():
        return
    send_email(
        subject=_("【合规学堂】%(firm)s 与您共享了整改计划") % {"firm": share.plan.enterprise.name},
        text=render_to_string(
            "rectification/email/shared.txt",
            {
                "share": share,
                "plan": share.plan,
                "link": _link(reverse("rectification:shared", args=[share.token])),
            },
        ),
        recipients=[share.recipient_email],
    )
