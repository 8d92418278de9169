"""Grids → typed records that remember their cells, plus findings for cells that don't fit."""
from __future__ import annotations

from dataclasses import dataclass, field
from itertools import repeat
from operator import itemgetter
from decimal import Decimal
from typing import Iterable, Iterator, Mapping

from ..findings import Finding, FindingType, Level
from .grid import HEADER_ROWS, Formula, Grid, column_letter
from .headers import header_index
from ..schema import (
    BASIC_INFO, HEADER_ALIASES, MONTH_KEYS, REQUIRED_SHEETS, RULES, TABLE_SHEETS, TOTAL, Column, Kind, Sheet,
    SettingsSheet,
)
from .values import (
    CellValueError, clean_name, clean_text, format_money, header_key, is_blank, parse_value, shown, spreadsheet_error,
)

MISSING_SHEET = FindingType("missing-sheet", Level.ERROR, "缺少工作表")
MISSING_COLUMN = FindingType("missing-column", Level.ERROR, "缺少必填列")
DUPLICATE_COLUMN = FindingType("duplicate-column", Level.ERROR, "列名重复")
BAD_VALUE = FindingType("bad-value", Level.ERROR, "单元格内容无法识别")
MISSING_VALUE = FindingType("missing-value", Level.ERROR, "必填项为空")
MISSING_KEY = FindingType("missing-key", Level.ERROR, "关键列为空")
MISSING_SETTING = FindingType("missing-setting", Level.ERROR, "基本信息缺少项目")
FORMULA_WITHOUT_VALUE = FindingType("formula-without-value", Level.ERROR, "公式没有计算结果")
ERROR_VALUE = FindingType("error-value", Level.ERROR, "单元格为错误值")
TEXT_NUMBER = FindingType("text-number", Level.WARNING, "文本格式的数字")
HEADER_MOVED = FindingType("header-moved", Level.INFO, "表头不在第1行")
HEADER_ALIAS = FindingType("header-alias", Level.INFO, "列标题与模板不同")
MERGED_HEADER = FindingType("merged-header", Level.ERROR, "表头有合并单元格")
OUTSIDE_TABLE = FindingType("outside-table", Level.INFO, "表格右侧的单元格未读取")
MERGED_DOWN = FindingType("merged-down", Level.INFO, "数据区有上下合并的单元格")


_set_slot = object.__setattr__


class Row(dict):
    """One data row: typed values by column key, and where each came from.

    A dict that is read-only once made: reading a value, done some 340,000 times in a check of a
    党委-scale workbook, is then the dict's own lookup, not a method in Python.
    A column the schema declares but the sheet lacks reads as None; a key the schema does not
    declare is a programming error (a misspelt key would otherwise read as an empty column and
    silently switch a rule off).
    """

    __slots__ = ("sheet", "line", "letters", "declared", "unknown", "text_numbers")

    def __init__(self, sheet: str, line: int, values: Mapping[str, object] | Iterable[tuple[str, object]],
                 letters: Mapping[str, str], declared: frozenset[str] = frozenset(), unknown: frozenset[str] = frozenset(),
                 text_numbers: frozenset[str] = frozenset()):
        dict.__init__(self, values)
        _set_slot(self, "sheet", sheet)
        _set_slot(self, "line", line)
        _set_slot(self, "letters", letters)
        _set_slot(self, "declared", declared)  # the sheet's column keys in the schema
        # Columns whose cell could not be read (a finding at that cell says why): a rule that needs one
        # skips the row rather than conclude from the gap.
        _set_slot(self, "unknown", unknown)
        _set_slot(self, "text_numbers", text_numbers)  # money typed as text: SUM skips it

    def __missing__(self, key: str) -> None:
        if key in self.declared:
            return None
        raise KeyError(f"{self.sheet}没有列“{key}”（schema 中未声明）")

    @property
    def data(self) -> Mapping[str, object]:
        """The values read: the row itself."""
        return self

    def with_values(self, values: Mapping[str, object]) -> Row:
        """The same row with other values (a copy; this one stays as read)."""
        return Row(self.sheet, self.line, values, self.letters, self.declared, self.unknown, self.text_numbers)

    def known(self, *keys: str) -> bool:
        """True when none of `keys` is a cell that could not be read."""
        return not self.unknown or self.unknown.isdisjoint(keys)  # nearly every row has none

    def cell(self, key: str | None = None) -> str:
        """'会议记录!B12' for a column, or the row's first cell when the column is absent."""
        letter = self.letters.get(key, "A") if key else "A"
        return f"{self.sheet}!{letter}{self.line}"

    def _where(self) -> tuple:
        return self.sheet, self.line, self.letters, self.declared, self.unknown, self.text_numbers

    def __eq__(self, other: object) -> bool:
        """Equal rows: the same values from the same cells (not merely the same values)."""
        if other.__class__ is not Row:
            return NotImplemented
        return dict.__eq__(self, other) and self._where() == other._where()

    def __ne__(self, other: object) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Row({self.sheet!r}, {self.line}, {dict.__repr__(self)})"

    def __reduce__(self):
        return Row, (self.sheet, self.line, dict(self), *self._where()[2:])

    def _read_only(self, *args, **kwargs):
        raise TypeError("Row is read-only: with_values makes a changed copy")

    __setitem__ = __delitem__ = __ior__ = clear = pop = popitem = setdefault = update = _read_only  # type: ignore[assignment]
    __setattr__ = __delattr__ = _read_only  # type: ignore[assignment]


