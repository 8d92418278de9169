"""Month arithmetic of the report period (预备期, deadlines): the day kept, or the month's last day."""
from __future__ import annotations

from datetime import date

import pytest

from dangjian.period import add_months


@pytest.mark.parametrize("day, months, expected", [
    (date(2023, 1, 31), 1, date(2023, 2, 28)), (date(2024, 1, 31), 1, date(2024, 2, 29)),
    (date(2024, 2, 29), 12, date(2025, 2, 28)), (date(2023, 3, 30), -1, date(2023, 2, 28)),
    (date(2023, 3, 28), -1, date(2023, 2, 28)), (date(2023, 12, 28), 1, date(2024, 1, 28)),
    (date(2023, 1, 15), -1, date(2022, 12, 15)), (date(2023, 5, 1), 12, date(2024, 5, 1)),
    (date(2023, 8, 31), 1, date(2023, 9, 30)), (date(2023, 8, 29), 6, date(2024, 2, 29)),
])
def test_add_months(day, months, expected):
    assert add_months(day, months) == expected
