"""XLSX export with XlsxWriter in constant-memory mode: rows go to disk as they are written.

No text is ever turned into a formula, a link or a number: text cells are written as
strings, only the table's number columns as numbers, and the automatic conversions are
switched off as well.
"""

from __future__ import annotations

from collections.abc import Callable
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


def write_xlsx(
    table: Table, target: Path | str | BinaryIO, on_rows: Callable[[int], None] | None = None
) -> int:
    """Write the table as one worksheet to `target`; returns the number of rows written."""
    workbook = xlsxwriter.Workbook(target, OPTIONS)
    try:
        sheet = workbook.add_worksheet(table.name)
        bold = workbook.add_format({"bold": True})
        share = workbook.add_format({"num_format": "0.0%"})
        sheet.freeze_panes(1, 0)
        for column, title in enumerate(table.header):
            sheet.write_string(0, column, title, bold)
        write_string, write_number = sheet.write_string, sheet.write_number
        numbers, shares = table.numbers, table.shares
        row_number = 0
        for row_number, row in enumerate(table.rows, start=1):
            for column, value in enumerate(row):
                if value is None or value == "":
                    continue
                if column in numbers:
                    write_number(
                        row_number, column, float(value), share if column in shares else None
                    )
                else:
                    write_string(row_number, column, value)
            if on_rows and row_number % PROGRESS_ROWS == 0:
                on_rows(row_number)
    finally:
        workbook.close()
    if on_rows:
        on_rows(row_number)
    return row_number