@dataclass(frozen=True)
class Settings(Mapping[str, object]):
    """A 项目|值 sheet read into typed values by setting key."""

    sheet: str
    data: Mapping[str, object]
    cells: Mapping[str, str]
    invalid: frozenset[str] = frozenset()  # keys whose cell could not be read (reported as bad-value)

    def __getitem__(self, key: str) -> object:
        try:
            return self.data[key]  # every declared setting has a value or None, so a miss is a misspelt key
        except KeyError:
            raise KeyError(f"{self.sheet}没有项目“{key}”（schema 中未声明）") from None

    def __iter__(self) -> Iterator[str]:
        return iter(self.data)

    def __len__(self) -> int:
        return len(self.data)

    def cell(self, key: str) -> str:
        return self.cells.get(key, f"{self.sheet}!A1")


@dataclass(frozen=True)
class Ledger:
    """The whole workbook as typed records."""

    basic: Settings
    rules: Settings
    members: tuple[Row, ...] = ()
    meetings: tuple[Row, ...] = ()
    dues: tuple[Row, ...] = ()
    dues_total: Row | None = None  # the optional 合计 row of 党费收缴
    development: tuple[Row, ...] = ()
    activities: tuple[Row, ...] = ()
    disclosures: tuple[Row, ...] = ()
    committee: tuple[Row, ...] = ()
    narrative: tuple[Row, ...] = ()
    plans: tuple[Row, ...] = ()  # the optional 计划 sheet
    present_sheets: frozenset[str] = frozenset()
    # Rows left out of their table because their key (姓名, 日期) is blank or unreadable, by ledger
    # key ("meetings"), with whatever else of them could be read: a rule that counts or matches that
    # sheet's rows cannot be sure, and holds back what such a row could be.
    keyless: Mapping[str, tuple[Row, ...]] = field(default_factory=dict)

    def complete(self, sheet_key: str) -> bool:
        """True when every row of the sheet could be read with its key."""
        return not self.keyless.get(sheet_key)


def sheet_address(ledger: Ledger, sheet: Sheet, *, key: str | None = None) -> str:
    """Where a finding about a whole sheet points, so a secretary can click it.

    '会议记录!B2:B120' (the key column of its records), '会议记录!B2' when the sheet has no
    records, or just '会议记录' when the workbook has no such sheet: a finding must never name a
    cell of a sheet that is not there.
    """
    if sheet.name not in ledger.present_sheets:
        return sheet.name
    key = key or sheet.key_column
    rows: tuple[Row, ...] = getattr(ledger, sheet.key)
    if rows:
        letter = rows[0].letters.get(key, "A")
        lines = [r.line for r in rows]
        return f"{sheet.name}!{letter}{min(lines)}:{letter}{max(lines)}"
    index = next(i for i, c in enumerate(sheet.columns) if c.key == key)
    return f"{sheet.name}!{column_letter(index + 1)}2"


