"""Every bound on input size, declared once (README's 支持的文件格式与数据安全 lists them).

A workbook past a bound is refused with a Chinese message naming the sheet and the bound, in
bounded time and memory, before any dense read. The bounds are generous: the 党委-scale
benchmark workbook (3,000 members) has at most 3,672 rows in a sheet and 3.4 MB in a sheet part.
"""
from __future__ import annotations

# Rows holding data in one sheet: ten times the benchmark's largest sheet, rounded up.
MAX_ROWS = 50_000
# Columns read; a header wider than this is not a ledger's. Cells further right are named in a 提示.
MAX_COLUMNS = 200
# The header row is looked for in this many rows from the top (a title typed above it is allowed).
HEADER_ROWS = 10
# calamine reads a sheet as one dense block (last row × last column); past this many cells the
# streaming reader (openpyxl) is used instead, so a far-away cell costs time, not memory.
MAX_DENSE_CELLS = 3_000_000
# The same summed over a workbook's sheets: each sheet under the bound must not add up to many
# gigabytes (sixty sheets of an OpenDocument file, each just under it). The benchmark: 0.2 million.
MAX_WORKBOOK_CELLS = 2 * MAX_DENSE_CELLS
# One part of the workbook's zip (a sheet's XML, the shared strings) once inflated, and how much
# larger than its compressed bytes it may be (the benchmark's sheets: about 12 times).
MAX_PART_BYTES = 128 * 1024 * 1024
MAX_COMPRESSION_RATIO = 100
# All sheets' parts together once inflated, each counted as often as a sheet names it (twenty
# sheets naming one 6 MB part were read twenty times). The benchmark's sheets: 12 MB together.
MAX_SHEETS_BYTES = MAX_PART_BYTES
# Below this size a part may be as compressible as it likes (a sheet of one repeated row).
RATIO_CHECKED_FROM = 1024 * 1024
# The bytes of a workbook's docProps/core.xml looked at for the summary's own mark (it is about 1 KB).
MAX_PROPERTIES_BYTES = 64 * 1024
# Findings listed per rule; the rest are counted in one “另有N处同类问题” line.
MAX_FINDINGS_PER_RULE = 200
# Cells outside the read columns named one by one; the rest are counted.
MAX_OUTSIDE_CELLS = 20
# Merged ranges of one sheet that are looked at (a ledger has a handful; the rest are not read).
MAX_MERGED_RANGES = 10_000
# Foreign formats (.xls, .ods) are read in a child process that these bound (memory as address
# space, which the largest .xls calamine can hold, 65,536 rows × 256 columns, stays within).
READER_SECONDS = 120
READER_MEMORY_BYTES = 3 * 1024 * 1024 * 1024
# Report rendering: wall time, growth of the process's peak memory, loop iterations (all
# `range` loops together) and the length of a string or list built by `*`.
RENDER_SECONDS = 60
RENDER_MEMORY_BYTES = 512 * 1024 * 1024
RENDER_LOOP_STEPS = 1_000_000
RENDER_MAX_SIZE = 1_000_000
# A report template (.docx): its file and all its parts once inflated (pictures included), one XML
# part once inflated, and the tags ({{ }}, {% %}) in the parts that are rendered. The shipped
# templates: 0.5 MB inflated, a 0.44 MB largest XML part, at most 101 tags; 10,000 tags render in 3 s.
TEMPLATE_BYTES = 64 * 1024 * 1024
TEMPLATE_XML_BYTES = 16 * 1024 * 1024
TEMPLATE_TAGS = 10_000


def megabytes(size: int) -> str:
    return f"{size // (1024 * 1024)} MB"


def limit_per_rule(findings: list, limit: int = MAX_FINDINGS_PER_RULE) -> list:
    """The first `limit` findings of each rule, then one finding saying how many more there are.

    Works on any frozen dataclass with `code` and `message` (findings.Finding); the summary line
    takes the place (sheet, level, 依据) of the last listed one, with the whole sheet as its cell.
    """
    from dataclasses import replace

    counts: dict[str, int] = {}
    kept: list = []
    last: dict[str, object] = {}
    for finding in findings:
        seen = counts.get(finding.code, 0)
        counts[finding.code] = seen + 1
        if seen < limit:
            kept.append(finding)
            last[finding.code] = finding
    for code, count in counts.items():
        if count > limit:
            kept.append(replace(last[code], cell="", message=f"另有{count - limit}处同类问题，未逐条列出（每条规则最多列出{limit}处）"))
    return kept
