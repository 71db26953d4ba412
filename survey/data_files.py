"""Reading the TOML files the product is configured with (campaigns, promises): one shell,
so that every kind of file fails the same way, naming the file, the key and the problem."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")


def parse_toml(text: str, source: str, error: Callable[[str, str, str], Exception]) -> Any:
    """The parsed TOML text, or `error(source, "", problem)` raised."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as problem:
        raise error(source, "", f"not valid TOML: {problem}") from None


def read_text(path: Path, error: Callable[[str, str, str], Exception]) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as problem:
        raise error(path.name, "", f"cannot be read: {problem}") from None


def load_folder(
    directory: Path | str,
    load: Callable[[Path], T],
    error: Callable[[str, str, str], Exception],
) -> dict[str, T]:
    """Every `*.toml` in `directory` read with `load`, keyed by id; ids must be unique."""
    directory = Path(directory)
    if not directory.is_dir():
        raise error(str(directory), "", "is not a directory")
    found: dict[str, T] = {}
    for path in sorted(directory.glob("*.toml")):
        item = load(path)
        item_id = item.id  # type: ignore[attr-defined]
        if item_id in found:
            raise error(path.name, "id", f"{item_id!r} is used by another file")
        found[item_id] = item
    return found
