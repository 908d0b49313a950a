"""Every spreadsheet the product offers, XLSX or CSV, is written here and nowhere else.

Cells keep their types (numbers stay numbers, dates are real dates in local time), lazy
translations and model objects become text, and text that a spreadsheet would run as a
formula (starting with = + - @, or a tab or carriage return) is prefixed with an apostrophe
(OWASP's advice for CSV injection). The header row is bold and frozen; the sheet has a Chinese name.

    columns = [exports.Column(_("姓名"), width=12), exports.Column(_("学时"), number_format="0.00")]
    return exports.xlsx_response("staff-training", _("员工学习"), columns, rows)

Wagtail report views (``ReportView``) get the same treatment through ``SpreadsheetExportMixin``.
"""

import csv
import datetime as dt
import io
import math
import re
from dataclasses import dataclass
from decimal import Decimal

from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from core.downloads import content_disposition

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
MAX_SHEET_TITLE = 31
_SHEET_TITLE_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


@dataclass(frozen=True)
class Column:
    """One column of an export: its heading, width in characters and an Excel number format."""

    heading: object
    width: int | None = None
    number_format: str | None = None


def neutralise(text):
    """Text a spreadsheet would evaluate as a formula is kept as text."""
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


def _text(value):
    if isinstance(value, bool):
        return _("是") if value else _("否")
    if isinstance(value, list | tuple | set | frozenset):
        return "、".join(force_str(item) for item in value)
    return force_str(value)


def cell_value(value):
    """A value as an XLSX cell holds it: number, date, local naive datetime, or neutralised text."""
    if value is None:
        return None
    if isinstance(value, bool):
        return _text(value)
    if isinstance(value, int):
        return value
    if isinstance(value, float | Decimal):
        number = float(value)
        return number if math.isfinite(number) else None
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if isinstance(value, dt.date | dt.time):
        return value
    if isinstance(value, str) and not isinstance(value, Promise):
        return neutralise(str(value))
    return neutralise(_text(value))


def csv_value(value):
    """A value as CSV text: ISO dates, local times to the minute, neutralised text."""
    value = cell_value(value)
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return f"{value:%Y-%m-%d %H:%M}"
    if isinstance(value, dt.date):
        return f"{value:%Y-%m-%d}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def sheet_title(title):
    """Excel refuses some characters and more than 31 in a sheet name."""
    cleaned = _SHEET_TITLE_FORBIDDEN.sub(" ", force_str(title)).strip("' ") or "Sheet1"
    return cleaned[:MAX_SHEET_TITLE]


def _column_letter(index):
    from openpyxl.utils import get_column_letter

    return get_column_letter(index)


@dataclass
class Sheet:
    """One worksheet of a workbook: a name, its columns and its rows (any iterable of sequences)."""

    title: object
    columns: list
    rows: object


def _write_sheet(workbook, sheet_spec):
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    columns = sheet_spec.columns
    sheet = workbook.create_sheet(title=sheet_title(sheet_spec.title))
    sheet.freeze_panes = "A2"
    for index, column in enumerate(columns, start=1):
        if column.width:
            sheet.column_dimensions[_column_letter(index)].width = column.width
    bold = Font(bold=True)
    header = []
    for column in columns:
        cell = WriteOnlyCell(sheet, value=neutralise(force_str(column.heading)))
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for row in sheet_spec.rows:
        cells = []
        for column, value in zip(columns, row, strict=True):
            value = cell_value(value)
            cell = WriteOnlyCell(sheet, value=value)
            if cell.data_type == "f":  # never a formula, whatever openpyxl guesses
                cell.data_type = "s"
            if column.number_format and not isinstance(value, str):
                cell.number_format = column.number_format
            elif isinstance(value, dt.datetime):
                cell.number_format = DATETIME_FORMAT
            elif isinstance(value, dt.date):
                cell.number_format = DATE_FORMAT
            cells.append(cell)
        sheet.append(cells)


