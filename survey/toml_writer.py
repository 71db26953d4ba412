"""Writing TOML: just what campaign files hold (texts, ids, numbers, dates, tables, lists).

The standard library reads TOML but does not write it; campaigns made in the staff pages are
written back as files with this, and read again with `tomllib`.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from typing import Any

BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


def dumps(document: dict[str, Any]) -> str:
    """The TOML text of `document`: top-level values, then `[table]`s, then `[[array]]`s."""
    lines: list[str] = []
    _table(lines, "", document, top=True)
    return "\n".join(lines).strip() + "\n"


def _key(key: str) -> str:
    return key if BARE_KEY.match(key) else _string(key)


def _string(text: str) -> str:
    # JSON's escapes are TOML's, except that TOML also wants DEL escaped.
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def _is_table_array(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    if isinstance(value, dict):
        inner = ", ".join(f"{_key(k)} = {_value(v)}" for k, v in value.items())
        return "{ " + inner + " }" if inner else "{}"
    raise TypeError(f"cannot write {type(value).__name__} as TOML")


def _table(lines: list[str], path: str, table: dict[str, Any], top: bool = False) -> None:
    """Key-values first; at the top level tables become sections, below it inline tables."""
    later = []
    for key, value in table.items():
        if value is None:
            continue
        if _is_table_array(value) or (top and isinstance(value, dict)):
            later.append((key, value))
        else:
            lines.append(f"{_key(key)} = {_value(value)}")
    for key, value in later:
        name = f"{path}.{_key(key)}" if path else _key(key)
        if isinstance(value, dict):
            lines.extend(["", f"[{name}]"])
            _table(lines, name, value)
            continue
        for item in value:
            lines.extend(["", f"[[{name}]]"])
            _table(lines, name, item)
