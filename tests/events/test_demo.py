import io

import pytest
from django.utils import timezone
from django_q.models import Schedule

from accounts import demo as accounts_demo
from events import demo
from events.indicators import yearly_figures
from events.models import EventPage, Feedback, Registration
from portal import demo as portal_demo

pytestmark = pytest.mark.django_db


def test_demo_loads_twice_without_duplicates():
    out = io.StringIO()
    accounts_demo.load(out)
    portal_demo.load(out)
    demo.load(out)
    counts = (EventPage.objects.count(), Registration.objects.count(), Feedback.objects.count())
    demo.load(out)
    assert (EventPage.objects.count(), Registration.objects.count(), Feedback.objects.count()) == counts
    assert EventPage.objects.filter(title__startswith="白鹿法治论坛").exists()
    assert Schedule.objects.filter(args="'events.jobs.send_due_reminders'").count() == 1
    assert Schedule.objects.filter(args="'events.jobs.send_due_feedback_requests'").count() == 1
    for event in EventPage.objects.all():
        confirmed = event.registrations.filter(status=Registration.Status.CONFIRMED).count()
        assert confirmed <= event.capacity
    latest_past = EventPage.objects.filter(end_at__lt=timezone.now()).order_by("-start_at").first()
    figures = yearly_figures(year=timezone.localtime(latest_past.start_at).year)
    assert figures["attendees"] > 0 and figures["ratings"] > 0
