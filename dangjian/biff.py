"""The error values (#DIV/0!, #N/A …) in an Excel 97–2003 workbook (.xls), which calamine reads as empty.

grid.read_grids reads an .xls with calamine; this scan only finds the cells that show an error,
so that they are error-value findings at their cells rather than blanks a rule concludes from.
It reads the compound file's Workbook stream (MS-CFB) and, in each worksheet's records (MS-XLS),
the FORMULA records whose cached result is an error and the BOOLERR records holding one. Anything
it does not understand gives no cells: the workbook is then read as before, never refused here.
"""
from __future__ import annotations

import struct
from pathlib import Path
from typing import NamedTuple

from .limits import MAX_PART_BYTES

ERROR_CODES = {0x00: "#NULL!", 0x07: "#DIV/0!", 0x0F: "#VALUE!", 0x17: "#REF!", 0x1D: "#NAME?", 0x24: "#NUM!",
               0x2A: "#N/A", 0x2B: "#GETTING_DATA"}
_FREE, _END_OF_CHAIN = 0xFFFFFFFF, 0xFFFFFFFE
_BOF, _EOF, _BOUNDSHEET, _FORMULA, _BOOLERR = 0x0809, 0x000A, 0x0085, 0x0006, 0x0205


class ErrorCell(NamedTuple):
    text: str  # "#DIV/0!"
    formula: bool  # the cached result of a formula, not a value typed or pasted


def xls_errors(path: Path) -> dict[str, dict[tuple[int, int], ErrorCell]]:
    """Each worksheet's error cells by (row, column) from 0, by sheet name; {} when the file is not understood."""
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
    fat_sectors, directory_start = struct.unpack_from("<I", data, 44)[0], struct.unpack_from("<I", data, 48)[0]
    mini_cutoff, mini_fat_start, mini_fat_count, difat_start, difat_count = struct.unpack_from("<IIIII", data, 56)

    def sector(number: int) -> bytes:
        offset = (number + 1) * sector_size
        if offset >= len(data):
            raise ValueError("sector past the end")
        return data[offset:offset + sector_size]

    fat_list = list(struct.unpack_from("<109I", data, 76))
    next_difat, seen = difat_start, 0
    while next_difat not in (_FREE, _END_OF_CHAIN) and seen < min(difat_count, len(data) // sector_size):
        entries = struct.unpack(f"<{sector_size // 4}I", sector(next_difat))
        fat_list.extend(entries[:-1])
        next_difat, seen = entries[-1], seen + 1
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
    sheets: list[tuple[str, int]] = []
    position = 0
    # The workbook globals: BOUNDSHEET records name each sheet and where its records start.
    while position + 4 <= len(stream):
        kind, length = struct.unpack_from("<HH", stream, position)
        body = stream[position + 4:position + 4 + length]
        if kind == _BOUNDSHEET and body[5] == 0:  # a worksheet (not a chart or macro sheet)
            sheets.append((_short_string(body, 6), struct.unpack_from("<I", body, 0)[0]))
        position += 4 + length
        if kind == _EOF:
            break
    found: dict[str, dict[tuple[int, int], ErrorCell]] = {}
    for name, start in sheets:
        cells: dict[tuple[int, int], ErrorCell] = {}
        position, depth = start, 0
        while position + 4 <= len(stream):
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
            elif kind == _FORMULA and len(body) >= 14 and body[12:14] == b"\xff\xff" and body[6] == 2:
                row, column = struct.unpack_from("<HH", body, 0)
                cells[(row, column)] = ErrorCell(ERROR_CODES.get(body[8], "#VALUE!"), True)
            elif kind == _BOOLERR and len(body) >= 8 and body[7] == 1:
                row, column = struct.unpack_from("<HH", body, 0)
                cells[(row, column)] = ErrorCell(ERROR_CODES.get(body[6], "#VALUE!"), False)
        if cells:
            found[name] = cells
    return found


def _short_string(body: bytes, offset: int) -> str:
    """A ShortXLUnicodeString: a character count, a flag (1: UTF-16, 0: compressed Latin-1), the characters."""
    count, flags = body[offset], body[offset + 1]
    text = body[offset + 2:]
    return text[:count * 2].decode("utf-16-le") if flags & 1 else text[:count].decode("latin-1")
