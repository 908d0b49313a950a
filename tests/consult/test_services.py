"""The desk's rules: deadlines on submission, classification, transfer, answers, replies, closing."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from consult import services
from consult.models import (
    AuditEntry,
    Complexity,
    ConsultationRequest,
    ConsultSettings,
    PublicHoliday,
    Rating,
    Status,
    Transfer,
)

from .factories import at, make_staff, make_taxonomy, submit

pytestmark = pytest.mark.django_db

MONDAY_EVENING = at(2026, 11, 23, 17, 20)


def test_submit_starts_the_315_clock(desk):
    industry, area = make_taxonomy()
    request = submit(desk.asker, now=MONDAY_EVENING, industry=industry, risk_area=area, urgent=True)
    assert request.status == Status.NEW
    assert request.enterprise == desk.firm
    assert request.department == desk.justice  # the intake department
    # 10 minutes tonight, 20 tomorrow morning.
    assert request.ack_due_at == at(2026, 11, 24, 8, 50)
    # Until classified, the strict (simple) limit applies: one working day.
    assert request.answer_due_at == at(2026, 11, 24, 17, 20)
    assert request.audit_entries.filter(action=AuditEntry.Action.SUBMIT, user=desk.asker).exists()
    # The department's staff hear about it.
    assert [m.to for m in mail.outbox] == [[desk.justice_staff.email]]


def test_submit_needs_an_enterprise(desk, user):
    with pytest.raises(ValidationError):
        submit(user)
    assert not ConsultationRequest.objects.exists()


def test_submit_to_a_chosen_department(desk):
    request = submit(desk.asker, department=desk.market)
    assert request.department == desk.market


def test_holidays_and_make_up_days_from_the_admin_shift_deadlines(desk):
    # Golden Week: 1–7 October off; Saturday 10 October worked.
    for day in range(1, 8):
        PublicHoliday.objects.create(date=f"2026-10-0{day}", name="国庆节")
    PublicHoliday.objects.create(date="2026-10-10", name="国庆节调休上班", is_workday=True)
    request = submit(desk.asker, now=at(2026, 9, 30, 17, 10))
    assert request.ack_due_at == at(2026, 10, 8, 8, 40)
    assert request.answer_due_at == at(2026, 10, 8, 17, 10)
    services.classify(request, desk.justice_staff, Complexity.COMPLEX, now=at(2026, 10, 8, 8, 35))
    # 8, 9, 10 (调休), 12, 13 October.
    assert request.answer_due_at == at(2026, 10, 13, 17, 10)


def test_working_hours_come_from_the_settings(desk):
    config = ConsultSettings.load()
    config.working_hours = "09:00-12:00, 14:00-18:00"
    config.save()
    request = submit(desk.asker, now=MONDAY_EVENING)
    assert request.ack_due_at == at(2026, 11, 23, 17, 50)


def test_acknowledge_on_time_and_late(desk):
    on_time = submit(desk.asker, now=at(2026, 11, 23, 9, 0))
    services.acknowledge(on_time, desk.justice_staff, now=at(2026, 11, 23, 9, 20))
    assert on_time.status == Status.ACKNOWLEDGED
    assert on_time.ack_met_at == at(2026, 11, 23, 9, 20)
    assert on_time.ack_missed_at is None
    assert on_time.ack_outcome == "met"

    late = submit(desk.asker, now=at(2026, 11, 23, 9, 0))
    services.acknowledge(late, desk.justice_staff, now=at(2026, 11, 23, 10, 0))
    assert late.ack_met_at is None
    assert late.ack_missed_at == at(2026, 11, 23, 9, 30)  # missed at the deadline
    assert late.ack_outcome == "missed"

    with pytest.raises(ValidationError):
        services.acknowledge(late, desk.justice_staff)


def test_only_the_departments_staff_may_handle(desk):
    request = submit(desk.asker)
    for action in (
        lambda: services.acknowledge(request, desk.market_staff),
        lambda: services.answer(request, desk.market_staff, "答复"),
        lambda: services.classify(request, desk.asker, Complexity.SIMPLE),
        lambda: services.transfer(request, desk.market_staff, desk.market, "理由"),
    ):
        with pytest.raises(PermissionDenied):
            action()
    request.refresh_from_db()
    assert request.status == Status.NEW


def test_classify_complex_gives_five_working_days_from_submission(desk):
    request = submit(desk.asker, now=at(2026, 11, 25, 15, 0))  # Wednesday
    services.classify(request, desk.justice_staff, Complexity.COMPLEX, now=at(2026, 11, 25, 15, 10))
    assert request.answer_due_at == at(2026, 12, 2, 15, 0)
    assert request.status == Status.IN_PROGRESS  # classifying acknowledges and starts the work
    assert request.ack_outcome == "met"
    services.classify(request, desk.justice_staff, Complexity.SIMPLE, now=at(2026, 11, 25, 15, 20))
    assert request.answer_due_at == at(2026, 11, 26, 15, 0)
    with pytest.raises(ValidationError):
        services.classify(request, desk.justice_staff, "hard")


def test_transfer_keeps_the_clock(desk):
    request = submit(desk.asker, now=at(2026, 11, 23, 9, 0))
    services.assign(request, desk.justice_staff, desk.justice_staff, now=at(2026, 11, 23, 9, 10))
    ack_due, answer_due = request.ack_due_at, request.answer_due_at
    services.transfer(request, desk.justice_staff, desk.market, "属市场监管职责", now=at(2026, 11, 23, 16, 0))
    request.refresh_from_db()
    assert request.department == desk.market
    assert request.assignee is None
    assert (request.ack_due_at, request.answer_due_at) == (ack_due, answer_due)
    transfer = Transfer.objects.get(request=request)
    assert (transfer.from_department, transfer.to_department, transfer.by) == (
        desk.justice,
        desk.market,
        desk.justice_staff,
    )
    # The new department is told, and now owns the request; the old one no longer sees it.
    assert desk.market_staff.email in mail.outbox[-1].to
    assert request in services.staff_requests(desk.market_staff)
    assert request not in services.staff_requests(desk.justice_staff)
    # Classifying after the transfer still counts from the original submission.
    services.classify(request, desk.market_staff, Complexity.COMPLEX, now=at(2026, 11, 24, 9, 0))
    assert request.answer_due_at == at(2026, 11, 30, 9, 0)


def test_transfer_needs_a_reason_and_another_department(desk):
    request = submit(desk.asker)
    with pytest.raises(ValidationError):
        services.transfer(request, desk.justice_staff, desk.market, "  ")
    with pytest.raises(ValidationError):
        services.transfer(request, desk.justice_staff, desk.justice, "理由")
    assert not Transfer.objects.exists()


def test_assignee_must_be_department_staff(desk):
    request = submit(desk.asker)
    with pytest.raises(ValidationError):
        services.assign(request, desk.justice_staff, desk.market_staff)
    colleague = make_staff(desk.justice, "sfj2@gov.example")
    mail.outbox.clear()
    services.assign(request, desk.justice_staff, colleague)
    assert request.assignee == colleague
    assert mail.outbox[0].to == [colleague.email]  # the assignee alone is told
    assert "分派给您" in mail.outbox[0].subject
    assert request.status == Status.IN_PROGRESS


def test_answer_settles_the_answer_stage_once(desk):
    request = submit(desk.asker, now=at(2026, 11, 23, 9, 0))
    mail.outbox.clear()
    services.answer(request, desk.justice_staff, "按约定工资计算。", now=at(2026, 11, 23, 11, 0))
    assert request.status == Status.ANSWERED
    assert request.answered_at == at(2026, 11, 23, 11, 0)
    assert request.answer_met_at == at(2026, 11, 23, 11, 0)
    # Answering acknowledges too; here two hours after the 30-minute limit.
    assert request.acknowledged_at == at(2026, 11, 23, 11, 0)
    assert request.ack_missed_at == at(2026, 11, 23, 9, 30)
    assert mail.outbox[0].to == [desk.asker.email]
    # A second answer does not move the first-answer time.
    services.answer(request, desk.justice_staff, "补充说明。", now=at(2026, 11, 25, 11, 0))
    assert request.answered_at == at(2026, 11, 23, 11, 0)
    assert request.messages.count() == 2


def test_late_answer_is_missed(desk):
    request = submit(desk.asker, now=at(2026, 11, 23, 9, 0))
    services.acknowledge(request, desk.justice_staff, now=at(2026, 11, 23, 9, 5))
    services.answer(request, desk.justice_staff, "答复", now=at(2026, 11, 25, 9, 0))
    assert request.answer_missed_at == at(2026, 11, 24, 9, 0)
    assert request.within_limits is False


def test_empty_answer_is_refused(desk):
    request = submit(desk.asker)
    with pytest.raises(ValidationError):
        services.answer(request, desk.justice_staff, "   ")
    assert not request.messages.exists()


def test_reply_and_close_with_rating(desk):
    request = submit(desk.asker, now=at(2026, 11, 23, 9, 0))
    with pytest.raises(ValidationError):
        services.close(request, desk.asker, 5)  # nothing answered yet
    services.answer(request, desk.justice_staff, "答复", now=at(2026, 11, 23, 9, 10))
    mail.outbox.clear()
    services.reply(request, desk.asker, "还有一个问题", now=at(2026, 11, 23, 10, 0))
    request.refresh_from_db()
    assert request.status == Status.IN_PROGRESS
    assert mail.outbox[0].to == [desk.justice_staff.email]
    assert "企业回复了咨询" in mail.outbox[0].subject
    with pytest.raises(ValidationError):
        services.close(request, desk.asker, 6)
    # The enterprise's compliance officer may close it too; a colleague may not.
    with pytest.raises(PermissionDenied):
        services.close(request, desk.colleague, 5)
    services.close(request, desk.officer, 4, "很及时", now=at(2026, 11, 23, 11, 0))
    request.refresh_from_db()
    assert request.status == Status.CLOSED
    assert Rating.objects.get(request=request).score == 4
    assert request.within_limits is True
    with pytest.raises(ValidationError):
        services.reply(request, desk.asker, "再问")


def test_every_change_is_audited(desk):
    request = submit(desk.asker, now=at(2026, 11, 23, 9, 0))
    services.acknowledge(request, desk.justice_staff, now=at(2026, 11, 23, 9, 1))
    services.classify(request, desk.justice_staff, Complexity.SIMPLE, now=at(2026, 11, 23, 9, 2))
    services.assign(request, desk.justice_staff, desk.justice_staff, now=at(2026, 11, 23, 9, 3))
    services.transfer(request, desk.justice_staff, desk.market, "转办", now=at(2026, 11, 23, 9, 4))
    services.answer(request, desk.market_staff, "答复", now=at(2026, 11, 23, 9, 5))
    services.reply(request, desk.asker, "谢谢", now=at(2026, 11, 23, 9, 6))
    services.close(request, desk.asker, 5, now=at(2026, 11, 23, 9, 7))
    actions = list(request.audit_entries.order_by("at", "pk").values_list("action", "user__email"))
    assert actions == [
        ("submit", desk.asker.email),
        ("acknowledge", desk.justice_staff.email),
        ("classify", desk.justice_staff.email),
        ("assign", desk.justice_staff.email),
        ("transfer", desk.justice_staff.email),
        ("answer", desk.market_staff.email),
        ("reply", desk.asker.email),
        ("close", desk.asker.email),
    ]


def test_indicators(desk):
    on_time = submit(desk.asker, now=at(2026, 3, 2, 9, 0))
    services.answer(on_time, desk.justice_staff, "答复", now=at(2026, 3, 2, 9, 10))
    services.close(on_time, desk.asker, 5, now=at(2026, 3, 2, 10, 0))
    late = submit(desk.asker, now=at(2026, 3, 3, 9, 0))
    services.answer(late, desk.justice_staff, "答复", now=at(2026, 3, 6, 9, 0))
    services.close(late, desk.asker, 2, now=at(2026, 3, 6, 10, 0))
    submit(desk.asker, now=at(2026, 3, 9, 9, 0))  # still pending: not counted in the share
    submit(desk.asker, now=at(2025, 12, 31, 15, 0))  # last year
    figures = services.indicators(2026)
    assert figures["count"] == 3
    assert figures["target"] == 60
    assert figures["target_share"] == 5
    assert (figures["decided"], figures["within"], figures["within_share"]) == (2, 1, 50)
    assert (figures["ratings"], figures["satisfied"], figures["satisfaction"]) == (2, 1, 50)
    assert figures["average_score"] == 3.5
    empty = services.indicators(2020)
    assert empty["count"] == 0 and empty["within_share"] is None and empty["satisfaction"] is None
