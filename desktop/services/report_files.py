"""A report written to a file: an Excel workbook or an A4 PDF, every table of it.

- Excel: one sheet per table, right to left, Persian headers, numbers as numbers (a
  percent as its figure: 149.0 is 149 %), text through `safe_cell` (never a formula),
  and a first sheet saying what the report is: its title, center, period (Jalali) and
  when it was made.
- PDF: the center's header, the report's title and period, then each table with its
  title (printing/report.py).

Written to a temporary name and renamed (0600), as every file the app writes.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any

from desktop.errors import UserError
from desktop.partial_files import write_whole
from desktop.services.reports.cells import cell_text
from desktop.services.reports.core import Report
from desktop.services.spreadsheet import safe_cell
from desktop.strings.reports import Reports
from desktop.text.digits import persian_digits
from desktop.text.jalali import format_jalali, format_jalali_datetime

SUFFIXES = (".xlsx", ".pdf")


def write_report(report: Report, path: Path, *, center_name: str) -> Path:
    """`report` into `path` (its suffix says the format); the path written."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise UserError(Reports.FILE_KIND, code="file_kind")
    if not path.parent.is_dir():
        raise UserError(Reports.FOLDER_MISSING, code="folder_missing")
    header = heading(report, center_name)
    if suffix == ".xlsx":
        _write_workbook(report, header, path)
    else:
        from desktop.printing.report import render_report

        render_report(_paper(report, header), path)
    return path


def _paper(report: Report, header: list[tuple[str, str]]) -> Any:
    """The report as the printer takes it: every figure already text."""
    from desktop.printing.report import PaperChart, PaperTable, ReportPaper

    chart = None
    if report.chart is not None:
        figures = [cell_text(_whole(v), "count") for v in report.chart.values]
        chart = PaperChart(
            report.chart.kind,
            report.chart.title,
            report.chart.labels,
            [float(v) for v in report.chart.values],
            figures,
            report.chart.reference,
        )
    tables = [
        PaperTable(
            table.title,
            [column.title for column in table.columns],
            [column.kind == "text" for column in table.columns],
            [[cell_text(row.get(c.key), c.kind) for c in table.columns] for row in table.rows],
        )
        for table in report.tables
    ]
    lines = [f"{label}: {value}" for label, value in header[2:]]
    return ReportPaper(report.title, header[0][1], lines, chart, tables)


def _whole(value: float) -> float | int:
    return int(value) if float(value).is_integer() else value


def heading(report: Report, center_name: str) -> list[tuple[str, str]]:
    """What the report is, as (label, value) lines: center, report, period, made."""
    scope = report.scope
    lines = [
        (Reports.CENTER, center_name + (f" ({scope.center})" if scope.center else "")),
        (Reports.REPORT, report.title),
        (
            Reports.PERIOD,
            Reports.PERIOD_TEXT.format(
                start=format_jalali(scope.start), end=format_jalali(scope.end)
            ),
        ),
        (Reports.MADE_AT, format_jalali_datetime(dt.datetime.now(dt.UTC).replace(tzinfo=None))),
    ]
    if scope.district is not None:
        lines.insert(2, (Reports.DISTRICT, persian_digits(scope.district)))
    return lines


def _write_workbook(report: Report, header: list[tuple[str, str]], path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    about = book.active
    about.title = Reports.ABOUT_SHEET
    about.sheet_view.rightToLeft = True
    for label, value in header:
        about.append([safe_cell(label), safe_cell(value)])
    about.column_dimensions["A"].width = 18
    about.column_dimensions["B"].width = 50
    bold = Font(bold=True)
    titles: set[str] = set()
    for table in report.tables:
        sheet = book.create_sheet(_sheet_title(table.title, titles))
        sheet.sheet_view.rightToLeft = True
        sheet.append([safe_cell(column.title) for column in table.columns])
        for cell in sheet[1]:
            cell.font = bold
            cell.alignment = Alignment(horizontal="center", wrap_text=True)
        for row in table.rows:
            sheet.append([_value(row.get(column.key), column.kind) for column in table.columns])
        for index, column in enumerate(table.columns, start=1):
            width = 28 if column.kind == "text" else 14
            sheet.column_dimensions[get_column_letter(index)].width = width
        sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    write_whole(path, buffer.getvalue())


def _value(value: object, kind: str) -> object:
    if value is None:
        return None
    if isinstance(value, bool):
        return Reports.YES if value else Reports.NO
    if kind in ("text", "code"):
        return safe_cell(str(value))
    return value  # a number stays a number


def _sheet_title(title: str, taken: set[str]) -> str:
    """A sheet name Excel accepts (31 characters, none of []:*?/\\) and not yet used."""
    cleaned = "".join(" " if c in "[]:*?/\\" else c for c in title)[:31]
    name, number = cleaned, 2
    while name in taken:
        suffix = f" {number}"
        name, number = cleaned[: 31 - len(suffix)] + suffix, number + 1
    taken.add(name)
    return name
