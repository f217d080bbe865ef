from datetime import date
from decimal import Decimal as D

import pytest

from objectives.rules import (
    Direction,
    Frequency,
    Status,
    combined_status,
    indicator_status,
    periods,
    progress,
)


def status(direction, value, *, target=None, low=None, high=None, margin=D(5), final=False):
    return indicator_status(
        direction=direction,
        target=target,
        target_low=low,
        target_high=high,
        margin=margin,
        value=value,
        final=final,
    )


@pytest.mark.parametrize(
    ("value", "final", "expected"),
    [
        (D(99), False, Status.ON_TRACK),
        (D("99.5"), False, Status.ON_TRACK),
        (D(96), False, Status.AT_RISK),
        (D(90), False, Status.MISSED),
        (D(96), True, Status.MISSED),
        (None, False, Status.NO_DATA),
    ],
)
def test_higher_is_better(value, final, expected):
    assert status(Direction.HIGHER, value, target=D(99), margin=D(5), final=final) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (D(2), Status.ON_TRACK),
        (D(3), Status.ON_TRACK),
        (D(6), Status.AT_RISK),
        (D(12), Status.MISSED),
    ],
)
def test_lower_is_better(value, expected):
    # e.g. complaints per quarter: at most 3
    assert status(Direction.LOWER, value, target=D(3), margin=D(5)) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (D(30), Status.ON_TRACK),
        (D(25), Status.ON_TRACK),
        (D(35), Status.ON_TRACK),
        (D(23), Status.AT_RISK),
        (D(38), Status.AT_RISK),
        (D(10), Status.MISSED),
        (D(50), Status.MISSED),
        (None, Status.NO_DATA),
    ],
)
def test_within_a_range(value, expected):
    # e.g. pupils per class between 25 and 35
    assert status(Direction.RANGE, value, low=D(25), high=D(35), margin=D(3)) == expected


def test_an_objective_is_as_good_as_its_worst_measured_indicator():
    assert combined_status([Status.ON_TRACK, Status.AT_RISK]) == Status.AT_RISK
    assert combined_status([Status.ON_TRACK, Status.NO_DATA]) == Status.ON_TRACK
    assert combined_status([Status.MISSED, Status.AT_RISK, Status.ON_TRACK]) == Status.MISSED
    assert combined_status([Status.NO_DATA, Status.NO_DATA]) == Status.NO_DATA
    assert combined_status([]) == Status.NO_DATA


def test_periods_cover_the_school_year_for_every_frequency():
    start, end = date(2025, 9, 1), date(2026, 8, 31)
    months = periods(Frequency.MONTHLY, start, end)
    assert len(months) == 12
    assert months[0].start == start and months[-1].end == end
    assert months[5].label == "02/2026" and months[5].end == date(2026, 2, 28)
    quarters = periods(Frequency.QUARTERLY, start, end)
    assert [(q.start, q.end) for q in quarters][1] == (date(2025, 12, 1), date(2026, 2, 28))
    assert len(quarters) == 4 and quarters[-1].end == end
    semesters = periods(Frequency.SEMESTER, start, end)
    assert [(s.start, s.end) for s in semesters] == [
        (start, date(2026, 1, 31)),
        (date(2026, 2, 1), end),
    ]
    assert [(p.start, p.end) for p in periods(Frequency.YEARLY, start, end)] == [(start, end)]
    for frequency in Frequency:
        spans = periods(frequency, start, end)
        for before, after in zip(spans, spans[1:], strict=False):
            assert (after.start - before.end).days == 1


def test_progress_against_target():
    assert progress(Direction.HIGHER, D(45), D(90), None, None) == 50
    assert progress(Direction.HIGHER, D(120), D(90), None, None) == 100
    assert progress(Direction.LOWER, D(6), D(3), None, None) == 50
    assert progress(Direction.RANGE, D(30), None, D(25), D(35)) == 100
    assert progress(Direction.HIGHER, None, D(90), None, None) is None
