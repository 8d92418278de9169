"""A bounded mutation fuzz of the readers (issue 20): the sample as .xlsx, .ods and .xls, mutated at
random (seeded), each mutant checked by a fresh `python -m dangjian check` as bench/hostile.py
measures it (wall time, peak memory of the command and its reader child, exit code).

    python tests/fuzz_readers.py                   # 100 cases per format, seed 20
    python tests/fuzz_readers.py --cases 20 --seed 7 --keep /tmp/mutants

Every case must end in exit code 0, 1 or 2 with neither 程序内部错误 nor a traceback, in less than
READER_SECONDS and under READER_MEMORY_BYTES. Prints the counts (they go into README's limits
section) and each case that broke a rule; exits 1 if any did. The .ods and .xls seeds are the
sample converted by LibreOffice. Not collected by pytest (no test_ prefix): about 5 minutes.
"""
from __future__ import annotations

import argparse
import io
import random
import re
import shutil
import struct
import sys
import tempfile
import zipfile
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parent), str(HERE.parent / "bench")]

import hostile as hostile_bench  # noqa: E402
from conftest import SAMPLE  # noqa: E402
from dangjian.read import biff
from dangjian import limits  # noqa: E402
from dangjian.office.libreoffice import convert  # noqa: E402
from test_hostile_readers import compound_file  # noqa: E402

# Values a crafted field likes: the ends of u16 and u32, the format's own limits, off by one.
EXTREMES = (0, 1, 0xFF, 0x100, 0x7FFF, 0x8000, 0xFFFE, 0xFFFF, 0x0800, 65536, 0x7FFFFFFF, 0xFFFFFFFF, 1 << 20)
_NUMBER = re.compile(rb'(?<=[="])[0-9]{1,10}(?=")|(?<=r="[A-Z])[0-9]{1,7}')


def flip_bytes(data: bytes, chance: random.Random) -> bytes:
    mutant = bytearray(data)
    for _ in range(chance.randint(1, 8)):
        mutant[chance.randrange(len(mutant))] ^= 1 << chance.randrange(8)
    return bytes(mutant)


def mutate_text(data: bytes, chance: random.Random) -> bytes:
    """One structural mutation of an XML part: a number made extreme, a slice repeated, a ">" dropped, a cut."""
    how = chance.choice(("number", "number", "repeat", "drop", "cut", "flip"))
    if how == "number":
        found = list(_NUMBER.finditer(data))
        if found:
            match = chance.choice(found)
            return data[:match.start()] + str(chance.choice(EXTREMES)).encode() + data[match.end():]
    if how == "repeat":
        start = chance.randrange(len(data))
        piece = data[start:start + chance.randint(1, 400)]
        return data[:start] + piece * chance.randint(2, max(2, (4 << 20) // max(len(piece), 1))) + data[start:]
    if how == "drop":
        ends = [m.start() for m in re.finditer(rb">", data)]
        if ends:
            at = chance.choice(ends)
            return data[:at] + data[at + 1:]
    if how == "cut":
        return data[:chance.randrange(len(data))]
    return flip_bytes(data, chance)


def mutate_zip(source: bytes, chance: random.Random) -> bytes:
    if chance.random() < 0.2:
        return flip_bytes(source, chance)
    with zipfile.ZipFile(io.BytesIO(source)) as archive:
        parts = [(info, archive.read(info)) for info in archive.infolist()]
    xml = [i for i, (info, _) in enumerate(parts) if info.filename.endswith((".xml", ".rels"))]
    target = chance.choice(xml)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for index, (info, data) in enumerate(parts):
            archive.writestr(info, mutate_text(data, chance) if index == target else data)
    return out.getvalue()


def mutate_xls(source: bytes, chance: random.Random) -> bytes:
    if chance.random() < 0.3:
        return flip_bytes(source, chance)
    stream = bytearray(biff._workbook_stream(source))
    records, position = [], 0
    while position + 4 <= len(stream):
        records.append(position)
        position += 4 + struct.unpack_from("<H", stream, position + 2)[0]
    for _ in range(chance.randint(1, 4)):
        at = chance.choice(records)
        length = struct.unpack_from("<H", stream, at + 2)[0]
        field = chance.randrange(0, max(1, min(length, 16)) // 2 + 1) * 2  # 0: the length itself
        value = chance.choice(EXTREMES)
        if field == 0 or length < field + 4:
            struct.pack_into("<H", stream, at + 2, value & 0xFFFF)
        elif chance.random() < 0.5:
            struct.pack_into("<H", stream, at + 2 + field, value & 0xFFFF)
        else:
            struct.pack_into("<I", stream, at + 2 + field, value & 0xFFFFFFFF)
    return compound_file(bytes(stream))


def seeds(folder: Path) -> dict[str, bytes]:
    found = {".xlsx": SAMPLE.read_bytes()}
    for suffix in (".ods", ".xls"):
        found[suffix] = convert(SAMPLE, output=folder / f"seed{suffix}").read_bytes()
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cases", type=int, default=100, help="cases per format")
    parser.add_argument("--seed", type=int, default=20)
    parser.add_argument("--keep", type=Path, help="keep each failing mutant in this folder")
    args = parser.parse_args()
    chance = random.Random(args.seed)
    folder = Path(tempfile.mkdtemp(prefix="dangjian-fuzz-"))
    memory_mb = limits.READER_MEMORY_BYTES / 2 ** 20
    counts: Counter = Counter()
    failures = 0
    slowest = heaviest = 0.0
    try:
        mutators = {".xlsx": mutate_zip, ".ods": mutate_zip, ".xls": mutate_xls}
        for suffix, source in seeds(folder).items():
            for number in range(args.cases):
                mutant = folder / f"变异{number}{suffix}"
                mutant.write_bytes(mutators[suffix](source, chance))
                try:
                    seconds, peak, code, stderr = hostile_bench.measure(
                        "check", mutant, "--format", "json", timeout=limits.READER_SECONDS + 60)
                except Exception:  # noqa: BLE001 — the wrapper's own timeout: the case ran far too long
                    seconds, peak, code, stderr = float("inf"), 0.0, -1, "timeout"
                slowest, heaviest = max(slowest, seconds), max(heaviest, peak)
                problem = ("abort" if code not in (0, 1, 2) else "internal error" if "程序内部错误" in stderr
                           or "Traceback" in stderr else "over time" if seconds > limits.READER_SECONDS
                           else "over memory" if peak > memory_mb else None)
                counts[(suffix, problem or f"exit {code}")] += 1
                if problem:
                    failures += 1
                    print(f"{suffix} case {number}: {problem} (exit {code}, {seconds:.1f} s, {peak:.0f} MB) "
                          f"{stderr.strip().splitlines()[-1:] if stderr.strip() else ''}", flush=True)
                    if args.keep:
                        args.keep.mkdir(parents=True, exist_ok=True)
                        shutil.copy2(mutant, args.keep / mutant.name)
                mutant.unlink()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    for suffix in (".xlsx", ".ods", ".xls"):
        outcomes = ", ".join(f"{what}: {n}" for (s, what), n in sorted(counts.items()) if s == suffix)
        print(f"{suffix}: {outcomes}")
    print(f"{sum(counts.values())} cases (seed {args.seed}); {failures} broke a rule; "
          f"slowest {slowest:.1f} s, largest peak {heaviest:.0f} MB")
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
