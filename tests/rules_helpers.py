"""Helpers shared by the rule tests: run the checks on grids, locate cells by header, edit grids
as a secretary would edit the workbook."""
from __future__ import annotations

from typing import Mapping

from openpyxl.utils.cell import column_index_from_string, coordinate_from_string, get_column_letter

from dangjian.api import check_grids
from dangjian.read.grid import Formula, Grid
from dangjian.schema import DATA_SHEETS, RULES

Grids = Mapping[str, Grid]


def found(grids: Grids, *prefixes: str) -> list[tuple[str, str]]:
    """(code, address) of the findings whose code starts with one of `prefixes`."""
    report = check_grids(grids).report
    return sorted((f.code, f.address) for f in report.findings if f.code.startswith(prefixes))


def cell(sheet_name: str, header: str, line: int) -> str:
    """'会议记录!I12': where the builder puts `header` of the row on `line`."""
    sheet = next(s for s in DATA_SHEETS if s.name == sheet_name)
    index = next(i for i, c in enumerate(sheet.columns, start=1) if c.header == header)
    return f"{sheet_name}!{get_column_letter(index)}{line}"


def key_range(sheet_name: str, rows: int) -> str:
    """The 日期/姓名 column of a built sheet holding `rows` rows (lines 2..rows+1)."""
    letter = cell(sheet_name, "日期" if sheet_name in ("会议记录", "活动记录") else "姓名", 2).split("!")[1][0]
    return f"{sheet_name}!{letter}2:{letter}{rows + 1}"


def line_of(rows: list[dict], predicate) -> int:
    """The worksheet line the builder gives the first row matching `predicate`."""
    return next(i for i, r in enumerate(rows) if predicate(r)) + 2


def set_rule(settings: dict, item: str, value: object) -> None:
    """Change one 规则设置 value in the settings a workbook is built from (an edit's first argument)."""
    if item not in {s.item for s in RULES.settings}:
        raise KeyError(f"规则设置 has no item {item!r}")
    settings[item] = value


def with_rule(item: str, value: object, edit=None):
    """An edit that changes one 规则设置 value after `edit`."""
    def changed(settings, rows):
        if edit:
            edit(settings, rows)
        set_rule(settings, item, value)

    return changed


def with_cells(grids: Grids, sheet: str, values: Mapping[str, object]) -> dict[str, Grid]:
    """The grids with cells typed over, as a secretary would in Excel: {"R4": 1000, "F22": "=SUM(F2:F20)"}.

    Typed text starting with "=" is a formula the spreadsheet has not computed (no cached value).
    """
    rows = [list(row) for row in grids[sheet].rows]
    for address, value in values.items():
        letters, line = coordinate_from_string(address)
        row, column = line - 1, column_index_from_string(letters) - 1
        rows.extend([] for _ in range(row + 1 - len(rows)))
        rows[row].extend([None] * (column + 1 - len(rows[row])))
        rows[row][column] = _as_typed(value)
    # As the reader: as wide as the header (at least three columns), without trailing blank rows.
    width = max([3, *(i + 1 for i, v in enumerate(rows[0]) if v not in (None, ""))])
    shaped = [tuple(row[:width]) + (None,) * (width - len(row)) for row in rows]
    while shaped and all(v is None for v in shaped[-1]):
        shaped.pop()
    return {**grids, sheet: Grid(sheet, tuple(shaped))}


def _as_typed(value: object) -> object:
    if isinstance(value, str) and len(value) > 1 and value.startswith("="):
        return Formula(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None if value == "" else value


def without_sheets(grids: Grids, *names: str) -> dict[str, Grid]:
    """The grids of the workbook with these sheets deleted."""
    assert set(names) <= set(grids)
    return {name: grid for name, grid in grids.items() if name not in names}
