"""Public views: event page actions, tickets, feedback, calendars and the organisers' check-in desk."""

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from wagtail.models import Site

from accounts.models import display_name
from accounts.services import membership_of
from core.cache import mark_page_cacheable, public_cache
from events import registration as services
from events.calendar import build_calendar, calendar_response
from events.forms import FeedbackForm, RegistrationForm, StaffRegistrationForm
from events.models import EventPage, Feedback, Registration

Status = Registration.Status


# --- event page and its routes -------------------------------------------------------------


def _staff_candidates(request, event):
    """The officer's enterprise members not yet registered, or None if the user is no officer."""
    from django.contrib.auth import get_user_model

    membership = membership_of(request.user)
    if membership is None or not membership.is_officer:
        return None
    registered = Registration.objects.filter(event=event).exclude(status=Status.CANCELLED).values("user_id")
    return (
        get_user_model()
        .objects.filter(membership__enterprise_id=membership.enterprise_id)
        .exclude(pk__in=registered)
        .select_related("profile")
        .order_by("pk")
    )


def event_detail(request, event, form=None, staff_form=None, status=200):
    my_registration = None
    if request.user.is_authenticated:
        my_registration = (
            Registration.objects.filter(event=event, user=request.user)
            .exclude(status=Status.CANCELLED)
            .first()
        )
    counts = services.counts(event)
    context = {
        "registration_state": event.registration_state(),
        "my_registration": my_registration,
        "waitlist_position": services.waitlist_position(my_registration) if my_registration else None,
        "counts": counts,
        "seats_left": max(event.capacity - counts["confirmed"], 0),
        "speakers": list(event.speakers.all()),
        "industries": list(event.industries.all()),
        "is_organiser": event.is_organiser(request.user),
    }
    if request.user.is_authenticated and my_registration is None:
        context["form"] = form or RegistrationForm(event)
    candidates = _staff_candidates(request, event) if request.user.is_authenticated else None
    if candidates is not None:
        context["staff_form"] = staff_form or StaffRegistrationForm(candidates)
    response = event.render(request, context_overrides=context)
    response.status_code = status
    return response


def event_register(request, event):
    if not request.user.is_authenticated:
        return redirect_to_login(event.url)
    if request.method != "POST":
        return redirect(event.url)
    form = RegistrationForm(event, request.POST)
    if form.is_valid():
        try:
            answers = services.clean_answers(event, form.cleaned_data)
            registration = services.register(event, request.user, answers=answers, consent=True)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
            return event_detail(request, event, form=form, status=400)
        messages.success(request, _status_message(registration))
        return redirect("events:ticket", registration.ticket_code)
    messages.error(request, _("报名信息有误,请检查后重新提交。"))
    return event_detail(request, event, form=form, status=400)


def _status_message(registration):
    return {
        Status.CONFIRMED: _("报名成功!确认邮件已发送,请凭票码签到。"),
        Status.WAITLISTED: _("名额已满,您已进入候补名单;有人取消时将按顺序递补并邮件通知。"),
        Status.PENDING: _("报名已提交,主办方审核后将邮件通知您。"),
    }.get(registration.status, "")


def event_register_staff(request, event):
    if not request.user.is_authenticated:
        return redirect_to_login(event.url)
    if request.method != "POST":
        return redirect(event.url)
    candidates = _staff_candidates(request, event)
    if candidates is None:
        messages.error(request, _("只有企业合规专员可以为员工报名。"))
        return redirect(event.url)
    form = StaffRegistrationForm(candidates, request.POST)
    if form.is_valid():
        try:
            created, skipped = services.register_staff(
                event, request.user, form.cleaned_data["members"], consent=True
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
            return event_detail(request, event, staff_form=form, status=400)
        confirmed = sum(1 for r in created if r.status == Status.CONFIRMED)
        messages.success(
            request,
            _("已为 %(n)d 名员工报名:%(c)d 人确认,%(w)d 人候补或待审核。")
            % {"n": len(created), "c": confirmed, "w": len(created) - confirmed},
        )
        if skipped:
            messages.info(
                request,
                _("以下员工已报名,未重复报名:%(names)s") % {"names": "、".join(map(display_name, skipped))},
            )
        return redirect(event.url)
    for errors in form.errors.values():
        for message in errors:
            messages.error(request, message)
    return event_detail(request, event, staff_form=form, status=400)


@require_GET
def event_calendar(request, page_path):
    """``<event url>calendar.ics``: Wagtail's page paths cannot hold a dot, so this is routed here."""
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    components = [part for part in f"events/{page_path}".split("/") if part]
    page, _args, _kwargs = site.root_page.localized.specific.route(request, components)
    event = page.specific
    if not isinstance(event, EventPage) or not event.live:
        raise Http404
    mark_page_cacheable(event, request)  # cached with the event page, stale when it is
    cal = build_calendar([event], event.title)
    return calendar_response(cal, f"event-{event.pk}.ics")


@require_GET
@public_cache(scope="/events/")  # publishing any event makes /events/ stale, and this with it
def calendar_all(request):
    events = EventPage.objects.live().filter(end_at__gte=timezone.now()).order_by("start_at")
    return calendar_response(build_calendar(events, _("合规学堂 · 论坛与沙龙")), "events.ics")


# --- tickets --------------------------------------------------------------------------------


def _ticket_or_404(request, code, owner_only=False):
    registration = get_object_or_404(
        Registration.objects.select_related("event", "user__profile", "registered_by__profile"),
        ticket_code=services.normalise_code(code),
    )
    user = request.user
    if registration.user_id == user.pk:
        return registration
    if not owner_only and (registration.registered_by_id == user.pk or registration.event.is_organiser(user)):
        return registration
    # Someone else's ticket: behave as if it did not exist.
    raise Http404


def qr_svg(data):
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=12, border=2)
    svg = image.to_string(encoding="unicode")
    return mark_safe(svg[svg.index("<svg") :])  # noqa: S308 - generated by qrcode, no user markup


