"""The staff side in the Wagtail admin: queue, request page, actions, export and dashboard panel."""

import datetime
import io

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from consult import services
from consult.models import AuditEntry, Complexity, ConsultationRequest, Status, Transfer
from tests.conftest import make_user

from .factories import at, make_enterprise, make_member, pdf_file, submit

pytestmark = pytest.mark.django_db

QUEUE = "/admin/consult/"


def detail_url(request):
    return reverse("consult_admin:detail", args=[request.pk])


@pytest.fixture
def superuser(db):
    return make_user("admin@gov.example", is_superuser=True, is_staff=True)


def test_department_staff_see_only_their_departments_requests(client, desk, superuser):
    ours = submit(desk.asker, title="本部门的咨询", department=desk.justice)
    theirs = submit(desk.asker, title="其他部门的咨询", department=desk.market)
    client.force_login(desk.justice_staff)
    body = client.get(QUEUE).content.decode()
    assert "本部门的咨询" in body
    assert "其他部门的咨询" not in body
    assert client.get(detail_url(ours)).status_code == 200
    assert client.get(detail_url(theirs)).status_code == 404
    client.force_login(superuser)
    body = client.get(QUEUE).content.decode()
    assert "本部门的咨询" in body and "其他部门的咨询" in body


def test_people_outside_the_departments_are_kept_out(client, desk):
    request = submit(desk.asker)
    client.force_login(desk.asker)  # no admin access at all
    assert client.get(QUEUE).status_code == 302
    assert client.get(detail_url(request)).status_code == 302
    editor = make_user("editor@gov.example")
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)  # an editor with admin access but in no department
    for url in (QUEUE, detail_url(request)):
        response = client.get(url)
        # Wagtail turns the refusal into a redirect to the dashboard with a message.
        assert (response.status_code, response.url) == (302, "/admin/")
    assert not request.audit_entries.filter(action=AuditEntry.Action.VIEW).exists()
    assert "咨询受理" not in client.get("/admin/").content.decode()


def test_the_queue_flags_overdue_requests_and_filters(client, desk):
    overdue = submit(desk.asker, title="超时未响应的咨询", now=at(2026, 1, 5, 9, 0))
    fresh = submit(desk.asker, title="刚提交的咨询")
    client.force_login(desk.justice_staff)
    body = client.get(QUEUE).content.decode()
    assert "响应已超时" in body
    body = client.get(QUEUE, {"deadline": "overdue"}).content.decode()
    assert overdue.title in body and fresh.title not in body
    body = client.get(QUEUE, {"status": "closed"}).content.decode()
    assert overdue.title not in body
    # Search by title or enterprise, and the AJAX results fragment used by the filters.
    body = client.get(QUEUE, {"q": "超时未响应"}).content.decode()
    assert overdue.title in body and fresh.title not in body
    results = client.get(reverse("consult_admin:queue_results"), {"status": "new"})
    assert results.status_code == 200 and fresh.title in results.content.decode()
    # Nonsense filter values are ignored, not a crash.
    assert client.get(QUEUE, {"status": "nonsense", "year": "abc", "deadline": "x"}).status_code == 200


def test_queue_query_count_does_not_grow_with_the_queue(client, desk):
    client.force_login(desk.justice_staff)
    submit(desk.asker, title="第一条咨询")

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(QUEUE).status_code == 200
        return len(queries)

    count()
    few = count()
    firm = make_enterprise()
    for n in range(10):
        request = submit(make_member(firm), title=f"咨询 {n}")
        if n % 2:
            services.assign(request, desk.justice_staff, desk.justice_staff)
        if n % 3 == 0:
            services.answer(request, desk.justice_staff, "答复")
    assert count() == few


