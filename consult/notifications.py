"""Notification emails of the desk, queued by the services as django-tasks jobs."""

from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django_tasks import task

from consult.models import ConsultationRequest, ConsultSettings
from core.emails import absolute_url, send_email
from core.notifications import send_once


def site_url(path):
    return absolute_url(path)


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


def admin_link(request):
    from django.urls import reverse

    return site_url(reverse("consult_admin:detail", args=[request.pk]))


def _send_for(entry_pk, kind, send):
    """Send once per audit entry: a job delivered twice (its worker killed before acknowledging)
    emails once. Jobs queued before entries were passed along send as they always did."""
    if entry_pk is None:
        return send()
    return 1 if send_once(f"consult.auditentry:{entry_pk}:{kind}", send) else 0


@task()
def notify_department(request_pk, reason, entry_pk=None):
    """Tell the responsible staff about a new, replied-to, transferred or assigned request."""
    request = ConsultationRequest.objects.select_related("department", "assignee").get(pk=request_pk)
    recipients = responsible_emails(request)
    if not recipients:
        return 0
    subjects = {
        "new": _("【合规学堂】新咨询待响应：%(title)s"),
        "reply": _("【合规学堂】企业回复了咨询：%(title)s"),
        "transfer": _("【合规学堂】咨询转至本部门：%(title)s"),
        "assign": _("【合规学堂】咨询已分派给您：%(title)s"),
    }
    context = {
        "request": request,
        "reason": reason,
        "link": admin_link(request),
        "ack_minutes": ConsultSettings.load().ack_minutes,
    }
    subject = subjects.get(reason, subjects["new"]) % {"title": request.title}
    text = render_to_string("consult/email/department.txt", context)
    return _send_for(entry_pk, reason, lambda: send_email(subject=subject, text=text, recipients=recipients))


@task()
def notify_asker(request_pk, kind="answered", entry_pk=None):
    """Tell the asker that a department answered (``answered``) or closed the request (``finished``)."""
    request = ConsultationRequest.objects.select_related("asker", "department").get(pk=request_pk)
    if request.asker is None or not request.asker.email:
        return 0
    context = {"request": request, "link": site_url(request.get_absolute_url())}
    if kind == "finished":
        subject = _("【合规学堂】您的咨询已办结：%(title)s") % {"title": request.title}
    else:
        subject = _("【合规学堂】您的咨询已答复：%(title)s") % {"title": request.title}
    text = render_to_string(f"consult/email/{'finished' if kind == 'finished' else 'answered'}.txt", context)
    return _send_for(
        entry_pk, kind, lambda: send_email(subject=subject, text=text, recipients=[request.asker.email])
    )
