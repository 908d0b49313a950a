"""Registration rules: capacity, waitlist, duplicates, windows, approval, staff registration, emails."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.models import Enterprise, Membership
from events import registration as services
from events.models import Registration, RegistrationQuestion
from tests.conftest import make_user
from tests.events.factories import make_event

pytestmark = pytest.mark.django_db
Status = Registration.Status


def test_register_confirms_until_full_then_waitlists(event, people):
    statuses = [services.register(event, p, consent=True).status for p in people[:5]]
    assert statuses == [Status.CONFIRMED] * 3 + [Status.WAITLISTED] * 2
    waitlisted = Registration.objects.filter(status=Status.WAITLISTED).order_by("created_at")
    assert [services.waitlist_position(r) for r in waitlisted] == [1, 2]


def test_ticket_codes_are_unique_and_unguessable(event, people):
    codes = [services.register(event, p, consent=True).ticket_code for p in people[:3]]
    assert len(set(codes)) == 3
    assert all(len(code) == 10 and code.isalnum() for code in codes)


def test_duplicate_registration_refused(event, user):
    services.register(event, user, consent=True)
    with pytest.raises(ValidationError, match="不能重复报名"):
        services.register(event, user, consent=True)
    assert Registration.objects.filter(event=event, user=user).count() == 1


def test_can_register_again_after_cancelling(event, user):
    first = services.register(event, user, consent=True)
    services.cancel(first)
    again = services.register(event, user, consent=True)
    assert again.pk != first.pk and again.status == Status.CONFIRMED


def test_consent_is_required(event, user):
    with pytest.raises(ValidationError, match="同意"):
        services.register(event, user, consent=False)
    assert not Registration.objects.exists()


def test_registration_not_yet_open_refused(index, user):
    event = make_event(index, registration_opens_at=timezone.now() + timedelta(days=1))
    with pytest.raises(ValidationError, match="报名尚未开始"):
        services.register(event, user, consent=True)
    assert not Registration.objects.exists()


def test_registration_closed_refused(index, user):
    event = make_event(index, registration_closes_at=timezone.now() - timedelta(minutes=1))
    with pytest.raises(ValidationError, match="报名已截止"):
        services.register(event, user, consent=True)


def test_registration_after_start_refused(past_event, user):
    with pytest.raises(ValidationError, match="报名已截止"):
        services.register(past_event, user, consent=True)


def test_cancellation_promotes_exactly_one_and_emails_both(event, people, django_capture_on_commit_callbacks):
    regs = [services.register(event, p, consent=True) for p in people[:5]]
    mail.outbox.clear()
    # Emails are queued once the transaction commits, outside the event's lock.
    with django_capture_on_commit_callbacks(execute=True):
        promoted = services.cancel(regs[0])
    assert promoted.pk == regs[3].pk
    statuses = dict(Registration.objects.values_list("pk", "status"))
    assert statuses[regs[0].pk] == Status.CANCELLED
    assert statuses[regs[3].pk] == Status.CONFIRMED
    assert statuses[regs[4].pk] == Status.WAITLISTED
    assert Registration.objects.filter(event=event, status=Status.CONFIRMED).count() == 3
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == sorted([people[0].email, people[3].email])
    promotion = next(m for m in mail.outbox if m.to == [people[3].email])
    assert "候补转正" in promotion.subject and regs[3].ticket_code in promotion.body


def test_cancelling_a_waitlisted_place_promotes_nobody(event, people):
    regs = [services.register(event, p, consent=True) for p in people[:5]]
    assert services.leave_waitlist(regs[3]) is None
    assert Registration.objects.get(pk=regs[4].pk).status == Status.WAITLISTED
    assert services.waitlist_position(Registration.objects.get(pk=regs[4].pk)) == 1


def test_leave_waitlist_only_when_waitlisted(event, user):
    registration = services.register(event, user, consent=True)
    with pytest.raises(ValidationError, match="不在候补名单"):
        services.leave_waitlist(registration)


def test_cancel_twice_refused(event, user):
    registration = services.register(event, user, consent=True)
    services.cancel(registration)
    with pytest.raises(ValidationError, match="已取消"):
        services.cancel(registration)


def test_approval_flow(index, people, django_capture_on_commit_callbacks):
    event = make_event(index, capacity=1, requires_approval=True)
    with django_capture_on_commit_callbacks(execute=True):
        first = services.register(event, people[0], consent=True)
        second = services.register(event, people[1], consent=True)
    assert first.status == second.status == Status.PENDING
    assert "等待审核" in mail.outbox[0].subject
    assert services.approve(first).status == Status.CONFIRMED
    # The only seat is taken: approving the second puts them on the waitlist.
    assert services.approve(second).status == Status.WAITLISTED
    with pytest.raises(ValidationError, match="待审核"):
        services.approve(first)
    services.cancel(Registration.objects.get(pk=first.pk))
    assert Registration.objects.get(pk=second.pk).status == Status.CONFIRMED


def test_answers_are_checked(index, user):
    event = make_event(index)
    text = RegistrationQuestion.objects.create(page=event, label="您最关心的合规问题", kind="text")
    choice = RegistrationQuestion.objects.create(
        page=event, label="是否需要午餐", kind="choice", options="需要\n不需要", required=True
    )
    with pytest.raises(ValidationError) as excinfo:
        services.clean_answers(event, {f"q_{choice.pk}": "也许"})
    assert "请回答：您最关心的合规问题" in excinfo.value.messages
    assert "“是否需要午餐”的选项无效。" in excinfo.value.messages
    answers = services.clean_answers(event, {f"q_{text.pk}": " 劳动用工 ", f"q_{choice.pk}": "需要"})
    assert answers == {"您最关心的合规问题": "劳动用工", "是否需要午餐": "需要"}


@pytest.fixture
def enterprise_people(db):
    enterprise = Enterprise.objects.create(
        name="温州测试鞋业有限公司", credit_code="91330302MA2H5RXP3X", size="small"
    )
    officer = make_user("officer@example.com", real_name="合规专员")
    Membership.objects.create(user=officer, enterprise=enterprise, role=Membership.Role.OFFICER)
    staff = []
    for i in range(3):
        member = make_user(f"staff{i}@example.com", real_name=f"员工{i}")
        Membership.objects.create(user=member, enterprise=enterprise, role=Membership.Role.STAFF)
        staff.append(member)
    return officer, staff


def test_officer_registers_staff_each_counted_against_capacity(
    index, enterprise_people, user, django_capture_on_commit_callbacks
):
    officer, staff = enterprise_people
    event = make_event(index, capacity=2)
    with django_capture_on_commit_callbacks(execute=True):
        created, skipped = services.register_staff(event, officer, staff, consent=True)
    assert [r.status for r in created] == [Status.CONFIRMED, Status.CONFIRMED, Status.WAITLISTED]
    assert all(r.registered_by == officer for r in created)
    assert skipped == []
    created, skipped = services.register_staff(event, officer, staff[:1], consent=True)
    assert created == [] and skipped == [staff[0]]
    assert len(mail.outbox) == 3


def test_only_officers_register_staff_of_their_own_enterprise(index, enterprise_people, user):
    officer, staff = enterprise_people
    event = make_event(index)
    with pytest.raises(ValidationError, match="只有企业合规专员"):
        services.register_staff(event, staff[0], staff[1:], consent=True)
    with pytest.raises(ValidationError, match="本企业的成员"):
        services.register_staff(event, officer, [user], consent=True)
    assert not Registration.objects.exists()


def test_check_in_rules(index, event, people):
    other = make_event(index, title="另一场沙龙")
    confirmed, second, third, waitlisted = [services.register(event, p, consent=True) for p in people[:4]]
    foreign = services.register(other, people[4], consent=True)

    checked = services.check_in(event, code=confirmed.ticket_code.lower())
    assert checked.checked_in_at and checked.training_hours == Decimal("2.0")
    with pytest.raises(ValidationError, match="不能重复签到"):
        services.check_in(event, code=confirmed.ticket_code)
    with pytest.raises(ValidationError, match="另一场活动"):
        services.check_in(event, code=foreign.ticket_code)
    services.cancel(second)
    with pytest.raises(ValidationError, match="已取消"):
        services.check_in(event, code=second.ticket_code)
    # The cancellation promoted the waitlisted person: they may check in now.
    assert services.check_in(event, code=waitlisted.ticket_code).checked_in_at
    with pytest.raises(ValidationError, match="票码不存在"):
        services.check_in(event, code="NOPE")
    with pytest.raises(ValidationError, match="请输入票码"):
        services.check_in(event, code="  ")
    assert services.counts(event)["checked_in"] == 2


def test_waitlisted_and_pending_cannot_check_in(index, people):
    event = make_event(index, capacity=1)
    services.register(event, people[0], consent=True)
    waitlisted = services.register(event, people[1], consent=True)
    with pytest.raises(ValidationError, match="候补"):
        services.check_in(event, code=waitlisted.ticket_code)
    approval = make_event(index, requires_approval=True)
    pending = services.register(approval, people[2], consent=True)
    with pytest.raises(ValidationError, match="尚未通过审核"):
        services.check_in(approval, code=pending.ticket_code)


def test_checked_in_registration_cannot_be_cancelled(event, user):
    registration = services.register(event, user, consent=True)
    services.check_in(event, code=registration.ticket_code)
    with pytest.raises(ValidationError, match="已签到"):
        services.cancel(registration)


def test_confirmation_email_has_the_ticket_link(event, user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        registration = services.register(event, user, consent=True)
        # Nothing is sent while the transaction (and the event's lock) is open.
        assert mail.outbox == []
    assert callbacks
    (message,) = mail.outbox
    assert message.to == [user.email]
    assert "报名成功" in message.subject
    assert f"/events/tickets/{registration.ticket_code}/" in message.body
    assert "calendar.ics" in message.body


def test_organiser_adds_someone_outside_the_window(index, user, other_user):
    event = make_event(index, registration_closes_at=timezone.now() - timedelta(hours=1))
    registration = services.add_by_organiser(event, "USER@example.com", other_user)
    assert registration.user == user and registration.registered_by == other_user
    with pytest.raises(ValidationError, match="没有使用该邮箱的账户"):
        services.add_by_organiser(event, "nobody@example.com", other_user)
