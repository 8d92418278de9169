"""The summary's cache: each branch's result kept by its workbook's content, so a re-run reads only what changed.

A 党委 office re-runs `summary` whenever a few branches send a corrected workbook. The result of
each workbook (a `BranchSummary`) is kept in a JSON file beside the 汇总 workbook, keyed by the
SHA-256 of the workbook's bytes and the `--period` override; the file as a whole holds for one
program fingerprint (the dangjian sources, Python and the readers' versions), so a new version
reads every workbook again and a changed workbook is never served from it.

Safe against a tampered file: JSON, never pickle; each value is decoded by the field's declared
type and anything else makes the whole cache ignored (a 提示, never an error). Bounded: it is read
only up to MAX_BYTES and holds the workbooks of the last run only (at most MAX_ENTRIES). It holds
what the 汇总 shows (counts, amounts, the findings of 问题清单), not the files' paths.
"""
from __future__ import annotations

import dataclasses
import hashlib
import json
import sys
import types
import typing
from collections.abc import Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import Enum
from functools import lru_cache
from pathlib import Path


FORMAT = 1
MAX_BYTES = 64 * 1024 * 1024  # about 10,000 branches' results; a larger file is not ours
MAX_ENTRIES = 20_000
# Set on reading from where the workbook is now: a copy moved to a subfolder is the same result.
LOCATION_FIELDS = ("file", "path")


class CacheUnusable(ValueError):
    """The cache file is not one this program wrote (corrupt, tampered, another version)."""


def cache_path(output: Path) -> Path:
    """Beside the 汇总 workbook, hidden: `.党支部台账汇总.cache.json`."""
    output = Path(output)
    return output.with_name(f".{output.stem}.cache.json")


def entry_key(digest: str, period: str | None) -> str:
    return f"{digest}|{period or ''}"


@lru_cache(maxsize=1)
def program_fingerprint() -> str:
    """What a cached result depends on besides the workbook: every source file of the package,
    Python's version and the readers' versions."""
    from importlib import metadata

    from .. import __version__

    digest = hashlib.sha256(f"{FORMAT}|{__version__}|{sys.version_info[:2]}".encode())
    for distribution in ("openpyxl", "python-calamine"):
        try:
            digest.update(f"|{distribution}={metadata.version(distribution)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"|{distribution}=none".encode())
    package = Path(__file__).resolve().parents[1]  # the whole dangjian package
    for source in sorted(package.rglob("*.py")):
        digest.update(source.relative_to(package).as_posix().encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()


def load_cache(path: Path, kind: type) -> tuple[dict[str, "BranchSummary"], list[str]]:
    """(results by entry_key, notices): an absent cache is empty and silent; an unusable one is
    empty with a 提示 saying it was ignored. `kind` is the dataclass each result is decoded into
    (summary.BranchSummary, passed in so that the cache sits below the summary)."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return {}, []
    except OSError:
        return {}, [f"汇总缓存“{path.name}”无法读取，已忽略，所有台账重新读取"]
    try:
        if size > MAX_BYTES:
            raise CacheUnusable("too large")
        with open(path, "rb") as handle:
            document = json.loads(handle.read(MAX_BYTES + 1))
        if not isinstance(document, dict) or document.get("format") != FORMAT:
            raise CacheUnusable("not a cache of this format")
        if document.get("program") != program_fingerprint():
            return {}, []  # another version of the program: its results may differ, none is used
        entries = document.get("entries")
        if not isinstance(entries, dict) or len(entries) > MAX_ENTRIES:
            raise CacheUnusable("entries")
        return {key: _decode(kind, value, skip=LOCATION_FIELDS) for key, value in entries.items()}, []
    except (OSError, ValueError, TypeError, KeyError, RecursionError):
        return {}, [f"汇总缓存“{path.name}”已损坏或不是本程序写的，已忽略，所有台账重新读取"]


def save_cache(path: Path, results: Mapping[str, "BranchSummary"]) -> list[str]:
    """Write the cache whole (the output policy); the notices when it could not be written."""
    from ..errors import DangjianError
    from ..files import atomic_output

    entries = {key: _encode(result, skip=LOCATION_FIELDS) for key, result in list(results.items())[:MAX_ENTRIES]}
    text = json.dumps({"format": FORMAT, "program": program_fingerprint(), "entries": entries},
                      ensure_ascii=False, separators=(",", ":"))
    if len(text.encode()) > MAX_BYTES:
        return [f"汇总结果太多，未保存缓存“{Path(path).name}”"]
    try:
        with atomic_output(path) as temporary:
            Path(temporary).write_text(text, encoding="utf-8")
    except DangjianError as exc:
        return [f"未能保存汇总缓存（{exc}），下次汇总将重新读取所有台账"]
    return []


def _encode(value, *, skip=()):
    if value is None or isinstance(value, (bool, int, float)) and not isinstance(value, Enum):
        return value
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, str):
        return value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    if dataclasses.is_dataclass(value):
        return {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value) if f.name not in skip}
    if isinstance(value, Mapping):
        return {str(k): _encode(v) for k, v in value.items()}
    if isinstance(value, (tuple, list)):
        return [_encode(v) for v in value]
    raise TypeError(f"cannot keep a {type(value).__name__} in the summary cache")


@lru_cache(maxsize=None)
def _hints(cls) -> dict:
    return typing.get_type_hints(cls)


def _decode(hint, value, *, skip=()):
    """`value` (from JSON) as an instance of `hint`; CacheUnusable when it is anything else."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        if value is None and type(None) in args:
            return None
        for arg in args:
            if arg is not type(None):
                try:
                    return _decode(arg, value)
                except CacheUnusable:
                    continue
        raise CacheUnusable(f"{value!r} is none of {hint}")
    if isinstance(hint, type) and issubclass(hint, Enum):
        try:
            return hint(value)
        except ValueError:
            raise CacheUnusable(f"{value!r} is no {hint.__name__}") from None
    if hint is bool:
        return _expect(value, bool)
    if hint is int:
        if isinstance(value, bool):
            raise CacheUnusable("a bool for an int")
        return _expect(value, int)
    if hint is float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise CacheUnusable("not a number")
        return float(value)
    if hint is str:
        return _expect(value, str)
    if hint is Decimal:
        try:
            number = Decimal(_expect(value, str))
        except InvalidOperation:
            raise CacheUnusable("not an amount") from None
        if not number.is_finite():
            raise CacheUnusable("not a finite amount")
        return number
    if hint is date:
        return date.fromisoformat(_expect(value, str))  # ValueError: caught by load_cache
    if hint is Path:
        return Path(_expect(value, str))
    if dataclasses.is_dataclass(hint):
        _expect(value, dict)
        hints = _hints(hint)
        wanted = [f for f in dataclasses.fields(hint) if f.init and f.name not in skip]
        if set(value) != {f.name for f in wanted}:
            raise CacheUnusable(f"fields of {hint.__name__}")
        return hint(**{f.name: _decode(hints[f.name], value[f.name]) for f in wanted},
                    **{name: None for name in skip})
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return tuple(_decode(args[0], item) for item in _expect(value, list))
    if origin in (Mapping, dict, typing.Mapping) and len(args) == 2:
        return {_decode(args[0], k): _decode(args[1], v) for k, v in _expect(value, dict).items()}
    raise CacheUnusable(f"no decoding for {hint}")


def _expect(value, kind):
    if not isinstance(value, kind):
        raise CacheUnusable(f"{value!r} is no {kind.__name__}")
    return value


__all__ = ["cache_path", "entry_key", "load_cache", "program_fingerprint", "save_cache"]