def read_ledger(grids: Mapping[str, Grid]) -> tuple[Ledger, list[Finding]]:
    findings: list[Finding] = []
    by_name = {clean_name(name): grid for name, grid in grids.items()}
    for name in REQUIRED_SHEETS:
        if name not in by_name:
            findings.append(MISSING_SHEET.at(name, f"工作簿中没有“{name}”工作表，请使用本程序生成的台账模板"))

    basic = _read_settings(BASIC_INFO, by_name.get(BASIC_INFO.name), findings, require=True)
    rules = _read_settings(RULES, by_name.get(RULES.name), findings, require=False)
    tables: dict[str, tuple[Row, ...]] = {}
    keyless: dict[str, tuple[Row, ...]] = {}
    dues_total = None
    for sheet in TABLE_SHEETS:
        table = _read_table(sheet, by_name.get(sheet.name), findings)
        tables[sheet.key] = table.rows
        if table.keyless:
            keyless[sheet.key] = table.keyless
        if sheet.total_row:
            dues_total = table.total
    ledger = Ledger(basic=basic, rules=rules, dues_total=dues_total,
                    present_sheets=frozenset(by_name), keyless=keyless, **tables)
    read_sheets = {sheet.name for sheet in (BASIC_INFO, RULES, *TABLE_SHEETS)}
    for name, grid in by_name.items():
        if name in read_sheets:
            findings.extend(_outside_cells(grid))
    return ledger, findings


def _outside_cells(grid: Grid) -> list[Finding]:
    """A 提示 for each cell holding something right of the table's header (not read)."""
    last = column_letter(len(grid.rows[0])) if grid.rows else "C"
    found = [OUTSIDE_TABLE.at(f"{grid.name}!{cell}", f"单元格{cell}在表格之外（表头只到{last}列），其中的内容未被读取；"
                              "如是误输入请删除，如需要请移到表格中") for cell in grid.outside]
    if grid.outside_total > len(grid.outside):
        found.append(OUTSIDE_TABLE.at(grid.name, f"表格之外另有{grid.outside_total - len(grid.outside)}个单元格有内容，未被读取"))
    return found


def _read_settings(spec: SettingsSheet, grid: Grid | None, findings: list[Finding], *, require: bool) -> Settings:
    # Defaults go through the same parser as typed values, so a rule never sees "3000" as text.
    values = {s.key: None if s.default is None else parse_value(s.default, s.kind, s.choices) for s in spec.settings}
    cells: dict[str, str] = {}
    invalid: set[str] = set()
    by_item = {header_key(s.item): s for s in spec.settings}
    for line, row in enumerate(grid.rows if grid else (), start=1):
        if len(row) < 2 or line == 1 and header_key(row[0]) == header_key(spec.headers[0]):
            continue
        setting = by_item.get(header_key(row[0]))
        if setting is None:
            continue
        address = f"{spec.name}!B{line}"
        cells[setting.key] = address
        raw = _resolve_formula(row[1], address, findings)
        if is_blank(raw):
            continue
        error = spreadsheet_error(raw)
        if error:
            findings.append(ERROR_VALUE.at(address, _error_value_said(spec.name, setting.item, error)))
            invalid.add(setting.key)
            continue
        try:
            values[setting.key] = _within_limits(parse_value(raw, setting.kind, setting.choices), setting.limits)
        except CellValueError as exc:
            findings.append(BAD_VALUE.at(address, f"{spec.name}“{setting.item}”：{exc}"))
            invalid.add(setting.key)
    settings = Settings(spec.name, values, cells, frozenset(invalid))
    if require and grid is not None:
        for setting in spec.settings:
            if setting.required and setting.key not in invalid and values.get(setting.key) in (None, ""):
                findings.append(MISSING_SETTING.at(settings.cell(setting.key), f"{spec.name}中“{setting.item}”未填写"))
    return settings


def _error_value_said(sheet: str, item: str, error: str) -> str:
    return f"{sheet}“{item}”为错误值 {error}（公式的结果，或从公式结果粘贴而来），无法读取"


def _within_limits(value: object, limits: tuple[int, int] | None) -> object:
    if limits is not None and not limits[0] <= value <= limits[1]:
        raise CellValueError(f"“{value}”应在{limits[0]}至{limits[1]}之间")
    return value


@dataclass(frozen=True)
class _Table:
    rows: tuple[Row, ...] = ()
    total: Row | None = None
    keyless: tuple[Row, ...] = ()


