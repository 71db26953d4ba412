"""Small-cell suppression: a count of fewer than five people is never shown.

A table whose total is known leaks a lone hidden cell (total minus the others), so when
exactly one cell is hidden, the next smallest is hidden as well.
"""

from __future__ import annotations

from collections.abc import Sequence

THRESHOLD = 5


def suppress(counts: Sequence[int], threshold: int = THRESHOLD) -> list[int | None]:
    """Each count, or None where it must not be shown (1 to threshold - 1, and a partner)."""
    shown: list[int | None] = [None if 0 < n < threshold else n for n in counts]
    hidden = [i for i, n in enumerate(shown) if n is None]
    if len(hidden) == 1:
        candidates = [(n, i) for i, n in enumerate(shown) if n]
        if candidates:
            shown[min(candidates)[1]] = None
    return shown