@login_required
def ticket(request, code):
    registration = _ticket_or_404(request, code)
    event = registration.event
    return render(
        request,
        "events/ticket.html",
        {
            "registration": registration,
            "event": event,
            "qr": qr_svg(registration.ticket_code) if registration.status == Status.CONFIRMED else "",
            "waitlist_position": services.waitlist_position(registration),
            "feedback": Feedback.objects.filter(registration=registration).first(),
        },
    )


@login_required
@require_POST
def ticket_cancel(request, code):
    registration = _ticket_or_404(request, code)
    was_waitlisted = registration.status == Status.WAITLISTED
    try:
        services.cancel(registration, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, _("您已退出候补名单。") if was_waitlisted else _("报名已取消,取消通知已发送到邮箱。")
        )
    return redirect("events:ticket", registration.ticket_code)


@login_required
def feedback(request, code):
    registration = _ticket_or_404(request, code, owner_only=True)
    event = registration.event
    existing = Feedback.objects.filter(registration=registration).first()
    if not registration.checked_in_at:
        messages.error(request, _("只有签到参会的人员可以评价本活动。"))
        return redirect("events:ticket", registration.ticket_code)
    if existing:
        messages.info(request, _("您已提交过评价,感谢反馈!"))
        return redirect("events:ticket", registration.ticket_code)
    form = FeedbackForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            form.instance.registration = registration
            form.save()
            messages.success(request, _("感谢您的评价!"))
            return redirect("events:ticket", registration.ticket_code)
        messages.error(request, _("请检查评价内容后重新提交。"))
    return render(
        request,
        "events/feedback.html",
        {"registration": registration, "event": event, "form": form},
        status=400 if form.errors else 200,
    )


# --- check-in desk --------------------------------------------------------------------------


def _organised_event(request, pk):
    event = get_object_or_404(EventPage.objects.select_related("organiser_group"), pk=pk)
    if not event.is_organiser(request.user):
        raise PermissionDenied
    return event


def _row(registration):
    profile = getattr(registration.user, "profile", None)
    return {
        "id": registration.pk,
        "name": display_name(registration.user),
        "phone": _mask_phone(profile.phone if profile else ""),
        "code": registration.ticket_code,
        "status": str(registration.status_display),
        "checked_in": bool(registration.checked_in_at),
    }


def _mask_phone(phone):
    return f"{phone[:3]}****{phone[-4:]}" if len(phone) >= 11 else phone


@login_required
def checkin(request, pk):
    event = _organised_event(request, pk)
    return render(request, "events/checkin.html", {"event": event, "counts": services.counts(event)})


@login_required
@require_POST
def checkin_scan(request, pk):
    event = _organised_event(request, pk)
    registration_pk = request.POST.get("registration")
    try:
        registration = services.check_in(
            event,
            code=request.POST.get("code"),
            registration_pk=int(registration_pk) if registration_pk and registration_pk.isdigit() else None,
            by=request.user,
        )
    except ValidationError as exc:
        result = {"ok": False, "message": " ".join(exc.messages)}
        status = 400
    else:
        result = {
            "ok": True,
            "message": _("签到成功:%(name)s") % {"name": display_name(registration.user)},
            "attendee": _row(registration),
        }
        status = 200
    result["counts"] = services.counts(event)
    if request.headers.get("Accept", "").startswith("application/json"):
        return JsonResponse(result, status=status)
    (messages.success if result["ok"] else messages.error)(request, result["message"])
    return redirect("events:checkin", event.pk)


@login_required
@require_GET
def checkin_counts(request, pk):
    event = _organised_event(request, pk)
    recent = (
        Registration.objects.filter(event=event, checked_in_at__isnull=False)
        .select_related("user__profile")
        .order_by("-checked_in_at")[:10]
    )
    return JsonResponse({"counts": services.counts(event), "recent": [_row(r) for r in recent]})


@login_required
@require_GET
def checkin_lookup(request, pk):
    event = _organised_event(request, pk)
    query = (request.GET.get("q") or "").strip()[:50]
    if len(query) < 1:
        return JsonResponse({"results": []})
    found = (
        Registration.objects.filter(event=event)
        .exclude(status=Status.CANCELLED)
        .filter(
            Q(user__profile__real_name__icontains=query)
            | Q(user__profile__phone__contains=query)
            | Q(user__email__icontains=query)
            | Q(ticket_code=services.normalise_code(query))
        )
        .select_related("user__profile")
        .order_by("user__profile__real_name")[:20]
    )
    return JsonResponse({"results": [_row(r) for r in found]})
