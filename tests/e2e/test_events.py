"""Browser journeys for events: register, see the ticket with its QR code, cancel; check attendees in."""

import pytest

from events import registration as services
from events.models import Registration, RegistrationQuestion
from tests.conftest import make_user
from tests.events.conftest import admin_group
from tests.events.factories import make_event, make_index, make_tx_home

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def tx_home(transactional_db):
    return make_tx_home()


def test_register_see_ticket_with_qr_and_cancel(page, live_server, login, tx_home):
    event = make_event(make_index(tx_home), title="合规沙龙:鞋革企业发票红线", capacity=1)
    question = RegistrationQuestion.objects.create(
        page=event, label="是否需要午餐", kind="choice", options="需要\n不需要"
    )
    user = make_user("visitor@example.com", real_name="李婷")
    waiting = make_user("waiting@example.com", real_name="王建国")

    # Anonymous visitors are sent to sign in first.
    page.goto(live_server.url + event.url)
    assert "登录后报名" in page.content()
    login(user.email)
    page.goto(live_server.url + event.url)

    # Submitting without consent changes nothing and says why.
    page.select_option(f"select[name=q_{question.pk}]", "需要")
    page.click("form.register-form button")
    page.wait_for_load_state("networkidle")
    assert "请阅读并同意活动报名的个人信息使用说明" in page.content()
    assert not Registration.objects.exists()

    page.select_option(f"select[name=q_{question.pk}]", "需要")
    page.check("input[name=consent]")
    page.click("form.register-form button")
    page.wait_for_load_state("networkidle")
    registration = Registration.objects.get(user=user)
    assert page.url.endswith(f"/events/tickets/{registration.ticket_code}/")
    assert "报名成功" in page.content()
    assert page.locator(".qr svg").count() == 1
    assert page.locator(".ticket-code").inner_text() == registration.ticket_code

    # Someone else joins the waitlist; cancelling hands them the seat.
    services.register(event, waiting, consent=True)
    page.once("dialog", lambda dialog: dialog.accept())
    page.click(".cancel-form button")
    page.wait_for_load_state("networkidle")
    assert "报名已取消" in page.content()
    assert page.locator(".qr svg").count() == 0
    assert Registration.objects.get(pk=registration.pk).status == Registration.Status.CANCELLED
    assert Registration.objects.get(user=waiting).status == Registration.Status.CONFIRMED


def test_organiser_checks_attendees_in_at_the_desk(page, live_server, login, tx_home):
    event = make_event(make_index(tx_home), title="白鹿法治论坛", capacity=5)
    organiser = make_user("org@example.com", real_name="郑文静")
    organiser.groups.add(admin_group())
    event.organisers.add(organiser)
    event.save()
    attendee = make_user("attendee@example.com", real_name="黄志强")
    attendee.profile.phone = "13857700101"
    attendee.profile.save()
    other = make_user("other-attendee@example.com", real_name="林晓燕")
    ticket = services.register(event, attendee, consent=True)
    services.register(event, other, consent=True)

    login(organiser.email)
    page.goto(f"{live_server.url}/events/checkin/{event.pk}/")
    page.fill("#code-input", ticket.ticket_code.lower())
    page.click("#code-form button")
    page.wait_for_selector(".checkin-result.ok")
    assert "签到成功：黄志强" in page.inner_text("#checkin-result")
    page.wait_for_function("() => document.getElementById('count-checked-in').textContent === '1'")

    page.fill("#code-input", ticket.ticket_code)
    page.click("#code-form button")
    page.wait_for_selector(".checkin-result.refused")
    assert "不能重复签到" in page.inner_text("#checkin-result")

    # Look the second attendee up by name and check them in.
    page.fill("#lookup-input", "林晓")
    page.click("#lookup-results button")
    page.wait_for_function("() => document.getElementById('count-checked-in').textContent === '2'")
    assert Registration.objects.filter(event=event, checked_in_at__isnull=False).count() == 2


def test_organiser_creates_an_event_approves_in_bulk_messages_and_checks_in(
    page, live_server, admin_login, tx_home
):
    """An organiser (not an editor) runs an event from the admin end to end."""
    from django.contrib.auth.models import Group, Permission
    from django.urls import reverse

    from events.models import AttendeeMessage, EventPage
    from events.permissions import let_group_run_events
    from portal.roles import ORGANISERS

    index = make_index(tx_home)
    group, _ = Group.objects.get_or_create(name=ORGANISERS)
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    let_group_run_events(index, group)
    organiser = make_user("org@gov.example", real_name="郑文静")
    organiser.groups.add(group)

    admin_login(organiser.username)
    page.goto(f"{live_server.url}/admin/pages/add/events/eventpage/{index.pk}/")
    page.fill("#id_title", "鞋革行业安全生产沙龙")
    page.fill("#id_summary", "围绕胶粘剂作业安全,交流隐患排查经验。")
    page.fill("#id_start_at", "2027-03-18 14:00")
    page.fill("#id_end_at", "2027-03-18 16:30")
    page.fill("#id_venue", "区司法局三楼报告厅")
    page.click("[role=tab]:has-text('报名设置')")
    page.fill("#id_capacity", "30")
    page.check("#id_requires_approval")
    page.locator("footer .w-dropdown__toggle, footer [data-w-dropdown-target='toggle']").first.click()
    page.locator("button[name=action-publish]").click()
    page.wait_for_load_state("networkidle")
    event = EventPage.objects.get(title="鞋革行业安全生产沙龙")
    assert event.live and event.owner == organiser and event.requires_approval

    people = [
        make_user(f"p{n}@firm.example", real_name=name)
        for n, name in enumerate(["黄志强", "林晓燕", "陈思远"])
    ]
    for person in people:
        services.register(event, person, consent=True)
    assert Registration.objects.filter(event=event, status=Registration.Status.PENDING).count() == 3

    # Approve two at once from the registration list.
    page.goto(live_server.url + reverse("events_admin:registrations", args=[event.pk]))
    for person in people[:2]:
        page.check(f"input[name=registration][aria-label*='{person.profile.real_name}']")
    page.click("#registration-decisions-submit, button[form=registration-decisions]")
    page.wait_for_load_state("networkidle")
    statuses = dict(Registration.objects.filter(event=event).values_list("user__email", "status"))
    assert [statuses[p.email] for p in people] == ["confirmed", "confirmed", "pending"]

    # A message to the confirmed attendees.
    page.goto(live_server.url + reverse("events_admin:messages", args=[event.pk]))
    page.select_option("select[name=audience]", "confirmed")
    page.fill("input[name=subject]", "会场变更")
    page.fill("textarea[name=body]", "会场改至区司法局三楼报告厅。")
    page.click("main form button[type=submit]")
    page.wait_for_load_state("networkidle")
    message = AttendeeMessage.objects.get(event=event)
    assert sorted(message.deliveries.values_list("email", flat=True)) == sorted(p.email for p in people[:2])
    assert not message.deliveries.filter(sent_at__isnull=True).exists()

    # Check the first attendee in at the desk by ticket code.
    ticket = Registration.objects.get(event=event, user=people[0])
    page.goto(f"{live_server.url}/events/checkin/{event.pk}/")
    page.fill("#code-input", ticket.ticket_code)
    page.click("#code-form button")
    page.wait_for_selector(".checkin-result.ok")
    assert "黄志强" in page.inner_text("#checkin-result")
