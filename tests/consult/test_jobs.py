"""The scheduled 315 deadline check: each warning and overdue notice goes out once."""

import pytest
from django.core import mail
from django_q.models import Schedule

from consult import jobs, services
from consult.models import AuditEntry, Complexity, DeadlineNotice, Stage

from .factories import at, make_staff, submit

pytestmark = pytest.mark.django_db

T0 = at(2026, 11, 23, 9, 0)  # Monday morning


def notices(request):
    return set(request.notices.values_list("stage", "kind"))


def test_warning_then_overdue_each_sent_once(desk):
    request = submit(desk.asker, now=T0)
    mail.outbox.clear()

    assert jobs.check_deadlines.call(now=at(2026, 11, 23, 9, 10)) == 0  # 20 minutes left: quiet
    assert jobs.check_deadlines.call(now=at(2026, 11, 23, 9, 22)) == 1  # 8 minutes left: warn
    assert notices(request) == {(Stage.ACK, "warning")}
    assert mail.outbox[-1].to == [desk.justice_staff.email]
    assert "即将" in mail.outbox[-1].subject
    assert jobs.check_deadlines.call(now=at(2026, 11, 23, 9, 25)) == 0  # again: nothing new

    assert jobs.check_deadlines.call(now=at(2026, 11, 23, 9, 31)) == 1  # past due
    assert notices(request) == {(Stage.ACK, "warning"), (Stage.ACK, "overdue")}
    assert "已超过" in mail.outbox[-1].subject
    request.refresh_from_db()
    assert request.ack_missed_at == at(2026, 11, 23, 9, 30)
    for minute in (32, 45, 59):
        assert jobs.check_deadlines.call(now=at(2026, 11, 23, 9, minute)) == 0
    assert len(mail.outbox) == 2
    assert request.audit_entries.filter(action=AuditEntry.Action.DEADLINE).count() == 2


def test_answer_stage_warns_the_assignee_only(desk):
    colleague = make_staff(desk.justice, "sfj2@gov.example")
    desk.justice.email = "sfj-desk@gov.example"
    desk.justice.save()
    request = submit(desk.asker, now=T0)
    services.assign(request, desk.justice_staff, colleague, now=at(2026, 11, 23, 9, 5))
    mail.outbox.clear()
    # Simple answer due Tuesday 09:00; warn with 120 working minutes left (Monday 15:30).
    assert jobs.check_deadlines.call(now=at(2026, 11, 23, 15, 0)) == 0
    assert jobs.check_deadlines.call(now=at(2026, 11, 23, 16, 0)) == 1
    assert notices(request) == {(Stage.ANSWER, "warning")}
    assert sorted(mail.outbox[0].to) == ["sfj-desk@gov.example", colleague.email]
    assert jobs.check_deadlines.call(now=at(2026, 11, 24, 9, 1)) == 1
    assert jobs.check_deadlines.call(now=at(2026, 11, 24, 9, 2)) == 0
    request.refresh_from_db()
    assert request.answer_missed_at == at(2026, 11, 24, 9, 0)
    # Answering late keeps the recorded miss.
    services.answer(request, colleague, "答复", now=at(2026, 11, 24, 10, 0))
    request.refresh_from_db()
    assert request.answer_missed_at == at(2026, 11, 24, 9, 0)
    assert request.answer_met_at is None


def test_done_stages_and_closed_requests_are_left_alone(desk):
    request = submit(desk.asker, now=T0)
    services.answer(request, desk.justice_staff, "答复", now=at(2026, 11, 23, 9, 10))
    services.close(request, desk.asker, 5, now=at(2026, 11, 23, 9, 20))
    mail.outbox.clear()
    assert jobs.check_deadlines.call(now=at(2026, 12, 31, 9, 0)) == 0
    assert not DeadlineNotice.objects.exists()
    assert mail.outbox == []


def test_reclassifying_allows_a_warning_for_the_new_deadline(desk):
    request = submit(desk.asker, now=T0)
    services.acknowledge(request, desk.justice_staff, now=at(2026, 11, 23, 9, 5))
    assert jobs.check_deadlines.call(now=at(2026, 11, 23, 16, 0)) == 1  # simple answer nearly due
    services.classify(request, desk.justice_staff, Complexity.COMPLEX, now=at(2026, 11, 23, 16, 5))
    assert notices(request) == set()
    assert jobs.check_deadlines.call(now=at(2026, 11, 24, 9, 30)) == 0  # complex: due next Monday
    assert jobs.check_deadlines.call(now=at(2026, 11, 27, 16, 0)) == 1  # Friday 16:00: 120 minutes left
    assert notices(request) == {(Stage.ANSWER, "warning")}


def test_the_check_is_scheduled():
    schedule = Schedule.objects.get(name="consult.check_deadlines")
    assert (schedule.func, schedule.args) == ("core.jobs.run_scheduled", "'consult.jobs.check_deadlines'")
    assert schedule.schedule_type == Schedule.MINUTES
    assert schedule.repeats == -1


def test_a_desk_email_delivered_twice_is_sent_once(desk):
    """A worker killed after sending but before acknowledging runs the job again: no second email."""
    from consult.notifications import notify_asker, notify_department

    request = submit(desk.asker, now=at(2026, 11, 23, 9, 0))
    assert len(mail.outbox) == 1
    entry = request.audit_entries.get(action=AuditEntry.Action.SUBMIT)
    assert notify_department.call(request.pk, "new", entry.pk) == 0
    services.answer(request, desk.justice_staff, "按约定工资计算。", now=at(2026, 11, 23, 11, 0))
    assert len(mail.outbox) == 2
    answered = request.audit_entries.get(action=AuditEntry.Action.ANSWER)
    assert notify_asker.call(request.pk, "answered", answered.pk) == 0
    assert len(mail.outbox) == 2
    # Each new event is its own email: a second answer tells the asker again.
    services.answer(request, desk.justice_staff, "补充说明。", now=at(2026, 11, 24, 11, 0))
    assert len(mail.outbox) == 3
