"""The compliance officer: staff learning, assignments with due dates, reminders, XLSX export."""

import io
from datetime import timedelta
from urllib.parse import quote

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from openpyxl import load_workbook

from accounts.models import Enterprise, Membership
from courses import enterprise, jobs
from courses.models import CourseAssignment, Enrolment
from tests.conftest import make_user
from tests.courses.factories import build_course


@pytest.fixture
def firm(user, other_user):
    firm = Enterprise.objects.create(
        name="温州瓯江数智软件有限公司", credit_code="91330302MA2AB7KX1X", size="micro"
    )
    Membership.objects.create(user=user, enterprise=firm, role=Membership.Role.OFFICER)
    Membership.objects.create(user=other_user, enterprise=firm, role=Membership.Role.STAFF)
    return firm


def officer_of(firm):
    return Membership.objects.get(enterprise=firm, role=Membership.Role.OFFICER)


def test_officer_assigns_and_the_member_is_enrolled_and_told(firm, course, other_user):
    due = timezone.localdate() + timedelta(days=7)
    assignment, note = enterprise.assign(officer_of(firm), other_user, course, due)
    assert note == ""
    assert Enrolment.objects.get(user=other_user, course=course).is_active
    assert (
        len(mail.outbox) == 1
        and other_user.email in mail.outbox[0].to
        and course.title in mail.outbox[0].subject
    )
    rows = enterprise.staff_rows(firm)
    assert [(row.member.user, row.course, row.overdue) for row in rows] == [(other_user, course, False)]


def test_a_reminder_whose_mail_fails_is_sent_by_the_next_run(firm, course, other_user, monkeypatch):
    enterprise.assign(officer_of(firm), other_user, course, timezone.localdate() + timedelta(days=2))
    mail.outbox.clear()

    def mail_server_down(**kwargs):
        raise OSError("connection refused")

    monkeypatch.setattr(jobs, "send_email", mail_server_down)
    with pytest.raises(OSError):
        jobs.remind_assignments.call()
    assert CourseAssignment.objects.get().reminded_due_at is None
    monkeypatch.undo()
    assert jobs.remind_assignments.call() == 1
    assert len(mail.outbox) == 1


def test_assignment_rules(firm, course, other_user, third_user):
    officer = officer_of(firm)
    with pytest.raises(ValidationError):  # not a member
        enterprise.assign(officer, third_user, course, timezone.localdate())
    with pytest.raises(ValidationError):  # in the past
        enterprise.assign(officer, other_user, course, timezone.localdate() - timedelta(days=1))
    staff = Membership.objects.get(user=other_user)
    with pytest.raises(PermissionDenied):
        enterprise.assign(staff, other_user, course, timezone.localdate())
    assert not CourseAssignment.objects.exists()


def test_overdue_is_flagged_and_reminders_are_sent_once(firm, course, other_user):
    assignment, _note = enterprise.assign(
        officer_of(firm), other_user, course, timezone.localdate() + timedelta(days=2)
    )
    mail.outbox.clear()
    assert jobs.remind_assignments.call() == 1  # due within 3 days
    assert jobs.remind_assignments.call() == 0
    assert "即将到期" in mail.outbox[0].subject
    CourseAssignment.objects.filter(pk=assignment.pk).update(
        due_date=timezone.localdate() - timedelta(days=1)
    )
    assert jobs.remind_assignments.call() == 1
    assert jobs.remind_assignments.call() == 0
    assert "已逾期" in mail.outbox[1].subject
    (row,) = enterprise.staff_rows(firm)
    assert row.overdue
    Enrolment.objects.filter(user=other_user).update(completed_at=timezone.now())
    (row,) = enterprise.staff_rows(firm)
    assert not row.overdue


