"""合规整改报告: issued from the plan's facts, XLSX with findings, evidence and training hours; the public
verification page confirms the digest and catches any change."""

import io
import shutil

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from accounts.services import membership_of
from rectification import reporting, services
from rectification.models import IssuedReport, PlanEvent, Task

from .test_plans import PDF

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(firm, report):
    plan = services.create_plan(firm[1], self_check=report)[0]
    officer = membership_of(firm[1])
    task = plan.tasks.order_by("position").first()
    services.assign(task, officer, firm[2][0], task.due_date)
    services.add_evidence(
        task, officer, SimpleUploadedFile("发票台账.pdf", PDF, content_type="application/pdf")
    )
    services.change_status(task, officer, Task.Status.DONE, note="已停止向无货供应商取票,补开合规发票")
    return plan


def test_officer_issues_a_report_and_downloads_its_xlsx(client, plan, firm):
    client.force_login(firm[1])
    assert client.post(reverse("rectification:report_issue", args=[plan.pk])).status_code == 302
    report = IssuedReport.objects.get()
    assert report.content_hash == reporting.content_hash(report.snapshot) and len(report.content_hash) == 64
    event = PlanEvent.objects.get(plan=plan, kind=PlanEvent.Kind.REPORT)
    assert event.summary == f"验证码 {report.code}"  # the history names the code a reader will check
    response = client.get(reverse("rectification:report_xlsx", args=[report.pk]))
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    facts = {row[0]: row[1] for row in book["报告"].iter_rows(min_row=2, values_only=True)}
    assert facts["企业"] == "温州明履鞋业有限公司" and facts["内容摘要（SHA-256）"] == report.content_hash
    tasks = list(book["整改事项"].iter_rows(min_row=2, values_only=True))
    assert any("补开合规发票" in (row[9] or "") for row in tasks) and len(tasks) == plan.tasks.count()
    evidence = list(book["证明材料"].iter_rows(min_row=2, values_only=True))
    assert evidence[0][2] == "发票台账.pdf" and len(evidence[0][4]) == 64
    training = list(book["培训学时"].iter_rows(min_row=2, values_only=True))
    assert training == [("员工1-0", "0.00", "0.00", "0.00")]


def test_the_verification_page_confirms_a_genuine_report_and_catches_a_changed_one(client, plan, firm):
    report = reporting.issue_report(plan, membership_of(firm[1]))
    page = client.get(report.get_absolute_url())
    html = page.content.decode()
    assert page.status_code == 200 and "内容与出具时一致" in html and report.content_hash in html
    assert f"<code>{report.code}</code>" in html
    assert '<p class="message success">该报告由本平台出具' in html  # styled as the site's notices
    assert "<svg" in html.split("<main", 1)[-1]  # the QR code

    snapshot = report.snapshot
    snapshot["tasks"][0]["status"] = "已完成(篡改)"
    IssuedReport.objects.filter(pk=report.pk).update(snapshot=snapshot)
    html = client.get(report.get_absolute_url()).content.decode()
    assert "不能作为有效报告" in html and "内容与出具时一致" not in html
    assert '<p class="message error" role="alert">该报告的内容与出具时的摘要不一致' in html
    assert client.get(reverse("rectification:verify", args=["nonexistent"])).status_code == 404


def test_only_the_firms_manager_issues_and_downloads(client, plan, firm, other_firm):
    report = reporting.issue_report(plan, membership_of(firm[1]))
    for outsider in (other_firm[1], firm[2][1]):
        client.force_login(outsider)
        assert client.post(reverse("rectification:report_issue", args=[plan.pk])).status_code == 404
        assert client.get(reverse("rectification:report_xlsx", args=[report.pk])).status_code == 404
    assert IssuedReport.objects.count() == 1


def test_the_officer_downloads_the_report_pdf_with_its_code_and_address(
    client, plan, firm, settings, tmp_path
):
    from tests.core.pdf_checks import line_breaking_faults, pdf_pages

    settings.SITE_URL = "https://academy.example"
    report = reporting.issue_report(plan, membership_of(firm[1]))
    client.force_login(firm[1])
    response = client.get(reverse("rectification:report_pdf", args=[report.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "rectification-report-" in response["Content-Disposition"]
    data = b"".join(response.streaming_content) if response.streaming else response.content
    assert data.startswith(b"%PDF")
    if shutil.which("pdftotext"):
        pages = pdf_pages(data, tmp_path)
        text = "".join("".join(page) for page in pages).replace(" ", "")
        assert "温州明履鞋业有限公司" in text and "补开合规发票" in text and "发票台账.pdf" in text
        assert (
            report.content_hash in text
            and f"https://academy.example/rectification/verify/{report.code}/" in text
        )
        assert line_breaking_faults(pages) == []
    # The verification page shows the same address as the PDF, whatever host the request named.
    page = client.get(report.get_absolute_url(), HTTP_HOST="localhost").content.decode()
    assert f"https://academy.example/rectification/verify/{report.code}/" in page


def test_outsiders_and_staff_cannot_download_the_pdf(client, plan, firm, other_firm):
    report = reporting.issue_report(plan, membership_of(firm[1]))
    for outsider in (other_firm[1], firm[2][1]):
        client.force_login(outsider)
        assert client.get(reverse("rectification:report_pdf", args=[report.pk])).status_code == 404
    client.logout()
    assert client.get(reverse("rectification:report_pdf", args=[report.pk])).status_code == 302


def test_report_training_hours_come_from_the_hours_service(plan, firm, home):
    """Checked-in event hours count (the one 学时 service), raw watch time does not."""
    from decimal import Decimal

    from django.utils import timezone

    from tests.events.factories import RegistrationFactory, make_event, make_index

    owner = firm[2][0]
    event = make_event(make_index(home), training_hours=Decimal("3"))
    RegistrationFactory(event=event, user=owner, checked_in_at=timezone.now(), training_hours=Decimal("3"))
    report = reporting.issue_report(plan, membership_of(firm[1]))
    [row] = report.snapshot["training"]
    assert (row["person"], row["hours"], row["event_hours"], row["course_hours"]) == (
        "员工1-0",
        "3.00",
        "3.00",
        "0.00",
    )


def test_the_pdf_reads_in_the_same_number_of_queries_for_10_and_500_tasks(client, plan, firm):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from .test_views import _grow

    client.force_login(firm[1])

    def queries():
        report = reporting.issue_report(plan, membership_of(firm[1]))
        with CaptureQueriesContext(connection) as context:
            assert client.get(reverse("rectification:report_pdf", args=[report.pk])).status_code == 200
        return len(context), len(report.snapshot["tasks"])

    _grow(plan, 8)
    queries()  # warm the per-process caches
    small, _count = queries()
    _grow(plan, 490)
    large, count = queries()
    assert count == 500 and large == small
