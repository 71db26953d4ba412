"""XLSX export with XlsxWriter in constant-memory mode: rows go to disk as they are written.

No text is ever turned into a formula, a link or a number: text cells are written as
strings exactly as typed ("-5 grader" stays that), only the table's number columns as
numbers, times as real date-time cells, and the automatic conversions are switched off.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import BinaryIO

import xlsxwriter

from storage.export_tables import Table

OPTIONS = {
    "constant_memory": True,
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
}
PROGRESS_ROWS = 2000
TIME_FORMAT = "yyyy-mm-dd hh:mm:ss"
# Excel's day zero: a date-time cell is the number of days since, with a date format.
EXCEL_EPOCH = datetime(1899, 12, 30)
DAY = timedelta(days=1)
# Column widths in characters: what the longest usual cell of each kind needs.
WIDTHS = {"id": 38, "comment": 60, "redacted": 60, "areas": 40, "themes": 30, "label": 40}
TIME_WIDTH = 20
NUMBER_WIDTH = 10
TEXT_WIDTH = 18
MAX_HEADER_WIDTH = 40


def column_width(table: Table, column: int) -> float:
    key = table.keys[column] if table.keys else ""
    if key in WIDTHS:
        width = WIDTHS[key]
    elif column in table.times:
        width = TIME_WIDTH
    elif column in table.numbers:
        width = NUMBER_WIDTH
    else:
        width = TEXT_WIDTH
    # Room for the header and the autofilter's button.
    return max(width, min(len(table.header[column]) + 4, MAX_HEADER_WIDTH))


def write_xlsx(
    table: Table, target: Path | str | BinaryIO, on_rows: Callable[[int], None] | None = None
) -> int:
    """Write the table as one worksheet to `target`; returns the number of rows written."""
    workbook = xlsxwriter.Workbook(target, OPTIONS)
    try:
        sheet = workbook.add_worksheet(table.name)
        bold = workbook.add_format({"bold": True, "text_wrap": True, "valign": "top"})
        share = workbook.add_format({"num_format": "0.0%"})
        when = workbook.add_format({"num_format": TIME_FORMAT})
        # A paper answer has a date only: no invented time of day.
        day = workbook.add_format({"num_format": "yyyy-mm-dd"})
        columns = len(table.header)
        for column in range(columns):
            sheet.set_column(column, column, column_width(table, column))
        sheet.freeze_panes(1, 0)
        for column, title in enumerate(table.header):
            sheet.write_string(0, column, title, bold)
        write_string, write_number = sheet.write_string, sheet.write_number
        parse = datetime.fromisoformat
        numbers, shares, times = table.numbers, table.shares, table.times
        row_number = 0
        for row_number, row in enumerate(table.rows, start=1):
            for column, value in enumerate(row):
                if value is None or value == "":
                    continue
                if column in numbers:
                    write_number(
                        row_number, column, float(value), share if column in shares else None
                    )
                elif column in times:
                    serial = (parse(value) - EXCEL_EPOCH) / DAY
                    write_number(row_number, column, serial, day if len(value) == 10 else when)
                else:
                    write_string(row_number, column, value)
            if on_rows and row_number % PROGRESS_ROWS == 0:
                on_rows(row_number)
        sheet.autofilter(0, 0, max(row_number, 1), columns - 1)
    finally:
        workbook.close()
    if on_rows:
        on_rows(row_number)
    return row_number
