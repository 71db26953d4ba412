"""The house rules of the architecture: a pure core, and channels that never import each other."""

from __future__ import annotations

import ast
from functools import cache
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


PRODUCT = ("survey", "storage", "bot", "kiosk", "medborgardialog", "locales")


@cache
def product_modules() -> dict[str, Path]:
    """Every module of the product packages by its dotted name (a package by its own name)."""
    found = {}
    for package in PRODUCT:
        for path in (ROOT / package).rglob("*.py"):
            parts = path.relative_to(ROOT).with_suffix("").parts
            found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def imported_modules(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The product modules `name` imports anywhere in its file, inside functions too."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    wanted = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            wanted |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                # `from kiosk.staff import access` imports the module kiosk.staff.access.
                full = f"{base}.{alias.name}"
                wanted.add(full if full in modules else base)
    found = set()
    for target in wanted:
        while target and target not in modules:  # `import a.b.c`: the deepest module named
            target = target.rpartition(".")[0]
        if target and target != name:
            found.add(target)
    return found


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one node (Tarjan, without recursion)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found = []
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, targets = work[-1]
            for target in targets:
                if target not in index:
                    index[target] = low[target] = len(index)
                    stack.append(target)
                    on_stack.add(target)
                    work.append((target, iter(sorted(graph.get(target, ())))))
                    break
                if target in on_stack:
                    low[node] = min(low[node], index[target])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        found.append(sorted(component))
    return found


def import_graph() -> dict[str, set[str]]:
    modules = product_modules()
    return {name: imported_modules(name, path, modules) for name, path in modules.items()}


def test_circles_are_found():
    assert [["a", "b", "c"]] == circles({"a": {"b"}, "b": {"c"}, "c": {"a", "d"}, "d": set()})


def test_no_module_imports_itself_back():
    """No circle of imports among the product's modules, counting imports inside functions."""
    assert [] == [" -> ".join(circle) for circle in circles(import_graph())]


def room_of(module: str) -> str:
    """The package a module lies in (a package is its own room)."""
    path = product_modules()[module]
    return module if path.name == "__init__.py" else module.rpartition(".")[0]


def test_rooms_import_one_way():
    """Packages import each other one way (a package may mount the rooms inside it): a room
    that imports a room that imports it back half-initialises one of them on import."""
    rooms: dict[str, set[str]] = {}
    for module, targets in import_graph().items():
        here = room_of(module)
        rooms.setdefault(here, set())
        rooms[here] |= {
            room_of(target)
            for target in targets
            if room_of(target) != here and not room_of(target).startswith(f"{here}.")
        }
    assert [] == [" -> ".join(circle) for circle in circles(rooms)]


MOST_LOOSE = 10


@pytest.mark.parametrize("folder", ["kiosk", "kiosk/staff"])
def test_few_modules_lie_loose(folder):
    """The web app is cut into rooms: only what every room shares lies loose in a folder."""
    loose = sorted(p.name for p in (ROOT / folder).glob("*.py") if p.name != "__init__.py")
    assert len(loose) <= MOST_LOOSE, loose


def web_rooms() -> list[Path]:
    return sorted(
        p.parent for p in (ROOT / "kiosk").rglob("__init__.py") if p.parent.name != "kiosk"
    )


@pytest.mark.parametrize("room", web_rooms(), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_room_says_what_lives_there_and_mounts_its_routes(room):
    tree = ast.parse((room / "__init__.py").read_text(encoding="utf-8"))
    mounts = [
        node.name
        for node in tree.body
        if isinstance(node, ast.FunctionDef) and node.name == "add_routes"
    ]
    assert (True, ["add_routes"]) == (bool(ast.get_docstring(tree)), mounts)