def _read_table(sheet: Sheet, grid: Grid | None, findings: list[Finding]) -> _Table:
    if grid is None or not grid.rows:
        return _Table()
    header_line = _header_line(sheet, grid, findings)
    positions = _locate_columns(sheet, grid, header_line, findings)
    if positions is None:
        return _Table()
    letters = {key: column_letter(index + 1) for key, index in positions.items()}
    computed = {c.key for c in sheet.columns if c.formula}
    positions = {key: index for key, index in positions.items() if not sheet.column(key).unused}
    keyless: list[Row] = []
    total: Row | None = None
    total_formulas: set[str] = set()  # keys the 合计 row sums with a formula
    # The columns present, in the schema's order, with where each sits among the picked cells.
    plan = tuple((i, column) for column in sheet.columns for i, key in enumerate(positions) if key == column.key)
    keys = tuple(positions)
    # Rows come padded to the header's width; itemgetter picks a row's cells in one call.
    pick = itemgetter(*(positions[key] for key in keys)) if len(keys) > 1 else (lambda row: (row[positions[keys[0]]],))
    inputs = [i for i, key in enumerate(keys) if key not in computed]
    key_index = keys.index(sheet.key_column)
    formula_indexes = [i for i, key in enumerate(keys) if key in computed]
    filled: list[tuple[int, tuple]] = []  # (line, picked cells) of the rows holding data
    merged_down = _merged_down(sheet, grid, header_line, findings)
    for line, raw_row in enumerate(grid.rows[header_line:], start=header_line + 1):
        picked = pick(raw_row)
        # A row holding nothing but the template's own formulas (合计) is an unused row.
        key_cell = picked[key_index]
        # The key cell first: a row with a name or date needs no look at its other cells.
        if _blank_cell(key_cell) and all(_blank_cell(picked[i]) for i in inputs):
            continue
        if line in merged_down:
            row_cells = list(raw_row)
            for column, value in merged_down[line].items():
                row_cells[column] = value
            picked = pick(row_cells)
            key_cell = picked[key_index]
        if sheet.total_row and clean_name(_display(key_cell)) == TOTAL:
            total = _typed_row(sheet, line, picked, plan, letters, findings, is_total=True)
            total_formulas = {key for key, value in zip(keys, picked) if value.__class__ is Formula}
            continue
        filled.append((line, picked))
    rows: list[Row] = []
    for row in _typed_rows(sheet, filled, plan, letters, findings):
        (keyless if sheet.key_column in row.unknown else rows).append(row)
    # Money typed as text matters where a formula sums it: a 合计 row's, or the row's own (合计 column).
    with_text_numbers = [row for row in rows if row.text_numbers]
    picked_by_line = dict(filled) if with_text_numbers else {}
    for row in with_text_numbers:
        own_formula = any(picked_by_line[row.line][i].__class__ is Formula for i in formula_indexes)
        summed = set(MONTH_KEYS) if own_formula else set()
        for key in sorted(row.text_numbers & (summed | total_formulas),
                          key=sheet.column_keys_order.index):
            findings.append(TEXT_NUMBER.at(row.cell(key), f"该单元格是文本格式的数字（{format_money(row[key])}），"
                                                          "Excel的合计公式不会计入；本程序按数字计算，请把单元格改为数字格式后重新输入"))
    return _Table(tuple(rows), total, tuple(keyless))


def _header_line(sheet: Sheet, grid: Grid, findings: list[Finding]) -> int:
    """The worksheet line of the header row (headers.header_index, as for the grid's width).

    A title typed above the header is allowed and said once; the rows above the header are not read.
    """
    best = header_index(sheet.name, grid.rows[:HEADER_ROWS])
    if best == 0:
        return 1
    findings.append(HEADER_MOVED.at(f"{sheet.name}!{best + 1}:{best + 1}",
                                    f"{sheet.name}的列标题在第{best + 1}行，上面{best}行（标题等）不作为数据读取"))
    return best + 1


def _header_text(text: object) -> bool:
    return not is_blank(text) and not isinstance(text, Formula)


