"""The figures the staff see: small cells suppressed, charts that carry their numbers."""

from __future__ import annotations

from kiosk.staff.chart import WIDTH, bar_chart, day_chart
from survey.suppression import suppress


def test_counts_under_five_are_hidden():
    assert [None, 12, 0, None, 30] == suppress([3, 12, 0, 4, 30])


def test_a_lone_hidden_count_takes_the_next_smallest_with_it():
    # With the total known, a single hidden cell could be worked out from the others.
    assert [None, None, 40, 0] == suppress([2, 9, 40, 0])
    assert [None] == suppress([4])
    assert [0, 0, 7] == suppress([0, 0, 7])


def test_bars_are_as_long_as_their_share_of_the_largest():
    chart = bar_chart("Områden", [("1. Trafik", 40, "40 (80 %)"), ("2. Klotter", 10, "10")])
    first, second = chart.bars
    assert abs(first.bar_width - 4 * second.bar_width) <= 2
    assert first.bar_x == second.bar_x == 0
    assert first.value_x == first.bar_width + 8  # the number follows its bar
    assert second.bar_y > first.bar_y


def test_right_to_left_bars_grow_from_the_right_edge():
    chart = bar_chart("المجالات", [("أ", 10, "10"), ("ب", 5, "5")], "rtl")
    assert WIDTH == chart.text_x
    assert all(bar.bar_x + bar.bar_width == WIDTH for bar in chart.bars)
    assert all(bar.value_x < bar.bar_x for bar in chart.bars)


def test_an_empty_campaign_still_draws():
    chart = bar_chart("Områden", [("1. Trafik", 0, "0 (0 %)")])
    assert 1 == chart.bars[0].bar_width
    assert () == day_chart("Svar per dag", []).columns
