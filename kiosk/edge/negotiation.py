"""Content negotiation: what a weighted header (`Accept`, `Accept-Language`) asks for."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=256)  # clients send a handful of distinct headers, again and again
def preferred(header: str) -> tuple[str, ...]:
    """The values of a header like `Accept`, most wanted first (by `q`, then by place);
    those with `q=0` and the wildcard `*` left out."""
    weighted = []
    for position, part in enumerate(header.split(",")):
        value, _, params = part.strip().partition(";")
        value = value.strip()
        quality = 1.0
        for param in params.split(";"):
            name, _, given = param.strip().partition("=")
            if name == "q":
                try:
                    quality = float(given)
                except ValueError:
                    quality = 0.0
        if value and value != "*" and quality > 0:
            weighted.append((-quality, position, value))
    return tuple(value for _, _, value in sorted(weighted))
