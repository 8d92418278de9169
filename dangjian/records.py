"""Grids → typed records that remember their cells, plus findings for cells that don't fit."""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Iterator, Mapping

from .findings import Finding, FindingType, Level
from .grid import Formula, Grid, column_letter
from .schema import (
    BASIC_INFO, DATA_SHEETS, REQUIRED_SHEETS, RULES, TOTAL, Column, Kind, Sheet, SettingsSheet,
)
from .values import CellValueError, clean_name, header_key, is_blank, parse_value, shown

MISSING_SHEET = FindingType("missing-sheet", Level.ERROR, "缺少工作表")
MISSING_COLUMN = FindingType("missing-column", Level.ERROR, "缺少必填列")
DUPLICATE_COLUMN = FindingType("duplicate-column", Level.ERROR, "列名重复")
BAD_VALUE = FindingType("bad-value", Level.ERROR, "单元格内容无法识别")
MISSING_VALUE = FindingType("missing-value", Level.ERROR, "必填项为空")
MISSING_KEY = FindingType("missing-key", Level.ERROR, "关键列为空")
MISSING_SETTING = FindingType("missing-setting", Level.ERROR, "基本信息缺少项目")
FORMULA_WITHOUT_VALUE = FindingType("formula-without-value", Level.ERROR, "公式没有计算结果")
OUTSIDE_TABLE = FindingType("outside-table", Level.INFO, "表格右侧的单元格未读取")


@dataclass(frozen=True)
class Row(Mapping[str, object]):
    """One data row: typed values by column key, and where each came from."""

    sheet: str
    line: int
    data: Mapping[str, object]
    letters: Mapping[str, str] = field(repr=False)

    def __getitem__(self, key: str) -> object:
        return self.data.get(key)

    def __iter__(self) -> Iterator[str]:
        return iter(self.data)

    def __len__(self) -> int:
        return len(self.data)

    def cell(self, key: str | None = None) -> str:
        """'会议记录!B12' for a column, or the row's first cell when the column is absent."""
        letter = self.letters.get(key, "A") if key else "A"
        return f"{self.sheet}!{letter}{self.line}"


@dataclass(frozen=True)
class Settings(Mapping[str, object]):
    """A 项目|值 sheet read into typed values by setting key."""

    sheet: str
    data: Mapping[str, object]
    cells: Mapping[str, str]
    invalid: frozenset[str] = frozenset()  # keys whose cell could not be read (reported as bad-value)

    def __getitem__(self, key: str) -> object:
        return self.data.get(key)

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
    present_sheets: frozenset[str] = frozenset()


def read_ledger(grids: Mapping[str, Grid]) -> tuple[Ledger, list[Finding]]:
    findings: list[Finding] = []
    by_name = {clean_name(name): grid for name, grid in grids.items()}
    for name in REQUIRED_SHEETS:
        if name not in by_name:
            findings.append(MISSING_SHEET.at(name, f"工作簿中没有“{name}”工作表，请使用本程序生成的台账模板"))

    basic = _read_settings(BASIC_INFO, by_name.get(BASIC_INFO.name), findings, require=True)
    rules = _read_settings(RULES, by_name.get(RULES.name), findings, require=False)
    tables: dict[str, tuple[Row, ...]] = {}
    dues_total = None
    for sheet in DATA_SHEETS:
        rows, total = _read_table(sheet, by_name.get(sheet.name), findings)
        tables[sheet.key] = rows
        if sheet.total_row:
            dues_total = total
    ledger = Ledger(basic=basic, rules=rules, dues_total=dues_total,
                    present_sheets=frozenset(by_name), **tables)
    read_sheets = {sheet.name for sheet in (BASIC_INFO, RULES, *DATA_SHEETS)}
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
        try:
            values[setting.key] = parse_value(raw, setting.kind, setting.choices)
        except CellValueError as exc:
            findings.append(BAD_VALUE.at(address, f"{spec.name}“{setting.item}”：{exc}"))
            invalid.add(setting.key)
    settings = Settings(spec.name, values, cells, frozenset(invalid))
    if require and grid is not None:
        for setting in spec.settings:
            if setting.required and setting.key not in invalid and values.get(setting.key) in (None, ""):
                findings.append(MISSING_SETTING.at(settings.cell(setting.key), f"{spec.name}中“{setting.item}”未填写"))
    return settings


