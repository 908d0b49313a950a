"""Every kind of email the apps send: the site's name in the subject, HTML and text, links on SITE_URL.

The test client posts to ``testserver`` and the Wagtail site is ``localhost``: neither may appear.
"""

import re

import pytest
from django.core import mail
from django.urls import reverse

from accounts import services as account_services
from consult import notifications
from consult import services as consult_services
from courses import enrolment
from courses.models import Enrolment
from events import jobs as event_jobs
from events.calendar import build_calendar
from rectification import jobs as rectification_jobs
from rectification import services as rectification_services
from tests.conftest import make_user
from tests.consult.factories import make_department
from tests.courses.factories import build_course
from tests.drills.factories import make_guideline, make_industry, make_self_check
from tests.events.factories import RegistrationFactory, make_event, make_index
from tests.rectification.factories import make_firm, run_self_check

PUBLIC = "https://academy.example"
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _public_address(settings, tmp_path):
    settings.SITE_URL = PUBLIC
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


def check(message, subject_part, link_path):
    """One email in the site's name, with an HTML part, linking ``link_path`` on the public address."""
    assert message.subject.startswith("【合规学堂】") and message.subject.count("合规学堂") == 1
    assert subject_part in message.subject
    assert "合规学堂" in message.from_email
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    links = re.findall(r"https?://[^\s<>\"'，。；：、）】》]+", message.body)
    assert links and all(link.startswith(PUBLIC + "/") for link in links), links
    assert any(link_path in link for link in links), links
    assert f'href="{PUBLIC}' in html
    for host in ("testserver", "localhost", "127.0.0.1"):
        assert host not in message.body and host not in html


def test_allauth_emails_carry_the_sites_name_and_public_links(client, home, settings):
    client.post(
        reverse("account_signup"),
        {
            "email": "new@example.com",
            "password1": "Str0ng-pass-2026",
            "password2": "Str0ng-pass-2026",
            "real_name": "赵新",
            "privacy_consent": "on",
        },
    )
    [confirmation] = mail.outbox
    check(confirmation, "", "/accounts/confirm-email/")
    assert "Hello from" not in confirmation.body and "您好" in confirmation.body
    make_user("known@example.com")
    client.post(reverse("account_reset_password"), {"email": "known@example.com"})
    check(mail.outbox[-1], "", "/accounts/password/reset/key/")


def test_an_invitation_links_the_public_address(client, home):
    enterprise, officer, _staff = make_firm()
    client.force_login(officer)
    client.post(reverse("enterprise_invite"), {"email": "colleague@example.com"})
    invitation = enterprise.invitations.get()
    check(mail.outbox[-1], enterprise.name, reverse("invitation_accept", args=[invitation.token]))


def test_consultation_answer_email(home):
    _enterprise, _officer, (asker,) = make_firm(staff=["asker@example.com"])
    make_department("区司法局", "justice", intake=True)
    request = consult_services.submit(asker, title="试用期辞退", description="需要补偿吗")
    mail.outbox.clear()
    notifications.notify_asker.call(request.pk)
    check(mail.outbox[-1], "您的咨询已答复", request.get_absolute_url())


def test_event_confirmation_email_and_calendar_link_the_public_address(home):
    event = make_event(make_index(home))
    registration = RegistrationFactory(event=event, user=make_user("guest@example.com"))
    event_jobs.send_registration_email.call(registration.pk, "confirmed")
    message = mail.outbox[-1]
    check(message, "报名成功", reverse("events:ticket", args=[registration.ticket_code]))
    assert f"{PUBLIC}{event.get_url_parts()[2]}calendar.ics" in message.body
    ics = build_calendar([event], "活动").to_ical().decode()
    assert f"URL:{PUBLIC}{event.get_url_parts()[2]}" in ics.replace("\r\n ", "")
    assert "localhost" not in ics


def test_course_enrolment_decision_email(home):
    course = build_course(home, enrolment_mode="approval")
    learner = make_user("learner@example.com")
    enrolment.enrol(learner, course)
    row = Enrolment.objects.get(user=learner, course=course)
    editor = make_user("editor@example.com", is_staff=True)
    mail.outbox.clear()
    enrolment.approve(row, editor)
    check(mail.outbox[-1], course.title, course.get_url_parts()[2])


def test_rectification_assignment_email(home):
    industry = make_industry()
    items = make_guideline(home, industry)
    page = make_self_check(home, industry)
    _enterprise, officer, (staff,) = make_firm(industry=industry, staff=["staff@example.com"])
    report = run_self_check(staff, page, {items["invoice"].pk: "no"})
    plan, _created = rectification_services.create_plan(officer, self_check=report)
    task = plan.tasks.first()
    task.owner = staff
    task.save()
    mail.outbox.clear()
    rectification_jobs.send_assignment_email.call(task.pk)
    check(mail.outbox[-1], task.title, task.get_absolute_url())


def test_an_invitation_is_sent_from_a_job_without_a_request(home):
    enterprise, officer, _staff = make_firm()
    invitation = account_services.invite(enterprise, "x@example.com", officer)
    check(mail.outbox[-1], enterprise.name, invitation.token)
