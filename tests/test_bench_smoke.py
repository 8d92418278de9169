"""The benchmark's generator builds a valid branch of the asked size (no timing here)."""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from generate import build_branch_workbook  # noqa: E402

from dangjian.api import check_workbook  # noqa: E402


def test_generated_branch_has_the_size_asked_and_checks_clean(tmp_path):
    path = build_branch_workbook(tmp_path / "bench-45.xlsx", members=45)
    checked = check_workbook(path)
    ledger = checked.ledger
    assert len(ledger.members) == 45
    assert len(ledger.dues) == 45
    assert len({m["name"] for m in ledger.members}) == 45
    # Six 党小组 (three copies of the sample's two), each meeting every month.
    groups = {m["group"] for m in ledger.members}
    assert len(groups) == 6
    assert sum(1 for m in ledger.meetings if m["type"] == "党小组会") == 12 * 6
    assert [(f.code, f"{f.sheet}!{f.cell}") for f in checked.report.errors] == []