def _read_table(sheet: Sheet, grid: Grid | None, findings: list[Finding]) -> tuple[tuple[Row, ...], Row | None]:
    if grid is None or not grid.rows:
        return (), None
    positions = _locate_columns(sheet, grid.rows[0], findings)
    if positions is None:
        return (), None
    letters = {key: column_letter(index + 1) for key, index in positions.items()}
    computed = {c.key for c in sheet.columns if c.formula}
    rows: list[Row] = []
    total: Row | None = None
    cache: dict[str, dict] = {}
    for line, raw_row in enumerate(grid.rows[1:], start=2):
        cells = {key: (raw_row[index] if index < len(raw_row) else None) for key, index in positions.items()}
        # A row holding nothing but the template's own formulas (合计) is an unused row.
        if all(is_blank(v) or key in computed for key, v in cells.items()):
            continue
        is_total = sheet.total_row and clean_name(_display(cells[sheet.key_column])) == TOTAL
        row = _typed_row(sheet, line, cells, letters, findings, is_total=is_total, cache=cache)
        if row is None:
            continue
        if is_total:
            total = row
        else:
            rows.append(row)
    return tuple(rows), total


def _locate_columns(sheet: Sheet, header_row: tuple, findings: list[Finding]) -> dict[str, int] | None:
    wanted = {header_key(c.header): c for c in sheet.columns}
    positions: dict[str, int] = {}
    for index, text in enumerate(header_row):
        column = wanted.get(header_key(text)) if not is_blank(text) and not isinstance(text, Formula) else None
        if column is None:
            continue
        if column.key in positions:
            findings.append(DUPLICATE_COLUMN.at(
                f"{sheet.name}!{column_letter(index + 1)}1",
                f"{sheet.name}中“{column.header}”列出现了两次，请删除多余的一列",
            ))
            continue
        positions[column.key] = index
    missing = [c for c in sheet.columns if c.required and c.key not in positions]
    for column in missing:
        findings.append(MISSING_COLUMN.at(
            f"{sheet.name}!1:1", f"{sheet.name}第1行缺少“{column.label}”列，请按模板补上该列标题"
        ))
    return None if missing else positions


def _typed_row(sheet: Sheet, line: int, cells: dict, letters: dict, findings: list[Finding], *, is_total: bool,
               cache: dict[str, dict]) -> Row | None:
    values: dict[str, object] = {}
    row_ok = True
    for column in sheet.columns:
        key = column.key
        if key not in cells:
            continue
        raw = cells[key]
        if isinstance(raw, Formula):
            if column.formula or is_total:
                # Totals are recomputed from the rows; the formula's cached value only serves the check.
                values[key] = _total_value(raw, column)
                continue
            raw = _resolve_formula(raw, f"{sheet.name}!{letters[key]}{line}", findings)
        if is_total and key == sheet.key_column:
            values[key] = TOTAL
            continue
        if is_blank(raw):
            values[key] = None
            address = f"{sheet.name}!{letters[key]}{line}"
            if key == sheet.key_column:
                findings.append(MISSING_KEY.at(address, f"{sheet.name}第{line}行填写了内容，但“{column.header}”为空"))
                row_ok = False
            elif column.required and not is_total:
                findings.append(MISSING_VALUE.at(address, f"{sheet.name}第{line}行“{column.header}”未填写"))
                row_ok = False
            continue
        # Large sheets repeat the same dates, choices and amounts; each distinct value is parsed once.
        # Text is cheap to clean, and equal Decimals (1.0, 1.00) would print differently.
        cacheable = column.kind is not Kind.TEXT and raw.__class__ is not Decimal
        seen = cache.setdefault(key, {}) if cacheable else {}
        token = (raw.__class__, raw)
        parsed = seen.get(token, _UNPARSED)
        if parsed is _UNPARSED:
            try:
                parsed = parse_value(raw, column.kind, column.choices)
            except CellValueError as exc:
                parsed = exc
            if cacheable:
                seen[token] = parsed
        if isinstance(parsed, CellValueError):
            findings.append(BAD_VALUE.at(f"{sheet.name}!{letters[key]}{line}", f"{sheet.name}“{column.header}”{parsed}"))
            values[key] = None
            if column.required or key == sheet.key_column:
                row_ok = False
        else:
            values[key] = parsed
    return Row(sheet.name, line, values, letters) if row_ok else None


_UNPARSED = object()


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
