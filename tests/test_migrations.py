"""The migrations' house rules: one number each, a module per name, no product code inside."""

from __future__ import annotations

import ast
import re
from collections import Counter
from pathlib import Path

from sqlite_utils import Database

from storage.migrations import migrations

FOLDER = Path(__file__).resolve().parent.parent / "storage" / "migrations"
# Two migrations shipped with the number 9; databases know them by these names.
SHARED_NUMBER = {"m009_health_probe", "m009_sample_data"}
PRODUCT = {"survey", "storage", "bot", "kiosk", "medborgardialog", "locales", "campaigns"}
# The one primitive migrations may share (named from beside them): it runs SQL text, and
# never changes.
PRIMITIVES = {"storage.migrations.sql_script", ".sql_script"}


def names() -> list[str]:
    return [migration.name for migration in migrations.pending(Database(memory=True))]


def test_every_migration_has_a_number_of_its_own():
    numbers = Counter(re.match(r"m(\d{3})_", name).group(1) for name in names())
    shared = {name for name in names() if numbers[name[1:4]] > 1}
    assert SHARED_NUMBER == shared


def test_migrations_run_in_the_order_of_their_numbers():
    assert sorted(names()) == names()


def test_each_migration_lives_in_the_module_of_its_name():
    modules = {path.stem for path in FOLDER.glob("m[0-9]*.py")}
    assert set(names()) == modules


def imported_modules(path: Path) -> set[str]:
    """Every module the file imports, wherever the import is (a function's body too)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            found.add("." * node.level + (node.module or ""))
        elif isinstance(node, ast.Call) and getattr(node.func, "id", "") == "__import__":
            found.add("__import__")
        elif isinstance(node, ast.Attribute) and node.attr == "import_module":
            found.add("importlib.import_module")
    return found


def test_no_migration_imports_product_code():
    """A migration carries what it needs as it was when it shipped."""
    breaches = {
        f"{path.name} imports {module}"
        for path in FOLDER.glob("*.py")
        if path.name != "__init__.py"
        for module in imported_modules(path)
        if module not in PRIMITIVES
        and (
            module.startswith(".")
            or module.split(".")[0] in PRODUCT
            or module in {"__import__", "importlib.import_module"}
        )
    }
    assert set() == breaches


def test_the_check_sees_imports_inside_functions(tmp_path):
    sneaky = tmp_path / "m099_sneaky.py"
    sneaky.write_text("def m099_sneaky(db):\n    from survey.response import Response\n")
    assert {"survey.response"} == imported_modules(sneaky)
