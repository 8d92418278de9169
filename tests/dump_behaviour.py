"""Dump everything a check computes, to compare two checkouts for identical behaviour.

    python bench/run.py --sizes 30 300 3000 --runs 1 --work /tmp/bw      # the bench workbooks, once
    PYTHONHASHSEED=0 python tests/dump_behaviour.py <checkout> <out-dir>  # before and after a change
    diff -rq <before's out-dir> <after's out-dir>                         # prints nothing: nothing changed

For the sample, the bench workbooks (/tmp/bw) and seeded damaged copies of them: the findings
(code, level, sheet, address, message), a deep dump of the PeriodFigures and of the typed ledger,
and the report's text. A change meant to leave behaviour alone (a speed-up, a move) must leave
the dumps identical. Not collected by pytest (no test_ prefix); about 30 s.
"""
from __future__ import annotations

import dataclasses
import datetime
import decimal
import enum
import json
import random
import sys
from pathlib import Path

root = Path(sys.argv[1]).resolve()
out = Path(sys.argv[2])
out.mkdir(parents=True, exist_ok=True)
sys.path[:0] = [str(root), str(root / "tests")]

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

import test_messy_workbooks as messy  # noqa: E402
from dangjian.checking import check_grids  # noqa: E402
from dangjian.read.grid import Grid, read_grids  # noqa: E402


SCALARS = (bool, int, str)
AS_REPR = (float, datetime.date, datetime.datetime, datetime.time, decimal.Decimal, enum.Enum)
# How many of each workbook's damaged copies, and how many cells each has damaged.
DAMAGED_COPIES = {"sample": (60, 12), "bench30": (10, 20), "bench300": (10, 60), "bench3000": (3, 300)}


def plain(value, depth: int = 0):
    """`value` as JSON-able data, every field of every dataclass included, sets and dicts in a fixed order."""
    if depth > 40:
        return "<deep>"
    inner = depth + 1
    if value is None or isinstance(value, SCALARS):
        return value
    if isinstance(value, AS_REPR):
        return repr(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = {f.name: plain(getattr(value, f.name), inner) for f in dataclasses.fields(value)}
        return {type(value).__name__: fields}
    if isinstance(value, pd.DataFrame):
        return {"DataFrame": plain(value.to_dict("split"), inner)}
    if isinstance(value, pd.Series):
        return {"Series": plain(list(value.items()), inner)}
    if isinstance(value, (np.ndarray, np.generic)):
        return plain(value.tolist(), inner)
    if type(value).__name__ == "Row":  # records.Row: its values (a dict) and where they were read
        return {"Row": {"sheet": value.sheet, "line": value.line, "data": plain(dict(value), inner),
                        **{name: plain(getattr(value, name), inner)
                           for name in ("letters", "declared", "unknown", "text_numbers")}}}
    if isinstance(value, dict):
        return [[plain(k, inner), plain(v, inner)] for k, v in sorted(value.items(), key=lambda item: repr(item[0]))]
    if isinstance(value, (set, frozenset)):
        return sorted((plain(x, inner) for x in value), key=repr)
    if isinstance(value, (list, tuple)):
        return [plain(x, inner) for x in value]
    if hasattr(value, "__dict__"):
        return {type(value).__name__: plain(vars(value), inner)}
    if hasattr(value, "__slots__"):
        return {type(value).__name__: {s: plain(getattr(value, s, None), inner) for s in value.__slots__}}
    return repr(value)


def dump(name: str, grids: dict, *, report: bool = False) -> None:
    """`name`.json (findings, figures, ledger) and, with `report`, `name`.report.txt."""
    checked = check_grids(grids)
    record = {"findings": [[f.code, str(f.level), f.sheet, f.address, f.message] for f in checked.report.findings],
              "figures": plain(checked.figures), "ledger": plain(checked.ledger)}
    (out / f"{name}.json").write_text(json.dumps(record, ensure_ascii=False, indent=0, default=repr), encoding="utf-8")
    if report and checked.figures is not None:
        import docx

        from dangjian.api import write_report

        target = out / f"{name}.docx"
        write_report(checked, output=target, force=True, today=datetime.date(2026, 12, 8))
        document = docx.Document(str(target))
        text = [p.text for p in document.paragraphs]
        text += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
        (out / f"{name}.report.txt").write_text("\n".join(text), encoding="utf-8")
        target.unlink()


def damaged(grids: dict, count: int, seed: int) -> dict:
    """`grids` with `count` cells damaged (test_messy_workbooks' damages), chosen by `seed`."""
    rng = random.Random(seed)
    cells = messy._data_cells(grids)
    changed = {sheet: [list(row) for row in grid.rows] for sheet, grid in grids.items()}
    for sheet, r, c, value, column in rng.sample(cells, min(count, len(cells))):
        new = messy._damaged(value, column, rng.choice(messy._DAMAGES))
        if new is not ...:
            changed[sheet][r][c] = new
    return {sheet: Grid(sheet, tuple(map(tuple, rows))) for sheet, rows in changed.items()}


def main() -> None:
    books = {"sample": root / "workbook" / "示例台账.xlsx",
             **{f"bench{n}": Path(f"/tmp/bw/bench-{n}.xlsx") for n in (30, 300, 3000)}}
    for name, path in books.items():
        grids = read_grids(path)
        dump(name, grids, report=True)
        copies, cells = DAMAGED_COPIES[name]
        for seed in range(copies):
            dump(f"{name}-dmg{seed}", damaged(grids, cells, seed))
    print("dumped", len(list(out.iterdir())), "files to", out)


if __name__ == "__main__":
    main()
