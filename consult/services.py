"""The desk's rules: submit, acknowledge, assign, transfer, classify, answer, reply, close.

Called by the public views, the admin views, the demo and the jobs alike. Every change
is recorded in the request's audit trail; every function takes ``now`` so tests can
drive the 315 clock.
"""

import contextlib
import contextvars
import datetime as dt

import chinese_calendar
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Avg, Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.services import membership_of
from consult.attachments import check_uploads
from consult.models import (
    Attachment,
    AuditEntry,
    Complexity,
    ConsultationRequest,
    ConsultSettings,
    DeadlineNotice,
    Department,
    Message,
    PublicHoliday,
    Rating,
    Stage,
    Status,
    Transfer,
)
from consult.notifications import notify_asker, notify_department
from consult.working_time import (
    SHANGHAI,
    WorkCalendar,
    add_working_days,
    add_working_minutes,
    parse_periods,
    working_minutes_between,
)

Action = AuditEntry.Action
_muted = contextvars.ContextVar("consult_notifications_muted", default=False)


@contextlib.contextmanager
def notifications_muted():
    """Build demo history without emailing anyone about it."""
    token = _muted.set(True)
    try:
        yield
    finally:
        _muted.reset(token)


def _notify(job, *args):
    if not _muted.get():
        job.enqueue(*args)


# --- the clock -----------------------------------------------------------------------------


def clock_settings():
    return ConsultSettings.load()


def work_calendar(config=None):
    """The 315 clock's calendar: working hours from the settings; China's public holidays and
    make-up working days from the chinese-calendar package for the years it covers, and from
    the admin's 节假日与调休 for later years (an admin entry overrides the package's date)."""
    config = config or clock_settings()
    holidays, workdays = set(chinese_calendar.holidays), set(chinese_calendar.workdays)
    for day, is_workday in PublicHoliday.objects.values_list("date", "is_workday"):
        (holidays if is_workday else workdays).discard(day)
        (workdays if is_workday else holidays).add(day)
    return WorkCalendar(periods=parse_periods(config.working_hours), holidays=holidays, workdays=workdays)


def answer_due(submitted_at, complexity, calendar, config):
    days = config.complex_days if complexity == Complexity.COMPLEX else config.simple_days
    return add_working_days(submitted_at, days, calendar)


def _record_stage(request, stage, at):
    """Mark a stage met (done in time) or missed (done late); a recorded miss stays a miss."""
    prefix = "ack" if stage == Stage.ACK else "answer"
    due = request.due_at(stage)
    if getattr(request, f"{prefix}_missed_at"):
        return
    if at <= due:
        setattr(request, f"{prefix}_met_at", at)
    else:
        setattr(request, f"{prefix}_missed_at", due)


# --- who may see and do what ----------------------------------------------------------------


def departments_of(user):
    """The departments whose admin group the user belongs to."""
    if not user.is_authenticated:
        return Department.objects.none()
    return Department.objects.filter(group__in=user.groups.all())


def is_desk_staff(user):
    return user.is_authenticated and user.is_active and (user.is_superuser or departments_of(user).exists())


def staff_requests(user):
    """The requests a member of staff may see: their departments' (superusers: all)."""
    queryset = ConsultationRequest.objects.all()
    if user.is_superuser:
        return queryset
    return queryset.filter(department__group__in=user.groups.all())


def is_lead(user, department):
    """The department lead assigns and transfers; a department with no named lead lets its
    staff do it."""
    if user.is_superuser:
        return True
    if department.lead_id is not None:
        return department.lead_id == user.pk and user.is_active
    return user.is_active and user.groups.filter(pk=department.group_id).exists()


def can_handle(user, request):
    return user.is_active and (
        user.is_superuser or user.groups.filter(pk=request.department.group_id).exists()
    )


def enterprise_requests(user):
    """Requests the user may follow on the public side: their own, and their enterprise's if officer.

    Only while they belong to the enterprise: someone who left no longer sees its matters.
    """
    membership = membership_of(user)
    if membership is None:
        return ConsultationRequest.objects.none()
    mine = ConsultationRequest.objects.filter(enterprise=membership.enterprise)
    return mine if membership.is_officer else mine.filter(asker=user)


def can_follow(user, request):
    """The asker and their enterprise's compliance officer, while members of that enterprise."""
    membership = membership_of(user)
    if membership is None or membership.enterprise_id != request.enterprise_id:
        return False
    return membership.is_officer or request.asker_id == user.pk


def audit(request, user, action, detail=""):
    return AuditEntry.objects.create(
        request=request,
        user=user if user is not None and user.is_authenticated else None,
        action=action,
        detail=str(detail)[:255],
    )


