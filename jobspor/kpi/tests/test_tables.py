"""Exported tables open in Excel whatever their title holds."""

import io

from openpyxl import load_workbook

from jobspor.kpi.tables import Table, sheet_title, to_xlsx


def test_a_drill_down_title_with_a_colon_exports_to_xlsx():
    table = Table(key="cases", title="Fase: 2 · ordinære timer [13/26]?*", columns=["Sag"], rows=[["S1"]])
    book = load_workbook(io.BytesIO(to_xlsx(table)))
    assert book.active.title == "Fase- 2 · ordinære timer -13-26"
    assert book.active["A2"].value == "S1"


def test_sheet_titles_are_never_empty_or_quoted():
    assert sheet_title("'") == "Data"
    assert sheet_title("'Mål'") == "Mål"
    assert len(sheet_title("x" * 80)) == 31
