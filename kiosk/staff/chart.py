"""Bar charts drawn on the server as SVG geometry, rendered by `staff/_chart.html`.

Readable without colour: each bar carries its label and its numbers as text, bars are one
dark tone with an outline, and the same figures stand in a table next to the chart.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

# Narrow enough that on a phone (about 340 px for the chart) the 15 px labels still read at
# 13 px or more; a wider chart scaled down to a phone made them 6-7 px.
WIDTH = 400
LABEL_HEIGHT = 20
BAR_HEIGHT = 18
ROW_GAP = 12
VALUE_SPACE = 130  # room after the longest bar for "1 234 (45 %)"
DAY_HEIGHT = 140
# A column no wider than this: with one or two days the chart is columns, not a block.
DAY_MAX_WIDTH = 36


@dataclass(frozen=True)
class Bar:
    """One row of a horizontal bar chart, positioned."""

    label: str
    value_text: str
    label_y: int
    bar_y: int
    bar_x: int
    bar_width: int
    value_x: int


@dataclass(frozen=True)
class BarChart:
    """A horizontal bar chart: the bars, its size, and its writing direction."""

    title: str
    width: int
    height: int
    bars: tuple[Bar, ...]
    direction: str
    text_x: int
    bar_height: int = BAR_HEIGHT


def bar_chart(title: str, rows: Sequence[tuple[str, int, str]], direction: str = "ltr") -> BarChart:
    """Bars for (label, value, value text) rows, longest for the largest value.

    Right to left, the bars grow from the right edge and the text starts there.
    """
    largest = max((value for _, value, _ in rows), default=0) or 1
    room = WIDTH - VALUE_SPACE
    bars = []
    y = 0
    rtl = direction == "rtl"
    for label, value, value_text in rows:
        width = round(room * value / largest) if value else 0
        bar_x = WIDTH - width if rtl else 0
        value_x = WIDTH - width - 8 if rtl else width + 8
        bars.append(
            Bar(
                label=label,
                value_text=value_text,
                label_y=y + LABEL_HEIGHT - 6,
                bar_y=y + LABEL_HEIGHT,
                bar_x=bar_x,
                bar_width=max(width, 1),
                value_x=value_x,
            )
        )
        y += LABEL_HEIGHT + BAR_HEIGHT + ROW_GAP
    return BarChart(
        title=title,
        width=WIDTH,
        height=max(y, 1),
        bars=tuple(bars),
        direction=direction,
        text_x=WIDTH if rtl else 0,
    )


@dataclass(frozen=True)
class Column:
    """One day of the answers-per-day chart."""

    x: int
    y: int
    width: int
    height: int
    label: str
    value: int


@dataclass(frozen=True)
class ColumnChart:
    """A column per day; the figures are in the table beside it."""

    title: str
    width: int
    height: int
    columns: tuple[Column, ...]
    largest: int


def day_chart(title: str, days: Sequence[tuple[str, int]]) -> ColumnChart:
    """Columns for (day label, count) pairs, oldest first."""
    largest = max((n for _, n in days), default=0) or 1
    step = WIDTH / max(len(days), 1)
    width = max(min(int(step * 0.8), DAY_MAX_WIDTH), 1)
    columns = tuple(
        Column(
            x=round(index * step),
            y=DAY_HEIGHT - round(DAY_HEIGHT * n / largest),
            width=width,
            height=round(DAY_HEIGHT * n / largest),
            label=label,
            value=n,
        )
        for index, (label, n) in enumerate(days)
    )
    return ColumnChart(title, WIDTH, DAY_HEIGHT, columns, largest)
