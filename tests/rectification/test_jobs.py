"""Reminders happen by themselves: scheduled, sent once per task, kind and due date."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from django_q.models import Schedule

from accounts.services import membership_of
from rectification import services
from rectification.jobs import send_reminders
from rectification.models import Reminder, Task

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(firm, report):
    plan = services.create_plan(firm[1], self_check=report)[0]
    officer = membership_of(firm[1])
    for task in plan.tasks.all():
        services.assign(task, officer, firm[2][0], task.due_date)
    mail.outbox.clear()
    return plan


def test_the_reminder_schedule_exists():
    schedule = Schedule.objects.get(name="rectification.send_reminders")
    assert (schedule.func, schedule.args) == (
        "core.jobs.run_scheduled",
        "'rectification.jobs.send_reminders'",
    )
    assert schedule.repeats == -1


def test_owner_is_reminded_once_before_the_due_date(plan, firm):
    red = plan.tasks.get(level="red")
    day = red.due_date - timedelta(days=2)
    assert send_reminders.call(today=day) == 1
    assert send_reminders.call(today=day) == 0 and send_reminders.call(today=day + timedelta(days=1)) == 0
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [firm[2][0].email]
    assert "即将到期" in mail.outbox[0].subject and red.title in mail.outbox[0].subject


def test_officer_is_told_once_of_an_overdue_task(plan, firm):
    red = plan.tasks.get(level="red")
    day = red.due_date + timedelta(days=1)
    send_reminders.call(today=day)
    overdue = [m for m in mail.outbox if "已逾期" in m.subject]
    assert len(overdue) == 1 and overdue[0].to == [firm[1].email]
    mail.outbox.clear()
    assert send_reminders.call(today=day + timedelta(days=3)) == 0 and not mail.outbox


def test_moving_the_due_date_rearms_the_reminder_and_done_tasks_are_left_alone(plan, firm):
    officer = membership_of(firm[1])
    red, yellow = plan.tasks.get(level="red"), plan.tasks.get(level="yellow")
    send_reminders.call(today=red.due_date - timedelta(days=1))
    services.assign(red, officer, red.owner, red.due_date + timedelta(days=10))
    red.refresh_from_db()
    assert send_reminders.call(today=red.due_date - timedelta(days=1)) == 1
    services.change_status(yellow, officer, Task.Status.DONE, note="已整改")
    assert send_reminders.call(today=yellow.due_date + timedelta(days=5)) == 1  # only the red one, overdue
    assert not Reminder.objects.filter(task=yellow).exists()


def test_a_failing_mail_server_lets_the_next_run_try_again(plan, monkeypatch):
    red = plan.tasks.get(level="red")
    day = red.due_date - timedelta(days=1)

    def broken(*args, **kwargs):
        raise OSError("SMTP down")

    monkeypatch.setattr("rectification.jobs.send_email", broken)
    assert send_reminders.call(today=day) == 0
    assert not Reminder.objects.exists()
    monkeypatch.undo()
    assert send_reminders.call(today=day) == 1


def test_assignment_tells_the_owner(firm, report):
    plan = services.create_plan(firm[1], self_check=report)[0]
    task = plan.tasks.first()
    services.assign(task, membership_of(firm[1]), firm[2][1], timezone.localdate() + timedelta(days=5))
    assert mail.outbox[-1].to == [firm[2][1].email] and task.title in mail.outbox[-1].subject
