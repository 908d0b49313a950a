"""The pages under /me/rectification/: who sees what, bad input, and bounded query counts."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import formats, translation

from accounts.services import membership_of
from rectification import services
from rectification.models import Plan, Task

from .test_plans import PDF

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(firm, report):
    plan = services.create_plan(firm[1], self_check=report)[0]
    officer = membership_of(firm[1])
    first = plan.tasks.order_by("position").first()
    services.assign(first, officer, firm[2][0], first.due_date)
    return plan


def login(client, user):
    client.force_login(user)
    return client


def test_officer_creates_a_plan_from_a_staff_report(client, firm, report):
    login(client, firm[1])
    page = client.get(reverse("rectification:plans")).content.decode()
    assert "根据报告创建整改计划" in page and report.title in page
    response = client.post(reverse("rectification:plan_create"), {"source": "self_check", "pk": report.pk})
    plan = Plan.objects.get()
    assert response.status_code == 302 and response["Location"] == plan.get_absolute_url()
    html = client.get(plan.get_absolute_url()).content.decode()
    assert "严禁虚开增值税专用发票" in html and "整改前后对比" in html


def test_bad_input_to_create_changes_nothing(client, firm, report):
    login(client, firm[1])
    for data in ({}, {"source": "x", "pk": "1"}, {"source": "self_check", "pk": "abc"}):
        assert client.post(reverse("rectification:plan_create"), data).status_code == 302
    assert (
        client.post(reverse("rectification:plan_create"), {"source": "drill", "pk": "999"}).status_code == 404
    )
    assert not Plan.objects.exists()


def test_another_firm_sees_nothing_of_the_plan(client, plan, other_firm):
    task = plan.tasks.first()
    evidence = services.add_evidence(
        task, membership_of(plan.created_by), SimpleUploadedFile("a.pdf", PDF, content_type="application/pdf")
    )
    for outsider in (other_firm[1], other_firm[2][0]):
        login(client, outsider)
        for url in (
            plan.get_absolute_url(),
            reverse("rectification:plan_history", args=[plan.pk]),
            reverse("rectification:recheck", args=[plan.pk]),
            task.get_absolute_url(),
            evidence.get_absolute_url(),
        ):
            assert client.get(url).status_code == 404, url
        for name in ("task_status", "task_note", "task_assign", "evidence_upload"):
            assert (
                client.post(reverse(f"rectification:{name}", args=[task.pk]), {"status": "done"}).status_code
                == 404
            )
        assert client.post(reverse("rectification:evidence_delete", args=[evidence.pk])).status_code == 404
        assert plan.title not in client.get(reverse("rectification:plans")).content.decode()
    task.refresh_from_db()
    assert task.status == Task.Status.TO_RECTIFY and task.evidence.count() == 1


def test_anonymous_visitors_are_sent_to_sign_in(client, plan):
    response = client.get(plan.get_absolute_url())
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_staff_see_only_the_tasks_they_own(client, plan, firm):
    owned, other = plan.tasks.order_by("position")
    login(client, firm[2][0])
    html = client.get(plan.get_absolute_url()).content.decode()
    assert owned.title in html and other.title not in html
    assert client.get(other.get_absolute_url()).status_code == 404
    assert client.get(owned.get_absolute_url()).status_code == 200
    login(client, firm[2][1])  # a colleague with no task in the plan
    assert client.get(plan.get_absolute_url()).status_code == 404


def test_owner_uploads_evidence_and_only_the_firm_downloads_it(client, plan, firm):
    task = plan.tasks.order_by("position").first()
    login(client, firm[2][0])
    response = client.post(
        reverse("rectification:evidence_upload", args=[task.pk]),
        {"file": SimpleUploadedFile("整改照片.pdf", PDF, content_type="application/pdf")},
    )
    assert response.status_code == 302
    evidence = task.evidence.get()
    download = client.get(evidence.get_absolute_url())
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    assert (
        "attachment" in download["Content-Disposition"] and download["Cache-Control"] == "private, no-store"
    )
    login(client, firm[2][1])
    assert client.get(evidence.get_absolute_url()).status_code == 404


def test_marking_done_without_a_note_is_refused_with_a_message(client, plan, firm):
    task = plan.tasks.first()
    login(client, firm[1])
    response = client.post(
        reverse("rectification:task_status", args=[task.pk]), {"status": "done"}, follow=True
    )
    assert "整改说明" in response.content.decode()
    task.refresh_from_db()
    assert task.status == Task.Status.TO_RECTIFY
    client.post(reverse("rectification:task_status", args=[task.pk]), {"status": "nonsense", "note": "x"})
    task.refresh_from_db()
    assert task.status == Task.Status.TO_RECTIFY


def test_bad_assignment_input_is_refused(client, plan, firm, other_firm):
    task = plan.tasks.first()
    login(client, firm[1])
    for data in (
        {"owner": other_firm[1].pk, "due_date": "2030-01-01"},
        {"owner": "", "due_date": "not a date"},
    ):
        client.post(reverse("rectification:task_assign", args=[task.pk]), data)
    task.refresh_from_db()
    assert task.owner == firm[2][0]


def _grow(plan, count):
    last = plan.tasks.order_by("-position").first()
    Task.objects.bulk_create(
        Task(
            plan=plan,
            position=last.position + n,
            item=last.item,
            risk_area=last.risk_area,
            title=f"{last.title} {n}",
            level=last.level,
            owner=last.owner,
            due_date=last.due_date,
        )
        for n in range(1, count + 1)
    )


def _queries(client, url):
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


@pytest.mark.parametrize("url_name", ["rectification:plan", "rectification:plans"])
def test_query_counts_do_not_grow_with_tasks(client, plan, firm, url_name):
    login(client, firm[1])
    url = reverse(url_name, args=[plan.pk]) if url_name == "rectification:plan" else reverse(url_name)
    _grow(plan, 8)
    _queries(client, url)  # warm the per-process caches (site, content types, session)
    small = _queries(client, url)
    _grow(plan, 490)
    assert plan.tasks.count() == 500
    assert _queries(client, url) == small


def test_the_history_reads_in_the_visitors_language(client, plan, firm):
    """What the system wrote in the history is kept as a message, so an English page reads English."""
    task = plan.tasks.order_by("position").first()
    login(client, firm[1])
    chinese = client.get(plan.get_absolute_url()).content.decode()
    due = task.due_date
    assert f"责任人：{firm[2][0].profile.real_name}；期限：{due.year}年{due.month}月{due.day}日" in chinese
    assert "项整改任务。" in chinese

    client.cookies["django_language"] = "en"
    for url in (plan.get_absolute_url(), reverse("rectification:plan_history", args=[plan.pk])):
        english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
        with translation.override("en"):
            due_in_english = formats.date_format(due, "DATE_FORMAT")
        assert f"Owner: {firm[2][0].profile.real_name}; due: {due_in_english}" in english, url
        assert f"with {plan.tasks.count()} tasks." in english, url
        assert "责任人" not in english and "项整改任务" not in english
