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


def deep(o, depth=0):
    if depth > 40: return "<deep>"
    d = depth + 1
    if o is None or isinstance(o, (bool, int, str)): return o
    if isinstance(o, float): return repr(o)
    if isinstance(o, (datetime.date, datetime.datetime, datetime.time, decimal.Decimal)): return repr(o)
    if isinstance(o, enum.Enum): return repr(o)
    if dataclasses.is_dataclass(o) and not isinstance(o, type):
        return {type(o).__name__: {f.name: deep(getattr(o, f.name), d) for f in dataclasses.fields(o)}}
    if isinstance(o, pd.DataFrame): return {"DataFrame": deep(o.to_dict("split"), d)}
    if isinstance(o, pd.Series): return {"Series": deep(list(o.items()), d)}
    if isinstance(o, np.ndarray): return deep(o.tolist(), d)
    if isinstance(o, np.generic): return deep(o.item(), d)
    if isinstance(o, dict): return [[deep(k, d), deep(v, d)] for k, v in sorted(o.items(), key=lambda kv: repr(kv[0]))]
    if isinstance(o, (set, frozenset)): return sorted((deep(x, d) for x in o), key=repr)
    if isinstance(o, (list, tuple)): return [deep(x, d) for x in o]
    if hasattr(o, "_asdict"): return deep(o._asdict(), d)
    if hasattr(o, "__dict__"): return {type(o).__name__: deep(vars(o), d)}
    if hasattr(o, "__slots__"): return {type(o).__name__: {s: deep(getattr(o, s, None), d) for s in o.__slots__}}
    if hasattr(o, "keys") and hasattr(o, "__getitem__"): return {type(o).__name__: deep({k: o[k] for k in o.keys()}, d)}
    return repr(o)

def dump(name, grids, *, report=False):
    checked = check_grids(grids)
    rec = {"findings": [[f.code, str(f.level), f.sheet, f.address, f.message] for f in checked.report.findings],
           "figures": deep(checked.figures), "ledger": deep(checked.ledger)}
    (out / f"{name}.json").write_text(json.dumps(rec, ensure_ascii=False, indent=0, default=repr), encoding="utf-8")
    if report and checked.figures is not None:
        from dangjian.api import write_report
        import docx
        target = out / f"{name}.docx"
        write_report(checked, output=target, force=True, today=datetime.date(2026, 12, 8))
        d = docx.Document(str(target))
        text = [p.text for p in d.paragraphs] + [c.text for t in d.tables for r in t.rows for c in r.cells]
        (out / f"{name}.report.txt").write_text("\n".join(text), encoding="utf-8")
        target.unlink()

def damaged(grids, count, seed):
    rng = random.Random(seed)
    cells = messy._data_cells(grids)
    changed = {s: [list(r) for r in g.rows] for s, g in grids.items()}
    for sheet, r, c, value, column in rng.sample(cells, min(count, len(cells))):
        new = messy._damaged(value, column, rng.choice(messy._DAMAGES))
        if new is not ...:
            changed[sheet][r][c] = new
    return {s: Grid(s, tuple(map(tuple, rows))) for s, rows in changed.items()}

books = {"sample": root / "workbook" / "示例台账.xlsx", **{f"bench{n}": Path(f"/tmp/bw/bench-{n}.xlsx") for n in (30, 300, 3000)}}
for name, path in books.items():
    grids = read_grids(path)
    dump(name, grids, report=True)
    runs = {"sample": 60, "bench30": 10, "bench300": 10, "bench3000": 3}[name]
    for i in range(runs):
        dump(f"{name}-dmg{i}", damaged(grids, {"sample": 12, "bench30": 20, "bench300": 60, "bench3000": 300}[name], i))
print("dumped", len(list(out.iterdir())), "files to", out)