def _locate_columns(sheet: Sheet, grid: Grid, header_line: int, findings: list[Finding]) -> dict[str, int] | None:
    header_row = grid.rows[header_line - 1]
    wanted = {header_key(c.header): c for c in sheet.columns}
    positions: dict[str, int] = {}
    for index, text in enumerate(header_row):
        if not _header_text(text):
            continue
        key = header_key(text)
        column = wanted.get(key) or wanted.get(header_key(HEADER_ALIASES.get(key, "")))
        if column is None:
            continue
        address = f"{sheet.name}!{column_letter(index + 1)}{header_line}"
        if column.key in positions:
            findings.append(DUPLICATE_COLUMN.at(address, f"{sheet.name}中“{column.header}”列出现了两次，请删除多余的一列"))
            continue
        positions[column.key] = index
        if clean_name(text) not in (clean_name(column.label), clean_name(column.header)):
            findings.append(HEADER_ALIAS.at(address, f"{sheet.name}的列标题“{shown(text)}”按模板的“{column.label}”读取"))
    hidden = _merged_header_cells(sheet, grid, header_line, positions, findings)
    missing = [c for c in sheet.columns if c.required and c.key not in positions and c.key not in hidden]
    for column in missing:
        findings.append(MISSING_COLUMN.at(
            f"{sheet.name}!{header_line}:{header_line}",
            f"{sheet.name}第{header_line}行缺少“{column.label}”列，请按模板补上该列标题"
        ))
    return None if missing or hidden else positions


def _merged_header_cells(sheet: Sheet, grid: Grid, header_line: int, positions: dict[str, int],
                         findings: list[Finding]) -> set[str]:
    """Header cells merged across columns: one finding at the range, naming the columns it hides.

    Only the first cell of a merged range holds its text, so the other columns lose their header
    and would silently drop out (or every required one would be reported missing).
    """
    by_index = {index: key for key, index in positions.items()}
    order = [c.key for c in sheet.columns]
    hidden: set[str] = set()
    for first_row, first_col, last_row, last_col in grid.merged:
        if not first_row <= header_line - 1 <= last_row or last_col == first_col:
            continue
        shown_key = by_index.get(first_col)
        expected = []
        if shown_key is not None:
            start = order.index(shown_key) + 1
            expected = [sheet.column(k) for k in order[start:start + last_col - first_col]]
        hidden.update(c.key for c in expected if c.key not in positions)
        where = f"{column_letter(first_col + 1)}{first_row + 1}:{column_letter(last_col + 1)}{last_row + 1}"
        names = "、".join(f"“{c.label}”" for c in expected if c.key not in positions)
        # A range as wide as the sheet (A1:XFD1) is named by its ends, not by 16,383 letters.
        columns = ("、".join(column_letter(i + 1) for i in range(first_col + 1, last_col + 1)) if last_col - first_col <= 5
                   else f"{column_letter(first_col + 2)}至{column_letter(last_col + 1)}")
        findings.append(MERGED_HEADER.at(
            f"{sheet.name}!{where}",
            f"{sheet.name}的列标题{where}是合并单元格，{columns}列没有自己的标题"
            + (f"（按模板应为{names}）" if names else "") + "，这些列不能读取；请取消合并，分别填写列标题"))
    return hidden


def _blank_cell(value: object) -> bool:
    return value is None or value.__class__ is str and is_blank(value)


def _merged_down(sheet: Sheet, grid: Grid, header_line: int, findings: list[Finding]) -> dict[int, dict[int, object]]:
    """Cells merged down one column below the header, as {line: {column: the first cell's value}}.

    Excel shows one merged value beside every row of the range (two meetings on one day, one
    date cell), but only the first cell holds it: each row with data of its own reads it (a
    提示 says so once), rather than reporting the others' date or 党小组 as left blank.
    """
    fills: dict[int, dict[int, object]] = {}
    for first_row, first_col, last_row, last_col in grid.merged:
        if first_col != last_col or last_row == first_row or first_row < header_line or first_row >= len(grid.rows):
            continue
        value = grid.rows[first_row][first_col] if first_col < len(grid.rows[first_row]) else None
        if value is None or value.__class__ is Formula:
            continue
        # Ranges never overlap in a workbook Excel wrote: a row already filled in this column ends
        # the range (one overlapping from its start is not read), so ten thousand copies of one
        # long range cost no more than one.
        if first_col in fills.get(first_row + 2, ()):
            continue
        for line in range(first_row + 2, min(last_row, len(grid.rows) - 1) + 2):
            row_fills = fills.setdefault(line, {})
            if first_col in row_fills:
                break
            row_fills[first_col] = value
        where = f"{column_letter(first_col + 1)}{first_row + 1}:{column_letter(last_col + 1)}{last_row + 1}"
        findings.append(MERGED_DOWN.at(f"{sheet.name}!{where}", f"{sheet.name}的{where}是上下合并的单元格，"
                                       "其中每一行都按合并单元格的内容读取"))
    return fills


