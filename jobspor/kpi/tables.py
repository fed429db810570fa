"""A table on the dashboard and its export: the same rows go to the page, to Excel (openpyxl) and to CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field

from openpyxl import Workbook
from openpyxl.styles import Font


@dataclass
class Cell:
    """A value with an optional drill-down link (the page shows the link; exports the value)."""

    value: object
    link: str = ""

    def __str__(self):
        return "" if self.value is None else str(self.value)


@dataclass
class Table:
    key: str
    title: str
    columns: list[str]
    rows: list[list] = field(default_factory=list)
    note: str = ""

    def plain_rows(self):
        for row in self.rows:
            yield [cell.value if isinstance(cell, Cell) else cell for cell in row]


def sheet_title(title) -> str:
    """A sheet name Excel accepts: none of \\ / ? * [ ] : (a drill-down's title holds "Fase: …"), not quoted at
    either end, 1–31 characters."""
    text = "".join("-" if ch in "\\/?*[]:" else ch for ch in str(title)).strip().strip("'").strip()
    return text[:31].strip() or "Data"


DATE_FORMAT = "DD-MM-YYYY"  # Excel shows a real date (a number underneath) the Danish way


def heading_lines(table: Table, heading) -> list[str]:
    """The rows above the table in an export: its title, then what it covers (unit, period, filters)."""
    return [str(table.title), *[str(line) for line in heading]] if heading else []


def _xlsx_value(value):
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int | float | dt.date):  # a datetime is a date too: Excel gets a date cell
        return value
    return str(value)


def to_xlsx(table: Table, heading=()) -> bytes:
    """The table as a workbook. `heading`: lines naming the unit, period and filters, written above the table
    (a bold title, the lines, an empty row); dates are date cells with a date format, not text."""
    book = Workbook()
    sheet = book.active
    sheet.title = sheet_title(table.title)
    lines = heading_lines(table, heading)
    for line in lines:
        sheet.append([line])
    if lines:
        sheet.cell(row=1, column=1).font = Font(bold=True)
        sheet.append([])
    sheet.append([str(c) for c in table.columns])
    header_row = sheet.max_row
    for cell in sheet[header_row]:
        cell.font = Font(bold=True)
    # The row's number is counted here: openpyxl's max_row looks at every cell, so asking it per row made a
    # 20,000-case export take 100 s instead of a few.
    for number, row in enumerate(table.plain_rows(), start=header_row + 1):
        values = [_xlsx_value(v) for v in row]
        sheet.append(values)
        for column, value in enumerate(values, start=1):
            if isinstance(value, dt.date):
                sheet.cell(row=number, column=column).number_format = DATE_FORMAT
    if lines:
        sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
    for column in sheet.iter_cols(min_row=header_row):
        width = max(len(str(c.value or "")) for c in column)
        sheet.column_dimensions[column[0].column_letter].width = min(60, max(10, width + 2))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _csv_value(value):
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4f}".replace(".", ",")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def to_csv(table: Table, heading=()) -> bytes:
    """The table as CSV (semicolons, as Danish Excel expects); `heading` lines first, then an empty line."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    lines = heading_lines(table, heading)
    for line in lines:
        writer.writerow([line])
    if lines:
        writer.writerow([])
    writer.writerow([str(c) for c in table.columns])
    for row in table.plain_rows():
        writer.writerow([_csv_value(v) for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # BOM: Excel opens Danish letters right