def _lock(request):
    """Re-read the request under a row lock, so concurrent actions apply one after the other."""
    ConsultationRequest.objects.select_for_update().filter(pk=request.pk).values_list("pk").first()
    request.refresh_from_db()


def _require_handler(user, request):
    if not can_handle(user, request):
        raise PermissionDenied(_("您不是该咨询受理部门的工作人员。"))


def _require_lead(user, request):
    if not is_lead(user, request.department):
        raise PermissionDenied(_("只有部门负责人可以分派承办人和转办。"))


def _require_open(request):
    if request.status == Status.CLOSED:
        raise ValidationError(_("该咨询已办结，不能再操作。"))


def _save_attachments(request, files, kinds, message=None):
    for upload, kind in zip(files, kinds, strict=True):
        Attachment.objects.create(
            request=request,
            message=message,
            file=upload,
            original_name=upload.name[:200],
            size=upload.size,
            kind=kind,
        )


# --- the enterprise side --------------------------------------------------------------------


@transaction.atomic
def submit(
    asker,
    *,
    title,
    description,
    industry=None,
    risk_area=None,
    urgent=False,
    may_publish_anonymously=False,
    department=None,
    files=(),
    now=None,
):
    """A signed-in enterprise member asks a question; the 315 clock starts now."""
    membership = membership_of(asker)
    if membership is None:
        raise ValidationError(_("请先登记或加入企业，再提交咨询。"))
    files = list(files)
    kinds = check_uploads(files)
    department = department or intake_department()
    if department is None:
        raise ValidationError(_("咨询台尚未设置受理部门，请稍后再试。"))
    now = now or timezone.now()
    config = clock_settings()
    calendar = work_calendar(config)
    request = ConsultationRequest.objects.create(
        enterprise=membership.enterprise,
        asker=asker,
        industry=industry,
        risk_area=risk_area,
        title=title.strip(),
        description=description.strip(),
        urgent=urgent,
        may_publish_anonymously=may_publish_anonymously,
        department=department,
        submitted_at=now,
        ack_due_at=add_working_minutes(now, config.ack_minutes, calendar),
        answer_due_at=answer_due(now, Complexity.SIMPLE, calendar, config),
    )
    _save_attachments(request, files, kinds)
    entry = audit(request, asker, Action.SUBMIT, department.name)
    _notify(notify_department, request.pk, "new", entry.pk)
    return request


def intake_department():
    return Department.objects.order_by("-is_intake", "sort_order", "name").first()


@transaction.atomic
def reply(request, user, text, files=(), now=None):
    """The asker (or their officer) adds to the exchange; an answered request goes back in progress."""
    _lock(request)
    if not can_follow(user, request):
        raise PermissionDenied(_("您无权回复该咨询。"))
    _require_open(request)
    files = list(files)
    kinds = check_uploads(files)
    now = now or timezone.now()
    message = Message.objects.create(
        request=request, side=Message.Side.ENTERPRISE, sender=user, text=text.strip(), created_at=now
    )
    _save_attachments(request, files, kinds, message)
    if request.status == Status.ANSWERED:
        request.status = Status.IN_PROGRESS
        request.save(update_fields=["status", "updated_at"])
    entry = audit(request, user, Action.REPLY, _("附件 %(n)s 个") % {"n": len(files)})
    _notify(notify_department, request.pk, "reply", entry.pk)
    return message


@transaction.atomic
def close(request, user, score, comment="", now=None):
    """The enterprise closes an answered request and rates the answer (1–5)."""
    _lock(request)
    if not can_follow(user, request):
        raise PermissionDenied(_("您无权办结该咨询。"))
    if request.status == Status.CLOSED and (request.closed_by_id is None or hasattr(request, "rating")):
        raise ValidationError(_("该咨询已办结，不能再操作。"))
    if request.answered_at is None:
        raise ValidationError(_("部门尚未答复，暂不能办结评价。"))
    try:
        score = int(score)
    except (TypeError, ValueError):
        score = 0
    if not 1 <= score <= 5:
        raise ValidationError(_("请给出 1 到 5 分的评分。"))
    now = now or timezone.now()
    Rating.objects.create(
        request=request, score=score, comment=comment.strip(), rated_by=user, created_at=now
    )
    if request.status != Status.CLOSED:
        request.status = Status.CLOSED
        request.closed_at = now
        request.save(update_fields=["status", "closed_at", "updated_at"])
    audit(request, user, Action.CLOSE, _("评分 %(score)s") % {"score": score})
    return request


