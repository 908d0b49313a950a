"""Organisers run their own events: create and publish them, decide registrations in bulk
(rejections carry a reason the person is emailed), and message attendees by status."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from events import registration as services
from events.jobs import send_attendee_message
from events.models import AttendeeMessage, EventPage, Registration
from events.permissions import let_group_run_events, managed_events
from tests.events.conftest import admin_group
from tests.events.factories import make_event

Status = Registration.Status


@pytest.fixture
def approval_event(index):
    return make_event(index, title="合规沙龙", slug="salon", capacity=2, requires_approval=True)


def pending(event, people):
    return [services.register(event, person, consent=True) for person in people]


@pytest.mark.django_db
def test_rejection_needs_a_reason_and_the_person_is_told_it(
    approval_event, people, django_capture_on_commit_callbacks
):
    (registration,) = pending(approval_event, people[:1])
    with pytest.raises(ValidationError):
        services.reject(registration, reason="  ")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.reject(registration, reason="本期仅面向鞋革行业企业。")
    registration.refresh_from_db()
    assert registration.status == Status.CANCELLED
    assert "未通过审核" in mail.outbox[0].subject
    assert "本期仅面向鞋革行业企业。" in mail.outbox[0].body


@pytest.mark.django_db
def test_bulk_approval_fills_seats_first_come_first_served(approval_event, people):
    registrations = pending(approval_event, people[:3])
    done, skipped = services.decide_many(approval_event, [r.pk for r in registrations], "approve")
    assert [r.status for r in done] == [Status.CONFIRMED, Status.CONFIRMED, Status.WAITLISTED]
    assert skipped == 0
    done, skipped = services.decide_many(approval_event, [r.pk for r in registrations], "approve")
    assert (done, skipped) == ([], 3)


@pytest.mark.django_db
def test_bulk_decisions_in_the_admin(client, approval_event, people, make_organiser):
    organiser = make_organiser("org@gov.example", approval_event)
    registrations = pending(approval_event, people[:3])
    client.force_login(organiser)
    url = reverse("events_admin:decide", args=[approval_event.pk])
    ids = [r.pk for r in registrations[:2]]
    # No reason for a rejection, and a registration that is not this event's: nothing changes.
    client.post(url, {"decision": "reject", "registration": ids})
    client.post(url, {"decision": "approve", "registration": ["999999", "x"]})
    assert Registration.objects.filter(event=approval_event, status=Status.PENDING).count() == 3
    response = client.post(url, {"decision": "reject", "registration": ids, "reason": "名额有限"})
    assert response.status_code == 302
    assert Registration.objects.filter(pk__in=ids, status=Status.CANCELLED).count() == 2
    client.post(url, {"decision": "approve", "registration": [registrations[2].pk]})
    registrations[2].refresh_from_db()
    assert registrations[2].status == Status.CONFIRMED


@pytest.mark.django_db
def test_messages_go_to_the_chosen_attendees_once_with_a_record(client, event, people, make_organiser):
    organiser = make_organiser("org@gov.example", event)
    confirmed = [services.register(event, person, consent=True) for person in people[:4]]
    assert [r.status for r in confirmed].count(Status.CONFIRMED) == 3  # capacity 3, one waitlisted
    services.check_in(event, registration_pk=confirmed[0].pk, by=organiser)
    client.force_login(organiser)
    url = reverse("events_admin:messages", args=[event.pk])
    assert client.post(url, {"audience": "confirmed", "subject": "", "body": "x"}).status_code == 400
    mail.outbox.clear()
    response = client.post(
        url, {"audience": "confirmed", "subject": "会场变更", "body": "会场改至区司法局三楼报告厅。"}
    )
    assert response.status_code == 302
    message = AttendeeMessage.objects.get()
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        r.user.email for r in confirmed if r.status == Status.CONFIRMED
    )
    assert "会场改至区司法局三楼报告厅。" in mail.outbox[0].body
    assert message.deliveries.filter(sent_at__isnull=True).count() == 0
    assert send_attendee_message.call(message.pk) == 0  # a retried job sends nothing twice
    page = client.get(reverse("events_admin:message", args=[event.pk, message.pk])).content.decode()
    assert confirmed[1].user.email in page and confirmed[3].user.email not in page
    # Attendees who checked in but have not rated the event yet.
    client.post(url, {"audience": "no_feedback", "subject": "请评价", "body": "请为本次活动打分。"})
    assert AttendeeMessage.objects.get(subject="请评价").deliveries.count() == 1
    # Nobody on the waiting list who has checked in: a clear error, nothing queued.
    assert client.post(url, {"audience": "nonsense", "subject": "a", "body": "b"}).status_code == 400


@pytest.mark.django_db
def test_organisers_cannot_reach_other_events(client, event, index, make_organiser):
    other = make_event(index, title="别人的活动", slug="other")
    organiser = make_organiser("org@gov.example", event)
    client.force_login(organiser)
    for name, args in [
        ("events_admin:messages", [other.pk]),
        ("events_admin:decide", [other.pk]),
        ("events_admin:registrations", [other.pk]),
    ]:
        assert client.post(reverse(name, args=args), {}).status_code == 404
    message = AttendeeMessage.objects.create(event=other, audience="confirmed", subject="s", body="b")
    assert client.get(reverse("events_admin:message", args=[event.pk, message.pk])).status_code == 404


@pytest.mark.django_db
def test_organisers_create_and_edit_their_own_events(client, index, event, make_organiser):
    organiser = make_organiser("org@gov.example")
    let_group_run_events(index, admin_group())
    assert index.permissions_for_user(organiser).can_add_subpage()
    client.force_login(organiser)
    add_url = reverse("wagtailadmin_pages:add", args=["events", "eventpage", index.pk])
    assert client.get(add_url).status_code == 200
    mine = make_event(index, title="我的沙龙", slug="mine", owner=organiser)
    assert EventPage.objects.get(pk=mine.pk).permissions_for_user(organiser).can_edit()
    assert not EventPage.objects.get(pk=event.pk).permissions_for_user(organiser).can_edit()
    assert set(managed_events(organiser)) == {mine}


@pytest.mark.django_db
def test_the_organiser_chooser_offers_back_office_people_only(admin_client, people, make_organiser):
    make_organiser("wang.org@gov.example")
    url = reverse("person_chooser:choose")
    html = admin_client.get(url).json()["html"]
    assert "wang.org@gov.example" in html
    assert "p0@example.com" not in html  # a member of the public, not an admin user
    assert "wang.org@gov.example" in admin_client.get(url, {"q": "wang.org"}).json()["html"]
    assert "wang.org@gov.example" not in admin_client.get(url, {"q": "李"}).json()["html"]
    assert admin_client.get(url, {"q": "\x00"}).status_code == 400  # refused site-wide (core.security)


@pytest.mark.django_db
def test_organisers_are_chosen_on_the_event_page(admin_client, event, make_organiser):
    organiser = make_organiser("wang.org@gov.example", event)
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[event.pk])).content.decode()
    assert "选择人员" in html and "wang.org (wang.org@gov.example)" in html
    chosen = admin_client.get(reverse("person_chooser:chosen", args=[organiser.pk])).json()
    assert chosen["result"]["title"] == "wang.org (wang.org@gov.example)"
    assert EventPage.objects.get(pk=event.pk).is_organiser(organiser)


@pytest.mark.django_db
def test_a_message_the_mail_server_refused_goes_out_on_the_rerun(
    client, event, people, make_organiser, monkeypatch
):
    organiser = make_organiser("org@gov.example", event)
    for person in people[:2]:
        services.register(event, person, consent=True)
    client.force_login(organiser)

    def refuse(*args, **kwargs):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr("events.jobs.send_email", refuse)
    mail.outbox.clear()
    response = client.post(  # the job fails; the organiser's message is kept
        reverse("events_admin:messages", args=[event.pk]),
        {"audience": "confirmed", "subject": "会场变更", "body": "会场改至三楼。"},
    )
    assert response.status_code == 302
    message = AttendeeMessage.objects.get()
    assert message.deliveries.filter(sent_at__isnull=True).count() == 2  # nothing marked sent
    monkeypatch.undo()
    assert send_attendee_message.call(message.pk) == 2
    assert len(mail.outbox) == 2
