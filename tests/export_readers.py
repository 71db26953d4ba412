"""Reading exports back with the standard library, as a spreadsheet would see them."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

NS = {"x": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def read_csv(data: bytes, delimiter: str = ";") -> list[list[str]]:
    """Rows of a CSV export; the BOM must be there, and every line must end in CRLF."""
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def _column(reference: str) -> int:
    letters = re.match(r"[A-Z]+", reference).group()
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number - 1


def read_xlsx(path: Path | str | io.BytesIO) -> list[list[str | float | None]]:
    """Rows of the first worksheet: strings as text (Excel's _xHHHH_ escapes undone), numbers
    as floats; also checks that no cell holds a formula."""
    with zipfile.ZipFile(path) as archive:
        shared = []
        if "xl/sharedStrings.xml" in archive.namelist():
            root = ElementTree.fromstring(archive.read("xl/sharedStrings.xml"))
            shared = [
                "".join(t.text or "" for t in si.iter(f"{{{NS['x']}}}t"))
                for si in root.findall("x:si", NS)
            ]
        sheet = ElementTree.fromstring(archive.read("xl/worksheets/sheet1.xml"))
    rows = []
    for row in sheet.iter(f"{{{NS['x']}}}row"):
        cells: list[str | float | None] = []
        for cell in row.findall("x:c", NS):
            assert cell.find("x:f", NS) is None, "a cell holds a formula"
            index = _column(cell.get("r"))
            cells += [None] * (index - len(cells))
            kind = cell.get("t")
            if kind == "inlineStr":
                text = "".join(t.text or "" for t in cell.iter(f"{{{NS['x']}}}t"))
                cells.append(_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text))
            elif kind == "s":
                cells.append(shared[int(cell.find("x:v", NS).text)])
            else:
                cells.append(float(cell.find("x:v", NS).text))
        rows.append(cells)
    return rows
