"""The one export helper: typed cells, local dates, lazy strings, no formulas, a usable sheet."""

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.utils import timezone
from django.utils.translation import gettext_lazy
from openpyxl import load_workbook
from wagtail.admin.views.mixins import SpreadsheetExportMixin as WagtailExportMixin

from core import exports

COLUMNS = [
    exports.Column(gettext_lazy("姓名"), width=12),
    exports.Column(gettext_lazy("学时"), number_format="0.00"),
    exports.Column(gettext_lazy("截止日期")),
    exports.Column(gettext_lazy("结业时间")),
    exports.Column(gettext_lazy("状态")),
    exports.Column(gettext_lazy("备注")),
]
FINISHED = dt.datetime(2026, 12, 2, 6, 30, tzinfo=dt.UTC)  # 14:30 in Beijing
ROWS = [
    ["张晓东", Decimal("1.50"), dt.date(2026, 12, 31), FINISHED, gettext_lazy("有效"), True],
    ['=HYPERLINK("http://evil")', 2, None, None, "+86 577", "-1"],
    ["@SUM(A1)", float("nan"), None, None, "\tcmd", ["一", "二"]],
]


def workbook_of(response):
    return load_workbook(io.BytesIO(b"".join(response.streaming_content)))


def test_xlsx_cells_are_typed_and_local():
    response = exports.xlsx_response("staff", gettext_lazy("员工学习"), COLUMNS, ROWS)
    assert response["Content-Type"] == exports.XLSX_CONTENT_TYPE
    assert 'filename="staff.xlsx"' in response["Content-Disposition"]
    sheet = workbook_of(response).active
    assert sheet.title == "员工学习"
    assert sheet.freeze_panes == "A2"
    assert sheet["A1"].value == "姓名" and sheet["A1"].font.bold
    assert sheet.column_dimensions["A"].width == 12
    assert sheet["B2"].value == 1.5 and sheet["B2"].number_format == "0.00"
    assert sheet["C2"].is_date and sheet["C2"].value.date() == dt.date(2026, 12, 31)
    assert sheet["D2"].value == dt.datetime(2026, 12, 2, 14, 30)
    assert sheet["E2"].value == "有效" and sheet["F2"].value == "是"
    assert sheet["B3"].value == 2 and sheet["B4"].value is None  # NaN is no number
    assert sheet["F4"].value == "一、二"


def test_downloads_keep_their_chinese_name_beside_an_ascii_one():
    xlsx = exports.xlsx_response("staff", "表", COLUMNS, ROWS, download_title="员工学习")
    assert xlsx["Content-Disposition"] == (
        "attachment; filename=\"staff.xlsx\"; filename*=UTF-8''%E5%91%98%E5%B7%A5%E5%AD%A6%E4%B9%A0.xlsx"
    )
    csv_download = exports.csv_response("staff", COLUMNS, ROWS, title="员工学习")
    assert csv_download["Content-Disposition"].startswith('attachment; filename="staff.csv"; filename*=')


def test_xlsx_never_holds_a_formula():
    sheet = workbook_of(exports.xlsx_response("x", "表", COLUMNS, ROWS)).active
    texts = [sheet["A3"].value, sheet["E3"].value, sheet["F3"].value, sheet["A4"].value, sheet["E4"].value]
    assert texts == ['\'=HYPERLINK("http://evil")', "'+86 577", "'-1", "'@SUM(A1)", "'\tcmd"]
    assert all(sheet[ref].data_type == "s" for ref in ("A3", "E3", "F3", "A4", "E4"))


def test_csv_has_a_bom_dates_and_no_formulas():
    response = exports.csv_response("staff", COLUMNS, ROWS)
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))
    assert rows[0] == ["姓名", "学时", "截止日期", "结业时间", "状态", "备注"]
    assert rows[1] == ["张晓东", "1.5", "2026-12-31", "2026-12-02 14:30", "有效", "是"]
    assert rows[2] == ['\'=HYPERLINK("http://evil")', "2", "", "", "'+86 577", "'-1"]
    assert rows[3][0] == "'@SUM(A1)"


def test_sheet_titles_excel_accepts():
    assert exports.sheet_title("报表[2026]/年度:汇总?*") == "报表 2026  年度 汇总"
    assert len(exports.sheet_title("很长" * 40)) == 31
    assert exports.sheet_title("") == "Sheet1"


def test_a_naive_datetime_is_kept_and_a_time_zone_aware_one_is_localised():
    assert exports.cell_value(dt.datetime(2026, 1, 1, 8)) == dt.datetime(2026, 1, 1, 8)
    moment = timezone.make_aware(dt.datetime(2026, 1, 1, 8))
    assert exports.cell_value(moment) == dt.datetime(2026, 1, 1, 8)


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


@pytest.mark.django_db
def test_every_project_export_goes_through_the_helper():
    from django.urls import get_resolver

    assert get_resolver().url_patterns  # the admin URLconf imports every admin view
    views = {
        f"{cls.__module__}.{cls.__qualname__}": cls
        for cls in _subclasses(WagtailExportMixin)
        if not cls.__module__.startswith(("wagtail.", "django."))
        and cls is not exports.SpreadsheetExportMixin
    }
    assert {
        "consult.admin_views.QueueView",
        "events.admin_views.RegistrationReportView",
        "courses.reports.CourseReportView",
        "library.admin_views.GuidelineItemReportView",
    } <= set(views)
    assert [name for name, cls in views.items() if not issubclass(cls, exports.SpreadsheetExportMixin)] == []


def test_a_workbook_of_several_sheets():
    response = exports.workbook_response(
        "hours",
        [
            exports.Sheet("员工学习", COLUMNS[:1], [["张晓东"]]),
            exports.Sheet(gettext_lazy("学时汇总"), COLUMNS[:2], [["张晓东", Decimal("10.5")]]),
        ],
    )
    book = workbook_of(response)
    assert book.sheetnames == ["员工学习", "学时汇总"]
    assert book["学时汇总"]["B2"].value == 10.5 and book["学时汇总"].freeze_panes == "A2"