def can_rate(user, request):
    """The asker may rate an answered request once: closing it, or after the department did."""
    if request.answered_at is None or not can_follow(user, request):
        return False
    if request.status != Status.CLOSED:
        return True
    return request.closed_by_id is not None and not Rating.objects.filter(request=request).exists()


# --- the department side --------------------------------------------------------------------


def _acknowledge(request, user, now):
    request.acknowledged_at = now
    _record_stage(request, Stage.ACK, now)
    request.status = Status.ACKNOWLEDGED
    audit(request, user, Action.ACKNOWLEDGE)


@transaction.atomic
def acknowledge(request, user, now=None):
    """Staff confirm they have the request (the "3" of 315: within 30 working minutes)."""
    _lock(request)
    _require_handler(user, request)
    if request.status != Status.NEW:
        raise ValidationError(_("该咨询已响应。"))
    _acknowledge(request, user, now or timezone.now())
    request.save()
    return request


@transaction.atomic
def assign(request, user, assignee, now=None):
    """Give the request to one member of its department's staff (the lead's decision)."""
    _lock(request)
    _require_handler(user, request)
    _require_lead(user, request)
    _require_open(request)
    if assignee is None or not request.department.staff().filter(pk=assignee.pk).exists():
        raise ValidationError(
            _("承办人必须是%(department)s的工作人员。") % {"department": request.department}
        )
    now = now or timezone.now()
    if request.status == Status.NEW:
        _acknowledge(request, user, now)
    request.assignee = assignee
    if request.status == Status.ACKNOWLEDGED:
        request.status = Status.IN_PROGRESS
    request.save()
    entry = audit(request, user, Action.ASSIGN, assignee.get_full_name() or assignee.email)
    if assignee.pk != user.pk:
        _notify(notify_department, request.pk, "assign", entry.pk)
    return request


@transaction.atomic
def transfer(request, user, to_department, reason, now=None):
    """Hand over to another department with a reason (the lead's decision). The deadlines do
    not restart."""
    _lock(request)
    _require_handler(user, request)
    _require_lead(user, request)
    _require_open(request)
    reason = (reason or "").strip()
    if to_department is None or to_department.pk == request.department_id:
        raise ValidationError(_("请选择另一个受理部门。"))
    if not reason:
        raise ValidationError(_("请填写转办理由。"))
    now = now or timezone.now()
    Transfer.objects.create(
        request=request,
        from_department=request.department,
        to_department=to_department,
        reason=reason,
        by=user,
        at=now,
    )
    previous = request.department
    request.department = to_department
    request.assignee = None
    request.save(update_fields=["department", "assignee", "updated_at"])
    entry = audit(request, user, Action.TRANSFER, f"{previous} → {to_department}:{reason}")
    _notify(notify_department, request.pk, "transfer", entry.pk)
    return request


@transaction.atomic
def classify(request, user, complexity, now=None):
    """Mark simple (1 working day) or complex (5 working days); both count from submission."""
    _lock(request)
    _require_handler(user, request)
    _require_open(request)
    if complexity not in (Complexity.SIMPLE, Complexity.COMPLEX):
        raise ValidationError(_("请选择简单事项或复杂事项。"))
    now = now or timezone.now()
    if request.status == Status.NEW:
        _acknowledge(request, user, now)
    request.complexity = complexity
    # Only a pending answer deadline moves; an answer already given or missed stays as it was.
    if request.answered_at is None and request.answer_missed_at is None:
        config = clock_settings()
        new_due = answer_due(request.submitted_at, complexity, work_calendar(config), config)
        if new_due != request.answer_due_at:
            request.answer_due_at = new_due
            # The warning was about the old deadline: allow one for the new one.
            request.notices.filter(stage=Stage.ANSWER, kind=DeadlineNotice.Kind.WARNING).delete()
    if request.status == Status.ACKNOWLEDGED:
        request.status = Status.IN_PROGRESS
    request.save()
    audit(request, user, Action.CLASSIFY, request.get_complexity_display())
    return request


@transaction.atomic
def answer(request, user, text, files=(), now=None):
    """A department's answer (text and attachments); the first one settles the answer stage."""
    _lock(request)
    _require_handler(user, request)
    _require_open(request)
    text = (text or "").strip()
    if not text:
        raise ValidationError(_("请填写答复内容。"))
    files = list(files)
    kinds = check_uploads(files)
    now = now or timezone.now()
    if request.status == Status.NEW:
        _acknowledge(request, user, now)
    message = Message.objects.create(
        request=request,
        side=Message.Side.DEPARTMENT,
        sender=user,
        department=request.department,
        text=text,
        created_at=now,
    )
    _save_attachments(request, files, kinds, message)
    if request.answered_at is None:
        request.answered_at = now
        _record_stage(request, Stage.ANSWER, now)
    request.status = Status.ANSWERED
    request.save()
    entry = audit(request, user, Action.ANSWER, _("附件 %(n)s 个") % {"n": len(files)})
    _notify(notify_asker, request.pk, "answered", entry.pk)
    return message


