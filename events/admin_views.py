"""Organisers' views in the Wagtail admin: their events, attendee lists with export, actions, feedback."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin.views.reports import ReportView

from accounts.models import display_name
from core.exports import SpreadsheetExportMixin
from events import jobs
from events import registration as services
from events.forms import AddAttendeeForm, AttendeeMessageForm, DecisionForm
from events.indicators import satisfaction_of
from events.jobs import attendees_for, feedback_missing
from events.models import AttendeeMessage, AttendeeMessageDelivery, Feedback, Registration
from events.permissions import managed_events

Status = Registration.Status


def _event_for(request, pk):
    """The event, if the user organises it (or may see every event); 404 otherwise."""
    return get_object_or_404(managed_events(request.user), pk=pk)


class EventListView(SpreadsheetExportMixin, ReportView):
    page_title = gettext_lazy("活动报名管理")
    header_icon = "date"
    template_name = "events/admin/event_list.html"
    results_template_name = "events/admin/event_list_results.html"
    index_url_name = "events_admin:index"
    index_results_url_name = "events_admin:index_results"
    paginate_by = 30
    export_filename = "events"
    list_export = ["title", "start_at", "capacity", "confirmed", "waitlisted", "checked_in", "ratings"]
    export_headings = {
        "title": gettext_lazy("活动"),
        "start_at": gettext_lazy("开始时间"),
        "capacity": gettext_lazy("名额"),
        "confirmed": gettext_lazy("已确认"),
        "waitlisted": gettext_lazy("候补"),
        "checked_in": gettext_lazy("已签到"),
        "ratings": gettext_lazy("评价数"),
    }

    def get_queryset(self):
        status = "registrations__status"
        return (
            managed_events(self.request.user)
            .annotate(
                confirmed=Count("registrations", filter=Q(**{status: Status.CONFIRMED}), distinct=True),
                waitlisted=Count("registrations", filter=Q(**{status: Status.WAITLISTED}), distinct=True),
                pending=Count("registrations", filter=Q(**{status: Status.PENDING}), distinct=True),
                checked_in=Count(
                    "registrations", filter=Q(registrations__checked_in_at__isnull=False), distinct=True
                ),
                ratings=Count("registrations__feedback", distinct=True),
            )
            .order_by("-start_at")
        )


class RegistrationReportView(SpreadsheetExportMixin, ReportView):
    """One event's attendees with status and answers; CSV/XLSX export through core.exports."""

    header_icon = "group"
    template_name = "events/admin/registrations.html"
    results_template_name = "events/admin/registrations_results.html"
    paginate_by = 50
    base_export = [
        "name",
        "email",
        "phone",
        "enterprise",
        "status_label",
        "created_at",
        "checked_in_at",
        "training_hours",
        "ticket_code",
    ]

    def dispatch(self, request, *args, **kwargs):
        self.event = _event_for(request, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("报名名单：%(title)s") % {"title": self.event.title}

    def get_index_url(self):
        return reverse("events_admin:registrations", args=[self.event.pk])

    def get_index_results_url(self):
        return reverse("events_admin:registrations", args=[self.event.pk])

    def get_filename(self):
        return f"event-{self.event.pk}-registrations"

    @cached_property
    def questions(self):
        return list(self.event.questions.all())

    @cached_property
    def status_filter(self):
        value = self.request.GET.get("status", "")
        return value if value in {*Status.values, "checked_in"} else ""

    @property
    def list_export(self):
        return self.base_export + [f"q:{q.label}" for q in self.questions]

    @property
    def export_headings(self):
        headings = {
            "name": _("姓名"),
            "email": _("邮箱"),
            "phone": _("手机号"),
            "enterprise": _("企业"),
            "status_label": _("状态"),
            "created_at": _("报名时间"),
            "checked_in_at": _("签到时间"),
            "training_hours": _("学时"),
            "ticket_code": _("票码"),
        }
        headings.update({f"q:{q.label}": q.label for q in self.questions})
        return headings

    def to_row_dict(self, item):
        row = {}
        for field in self.list_export:
            if field.startswith("q:"):
                row[field] = (item.answers or {}).get(field[2:], "")
            else:
                row[field] = getattr(item, field)
        return row

    def get_queryset(self):
        registrations = Registration.objects.filter(event=self.event).select_related(
            "user__profile", "user__membership__enterprise", "registered_by__profile", "feedback"
        )
        if self.status_filter == "checked_in":
            registrations = registrations.filter(checked_in_at__isnull=False)
        elif self.status_filter:
            registrations = registrations.filter(status=self.status_filter)
        return registrations.order_by("status", "created_at", "pk")

    def decorate_paginated_queryset(self, object_list):
        for item in object_list:
            _decorate(item)
            item.answer_list = [(item.answers or {}).get(q.label, "") for q in self.questions]
        return object_list

    def as_spreadsheet(self, queryset, spreadsheet_format):
        return super().as_spreadsheet([_decorate(r) for r in queryset], spreadsheet_format)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            event=self.event,
            questions=self.questions,
            counts=services.counts(self.event),
            statuses=[*Status.choices, ("checked_in", _("已签到"))],
            status_filter=self.status_filter,
            add_form=AddAttendeeForm(),
        )
        return context


def _decorate(registration):
    user = registration.user
    profile = getattr(user, "profile", None)
    membership = getattr(user, "membership", None)
    registration.name = display_name(user)
    registration.email = user.email
    registration.phone = profile.phone if profile else ""
    registration.enterprise = membership.enterprise.name if membership else ""
    registration.status_label = str(registration.status_display)
    return registration


def _back(event):
    return redirect("events_admin:registrations", event.pk)