def test_staff_acknowledge_classify_assign_and_answer(client, desk):
    request = submit(desk.asker)
    client.force_login(desk.justice_staff)
    page = client.get(detail_url(request)).content.decode()
    assert request.title in page
    assert request.audit_entries.filter(action=AuditEntry.Action.VIEW, user=desk.justice_staff).exists()

    assert client.post(detail_url(request), {"action": "acknowledge"}).status_code == 302
    client.post(detail_url(request), {"action": "classify", "classify-complexity": "complex"})
    client.post(detail_url(request), {"action": "assign", "assign-assignee": desk.justice_staff.pk})
    response = client.post(
        detail_url(request),
        {
            "action": "answer",
            "answer-text": "建议先固定证据。",
            "answer-attachments": [pdf_file("答复意见.pdf")],
        },
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == Status.ANSWERED
    assert request.complexity == Complexity.COMPLEX
    assert request.assignee == desk.justice_staff
    message = request.messages.get()
    assert message.attachments.get().original_name == "答复意见.pdf"
    # The asker sees the answer and its attachment.
    client.force_login(desk.asker)
    page = client.get(request.get_absolute_url()).content.decode()
    assert "建议先固定证据" in page and "答复意见.pdf" in page


def test_transfer_from_the_admin(client, desk):
    request = submit(desk.asker)
    due = (request.ack_due_at, request.answer_due_at)
    client.force_login(desk.justice_staff)
    response = client.post(
        detail_url(request), {"action": "transfer", "transfer-to_department": desk.market.pk}
    )
    assert response.status_code == 400  # no reason
    assert not Transfer.objects.exists()
    response = client.post(
        detail_url(request),
        {"action": "transfer", "transfer-to_department": desk.market.pk, "transfer-reason": "属市场监管职责"},
    )
    assert response.status_code == 302
    assert response.url == QUEUE  # no longer ours to see
    request.refresh_from_db()
    assert request.department == desk.market
    assert (request.ack_due_at, request.answer_due_at) == due
    assert client.get(detail_url(request)).status_code == 404


@pytest.mark.parametrize(
    "data",
    [
        {"action": "answer", "answer-text": ""},
        {"action": "answer", "answer-text": "见附件", "answer-attachments": [pdf_file("坏.exe")]},
        {"action": "assign", "assign-assignee": "999999"},
        {"action": "classify", "classify-complexity": "hard"},
        {"action": "delete"},
    ],
)
def test_bad_staff_input_changes_nothing(client, desk, data):
    request = submit(desk.asker)
    client.force_login(desk.justice_staff)
    response = client.post(detail_url(request), data)
    assert response.status_code in (302, 400)
    request.refresh_from_db()
    assert request.status == Status.NEW
    assert request.assignee is None and request.complexity == ""
    assert not request.messages.exists()


def test_other_departments_cannot_act(client, desk):
    request = submit(desk.asker, department=desk.justice)
    client.force_login(desk.market_staff)
    response = client.post(detail_url(request), {"action": "answer", "answer-text": "越权答复"})
    assert response.status_code == 404
    assert not request.messages.exists()


def test_export_has_the_deadline_outcomes(client, desk):
    on_time = submit(desk.asker, title="按时答复的咨询", now=at(2026, 3, 2, 9, 0))
    services.answer(on_time, desk.justice_staff, "答复", now=at(2026, 3, 2, 9, 10))
    services.close(on_time, desk.asker, 5, now=at(2026, 3, 2, 10, 0))
    late = submit(desk.asker, title="超时答复的咨询", now=at(2026, 3, 3, 9, 0))
    services.answer(late, desk.justice_staff, "答复", now=at(2026, 3, 9, 9, 0))
    submit(desk.asker, title="去年的咨询", now=at(2025, 6, 2, 9, 0))
    client.force_login(desk.justice_staff)

    response = client.get(QUEUE, {"year": 2026, "export": "xlsx"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.values)
    header = rows[0]
    assert "响应是否按时" in header and "答复是否按时" in header and "满意度评分" in header
    by_title = {row[header.index("标题")]: row for row in rows[1:]}
    assert set(by_title) == {"按时答复的咨询", "超时答复的咨询"}
    assert by_title["按时答复的咨询"][header.index("答复是否按时")] == "按时"
    assert by_title["按时答复的咨询"][header.index("满意度评分")] == 5
    assert by_title["超时答复的咨询"][header.index("答复是否按时")] == "超时"
    assert sheet.freeze_panes == "A2" and any("\u4e00" <= ch <= "\u9fff" for ch in sheet.title)
    submitted = by_title["按时答复的咨询"][header.index("提交时间")]
    assert isinstance(submitted, datetime.datetime) and (submitted.month, submitted.day) == (3, 2)
    # Times are Beijing time.
    assert by_title["按时答复的咨询"][header.index("提交时间")].hour == 9

    assert (
        on_time.audit_entries.filter(action="view", user=desk.justice_staff, detail="导出台账").count() == 1
    )

    response = client.get(QUEUE, {"year": 2026, "export": "csv"})
    text = b"".join(response.streaming_content).decode()
    assert "超时答复的咨询" in text and "2026-03-03 09:00" in text


def test_dashboard_panel_shows_the_indicators(client, desk):
    request = submit(desk.asker)
    services.answer(request, desk.justice_staff, "答复")
    services.close(request, desk.asker, 5)
    client.force_login(desk.justice_staff)
    body = client.get("/admin/").content.decode()
    assert "法律咨询服务指标" in body
    assert "/ 60" in body
    assert "100%" in body  # within the limits, and satisfied
    assert "export=xlsx" in body


def test_menu_item_for_desk_staff(client, desk):
    client.force_login(desk.justice_staff)
    assert QUEUE in client.get("/admin/").content.decode()


def test_queue_counts_are_per_status(client, desk):
    submit(desk.asker)
    assert ConsultationRequest.objects.count() == 1
    client.force_login(desk.justice_staff)
    response = client.get(QUEUE)
    counts = {value: count for value, _label, count in response.context["status_counts"]}
    assert counts[Status.NEW] == 1 and counts[Status.CLOSED] == 0


def test_requests_nearing_their_deadline_are_flagged(client, desk, monkeypatch):
    from django.utils import timezone

    near = submit(desk.asker, title="快到响应期限的咨询", now=at(2026, 11, 23, 9, 0))
    later = submit(desk.asker, title="刚刚提交的咨询", now=at(2026, 11, 23, 9, 20))
    monkeypatch.setattr(timezone, "now", lambda: at(2026, 11, 23, 9, 22))
    client.force_login(desk.justice_staff)
    body = client.get(QUEUE).content.decode()
    assert "响应临期" in body
    body = client.get(QUEUE, {"deadline": "near"}).content.decode()
    assert near.title in body and later.title not in body
    assert client.get(QUEUE, {"deadline": "overdue"}).content.decode().count("临期") == 0