@transaction.atomic
def finish(request, user, summary, now=None):
    """办结: the assignee (or the lead) closes an answered request with a closing summary; the
    asker is told and may still rate the answer."""
    _lock(request)
    _require_handler(user, request)
    _require_open(request)
    if request.assignee_id not in (None, user.pk) and not is_lead(user, request.department):
        raise PermissionDenied(_("只有承办人或部门负责人可以办结。"))
    if request.answered_at is None:
        raise ValidationError(_("答复企业后才能办结。"))
    summary = (summary or "").strip()
    if not summary:
        raise ValidationError(_("请填写办结说明。"))
    request.status = Status.CLOSED
    request.closed_at = now or timezone.now()
    request.closed_by = user
    request.closing_summary = summary
    request.save()
    entry = audit(request, user, Action.FINISH, summary)
    _notify(notify_asker, request.pk, "finished", entry.pk)
    return request


# --- the clock's view of a request (flags in the queue) --------------------------------------


def deadline_flag(request, calendar, config, now=None):
    """("overdue" | "near" | "", stage) for the first pending stage of an open request."""
    if request.status == Status.CLOSED:
        return "", None
    now = now or timezone.now()
    stages = []
    if request.acknowledged_at is None:
        stages.append((Stage.ACK, config.ack_warning_minutes))
    if request.answered_at is None:
        stages.append((Stage.ANSWER, config.answer_warning_minutes))
    for stage, warning in stages:
        due = request.due_at(stage)
        if now >= due:
            return "overdue", stage
        if working_minutes_between(now, due, calendar) <= warning:
            return "near", stage
    return "", None


# --- indicators ----------------------------------------------------------------------------


def year_bounds(year):
    start = dt.datetime(year, 1, 1, tzinfo=SHANGHAI)
    return start, dt.datetime(year + 1, 1, 1, tzinfo=SHANGHAI)


_DECIDED = Q(answer_met_at__isnull=False) | Q(answer_missed_at__isnull=False) | Q(ack_missed_at__isnull=False)
_WITHIN = Q(
    ack_met_at__isnull=False,
    answer_met_at__isnull=False,
    ack_missed_at__isnull=True,
    answer_missed_at__isnull=True,
)
_TOTALS = {
    "count": Count("pk"),
    "decided": Count("pk", filter=_DECIDED),
    "within": Count("pk", filter=_WITHIN),
    "ratings": Count("rating"),
    "satisfied": Count("rating", filter=Q(rating__score__gte=4)),
    "average": Avg("rating__score"),
}


def _year_requests(year):
    start, end = year_bounds(year)
    return ConsultationRequest.objects.filter(submitted_at__gte=start, submitted_at__lt=end)


def _figures(totals, year, config):
    def share(part, whole):
        return round(100 * part / whole) if whole else None

    return {
        "year": year,
        "count": totals["count"],
        "target": config.annual_target,
        "target_share": min(100, share(totals["count"], config.annual_target) or 0),
        "decided": totals["decided"],
        "within": totals["within"],
        "within_share": share(totals["within"], totals["decided"]),
        "ratings": totals["ratings"],
        "satisfied": totals["satisfied"],
        "satisfaction": share(totals["satisfied"], totals["ratings"]),
        "satisfaction_target": config.satisfaction_target,
        "average_score": round(totals["average"], 1) if totals["average"] is not None else None,
    }


def indicators(year=None, department=None):
    """The year's consultations vs the target, the share answered within 315, satisfaction;
    the whole desk's, or one department's (requests it holds now, transfers included)."""
    year = year or timezone.now().astimezone(SHANGHAI).year
    requests = _year_requests(year)
    if department is not None:
        requests = requests.filter(department=department)
    return _figures(requests.aggregate(**_TOTALS), year, clock_settings())


def department_indicators(departments, year=None):
    """The 315 figures per department, for the departments a member of staff can see (one query)."""
    year = year or timezone.now().astimezone(SHANGHAI).year
    departments = list(departments)
    rows = _year_requests(year).filter(department__in=departments).values("department").annotate(**_TOTALS)
    by_department = {row["department"]: row for row in rows}
    empty = dict.fromkeys(_TOTALS, 0) | {"average": None}
    config = clock_settings()
    return [(d, _figures(by_department.get(d.pk, empty), year, config)) for d in departments]