def _typed_rows(sheet: Sheet, filled: list[tuple[int, tuple]], plan: tuple, letters: dict,
                findings: list[Finding]) -> list[Row]:
    """The typed rows of a sheet, a column at a time (a row without its key has it unknown).

    Runs over every cell of a 党委's workbook (tens of thousands), so each distinct value of a
    column is parsed once (large sheets repeat the same dates, choices, names and amounts) and a
    cell is looked at on its own (_typed_cell) only when that value needs its address: blank,
    unreadable, a formula, an error value. Findings come out in row order, as cell by cell.
    """
    if not filled:
        return []
    columns = []
    looked_at: set[int] = set()  # rows with a cell to type on its own, or money typed as text
    by_column = list(zip(*(picked for _, picked in filled)))
    for index, column in plan:
        cells = by_column[index]
        typed, distinct, types = _typed_column(column, cells,
                                               optional=not column.required and column.key != sheet.key_column)
        columns.append(typed)
        if _UNPARSED in distinct:
            looked_at.update(i for i, value in enumerate(typed) if value is _UNPARSED)
        if column.kind is Kind.MONEY and str in types:
            looked_at.update(i for i, raw in enumerate(cells) if raw.__class__ is str)
    keys = tuple(column.key for _, column in plan)
    # Every row made by C loops (map), then the few looked at made again cell by cell, in row order.
    result = list(map(Row, repeat(sheet.name), [line for line, _ in filled],
                      map(zip, repeat(keys), zip(*columns)), repeat(letters), repeat(sheet.column_keys)))
    for position in sorted(looked_at):
        line, picked = filled[position]
        result[position] = _typed_row(sheet, line, picked, plan, letters, findings,
                                      typed=tuple(typed[position] for typed in columns))
    return result


def _typed_column(column: Column, cells: tuple, *, optional: bool) -> tuple[list[object], Iterable[object], set[type]]:
    """Each cell's typed value where it needs no address (see _typed_rows), else _UNPARSED; the
    distinct typed values; and the types of the cells.

    A blank cell of an `optional` column is simply empty; a blank required one is a finding at its cell.
    """
    types = set(map(type, cells))
    if Formula in types:
        # The 合计 column: each row's formula is its own (=SUM(E2:P2)), not worth hashing into a memo.
        typed = [_plain_value(raw, column, optional=optional) for raw in cells]
        return typed, typed, types
    if column.kind is Kind.TEXT and types <= _TEXT_CELLS:
        # Names and free text, most of a large sheet's distinct values: typed as _plain_value
        # types them (an error value left to the cell's own look), without its dispatch per value.
        empty = None if optional else _UNPARSED
        memo = {raw: empty if raw is None else _UNPARSED if raw[:1] == "#" and spreadsheet_error(raw)
                else clean_text(raw) or empty for raw in dict.fromkeys(cells)}
        return list(map(memo.__getitem__, cells)), memo.values(), types
    if len(types - {type(None)}) <= 1:
        # One type of value besides blanks (nearly every column): the cell is its own memo key, and
        # the per-cell steps are C loops (map), only the distinct values going through Python.
        memo = {raw: _plain_value(raw, column, optional=optional) for raw in dict.fromkeys(cells)}
        return list(map(memo.__getitem__, cells)), memo.values(), types
    # Mixed types: keyed by type too, for 1, 1.0 and True are equal keys but type differently.
    by_token: dict[tuple[type, object], object] = {}
    typed = []
    append = typed.append
    for raw in cells:
        token = (raw.__class__, raw)
        value = by_token.get(token, _UNPARSED)
        if value is _UNPARSED and token not in by_token:
            value = by_token[token] = _plain_value(raw, column, optional=optional)
        append(value)
    return typed, by_token.values(), types


def _plain_value(raw: object, column: Column, *, optional: bool) -> object:
    """The typed value of a cell that needs no finding, or _UNPARSED."""
    cls = raw.__class__
    if cls is Formula and column.formula:
        return _total_value(raw, column)  # a template formula (合计): recomputed from the row, as in _typed_cell
    # Not a Formula, nor a Decimal: 1.0 and 1.00 are equal keys but print differently.
    if cls is Formula or cls is Decimal:
        return _UNPARSED
    if cls is str:
        if raw[:1] == "#" and spreadsheet_error(raw):
            return _UNPARSED
        if column.kind is Kind.TEXT:  # most distinct values are names and free text: no parser to pick
            return clean_text(raw) or (None if optional else _UNPARSED)
        if is_blank(raw):
            raw = None
    if raw is None:
        return None if optional else _UNPARSED
    parsed = _parsed(raw, column)
    return _UNPARSED if isinstance(parsed, CellValueError) else parsed


