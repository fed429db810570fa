"""A table on the dashboard and its export: the same rows go to the page, to Excel (openpyxl) and to CSV."""

from __future__ import annotations

import csv
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


def to_xlsx(table: Table) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = sheet_title(table.title)
    sheet.append([str(c) for c in table.columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in table.plain_rows():
        sheet.append([v if isinstance(v, int | float) or v is None else str(v) for v in row])
    for column in sheet.columns:
        width = max(len(str(c.value or "")) for c in column)
        sheet.column_dimensions[column[0].column_letter].width = min(60, max(10, width + 2))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def to_csv(table: Table) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow([str(c) for c in table.columns])
    for row in table.plain_rows():
        writer.writerow(["" if v is None else (f"{v:.4f}".replace(".", ",") if isinstance(v, float) else v)
                         for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # BOM: Excel opens Danish letters right
