"""The error values (#DIV/0!, #N/A …) in an Excel 97–2003 workbook (.xls), which calamine reads as empty.

grid.read_grids reads an .xls with calamine; this scan only finds the cells that show an error,
so that they are error-value findings at their cells rather than blanks a rule concludes from.
It reads the compound file's Workbook stream (MS-CFB) and, in each worksheet's records (MS-XLS),
the FORMULA records whose cached result is an error and the BOOLERR records holding one. Anything
it does not understand gives no cells: the workbook is then read as before.

It is also the check of what the file claims before calamine allocates for it: a FAT larger than
the file, a cell past the format's 256 columns, a DIMENSIONS record
past its 65,536 rows, or sheets whose records overlap (each re-read by calamine to the end) raise
ImpossibleRecord. Every loop here is linear in the file.
"""
from __future__ import annotations

import struct
from pathlib import Path
from typing import NamedTuple

from ..limits import MAX_PART_BYTES

ERROR_CODES = {0x00: "#NULL!", 0x07: "#DIV/0!", 0x0F: "#VALUE!", 0x17: "#REF!", 0x1D: "#NAME?", 0x24: "#NUM!",
               0x2A: "#N/A", 0x2B: "#GETTING_DATA"}
_FREE, _END_OF_CHAIN = 0xFFFFFFFF, 0xFFFFFFFE
_BOF, _EOF, _BOUNDSHEET, _FORMULA, _BOOLERR = 0x0809, 0x000A, 0x0085, 0x0006, 0x0205
_DIMENSIONS = 0x0200
# Records that start with a cell's row and column (u16 each): BLANK, NUMBER, LABEL, BOOLERR, RK,
# FORMULA, LABELSST, RSTRING; MULRK and MULBLANK also end with their last column.
_CELL_RECORDS = frozenset({0x0201, 0x0203, 0x0204, 0x0205, 0x027E, 0x0006, 0x00FD, 0x00D6})
_MULTIPLE_CELLS = frozenset({0x00BD, 0x00BE})
# What a BIFF8 sheet can hold: rows 0–65,535 (a u16 cannot say more) and columns 0–255.
XLS_ROWS, XLS_COLUMNS = 65_536, 256


class ImpossibleRecord(Exception):
    """A record claims what an .xls cannot hold; `sheet` (may be "") and `claim` say what, in Chinese."""

    def __init__(self, sheet: str, claim: str):
        super().__init__(claim)
        self.sheet, self.claim = sheet, claim


class ErrorCell(NamedTuple):
    text: str  # "#DIV/0!"
    formula: bool  # the cached result of a formula, not a value typed or pasted


def xls_errors(path: Path) -> dict[str, dict[tuple[int, int], ErrorCell]]:
    """Each worksheet's error cells by (row, column) from 0, by sheet name; {} when the file is not understood.

    Raises ImpossibleRecord when a record claims what the format cannot hold (see the module's note).
    """
    try:
        if Path(path).stat().st_size > MAX_PART_BYTES:
            return {}  # not a branch's ledger; calamine says what is wrong with it
        stream = _workbook_stream(Path(path).read_bytes())
        return _error_cells(stream) if stream else {}
    except (OSError, struct.error, IndexError, ValueError, KeyError, UnicodeDecodeError):
        return {}


def _workbook_stream(data: bytes) -> bytes | None:
    """The Workbook (or Book) stream of a compound file; None when there is none."""
    if data[:8] != b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        return None
    sector_size = 1 << struct.unpack_from("<H", data, 30)[0]
    mini_size = 1 << struct.unpack_from("<H", data, 32)[0]
    if sector_size not in (512, 4096) or mini_size != 64:  # the only sizes MS-CFB allows
        raise ValueError("not a compound file's sector size")
    fat_sectors, directory_start = struct.unpack_from("<I", data, 44)[0], struct.unpack_from("<I", data, 48)[0]
    mini_cutoff, mini_fat_start, mini_fat_count, difat_start, difat_count = struct.unpack_from("<IIIII", data, 56)

    def sector(number: int) -> bytes:
        offset = (number + 1) * sector_size
        if offset >= len(data):
            raise ValueError("sector past the end")
        return data[offset:offset + sector_size]

    # The FAT needs one sector per sector_size // 4 sectors of the file: a header claiming more
    # would build a table far larger than the file (calamine's does: a 256 KB file whose DIFAT
    # chain points at itself took 2 GB), so the file is refused. Within the claim, the DIFAT chain
    # is followed only until it has named that many sectors, looping or not.
    if fat_sectors > len(data) // sector_size // (sector_size // 4) + 1:
        raise ImpossibleRecord("", f"文件头声称有{fat_sectors}个分配表扇区，比文件本身能容纳的还多")
    fat_list = list(struct.unpack_from("<109I", data, 76))
    next_difat = difat_start
    while next_difat not in (_FREE, _END_OF_CHAIN) and len(fat_list) < fat_sectors:
        entries = struct.unpack(f"<{sector_size // 4}I", sector(next_difat))
        fat_list.extend(entries[:-1])
        next_difat = entries[-1]
    fat: list[int] = []
    for number in fat_list[:fat_sectors]:
        fat.extend(struct.unpack(f"<{sector_size // 4}I", sector(number)))

    def chain(start: int, table: list[int]) -> list[int]:
        numbers, current = [], start
        while current not in (_FREE, _END_OF_CHAIN):
            if current >= len(table) or len(numbers) > len(table):
                raise ValueError("broken chain")  # out of the table, or a loop
            numbers.append(current)
            current = table[current]
        return numbers

    directory = b"".join(sector(n) for n in chain(directory_start, fat))
    entries = {}
    root = None
    for offset in range(0, len(directory) - 127, 128):
        name_length = struct.unpack_from("<H", directory, offset + 64)[0]
        name = directory[offset:offset + max(name_length - 2, 0)].decode("utf-16-le")
        kind = directory[offset + 66]
        start, size = struct.unpack_from("<II", directory, offset + 116)
        if kind == 5:
            root = (start, size)
        elif kind == 2:
            entries[name] = (start, size)
    start_size = entries.get("Workbook") or entries.get("Book")
    if start_size is None:
        return None
    start, size = start_size
    if size >= mini_cutoff:
        return b"".join(sector(n) for n in chain(start, fat))[:size]
    if root is None:
        return None
    mini_fat: list[int] = []
    for number in chain(mini_fat_start, fat)[:mini_fat_count]:
        mini_fat.extend(struct.unpack(f"<{sector_size // 4}I", sector(number)))
    mini_stream = b"".join(sector(n) for n in chain(root[0], fat))
    return b"".join(mini_stream[n * mini_size:(n + 1) * mini_size] for n in chain(start, mini_fat))[:size]