def _typed_row(sheet: Sheet, line: int, picked: tuple, plan: tuple, letters: dict, findings: list[Finding], *,
               is_total: bool = False, typed: tuple | None = None) -> Row:
    """One row typed cell by cell, taking the values _typed_column could give (`typed`)."""
    values: dict[str, object] = {}
    unknown: set[str] = set()
    text_numbers: set[str] = set()
    for position, (index, column) in enumerate(plan):
        value = _UNPARSED if typed is None else typed[position]
        if value is _UNPARSED:
            value = _typed_cell(sheet, column, picked[index], line, letters, findings, unknown, text_numbers,
                                is_total=is_total)
        elif column.kind is Kind.MONEY and picked[index].__class__ is str and value is not None:
            text_numbers.add(column.key)
        values[column.key] = value
    return Row(sheet.name, line, values, letters, sheet.column_keys, frozenset(unknown), frozenset(text_numbers))


def _typed_cell(sheet: Sheet, column: Column, raw: object, line: int, letters: dict, findings: list[Finding],
                unknown: set[str], text_numbers: set[str], *, is_total: bool = False) -> object:
    """One cell's typed value; a cell that cannot be read is one finding there and an unknown field.

    The rest of the row still counts. Only a row without its key (姓名, 日期) is dropped: nothing
    can be matched or counted with it (the rules that need it stay silent).
    """
    key = column.key
    if raw.__class__ is Formula:
        if column.formula or is_total:
            # Totals are recomputed from the rows; the formula's cached value only serves the check.
            return _total_value(raw, column)
        raw = _resolve_formula(raw, f"{sheet.name}!{letters[key]}{line}", findings)
        if raw is None:
            unknown.add(key)
            return None
    if is_total and key == sheet.key_column:
        return TOTAL
    if raw.__class__ is str:
        error = spreadsheet_error(raw) if raw[:1] == "#" else None
        if error:
            findings.append(ERROR_VALUE.at(f"{sheet.name}!{letters[key]}{line}",
                                           _error_value_said(sheet.name, column.header, error) + "；请改正公式或填写数值"))
            unknown.add(key)
            return None
        if is_blank(raw):
            raw = None
    if raw is None:
        if key == sheet.key_column or column.required and not is_total:
            _missing(sheet, column, line, f"{sheet.name}!{letters[key]}{line}", findings)
            unknown.add(key)
        return None
    parsed = _parsed(raw, column)
    if isinstance(parsed, CellValueError):
        findings.append(BAD_VALUE.at(f"{sheet.name}!{letters[key]}{line}", f"{sheet.name}“{column.header}”{parsed}"))
        unknown.add(key)
        return None
    if column.kind is Kind.MONEY and raw.__class__ is str:
        text_numbers.add(key)
    return parsed


def _parsed(raw: object, column: Column) -> object:
    """The typed value, or the CellValueError that says why there is none."""
    try:
        return parse_value(raw, column.kind, column.choices)
    except CellValueError as exc:
        return exc


def _missing(sheet: Sheet, column: Column, line: int, address: str, findings: list[Finding]) -> None:
    if column.key == sheet.key_column:
        findings.append(MISSING_KEY.at(address, f"{sheet.name}第{line}行填写了内容，但“{column.header}”为空"))
    else:
        findings.append(MISSING_VALUE.at(address, f"{sheet.name}第{line}行“{column.header}”未填写"))


_UNPARSED = object()
_TEXT_CELLS = frozenset({str, type(None)})


def _total_value(raw: Formula, column: Column) -> object:
    if raw.cached is None or column.kind is not Kind.MONEY:
        return raw
    try:
        return parse_value(raw.cached, column.kind)
    except CellValueError:
        return raw


def _resolve_formula(raw: object, address: str, findings: list[Finding]) -> object:
    if not isinstance(raw, Formula):
        return raw
    if raw.cached is None:
        findings.append(FORMULA_WITHOUT_VALUE.at(
            address, f"{address}是公式（{shown(raw.text)}），文件中没有它的计算结果；请在Excel或WPS中打开并保存后再试"
        ))
    return raw.cached


def _display(value: object) -> object:
    return value.cached if isinstance(value, Formula) else value
