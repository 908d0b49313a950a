"""Every admin report's export opens: XLSX in openpyxl and CSV in the csv module, with Chinese headers."""

import csv
import io

import pytest
from openpyxl import load_workbook

from courses import enrolment
from courses.quiz import scoring
from tests.courses.factories import build_course

REPORTS = [
    ("/admin/reports/courses/", "课程学习报表", ["课程", "报名人数", "待审核", "结业人数"]),
    ("/admin/reports/questions/", "难题排行", ["题目", "课程", "作答次数", "答错次数", "错误率"]),
    ("/admin/reports/library/items/", None, None),
    ("/admin/reports/drills/scenarios/", None, None),
    ("/admin/reports/drills/industries/", None, None),
]


def body(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.fixture
def answered(home, user):
    course = build_course(home, title="劳动用工合规")
    enrolment.enrol(user, course)
    scoring.submit(user, scoring.start_attempt(user, course).pk, {})
    return course


@pytest.mark.parametrize("url, sheet_title, headers", REPORTS)
def test_report_exports_open_with_chinese_headers(client, admin_user, answered, url, sheet_title, headers):
    client.force_login(admin_user)
    response = client.get(url, {"export": "xlsx"})
    assert response.status_code == 200, url
    sheet = load_workbook(io.BytesIO(body(response))).active
    first_row = [cell.value for cell in sheet[1]]
    assert first_row and all(isinstance(value, str) and value for value in first_row)
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in value) for value in first_row)  # Chinese headings
    assert sheet.freeze_panes == "A2"
    assert any("\u4e00" <= ch <= "\u9fff" for ch in sheet.title)
    if sheet_title:
        assert sheet.title == sheet_title
    if headers:
        assert first_row[: len(headers)] == headers
    response = client.get(url, {"export": "csv"})
    assert response.status_code == 200
    text = body(response).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == first_row


def test_course_report_rows_carry_the_figures(client, admin_user, answered):
    client.force_login(admin_user)
    sheet = load_workbook(io.BytesIO(body(client.get("/admin/reports/courses/", {"export": "xlsx"})))).active
    rows = {row[0]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows["劳动用工合规"][1] == 1  # one enrolled, as a number
    questions = load_workbook(
        io.BytesIO(body(client.get("/admin/reports/questions/", {"export": "xlsx"})))
    ).active
    answered_counts = [row[2] for row in questions.iter_rows(min_row=2, values_only=True)]
    assert answered_counts and all(count == 1 for count in answered_counts)