def _error_cells(stream: bytes) -> dict[str, dict[tuple[int, int], ErrorCell]]:
    sheets: list[tuple[int, str]] = []
    position = 0
    # The workbook globals: BOUNDSHEET records name each sheet and where its records start.
    while position + 4 <= len(stream):
        kind, length = struct.unpack_from("<HH", stream, position)
        body = stream[position + 4:position + 4 + length]
        if kind == _BOUNDSHEET and body[5] == 0:  # a worksheet (not a chart or macro sheet)
            sheets.append((struct.unpack_from("<I", body, 0)[0], _short_string(body, 6)))
        position += 4 + length
        if kind == _EOF:
            break
    # A sheet's records run from its BOF to its EOF, before the next sheet's: scanning each only
    # that far keeps the whole scan linear, and sheets that share records (calamine would read
    # them all again for each) are refused.
    sheets.sort()
    found: dict[str, dict[tuple[int, int], ErrorCell]] = {}
    for number, (start, name) in enumerate(sheets):
        end = sheets[number + 1][0] if number + 1 < len(sheets) else len(stream)
        cells = _sheet_error_cells(stream, start, end, name)
        if cells:
            found[name] = cells
    return found


def _sheet_error_cells(stream: bytes, start: int, end: int, name: str) -> dict[tuple[int, int], ErrorCell]:
    cells: dict[tuple[int, int], ErrorCell] = {}
    position, depth = start, 0
    while position + 4 <= len(stream):
        if position >= end and end < len(stream):
            raise ImpossibleRecord(name, "工作表的记录与另一个工作表的记录重叠")
        kind, length = struct.unpack_from("<HH", stream, position)
        body = stream[position + 4:position + 4 + length]
        position += 4 + length
        # A chart drawn on the sheet is a substream of its own, from its BOF to its EOF.
        if kind == _BOF:
            depth += 1
        elif kind == _EOF:
            depth -= 1
            if depth <= 0:
                break
        elif depth > 1:
            continue
        elif kind in _CELL_RECORDS or kind in _MULTIPLE_CELLS or kind == _DIMENSIONS:
            _check_claim(name, kind, body)
            if kind == _FORMULA and len(body) >= 14 and body[12:14] == b"\xff\xff" and body[6] == 2:
                row, column = struct.unpack_from("<HH", body, 0)
                cells[(row, column)] = ErrorCell(ERROR_CODES.get(body[8], "#VALUE!"), True)
            elif kind == _BOOLERR and len(body) >= 8 and body[7] == 1:
                row, column = struct.unpack_from("<HH", body, 0)
                cells[(row, column)] = ErrorCell(ERROR_CODES.get(body[6], "#VALUE!"), False)
    return cells


def _check_claim(name: str, kind: int, body: bytes) -> None:
    """Refuse a cell past column IV or a DIMENSIONS record past the format's rows and columns:
    calamine would allocate rows × columns for it (a column of 0xFFFF: 128 GB, and an abort)."""
    if kind == _DIMENSIONS and len(body) >= 12:
        _, last_row, _, last_column = struct.unpack_from("<IIHH", body, 0)  # both one past the last
        if last_row > XLS_ROWS or last_column > XLS_COLUMNS:
            raise ImpossibleRecord(name, f"记录声称工作表有{last_row}行×{last_column}列，"
                                         f"超出了.xls格式的{XLS_ROWS}行×{XLS_COLUMNS}列")
        return
    if len(body) < 4:
        return
    row, column = struct.unpack_from("<HH", body, 0)
    if kind in _MULTIPLE_CELLS and len(body) >= 6:
        column = max(column, struct.unpack_from("<H", body, len(body) - 2)[0])
    if column >= XLS_COLUMNS:
        raise ImpossibleRecord(name, f"第{row + 1}行有一个单元格位于第{column + 1}列，超出了.xls格式的{XLS_COLUMNS}列")


def _short_string(body: bytes, offset: int) -> str:
    """A ShortXLUnicodeString: a character count, a flag (1: UTF-16, 0: compressed Latin-1), the characters."""
    count, flags = body[offset], body[offset + 1]
    text = body[offset + 2:]
    return text[:count * 2].decode("utf-16-le") if flags & 1 else text[:count].decode("latin-1")
