"""Public views outside the page tree: tickets, feedback, calendars and the organisers' check-in desk.

The event page owns its detail and registration routes (models/pages.py).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from wagtail.models import Site

from accounts.models import display_name
from core import qr
from core.cache import mark_page_cacheable, public_cache
from events import registration as services
from events.calendar import build_calendar, calendar_ics, calendar_response
from events.forms import FeedbackForm
from events.models import EventPage, Feedback, Registration

Status = Registration.Status


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
    return calendar_response(cal, f"event-{event.pk}.ics", title=event.title)


@require_GET
@public_cache(scope="/events/")  # publishing any event makes /events/ stale, and this with it
def calendar_all(request):
    events = EventPage.objects.live().filter(end_at__gte=timezone.now()).order_by("start_at")
    return calendar_response(
        calendar_ics(events, _("合规学堂 · 论坛与沙龙")), "events.ics", title=_("论坛沙龙")
    )


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
            "qr": qr.svg(registration.ticket_code, box_size=12)
            if registration.status == Status.CONFIRMED
            else "",
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
            request, _("您已退出候补名单。") if was_waitlisted else _("报名已取消，取消通知已发送到邮箱。")
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
        messages.info(request, _("您已提交过评价，感谢反馈！"))
        return redirect("events:ticket", registration.ticket_code)
    form = FeedbackForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            form.instance.registration = registration
            form.save()
            messages.success(request, _("感谢您的评价！"))
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
            "message": _("签到成功：%(name)s") % {"name": display_name(registration.user)},
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