@require_POST
def add_attendee(request, pk):
    event = _event_for(request, pk)
    form = AddAttendeeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请输入有效的邮箱地址。"))
        return _back(event)
    try:
        registration = services.add_by_organiser(event, form.cleaned_data["email"], request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("已添加 %(name)s，状态：%(status)s。")
            % {"name": display_name(registration.user), "status": registration.get_status_display()},
        )
    return _back(event)


def _registration_for(request, pk, registration_pk):
    event = _event_for(request, pk)
    registration = get_object_or_404(
        Registration.objects.select_related("event", "user"), pk=registration_pk, event=event
    )
    return event, registration


@require_POST
def cancel_registration(request, pk, registration_pk):
    event, registration = _registration_for(request, pk, registration_pk)
    try:
        promoted = services.cancel(registration, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("已取消 %(name)s 的报名。") % {"name": display_name(registration.user)})
        if promoted:
            messages.info(request, _("%(name)s 已从候补名单递补。") % {"name": display_name(promoted.user)})
    return _back(event)


@require_POST
def approve_registration(request, pk, registration_pk):
    event, registration = _registration_for(request, pk, registration_pk)
    try:
        registration = services.approve(registration, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("已审核通过 %(name)s，状态：%(status)s。")
            % {"name": display_name(registration.user), "status": registration.get_status_display()},
        )
    return _back(event)


def feedback_view(request, pk):
    event = _event_for(request, pk)
    feedback = Feedback.objects.filter(registration__event=event).select_related(
        "registration__user__profile"
    )
    missing = feedback_missing(event.pk).select_related("user__profile")
    return TemplateResponse(
        request,
        "events/admin/feedback.html",
        {
            "event": event,
            "feedback_list": feedback,
            "missing": missing,
            "satisfaction": satisfaction_of(event),
            "page_title": _("活动反馈：%(title)s") % {"title": event.title},
            "header_icon": "comment",
        },
    )


@require_POST
def remind_feedback(request, pk):
    event = _event_for(request, pk)
    if not feedback_missing(event.pk).exists():
        messages.info(request, _("所有签到参会者都已评价。"))
    else:
        jobs.remind_feedback.enqueue(event.pk)
        messages.success(request, _("已向尚未评价的参会者发送提醒（12 小时内已提醒过的不再重复发送）。"))
    return redirect("events_admin:feedback", event.pk)


@require_POST
def decide_registrations(request, pk):
    """Approve in bulk, or reject in bulk with one reason the people are emailed."""
    event = _event_for(request, pk)
    form = DecisionForm(
        request.POST,
        registration_ids=Registration.objects.filter(event=event).values_list("pk", flat=True),
    )
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return _back(event)
    decision = form.cleaned_data["decision"]
    try:
        done, skipped = services.decide_many(
            event,
            form.cleaned_data["registration"],
            decision,
            by=request.user,
            reason=form.cleaned_data["reason"],
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return _back(event)
    if decision == "approve":
        confirmed = sum(1 for r in done if r.status == Status.CONFIRMED)
        messages.success(
            request,
            _("已审核通过 %(n)s 人：确认 %(c)s 人，名额已满转入候补 %(w)s 人。")
            % {"n": len(done), "c": confirmed, "w": len(done) - confirmed},
        )
    else:
        messages.success(request, _("已审核不通过 %(n)s 人，并邮件告知原因。") % {"n": len(done)})
    if skipped:
        messages.info(request, _("%(n)s 条报名不是待审核状态，未作处理。") % {"n": skipped})
    return _back(event)


def message_attendees(request, pk):
    """Write to the attendees by status; the emails go out as a background job, and each
    message keeps the list of who it was sent to."""
    event = _event_for(request, pk)
    form = AttendeeMessageForm(request.POST or None)
    status = 200
    if request.method == "POST":
        recipients = []
        if form.is_valid():
            recipients = [r for r in attendees_for(event, form.cleaned_data["audience"]) if r.user.email]
            if not recipients:
                form.add_error("audience", _("所选对象暂无参会者。"))
        if form.is_valid():
            message = form.save(commit=False)
            message.event, message.sent_by = event, request.user
            message.save()
            AttendeeMessageDelivery.objects.bulk_create(
                AttendeeMessageDelivery(message=message, registration=r, email=r.user.email)
                for r in recipients
            )
            jobs.send_attendee_message.enqueue(message.pk)
            messages.success(request, _("通知已排队发送给 %(n)s 位参会者。") % {"n": len(recipients)})
            return redirect("events_admin:messages", event.pk)
        status = 400
    sent = (
        AttendeeMessage.objects.filter(event=event)
        .select_related("sent_by__profile")
        .annotate(
            recipient_count=Count("deliveries"),
            sent_count=Count("deliveries", filter=Q(deliveries__sent_at__isnull=False)),
        )
    )
    return TemplateResponse(
        request,
        "events/admin/messages.html",
        {
            "event": event,
            "form": form,
            "sent_messages": sent,
            "page_title": _("通知参会者：%(title)s") % {"title": event.title},
            "header_icon": "mail",
        },
        status=status,
    )


def message_recipients(request, pk, message_pk):
    """To whom one message went, and when."""
    event = _event_for(request, pk)
    message = get_object_or_404(AttendeeMessage, pk=message_pk, event=event)
    deliveries = message.deliveries.select_related("registration__user__profile").order_by("pk")
    return TemplateResponse(
        request,
        "events/admin/message_recipients.html",
        {
            "event": event,
            "message": message,
            "deliveries": deliveries,
            "page_title": message.subject,
            "header_icon": "mail",
        },
    )
