"""Break a report title into lines by meaning (GB/T 9704-2012 7.3.1).

回行时，要做到词意完整，排列对称，长短适宜，间距恰当 — a renderer breaking by width splits
"…党支部工作情/况". So the title is broken here, before a whole word, and only where a line
would otherwise not fit:

- The places a line may start are listed in BREAK_BEFORE (a year such as "2023年" and the
  words of the report's name); nothing else is ever split.
- A title that fits one line (LINE_WIDTH, measured as WIDTHS says) stays one line.
- A title broken by hand (with line breaks) keeps its lines.
- Otherwise the break that gives the most even lines wins (two lines before three); on a tie
  the longer line goes below, the 梯形 GB/T 9704 asks for.
"""
from __future__ import annotations

import re
import unicodedata
from itertools import combinations

__all__ = ["BREAK_BEFORE", "LINE_WIDTH", "title_lines", "text_width"]

# A new title line may start only with one of these (tried in this order at each place).
BREAK_BEFORE = (
    r"\d{4}年",  # the report's year and period: "XX县XX中心 / 2023年下半年党支部工作情况"
    "党支部工作情况报告",
    "党支部工作情况",
    "党支部工作报告",
    "工作情况报告",
    "工作情况",
)
_BREAK = re.compile("|".join(f"(?:{word})" for word in BREAK_BEFORE))

# 2号 (22 pt) on a 156 mm line: 442 pt / 22 pt = 20.1 characters. Measured conservatively
# (see WIDTHS) so that a title this function leaves whole is not wrapped by Word or LibreOffice.
LINE_WIDTH = 20.0
# In characters of the title's size: a Chinese character or full-width mark is 1; a Latin
# letter or digit is drawn up to 0.75 wide by the substitute fonts, and LibreOffice puts
# about 0.2 between Chinese and Latin text.
WIDE, NARROW, SCRIPT_GAP = 1.0, 0.75, 0.2


def text_width(text: str) -> float:
    """The width of `text` in characters of its font size, by the rule above."""
    width, previous = 0.0, None
    for char in text:
        wide = unicodedata.east_asian_width(char) in ("W", "F")
        width += WIDE if wide else NARROW
        if previous is not None and wide != previous and not char.isspace():
            width += SCRIPT_GAP
        previous = wide
    return width


def title_lines(title: str, *, width: float = LINE_WIDTH) -> list[str]:
    """The lines `title` is printed in: one if it fits, else broken before listed words only.

    A title that already holds line breaks was broken by hand and keeps its lines.
    """
    if "\n" in title.strip():
        return [line.strip() for line in title.splitlines() if line.strip()]
    title = title.strip()
    if text_width(title) <= width:
        return [title]
    places = sorted({m.start() for m in _BREAK.finditer(title) if m.start() > 0})
    best: tuple | None = None
    for count in (1, 2):
        for cuts in combinations(places, count):
            lines = [title[a:b] for a, b in zip((0, *cuts), (*cuts, len(title)))]
            widths = [text_width(line) for line in lines]
            fits = max(widths) <= width
            # Fitting first, then the narrowest widest line, then the longer line below.
            key = (not fits, round(max(widths), 2), -round(widths[-1] - widths[0], 2))
            if best is None or key < best[0]:
                best = (key, lines)
        if best is not None and not best[0][0]:
            break
    return best[1] if best else [title]
