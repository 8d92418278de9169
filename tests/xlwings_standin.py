"""A small stand-in for the xlwings objects macros.py uses (CI has no Excel).

It returns values the way xlwings does on Windows: numbers as float, dates as datetime, empty
cells (and error cells) as None, cells formatted as currency as decimal.Decimal; one cell as a
scalar, one row or one column as a flat list; `used_range` spans every cell with content or
formatting, not necessarily from A1. It is loaded from a workbook whose formulas were computed
by a real spreadsheet application (LibreOffice), as Excel would show them.
"""
from __future__ import annotations

import copy
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Callable

ERROR_VALUES = {"#N/A", "#VALUE!", "#REF!", "#DIV/0!", "#NUM!", "#NAME?", "#NULL!"}


class FakeApp:
    def __init__(self):
        self._status_bar = False
        self.status_history: list[object] = []
        self.screen_updating = True
        self.alerts: list[dict] = []

    @property
    def status_bar(self):
        return self._status_bar

    @status_bar.setter
    def status_bar(self, value):
        self._status_bar = value
        self.status_history.append(value)

    def alert(self, prompt, title=None, buttons="ok", mode=None, callback=None):
        self.alerts.append({"prompt": prompt, "title": title, "buttons": buttons, "mode": mode})
        return "ok"


class FakeBook:
    def __init__(self, fullname: str, app: FakeApp | None = None):
        self.fullname = str(fullname)
        self.name = Path(self.fullname).name
        self.app = app or FakeApp()
        self.sheets = FakeSheets(self)

    @classmethod
    def from_xlsx(cls, path: Path, *, fullname: str | None = None,
                  currency: Callable[[str, object], bool] = lambda sheet, header: False) -> "FakeBook":
        """Load computed values (data_only) as xlwings would return them.

        `currency(sheet name, header of the column)` says which columns are formatted as currency.
        """
        import openpyxl

        book = cls(fullname or str(path))
        workbook = openpyxl.load_workbook(path, data_only=True)
        for ws in workbook.worksheets:
            sheet = book.sheets._append(ws.title)
            headers = {c.column: c.value for c in ws[1]} if ws.max_row >= 1 else {}
            for row in ws.iter_rows():
                for cell in row:
                    if cell.value is None:
                        continue
                    sheet.cells[(cell.row, cell.column)] = _as_xlwings(
                        cell.value, currency=currency(ws.title, headers.get(cell.column)))
            # Excel's used range also covers formatted empty cells (the builder formats 500 rows).
            sheet.formatted = (ws.max_row, ws.max_column)
        workbook.close()
        return book

    def snapshot(self) -> dict[str, dict]:
        return {s.name: copy.deepcopy(s.cells) for s in self.sheets}


def _as_xlwings(value, *, currency: bool):
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return Decimal(str(round(float(value), 4))) if currency else float(value)
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    if isinstance(value, time):
        return (value.hour * 3600 + value.minute * 60 + value.second) / 86400
    if isinstance(value, str) and value in ERROR_VALUES:
        return None
    return value


class FakeSheets:
    def __init__(self, book: FakeBook):
        self.book = book
        self._sheets: list[FakeSheet] = []

    def _append(self, name: str) -> "FakeSheet":
        sheet = FakeSheet(self.book, name)
        self._sheets.append(sheet)
        return sheet

    def __iter__(self):
        return iter(list(self._sheets))

    def __len__(self):
        return len(self._sheets)

    def __getitem__(self, key):
        if isinstance(key, int):
            return self._sheets[key]
        for sheet in self._sheets:
            if sheet.name.lower() == str(key).lower():
                return sheet
        raise KeyError(key)

    def add(self, name=None, before=None, after=None):
        if name is not None and any(s.name.lower() == name.lower() for s in self._sheets):
            raise ValueError(f"Sheet named '{name}' already present in workbook")
        sheet = FakeSheet(self.book, name or f"Sheet{len(self._sheets) + 1}")
        if after is not None:
            self._sheets.insert(self._sheets.index(after) + 1, sheet)
        elif before is not None:
            self._sheets.insert(self._sheets.index(before), sheet)
        else:
            self._sheets.insert(0, sheet)
        self.book.active = sheet
        return sheet


class FakeSheet:
    def __init__(self, book: FakeBook, name: str):
        self.book = book
        self.name = name
        self.cells: dict[tuple[int, int], object] = {}
        self.formatted: tuple[int, int] = (0, 0)
        self.autofitted = False
        self.reads: list[tuple[int, int, int, int]] = []

    def __repr__(self):
        return f"<FakeSheet {self.name}>"

    @property
    def used_range(self) -> "FakeRange":
        rows = [r for r, _ in self.cells] + ([self.formatted[0]] if self.formatted[0] else [])
        cols = [c for _, c in self.cells] + ([self.formatted[1]] if self.formatted[1] else [])
        if not self.cells and not self.formatted[0]:
            return FakeRange(self, 1, 1, 1, 1)
        top = min(r for r, _ in self.cells) if self.cells else 1
        left = min(c for _, c in self.cells) if self.cells else 1
        return FakeRange(self, top, left, max(rows), max(cols))

    def range(self, first, second=None) -> "FakeRange":
        r1, c1 = first
        r2, c2 = second if second is not None else first
        return FakeRange(self, r1, c1, r2, c2)

    def clear(self):
        self.cells.clear()
        self.formatted = (0, 0)

    def activate(self):
        self.book.active = self

    def autofit(self, axis=None):
        self.autofitted = True

    def delete(self):
        self.book.sheets._sheets.remove(self)


class FakeRange:
    def __init__(self, sheet: FakeSheet, r1: int, c1: int, r2: int, c2: int):
        self.sheet, self.row, self.column = sheet, r1, c1
        self.last_row, self.last_column = r2, c2

    @property
    def shape(self) -> tuple[int, int]:
        return (self.last_row - self.row + 1, self.last_column - self.column + 1)

    @property
    def value(self):
        self.sheet.reads.append((self.row, self.column, self.last_row, self.last_column))
        grid = [[self.sheet.cells.get((r, c)) for c in range(self.column, self.last_column + 1)]
                for r in range(self.row, self.last_row + 1)]
        height, width = self.shape
        if height == 1 and width == 1:
            return grid[0][0]
        if height == 1:
            return grid[0]
        if width == 1:
            return [row[0] for row in grid]
        return grid

    @value.setter
    def value(self, data):
        if not isinstance(data, (list, tuple)):
            data = [[data]]
        elif data and not isinstance(data[0], (list, tuple)):
            data = [data]
        for i, row in enumerate(data):
            for j, item in enumerate(row):
                key = (self.row + i, self.column + j)
                if item is None or item == "":
                    self.sheet.cells.pop(key, None)
                else:
                    self.sheet.cells[key] = item