def write_workbook(output, sheets):
    """Write ``sheets`` (``Sheet``), each with a bold, frozen header row and a row per item."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    for sheet_spec in sheets:
        _write_sheet(workbook, sheet_spec)
    workbook.save(output)


def workbook_response(filename, sheets, title=None):
    """An XLSX download of several sheets.

    ``filename``: the ASCII name without its extension; ``title``: the name it is saved under
    where the client reads ``filename*`` (Chinese kept), ``filename`` when not given.
    """
    buffer = io.BytesIO()
    write_workbook(buffer, sheets)
    buffer.seek(0)
    response = FileResponse(buffer, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition(f"{title or filename}.xlsx", f"{filename}.xlsx")
    return response


def xlsx_bytes(title, columns, rows):
    buffer = io.BytesIO()
    write_workbook(buffer, [Sheet(title, columns, rows)])
    return buffer.getvalue()


def xlsx_response(filename, title, columns, rows, download_title=None):
    """A one-sheet XLSX download; ``filename`` (ASCII) and ``download_title`` without extension."""
    return workbook_response(filename, [Sheet(title, columns, rows)], title=download_title)


class _Echo:
    def write(self, value):
        return value


def csv_lines(columns, rows):
    """CSV text line by line, starting with a byte-order mark so Excel reads the Chinese as UTF-8."""
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow([neutralise(force_str(column.heading)) for column in columns])
    for row in rows:
        yield writer.writerow([csv_value(value) for value in row])


def csv_response(filename, columns, rows, title=None):
    """A streamed CSV download; ``filename`` (ASCII) and ``title`` (its Chinese name) without extension."""
    response = StreamingHttpResponse(
        (line.encode("utf-8") for line in csv_lines(columns, rows)), content_type=CSV_CONTENT_TYPE
    )
    response["Content-Disposition"] = content_disposition(f"{title or filename}.csv", f"{filename}.csv")
    return response


class SpreadsheetExportMixin:
    """For Wagtail views with ``list_export`` (``ReportView``, snippet index views): export through here.

    Put it before the Wagtail view in the bases. ``export_sheet_title`` names the sheet (the page
    title otherwise), ``export_widths`` maps fields to column widths, ``export_number_formats`` to
    Excel number formats. ``custom_field_preprocess`` still turns a field's value into another value
    first (e.g. a choice code into its label); typing and neutralising happen afterwards.
    """

    export_sheet_title = None
    export_widths = {}
    export_number_formats = {}

    def __init_subclass__(cls, **kwargs):
        """A report that lists ``columns`` exports them unless it says otherwise: the same fields,
        under the same headings."""
        super().__init_subclass__(**kwargs)
        columns = cls.__dict__.get("columns")
        if not isinstance(columns, (list, tuple)):
            return
        if "list_export" not in cls.__dict__:
            cls.list_export = [column.name for column in columns]
        if "export_headings" not in cls.__dict__:
            cls.export_headings = {column.name: column.label for column in columns}

    def get_export_sheet_title(self):
        if self.export_sheet_title:
            return self.export_sheet_title
        # Views that name their page per object (an event's attendee list) do so in get_page_title().
        get_page_title = getattr(self, "get_page_title", None)
        title = get_page_title() if callable(get_page_title) else getattr(self, "page_title", None)
        return title or self.get_filename()

    def export_columns(self, queryset):
        return [
            Column(
                self.get_heading(queryset, field),
                width=self.export_widths.get(field),
                number_format=self.export_number_formats.get(field),
            )
            for field in self.list_export
        ]

    def export_rows(self, queryset, export_format):
        for item in queryset:
            row = self.to_row_dict(item)
            yield [self.export_value(field, row[field], export_format) for field in self.list_export]

    def export_value(self, field, value, export_format):
        custom = self.custom_field_preprocess.get(field, {})
        if export_format in custom and custom[export_format] is not None:
            return custom[export_format](value)
        return value

    def write_xlsx_response(self, queryset):
        return xlsx_response(
            self.get_filename(),
            self.get_export_sheet_title(),
            self.export_columns(queryset),
            self.export_rows(queryset, self.FORMAT_XLSX),
        )

    def write_csv_response(self, queryset):
        return csv_response(
            self.get_filename(), self.export_columns(queryset), self.export_rows(queryset, self.FORMAT_CSV)
        )
