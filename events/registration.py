"""Registration rules for events, used by the public views, the admin and the jobs alike.

Capacity is guarded by locking the event's row inside the transaction (``select_for_update``
on PostgreSQL; SQLite serialises writers with ``transaction_mode=IMMEDIATE``), so two
registrations can never both take the last seat.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from events.jobs import send_registration_email
from events.models.questions import RegistrationQuestion
from events.models.registrations import Registration

Status = Registration.Status


def _lock_event(event):
    """Take the per-event lock: every change to seats goes through here first.

    Seat counts show on the event page and the /events/ list, which anonymous visitors
    get from the page cache: make those paths stale once the change commits.
    """
    transaction.on_commit(lambda: _invalidate_cached_pages(event))
    # The page model comes through the relation: this service is called by the page and never imports it.
    event_model = Registration._meta.get_field("event").related_model
    return event_model.objects.select_for_update(of=("self",)).only("pk").get(pk=event.pk)


def _invalidate_cached_pages(event):
    from core.cache import invalidate_paths

    paths = [path for path in (event.url, event.get_parent().url if event.pk else None) if path]
    invalidate_paths(paths)


def _email_after_commit(registration_pk, kind):
    """Queue a registration email once the transaction commits, so the event's lock is held
    only for the seat decision and the row: rendering and sending (or queueing) come after."""
    transaction.on_commit(lambda: send_registration_email.enqueue(registration_pk, kind))


def _confirmed_count(event):
    return Registration.objects.filter(event_id=event.pk, status=Status.CONFIRMED).count()


def confirmed_counts(events):
    """{event id: confirmed registrations} of ``events``, in one query (a listing's page of them)."""
    rows = (
        Registration.objects.filter(event_id__in=[event.pk for event in events], status=Status.CONFIRMED)
        .values("event_id")
        .annotate(count=Count("pk"))
        .values_list("event_id", "count")
    )
    return dict(rows)


def seats_left(event):
    return max(event.capacity - _confirmed_count(event), 0)


def _check_window(event, now=None):
    state = event.registration_state(now)
    if state == "not_open":
        raise ValidationError(
            _("报名尚未开始，将于 %(time)s 开放。")
            % {"time": date_format(timezone.localtime(event.registration_opens_at), "DATETIME_FORMAT")}
        )
    if state == "closed":
        raise ValidationError(_("报名已截止。"))


def clean_answers(event, data):
    """Check the answers to the event's questions; returns {question label: answer}."""
    answers, errors = {}, []
    for question in RegistrationQuestion.objects.filter(page=event):
        value = str(data.get(f"q_{question.pk}", "") or "").strip()[:1000]
        if not value:
            if question.required:
                errors.append(_("请回答：%(q)s") % {"q": question.label})
            continue
        if question.kind == RegistrationQuestion.Kind.CHOICE and value not in question.option_list:
            errors.append(_("“%(q)s”的选项无效。") % {"q": question.label})
            continue
        answers[question.label] = value
    if errors:
        raise ValidationError(errors)
    return answers


def _new_status(event):
    if event.requires_approval:
        return Status.PENDING
    return Status.CONFIRMED if _confirmed_count(event) < event.capacity else Status.WAITLISTED


def _refuse_duplicate(event, user):
    if Registration.objects.filter(event_id=event.pk, user=user).exclude(status=Status.CANCELLED).exists():
        raise ValidationError(_("%(name)s 已报名本活动，不能重复报名。") % {"name": _name(user)})


def _create(event, user, answers, registered_by, consent, checked=False):
    if not checked:
        _refuse_duplicate(event, user)
    now = timezone.now()
    status = _new_status(event)
    try:
        with transaction.atomic():
            registration = Registration.objects.create(
                event=event,
                user=user,
                status=status,
                answers=answers or {},
                registered_by=registered_by,
                consent_at=now if consent else None,
                confirmed_at=now if status == Status.CONFIRMED else None,
            )
    except IntegrityError:
        # The partial unique constraint caught a racing duplicate.
        raise ValidationError(_("%(name)s 已报名本活动，不能重复报名。") % {"name": _name(user)})
    _email_after_commit(registration.pk, status)
    return registration


def _name(user):
    from accounts.models import display_name

    return display_name(user)


@transaction.atomic
def register(event, user, answers=None, consent=False, registered_by=None, check_window=True):
    """Register ``user``; confirmed while seats are left, else waitlisted (or pending if approval is needed).

    ``check_window=False`` lets an organiser add someone manually outside the registration period.
    """
    if not consent and registered_by is None:
        raise ValidationError(_("请阅读并同意活动报名的个人信息使用说明。"))
    # Before the lock, which is held only for the seat decision: a racing duplicate is still
    # refused by the partial unique constraint (_create).
    _refuse_duplicate(event, user)
    _lock_event(event)
    if check_window:
        _check_window(event)
    elif event.is_past:
        raise ValidationError(_("活动已结束，不能再报名。"))
    return _create(event, user, answers, registered_by, consent, checked=True)


@transaction.atomic
def register_staff(event, officer, users, consent=False):
    """An enterprise's compliance officer registers several of its members at once.

    Each person takes a seat (or a waitlist place) like any other registration. Returns
    ``(registrations, skipped)``, where ``skipped`` lists the people already registered.
    """
    from accounts.models import Membership
    from accounts.services import membership_of

    officer_membership = membership_of(officer)
    if officer_membership is None or not officer_membership.is_officer:
        raise ValidationError(_("只有企业合规专员可以为员工报名。"))
    if not consent:
        raise ValidationError(_("请确认已告知员工并取得其同意使用个人信息报名。"))
    users = list(users)
    if not users:
        raise ValidationError(_("请至少选择一名员工。"))
    member_ids = set(
        Membership.objects.filter(enterprise_id=officer_membership.enterprise_id).values_list(
            "user_id", flat=True
        )
    )
    if any(u.pk not in member_ids for u in users):
        raise ValidationError(_("只能为本企业的成员报名。"))
    _lock_event(event)
    _check_window(event)
    already = set(
        Registration.objects.filter(event_id=event.pk, user__in=users)
        .exclude(status=Status.CANCELLED)
        .values_list("user_id", flat=True)
    )
    created, skipped = [], []
    for user in users:
        if user.pk in already:
            skipped.append(user)
            continue
        created.append(_create(event, user, {}, officer, consent))
    return created, skipped


def _locked_registration(registration):
    return (
        Registration.objects.select_for_update(of=("self",))
        .select_related("event", "user")
        .get(pk=registration.pk)
    )


def _promote_first_waitlisted(event):
    first = (
        Registration.objects.select_for_update()
        .filter(event_id=event.pk, status=Status.WAITLISTED)
        .order_by("created_at", "pk")
        .first()
    )
    if first is None:
        return None
    first.status = Status.CONFIRMED
    first.confirmed_at = timezone.now()
    first.save(update_fields=["status", "confirmed_at"])
    _email_after_commit(first.pk, "promoted")
    return first


@transaction.atomic
def cancel(registration, by=None):
    """Cancel a registration. A freed seat goes to the first waitlisted person in the same transaction.

    Returns the promoted registration, if any.
    """
    _lock_event(registration.event)
    registration = _locked_registration(registration)
    if registration.status == Status.CANCELLED:
        raise ValidationError(_("该报名已取消。"))
    if registration.checked_in_at:
        raise ValidationError(_("已签到的报名不能取消。"))
    freed_seat = registration.status == Status.CONFIRMED
    registration.status = Status.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.save(update_fields=["status", "cancelled_at"])
    _email_after_commit(registration.pk, "cancelled")
    promoted = None
    if freed_seat and not registration.event.is_past:
        promoted = _promote_first_waitlisted(registration.event)
    return promoted


def leave_waitlist(registration):
    """A waitlisted person gives up their place."""
    if registration.status != Status.WAITLISTED:
        raise ValidationError(_("您不在候补名单中。"))
    return cancel(registration)


@transaction.atomic
def approve(registration, by=None):
    """Approve a pending registration: confirmed if a seat is left, otherwise waitlisted."""
    _lock_event(registration.event)
    registration = _locked_registration(registration)
    if registration.status != Status.PENDING:
        raise ValidationError(_("只有待审核的报名可以审核通过。"))
    event = registration.event
    if _confirmed_count(event) < event.capacity:
        registration.status = Status.CONFIRMED
        registration.confirmed_at = timezone.now()
    else:
        registration.status = Status.WAITLISTED
    registration.save(update_fields=["status", "confirmed_at"])
    _email_after_commit(registration.pk, registration.status)
    return registration


@transaction.atomic
def reject(registration, by=None, reason=""):
    """Turn down a pending registration; the person is emailed the reason."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("请填写未通过的原因，报名人会收到这段说明。"))
    _lock_event(registration.event)
    registration = _locked_registration(registration)
    if registration.status != Status.PENDING:
        raise ValidationError(_("只有待审核的报名可以审核不通过。"))
    registration.status = Status.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.rejection_reason = reason[:1000]
    registration.save(update_fields=["status", "cancelled_at", "rejection_reason"])
    _email_after_commit(registration.pk, "rejected")
    return registration


def decide_many(event, pks, decision, by=None, reason=""):
    """Approve or reject the event's pending registrations among ``pks``, first come first served.

    Returns (done, skipped): the registrations changed, and how many were not pending.
    """
    if decision == "reject" and not (reason or "").strip():
        raise ValidationError(_("请填写未通过的原因，报名人会收到这段说明。"))
    chosen = Registration.objects.filter(event=event, pk__in=pks).order_by("created_at", "pk")
    done, skipped = [], 0
    for registration in chosen:
        if registration.status != Status.PENDING:
            skipped += 1
            continue
        if decision == "approve":
            done.append(approve(registration, by=by))
        else:
            done.append(reject(registration, by=by, reason=reason))
    return done, skipped


def waitlist_position(registration):
    if registration.status != Status.WAITLISTED:
        return None
    ahead = Registration.objects.filter(event_id=registration.event_id, status=Status.WAITLISTED).filter(
        created_at__lt=registration.created_at
    )
    return ahead.count() + 1


def normalise_code(code):
    return "".join((code or "").split()).upper()[:32]


@transaction.atomic
def check_in(event, code=None, registration_pk=None, by=None):
    """Check an attendee in by ticket code (or by registration, after a name lookup).

    Refuses a code from another event, a cancelled or unconfirmed ticket and a second check-in.
    Credits the event's training hours to the registration.
    """
    registrations = Registration.objects.select_for_update(of=("self",)).select_related(
        "event", "user__profile"
    )
    if registration_pk is not None:
        registration = registrations.filter(pk=registration_pk).first()
    else:
        code = normalise_code(code)
        if not code:
            raise ValidationError(_("请输入票码。"))
        registration = registrations.filter(ticket_code=code).first()
    if registration is None:
        raise ValidationError(_("票码不存在，请核对后重新输入。"))
    if registration.event_id != event.pk:
        raise ValidationError(
            _("该票属于另一场活动（%(title)s），不能在本活动签到。") % {"title": registration.event.title}
        )
    if registration.status == Status.CANCELLED:
        raise ValidationError(_("该报名已取消，不能签到。"))
    if registration.status == Status.WAITLISTED:
        raise ValidationError(_("该报名仍在候补名单中，尚未获得名额，不能签到。"))
    if registration.status == Status.PENDING:
        raise ValidationError(_("该报名尚未通过审核，不能签到。"))
    if registration.checked_in_at:
        raise ValidationError(
            _("该票已于 %(time)s 签到，不能重复签到。")
            % {"time": date_format(timezone.localtime(registration.checked_in_at), "DATETIME_FORMAT")}
        )
    registration.checked_in_at = timezone.now()
    registration.checked_in_by = by if by and by.is_authenticated else None
    registration.training_hours = event.training_hours
    registration.save(update_fields=["checked_in_at", "checked_in_by", "training_hours"])
    return registration


def add_by_organiser(event, email, organiser):
    """An organiser adds someone by the email of their account (outside the registration window too)."""
    user = get_user_model().objects.filter(email__iexact=(email or "").strip()).first()
    if user is None:
        raise ValidationError(_("没有使用该邮箱的账户，请对方先注册。"))
    return register(event, user, registered_by=organiser, check_window=False)


def counts(event):
    """Live figures for the check-in page and the admin."""
    from django.db.models import Count, Q

    data = Registration.objects.filter(event_id=event.pk).aggregate(
        confirmed=Count("pk", filter=Q(status=Status.CONFIRMED)),
        checked_in=Count("pk", filter=Q(status=Status.CONFIRMED, checked_in_at__isnull=False)),
        waitlisted=Count("pk", filter=Q(status=Status.WAITLISTED)),
        pending=Count("pk", filter=Q(status=Status.PENDING)),
        cancelled=Count("pk", filter=Q(status=Status.CANCELLED)),
    )
    data["capacity"] = event.capacity
    return data
