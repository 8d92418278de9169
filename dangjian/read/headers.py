"""Which of a sheet's first rows is its header: one rule for the grid's width and the reader's columns.

A secretary may type a title, a unit line or a 填表人 note above the header. The header is the
row that names the most of the sheet's columns (the first such row when several tie), so a line
of two notes above it can neither cut the table short nor hide its columns.
"""
from __future__ import annotations

from typing import Sequence

from ..schema import HEADER_ALIASES, TABLE_SHEETS
from .values import clean_name, header_key

# Each data sheet's header words (and the aliases any sheet's headers may use), by sheet name.
_HEADER_WORDS = {sheet.name: frozenset(header_key(c.header) for c in sheet.columns) | frozenset(HEADER_ALIASES)
                 for sheet in TABLE_SHEETS}


def header_index(sheet_name: str, head: Sequence[Sequence[object]]) -> int:
    """The index in `head` (the sheet's first rows) of the header row.

    For a data sheet of the schema: the row naming the most of its columns, the first one when
    rows tie (so 0 when none names any). For any other sheet (基本信息, 规则设置, 使用说明, a
    sheet of the secretary's own): the first row of two or more cells that are all text.
    """
    words = _HEADER_WORDS.get(clean_name(sheet_name))
    if words is not None:
        scores = [sum(1 for text in row if text.__class__ is str and header_key(text) in words) for row in head]
        return max(range(len(scores)), key=lambda i: (scores[i], -i), default=0)
    for index, row in enumerate(head):
        filled = [v for v in row if v is not None]
        if len(filled) >= 2 and all(isinstance(v, str) for v in filled):
            return index
    return 0
