"""Public views: registering, tickets, cancelling, feedback and the check-in desk."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from accounts.models import Enterprise, Membership
from events import registration as services
from events.models import Feedback, Registration, RegistrationQuestion
from tests.conftest import make_user
from tests.events.factories import make_event

pytestmark = pytest.mark.django_db
Status = Registration.Status


def test_anonymous_visitor_is_sent_to_sign_in_and_back(client, event):
    response = client.post(event.url + "register/", {"consent": "on"})
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/") and f"next={event.url}" in response.url.replace(
        "%2F", "/"
    )
    assert not Registration.objects.exists()


def test_register_through_the_page(user_client, user, event, django_capture_on_commit_callbacks):
    question = RegistrationQuestion.objects.create(
        page=event, label="是否需要午餐", kind="choice", options="需要\n不需要"
    )
    page = user_client.get(event.url).content.decode()
    assert "是否需要午餐" in page and "提交报名" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = user_client.post(event.url + "register/", {f"q_{question.pk}": "需要", "consent": "on"})
    registration = Registration.objects.get(user=user)
    assert response.status_code == 302 and response.url == f"/events/tickets/{registration.ticket_code}/"
    assert registration.status == Status.CONFIRMED
    assert registration.answers == {"是否需要午餐": "需要"} and registration.consent_at
    assert len(mail.outbox) == 1


def test_register_without_consent_changes_nothing(user_client, event):
    response = user_client.post(event.url + "register/", {})
    assert response.status_code == 400
    assert "请阅读并同意" in response.content.decode()
    assert not Registration.objects.exists()


def test_register_twice_shows_a_clear_message(user_client, user, event):
    services.register(event, user, consent=True)
    response = user_client.post(event.url + "register/", {"consent": "on"}, follow=True)
    assert Registration.objects.filter(user=user).count() == 1
    assert "查看我的票" in response.content.decode()


def test_register_when_closed_shows_a_clear_message(user_client, index):
    event = make_event(index, registration_closes_at=timezone.now() - timedelta(minutes=5))
    response = user_client.post(event.url + "register/", {"consent": "on"})
    assert response.status_code == 400
    assert "报名已截止" in response.content.decode()
    assert not Registration.objects.exists()


def test_ticket_shows_qr_to_its_owner_only(client, user, other_user, event):
    registration = services.register(event, user, consent=True)
    url = f"/events/tickets/{registration.ticket_code}/"
    client.force_login(user)
    content = client.get(url).content.decode()
    assert '<figure class="qr"><svg' in content and registration.ticket_code in content
    client.force_login(other_user)
    assert client.get(url).status_code == 404
    assert client.post(url + "cancel/").status_code == 404
    assert Registration.objects.get(pk=registration.pk).status == Status.CONFIRMED


def test_ticket_needs_sign_in(client, user, event):
    registration = services.register(event, user, consent=True)
    response = client.get(f"/events/tickets/{registration.ticket_code}/")
    assert response.status_code == 302 and "/accounts/login/" in response.url


def test_organiser_sees_attendee_ticket(client, user, event, make_organiser):
    registration = services.register(event, user, consent=True)
    client.force_login(make_organiser("org@example.com", event))
    assert client.get(f"/events/tickets/{registration.ticket_code}/").status_code == 200


def test_waitlisted_ticket_has_no_qr_and_can_leave(client, event, people):
    for p in people[:3]:
        services.register(event, p, consent=True)
    waitlisted = services.register(event, people[3], consent=True)
    client.force_login(people[3])
    content = client.get(f"/events/tickets/{waitlisted.ticket_code}/").content.decode()
    assert 'class="qr"' not in content and "候补第 1 位" in content and "退出候补" in content
    response = client.post(f"/events/tickets/{waitlisted.ticket_code}/cancel/", follow=True)
    assert "您已退出候补名单" in response.content.decode()
    assert Registration.objects.get(pk=waitlisted.pk).status == Status.CANCELLED


def test_cancel_from_ticket_promotes_waitlist(client, event, people):
    regs = [services.register(event, p, consent=True) for p in people[:4]]
    client.force_login(people[0])
    response = client.post(f"/events/tickets/{regs[0].ticket_code}/cancel/", follow=True)
    assert "报名已取消" in response.content.decode()
    assert Registration.objects.get(pk=regs[3].pk).status == Status.CONFIRMED
    # A second cancel is refused with a message, not an error page.
    response = client.post(f"/events/tickets/{regs[0].ticket_code}/cancel/", follow=True)
    assert response.status_code == 200 and "该报名已取消" in response.content.decode()


def test_officer_registers_staff_through_the_page(client, index):
    event = make_event(index, capacity=1)
    enterprise = Enterprise.objects.create(
        name="测试软件有限公司", credit_code="91330302MA2AB7KX1Y", size="micro"
    )
    officer = make_user("boss@example.com", real_name="专员")
    Membership.objects.create(user=officer, enterprise=enterprise, role=Membership.Role.OFFICER)
    staff = [make_user(f"s{i}@example.com", real_name=f"员工{i}") for i in range(2)]
    for member in staff:
        Membership.objects.create(user=member, enterprise=enterprise)
    outsider = make_user("outsider@example.com")
    client.force_login(officer)
    assert "为本企业员工报名" in client.get(event.url).content.decode()
    response = client.post(event.url + "register-staff/", {"members": [outsider.pk], "consent": "on"})
    assert response.status_code == 400 and not Registration.objects.exists()
    response = client.post(event.url + "register-staff/", {"members": [s.pk for s in staff], "consent": "on"})
    assert response.status_code == 302
    assert sorted(Registration.objects.values_list("status", flat=True)) == [
        Status.CONFIRMED,
        Status.WAITLISTED,
    ]
    # A plain member cannot.
    client.force_login(staff[0])
    response = client.post(event.url + "register-staff/", {"members": [staff[1].pk], "consent": "on"})
    assert response.status_code == 302
    assert Registration.objects.count() == 2


def test_feedback_only_after_check_in_and_once(client, user, past_event):
    registration = Registration.objects.create(event=past_event, user=user, status=Status.CONFIRMED)
    client.force_login(user)
    url = f"/events/tickets/{registration.ticket_code}/feedback/"
    response = client.get(url, follow=True)
    assert "只有签到参会的人员可以评价" in response.content.decode()
    services.check_in(past_event, code=registration.ticket_code)
    response = client.post(url, {"rating": "9"})
    assert response.status_code == 400 and not Feedback.objects.exists()
    response = client.post(url, {"rating": "5", "comment": "案例讲解很实用"})
    assert response.status_code == 302
    assert Feedback.objects.get().rating == 5
    response = client.post(url, {"rating": "1"}, follow=True)
    assert "您已提交过评价" in response.content.decode()
    assert Feedback.objects.get().rating == 5


def test_feedback_of_another_persons_ticket_is_hidden(client, user, other_user, past_event, make_organiser):
    registration = Registration.objects.create(event=past_event, user=user, status=Status.CONFIRMED)
    client.force_login(make_organiser("org@example.com", past_event))
    assert client.get(f"/events/tickets/{registration.ticket_code}/feedback/").status_code == 404


def test_check_in_desk_is_for_organisers_only(client, user, event, make_organiser):
    client.force_login(user)
    refused = client.get(f"/events/checkin/{event.pk}/")
    assert refused.status_code == 403 and "没有访问此页面的权限" in refused.content.decode()
    assert client.post(f"/events/checkin/{event.pk}/scan/", {"code": "X"}).status_code == 403
    assert client.get(f"/events/checkin/{event.pk}/counts.json").status_code == 403
    assert client.get(f"/events/checkin/{event.pk}/lookup.json?q=a").status_code == 403
    client.force_login(make_organiser("org@example.com", event))
    content = client.get(f"/events/checkin/{event.pk}/").content.decode()
    assert "签到台" in content and "checkin.js" in content
    # Whoever created the event runs its desk too, as they see its registrations in the admin.
    event.owner = user
    event.save()
    client.force_login(user)
    assert client.get(f"/events/checkin/{event.pk}/").status_code == 200


def test_check_in_desk_scan_lookup_and_counts(client, index, event, people, make_organiser):
    other = make_event(index, title="另一场")
    people[0].profile.phone = "13800001234"
    people[0].profile.save()
    mine = services.register(event, people[0], consent=True)
    foreign = services.register(other, people[1], consent=True)
    client.force_login(make_organiser("org@example.com", event))
    json_post = {"HTTP_ACCEPT": "application/json"}
    scan = f"/events/checkin/{event.pk}/scan/"

    response = client.post(scan, {"code": mine.ticket_code.lower()}, **json_post)
    assert (
        response.status_code == 200 and response.json()["ok"] and response.json()["counts"]["checked_in"] == 1
    )
    response = client.post(scan, {"code": mine.ticket_code}, **json_post)
    assert response.status_code == 400 and "不能重复签到" in response.json()["message"]
    response = client.post(scan, {"code": foreign.ticket_code}, **json_post)
    assert "另一场活动" in response.json()["message"]
    assert Registration.objects.get(pk=foreign.pk).checked_in_at is None
    response = client.post(scan, {"registration": "abc"}, **json_post)
    assert response.status_code == 400 and "请输入票码" in response.json()["message"]

    found = client.get(f"/events/checkin/{event.pk}/lookup.json?q=1234").json()["results"]
    assert [r["id"] for r in found] == [mine.pk] and found[0]["phone"] == "138****1234"
    assert client.get(f"/events/checkin/{event.pk}/lookup.json?q=参会者1").json()["results"] == []
    counts = client.get(f"/events/checkin/{event.pk}/counts.json").json()
    assert counts["counts"]["checked_in"] == 1 and counts["recent"][0]["id"] == mine.pk

    # Without JavaScript the form posts and redirects back with a message.
    response = client.post(scan, {"code": "NOSUCHCODE"}, follow=True)
    assert "票码不存在" in response.content.decode()


def test_check_in_by_lookup(client, event, people, make_organiser):
    registration = services.register(event, people[0], consent=True)
    client.force_login(make_organiser("org@example.com", event))
    response = client.post(
        f"/events/checkin/{event.pk}/scan/", {"registration": registration.pk}, HTTP_ACCEPT="application/json"
    )
    assert response.json()["ok"]
    assert Registration.objects.get(pk=registration.pk).training_hours == 2
