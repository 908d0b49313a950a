"""Non-page URLs of this app, included by portal/urls.py before Wagtail's page tree."""

from django.urls import path, re_path

from events import views

app_name = "events"

urlpatterns = [
    path("events/calendar.ics", views.calendar_all, name="calendar"),
    re_path(
        r"^events/(?P<page_path>(?:[\w-]+/)+)calendar\.ics$", views.event_calendar, name="event_calendar"
    ),
    path("events/tickets/<str:code>/", views.ticket, name="ticket"),
    path("events/tickets/<str:code>/cancel/", views.ticket_cancel, name="ticket_cancel"),
    path("events/tickets/<str:code>/feedback/", views.feedback, name="feedback"),
    path("events/checkin/<int:pk>/", views.checkin, name="checkin"),
    path("events/checkin/<int:pk>/scan/", views.checkin_scan, name="checkin_scan"),
    path("events/checkin/<int:pk>/counts.json", views.checkin_counts, name="checkin_counts"),
    path("events/checkin/<int:pk>/lookup.json", views.checkin_lookup, name="checkin_lookup"),
]
