"""Background jobs (django-q2): registration emails, reminders and feedback surveys.

The scheduled jobs are idempotent: each registration is claimed with a conditional update
of its ``*_sent_at`` flag before its email goes out, so a rerun or a second worker sends nothing twice.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override
from django_tasks import task

from core.emails import absolute_url, send_email, site_url
from core.notifications import notification_key, send_once
from events.models.registrations import AttendeeMessage, AttendeeMessageDelivery, Registration

Status = Registration.Status


def _site_url():
    return site_url()


def _absolute(url):
    """A page URL (relative, or absolute on whichever Wagtail site) on the public address."""
    return absolute_url(url)


SUBJECTS = {
    "confirmed": gettext_lazy("报名成功：%(title)s"),
    "waitlisted": gettext_lazy("已进入候补名单：%(title)s"),
    "pending": gettext_lazy("报名已提交，等待审核：%(title)s"),
    "promoted": gettext_lazy("候补转正，您已获得名额：%(title)s"),
    "cancelled": gettext_lazy("报名已取消：%(title)s"),
    "rejected": gettext_lazy("报名未通过审核：%(title)s"),
    "reminder": gettext_lazy("明天见：%(title)s"),
    "feedback": gettext_lazy("请为本次活动打分：%(title)s"),
    "feedback_reminder": gettext_lazy("提醒：请为本次活动打分：%(title)s"),
}


@task()
def send_registration_email(registration_pk, kind):
    """One email about a registration; ``kind`` is a key of SUBJECTS."""
    registration = (
        Registration.objects.select_related("event", "user__profile", "registered_by")
        .filter(pk=registration_pk)
        .first()
    )
    if registration is None or not registration.user.email or kind not in SUBJECTS:
        return False
    event = registration.event
    ticket_url = _site_url() + reverse("events:ticket", args=[registration.ticket_code])
    context = {
        "registration": registration,
        "event": event,
        "kind": kind,
        "ticket_url": ticket_url,
        "event_url": _absolute(event.url),
        "feedback_url": _site_url() + reverse("events:feedback", args=[registration.ticket_code]),
        "calendar_url": _absolute(event.url) + "calendar.ics",
    }
    with override(settings.LANGUAGE_CODE):
        subject = _("【合规学堂】") + str(SUBJECTS[kind]) % {"title": event.title}
        body = render_to_string("events/email/registration.txt", context)
    # A job delivered twice (its worker killed before acknowledging) sends once.
    return send_once(
        notification_key(registration, kind),
        lambda: send_email(subject, body, [registration.user.email]),
    )


def _claim(queryset, flag):
    """Yield the registrations whose flag this run set itself: a concurrent run skips them."""
    for pk in list(queryset.values_list("pk", flat=True)):
        claimed = Registration.objects.filter(pk=pk, **{f"{flag}__isnull": True}).update(
            **{flag: timezone.now()}
        )
        if claimed:
            yield pk


@task()
def send_due_reminders(now=None):
    """Remind confirmed attendees of events starting within the next 24 hours (once each)."""
    now = now or timezone.now()
    due = Registration.objects.filter(
        status=Status.CONFIRMED,
        reminder_sent_at__isnull=True,
        event__live=True,
        event__start_at__gt=now,
        event__start_at__lte=now + timedelta(hours=24),
    )
    count = 0
    for pk in _claim(due, "reminder_sent_at"):
        send_registration_email.call(pk, "reminder")
        count += 1
    return count


@task()
def send_due_feedback_requests(now=None):
    """After an event, ask each attendee who checked in for their rating (once each)."""
    now = now or timezone.now()
    due = Registration.objects.filter(
        status=Status.CONFIRMED,
        checked_in_at__isnull=False,
        feedback_requested_at__isnull=True,
        feedback__isnull=True,
        event__end_at__lte=now,
        event__end_at__gte=now - timedelta(days=30),
    )
    count = 0
    for pk in _claim(due, "feedback_requested_at"):
        send_registration_email.call(pk, "feedback")
        count += 1
    return count


def feedback_missing(event_pk):
    """Attendees who checked in and have not rated the event yet."""
    return Registration.objects.filter(
        event_id=event_pk, status=Status.CONFIRMED, checked_in_at__isnull=False, feedback__isnull=True
    )


@task()
def remind_feedback(event_pk):
    """The organiser's "remind those who have not answered" action."""
    count = 0
    now = timezone.now()
    for registration in feedback_missing(event_pk).filter(
        Q(feedback_reminded_at__isnull=True) | Q(feedback_reminded_at__lt=now - timedelta(hours=12))
    ):
        Registration.objects.filter(pk=registration.pk).update(feedback_reminded_at=now)
        send_registration_email.call(registration.pk, "feedback_reminder")
        count += 1
    return count


def attendees_for(event, audience):
    """The registrations a message to ``audience`` goes to."""
    registrations = Registration.objects.filter(event=event).select_related("user")
    Audience = AttendeeMessage.Audience
    if audience == Audience.CONFIRMED:
        return registrations.filter(status=Status.CONFIRMED)
    if audience == Audience.WAITLISTED:
        return registrations.filter(status=Status.WAITLISTED)
    checked_in = registrations.filter(checked_in_at__isnull=False)
    if audience == Audience.NO_FEEDBACK:
        return checked_in.filter(feedback__isnull=True)
    return checked_in


@task()
def send_attendee_message(message_pk):
    """Send an organiser's message to each of its recipients once; a rerun sends only what is left."""
    message = AttendeeMessage.objects.select_related("event").filter(pk=message_pk).first()
    if message is None:
        return 0
    sent = 0
    pending = message.deliveries.filter(sent_at__isnull=True).values_list("pk", "email")
    with override(settings.LANGUAGE_CODE):
        subject = _("【合规学堂】") + message.subject
        body = render_to_string(
            "events/email/attendee_message.txt",
            {"message": message, "event": message.event, "event_url": _absolute(message.event.url)},
        )
    for pk, email in list(pending):
        # Claim and send in one transaction: a concurrent run waits on the row and skips it, and a
        # worker killed or a mail server failing before the commit leaves the delivery for the rerun.
        with transaction.atomic():
            claimed = AttendeeMessageDelivery.objects.filter(pk=pk, sent_at__isnull=True).update(
                sent_at=timezone.now()
            )
            if not claimed:
                continue
            send_email(subject, body, [email])
        sent += 1
    return sent


def ensure_schedules():
    """The hourly django-q2 schedules of the events app: day-before reminders and feedback surveys."""
    from django_q.models import Schedule

    from core.jobs import ensure_schedule

    ensure_schedule(send_due_reminders, "events: day-before reminders", Schedule.HOURLY)
    ensure_schedule(send_due_feedback_requests, "events: feedback surveys after events", Schedule.HOURLY)
