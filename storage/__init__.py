"""The shared store: one SQLite file through sqlite-utils."""

from storage.responses import Outcome
from storage.store import Store, open_database

__all__ = ["Outcome", "Store", "open_database"]
