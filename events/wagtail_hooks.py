from django.db.models import Sum
from django.template.loader import render_to_string
from django.urls import include, path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from accounts.erasure import UserDataErasure
from accounts.training import TrainingRecord, hours_of
from events import admin_views
from events.indicators import yearly_figures
from events.models import AttendeeMessageDelivery, EventPage, Feedback, Registration
from events.permissions import manages_any_event

Status = Registration.Status


@hooks.register("register_admin_urls")
def register_admin_urls():
    urls = [
        path("", admin_views.EventListView.as_view(), name="index"),
        path("results/", admin_views.EventListView.as_view(results_only=True), name="index_results"),
        path("<int:pk>/", admin_views.RegistrationReportView.as_view(), name="registrations"),
        path("<int:pk>/add/", admin_views.add_attendee, name="add"),
        path("<int:pk>/feedback/", admin_views.feedback_view, name="feedback"),
        path("<int:pk>/feedback/remind/", admin_views.remind_feedback, name="remind_feedback"),
        path("<int:pk>/<int:registration_pk>/cancel/", admin_views.cancel_registration, name="cancel"),
        path("<int:pk>/<int:registration_pk>/approve/", admin_views.approve_registration, name="approve"),
        path("<int:pk>/decide/", admin_views.decide_registrations, name="decide"),
        path("<int:pk>/messages/", admin_views.message_attendees, name="messages"),
        path("<int:pk>/messages/<int:message_pk>/", admin_views.message_recipients, name="message"),
    ]
    return [path("event-registrations/", include((urls, "events_admin")))]


class OrganiserMenuItem(MenuItem):
    def is_shown(self, request):
        return manages_any_event(request.user)


@hooks.register("register_admin_menu_item")
def register_menu_item():
    return OrganiserMenuItem(_("活动报名"), reverse("events_admin:index"), icon_name="date", order=350)


class EventIndicatorsPanel(Component):
    """This year's education sessions, attendees and satisfaction against the pilot plan's targets."""

    name = "events_indicators"
    template_name = "events/admin/indicators_panel.html"
    order = 50

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["figures"] = yearly_figures()
        return context


@hooks.register("construct_homepage_panels")
def add_indicators_panel(request, panels):
    if manages_any_event(request.user):
        panels.append(EventIndicatorsPanel())


# --- portal extension hooks ------------------------------------------------------------------


def upcoming_events(count):
    return list(
        EventPage.objects.live().public().filter(end_at__gte=timezone.now()).order_by("start_at")[:count]
    )


@hooks.register("register_home_feed")
def home_feed():
    return {"events": upcoming_events}


def _my_registrations(user):
    return (
        Registration.objects.filter(user=user)
        .select_related("event", "feedback")
        .order_by("-event__start_at")
    )


@hooks.register("register_me_panel")
def me_panel(request):
    registrations = list(_my_registrations(request.user)[:20])
    hours = hours_of(request.user).events
    now = timezone.now()
    return render_to_string(
        "events/panels/me.html",
        {
            "upcoming": [r for r in registrations if r.event.end_at >= now and r.status != Status.CANCELLED],
            "past": [r for r in registrations if r.event.end_at < now or r.status == Status.CANCELLED][:10],
            "hours": hours or 0,
        },
        request=request,
    )


@hooks.register("register_enterprise_panel")
def enterprise_panel(request, enterprise):
    registrations = (
        Registration.objects.filter(user__membership__enterprise=enterprise)
        .exclude(status=Status.CANCELLED)
        .select_related("event", "user__profile")
        .order_by("-event__start_at", "user__profile__real_name")[:50]
    )
    hours = Registration.objects.filter(
        user__membership__enterprise=enterprise, checked_in_at__isnull=False
    ).aggregate(total=Sum("training_hours"))["total"]
    return render_to_string(
        "events/panels/enterprise.html",
        {"registrations": registrations, "hours": hours or 0, "events_url": "/events/"},
        request=request,
    )


@hooks.register("register_training_hours")
def training_hours_records(user_ids):
    """Hours of every checked-in event (accounts.training adds them up)."""
    rows = Registration.objects.filter(user_id__in=user_ids, checked_in_at__isnull=False).values_list(
        "user_id", "event__title", "training_hours", "checked_in_at"
    )
    return [
        TrainingRecord(user_id=uid, kind="event", title=title, hours=hours, earned_at=at)
        for uid, title, hours, at in rows
    ]


@hooks.register("register_user_data_export")
def user_data_export(user):
    data = []
    for r in _my_registrations(user):
        feedback = getattr(r, "feedback", None)
        data.append(
            {
                "event": r.event.title,
                "start_at": r.event.start_at.isoformat(),
                "status": r.status,
                "ticket_code": r.ticket_code,
                "answers": r.answers,
                "consent_at": r.consent_at.isoformat() if r.consent_at else None,
                "registered_at": r.created_at.isoformat(),
                "checked_in_at": r.checked_in_at.isoformat() if r.checked_in_at else None,
                "training_hours": str(r.training_hours),
                "feedback": {"rating": feedback.rating, "comment": feedback.comment} if feedback else None,
            }
        )
    return "event_registrations", data


def erase_user_data(user):
    """Erase registration answers, feedback comments and the addresses messages went to."""
    registrations = Registration.objects.filter(user=user)
    erased = registrations.update(answers={})
    erased += Feedback.objects.filter(registration__user=user).exclude(comment="").update(comment="")
    erased += AttendeeMessageDelivery.objects.filter(registration__user=user).update(email="")
    return erased


@hooks.register("register_user_data_erasure")
def user_data_erasure():
    return UserDataErasure(
        key="event_registrations",
        erased=[
            _("活动报名时填写的问题回答"),
            _("活动反馈中的意见和建议"),
            _("参会通知的收件邮箱"),
        ],
        kept=[
            (
                _("报名、签到的时间和获得的学时，活动满意度评分"),
                _("活动容量、签到统计和年度满意度指标需要这些记录；它们不再与您的姓名或账户关联。"),
            ),
        ],
        erase=erase_user_data,
    )