def test_training_page_export_and_assign_view(client, firm, course, user, other_user):
    client.force_login(user)
    page = client.get("/me/enterprise/training/")
    assert page.status_code == 200 and "员工还没有报名或被指派课程" in page.content.decode()
    due = (timezone.localdate() + timedelta(days=5)).isoformat()
    member = Membership.objects.get(user=other_user)
    client.post(
        "/me/enterprise/training/assign/", {"member": member.pk, "course": course.pk, "due_date": due}
    )
    assert CourseAssignment.objects.filter(user=other_user, course=course).exists()
    # Bad input: a clear message and nothing changes.
    response = client.post(
        "/me/enterprise/training/assign/",
        {"member": "x", "course": course.pk, "due_date": "yesterday"},
        follow=True,
    )
    assert response.status_code == 200 and CourseAssignment.objects.count() == 1
    page = client.get("/me/enterprise/training/").content.decode()
    assert course.title in page and "另一用户" in page
    export = client.get("/me/enterprise/training.xlsx")
    # Saved under the firm's Chinese name, with a readable ASCII name for other clients.
    disposition = export["Content-Disposition"]
    assert disposition.startswith('attachment; filename="staff-training.xlsx"; ')
    assert "filename*=UTF-8''" + quote(f"{member.enterprise.name}-员工学习.xlsx") in disposition
    sheet = load_workbook(io.BytesIO(b"".join(export.streaming_content))).active
    assert (
        sheet["A1"].value == "姓名" and sheet["A2"].value == "另一用户" and sheet["C2"].value == course.title
    )
    # The panel on /me/enterprise/ links here.
    assert "/me/enterprise/training/" in client.get("/me/enterprise/").content.decode()


def test_query_count_of_training_page_does_not_grow_with_staff(client, firm, course, user):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(user)
    officer = officer_of(firm)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/me/enterprise/training/").status_code == 200
        return len(ctx)

    enterprise.assign(officer, user, course, timezone.localdate() + timedelta(days=3))
    count()  # warm caches (site, settings)
    small = count()
    for n in range(5):
        staff = make_user(f"staff{n}@example.com", real_name=f"员工{n}")
        Membership.objects.create(user=staff, enterprise=firm)
        enterprise.assign(officer, staff, course, timezone.localdate() + timedelta(days=3))
    assert count() == small


def test_staff_and_strangers_cannot_see_it(client, firm, other_user, third_user):
    client.force_login(other_user)
    response = client.get("/me/enterprise/training/", follow=True)
    assert response.redirect_chain[-1][0] == "/me/"
    assert "只有企业合规专员可以查看员工学习情况" in response.content.decode()
    assert client.get("/me/enterprise/training.xlsx")["Location"] == "/me/"
    assert client.post("/me/enterprise/training/assign/", {})["Location"] == "/me/"
    client.force_login(third_user)
    assert client.get("/me/enterprise/training/")["Location"] == "/me/"
    client.logout()
    assert client.get("/me/enterprise/training/").status_code == 302


def test_officer_assigns_to_several_or_the_whole_firm_and_sees_who_is_overdue(
    client, firm, course, user, other_user, third_user
):
    Membership.objects.create(user=third_user, enterprise=firm, role=Membership.Role.STAFF)
    client.force_login(user)
    due = (timezone.localdate() + timedelta(days=10)).isoformat()
    members = list(Membership.objects.filter(user__in=[other_user, third_user]).values_list("pk", flat=True))
    response = client.post(
        "/me/enterprise/training/assign/",
        {"member": members, "course": course.pk, "due_date": due},
        follow=True,
    )
    assert "课程已指派给 2 名员工" in response.content.decode()
    assert set(CourseAssignment.objects.values_list("user", flat=True)) == {other_user.pk, third_user.pk}
    assert Enrolment.objects.filter(course=course, status=Enrolment.Status.ACTIVE).count() == 2
    # The whole firm, officer included, with one click; existing assignments get the new date.
    other = build_course(None, title="安全生产")
    client.post(
        "/me/enterprise/training/assign/",
        {"everyone": "on", "course": other.pk, "due_date": due},
    )
    assert CourseAssignment.objects.filter(course=other).count() == 3
    # Nobody chosen: a Chinese message and nothing assigned.
    response = client.post(
        "/me/enterprise/training/assign/", {"course": other.pk, "due_date": due}, follow=True
    )
    assert "请选择至少一名员工" in response.content.decode()
    # Overdue: listed on the page, reminded once by the schedule.
    CourseAssignment.objects.filter(user=third_user, course=course).update(
        due_date=timezone.localdate() - timedelta(days=2)
    )
    page = client.get("/me/enterprise/training/").content.decode()
    assert (
        'class="card overdue-list"' in page and "王五" in page.split("overdue-list")[1].split("</section>")[0]
    )
    mail.outbox.clear()
    sent = jobs.remind_assignments.call()
    assert sent >= 1 and any("逾期" in message.subject for message in mail.outbox)
    assert jobs.remind_assignments.call() == 0  # idempotent


def test_assign_many_is_all_or_nothing(firm, course, other_user, third_user):
    with pytest.raises(ValidationError):  # third_user is not in the firm
        enterprise.assign_many(
            officer_of(firm), [other_user, third_user], course, timezone.localdate() + timedelta(days=3)
        )
    assert not CourseAssignment.objects.exists()
