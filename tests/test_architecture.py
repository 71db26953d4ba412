"""The house rules of the architecture: a pure core, and channels that never import each other."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FORBIDDEN = {
    "survey": {
        "telegram",
        "aiohttp",
        "sqlite3",
        "sqlite_utils",
        "bot",
        "kiosk",
        "storage",
        "medborgardialog",
        "locales",
    },
    "storage": {"telegram", "aiohttp", "bot", "kiosk", "medborgardialog"},
    "bot": {"kiosk", "medborgardialog", "aiohttp_jinja2"},
    "kiosk": {"bot", "telegram", "medborgardialog"},
    "locales": {"telegram", "aiohttp", "bot", "kiosk", "storage", "medborgardialog"},
}


def imported_packages(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.split(".")[0])
    return found


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_packages_import_only_what_they_may(package):
    breaches = {
        f"{path.relative_to(ROOT)} imports {name}"
        for path in (ROOT / package).rglob("*.py")
        for name in imported_packages(path) & FORBIDDEN[package]
    }
    assert set() == breaches


STORING = {"save_response", "save_responses"}
# The submit path, and the store that defines the storing it calls.
SUBMIT_PATH = {"storage/submit.py", "storage/responses.py", "storage/store.py"}


def called_names(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            names.add(node.attr)
        elif isinstance(node, ast.Name):
            names.add(node.id)
        elif isinstance(node, ast.ImportFrom):
            names |= {alias.name for alias in node.names}
    return names


def test_only_the_submit_path_stores_answers():
    """Every channel (API, web form, bot, paper, CSV import) stores through storage/submit.py."""
    breaches = {
        str(path.relative_to(ROOT))
        for package in ("bot", "kiosk", "storage", "medborgardialog", "survey")
        for path in (ROOT / package).rglob("*.py")
        if str(path.relative_to(ROOT)) not in SUBMIT_PATH and called_names(path) & STORING
    }
    assert set() == breaches
