"""Every data cell of the sample, damaged every way the property test knows, one at a time.

    python tests/sweep_damaged_cells.py

The property test (test_messy_workbooks) tries 60 of these; this tries all of them (about 70 s)
and prints each damage that gives a finding anywhere but at the damaged cell, or none there.
Not collected by pytest (no test_ prefix): run it after changing a rule's inputs.
"""
from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent)]

from openpyxl.utils import get_column_letter  # noqa: E402

import test_messy_workbooks as messy  # noqa: E402
from conftest import SAMPLE  # noqa: E402
from dangjian.api import check_grids  # noqa: E402
from dangjian.read.grid import Grid, read_grids  # noqa: E402


def main() -> int:
    grids = read_grids(SAMPLE)
    wrong = 0
    cells = messy._data_cells(grids)
    for sheet, r, c, value, column in cells:
        for damage in messy._DAMAGES:
            new = messy._damaged(value, column, damage)
            if new is ...:
                continue
            address = f"{sheet}!{get_column_letter(c + 1)}{r + 1}"
            rows = [list(row) for row in grids[sheet].rows]
            rows[r][c] = new
            findings = check_grids({**grids, sheet: Grid(sheet, tuple(map(tuple, rows)))}).report.findings
            elsewhere = [f for f in findings if not messy._covers(f.address, address)
                         and not (f.code == "total-mismatch" and address.split("!")[1] in f.message)]
            said = any(f.address == address for f in findings)
            if elsewhere or (not said and (damage in ("error value", "wrong type") or damage == "blank" and column.required)):
                wrong += 1
                print(damage, address, [(f.code, f.address) for f in elsewhere] or "no finding at the cell")
    print(f"{len(cells)} cells swept; {wrong} damages with a finding elsewhere or none at the cell")
    return 1 if wrong else 0


if __name__ == "__main__":
    raise SystemExit(main())
