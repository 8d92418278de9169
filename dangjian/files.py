"""The one output policy: every file the tool writes goes through `writing()`.

- never over a file someone has open or marked read-only: that one is left alone and the
  output goes to “name(1).ext” (then (2), (3), …) beside it;
- whole or not at all: the file is written under a hidden temporary name in the same folder
  and renamed into place only once complete, so a crash or kill -9 leaves no half file;
- never over a file the command reads: inside `reading(...)` no output — the path asked for,
  a “(1)” copy, the file renamed into place — may be the workbook, the template or a workbook
  being summarised, by name, through a symbolic link or as a hard link. The path asked for is
  refused; a “(1)” copy that would be one is passed over for the next number. Checked when the
  output is chosen and again just before the rename (the moment the file is replaced); the
  temporary file is always a new file (created exclusively), so it can never be one.
"""
from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Optional

from .errors import DangjianError, os_error_text, printable

MAX_ALTERNATIVES = 99
# A name made from data (the default report name) is cut to this many bytes (UTF-8) before its
# suffix: a file name may have 255, and a “(99)” copy still has to fit.
MAX_NAME_BYTES = 200
# The temporary file's name does not repeat the output's: a legal 250-byte name must not be
# refused because its temporary name is longer.
TEMPORARY_PREFIX = ".dangjian-"


class OutputNotWritable(DangjianError):
    """The output path cannot be written (folder missing, no permission, file open elsewhere)."""


class OutputRefused(OutputNotWritable):
    """An output path refused: a wrong file type, or a file the command reads."""


@dataclass(frozen=True)
class _Source:
    """A file the command reads, which no output of it may overwrite."""

    role: str  # how a message names it: 台账文件, 模板文件, 被汇总的台账
    path: Path
    identity: Optional[tuple[int, int]]  # (st_dev, st_ino) when the command began: the file under any name


_SOURCES: ContextVar[tuple[_Source, ...]] = ContextVar("dangjian_sources", default=())


@contextmanager
def reading(sources: Iterable[tuple[str, Optional[Path]]]) -> Iterator[None]:
    """Within the block, no output may be one of `sources` ((role, path); a None path is left out).

    Blocks nest: an inner block adds its files to the outer one's.
    """
    added = tuple(_Source(role, Path(path), _identity(path)) for role, path in sources if path is not None)
    token = _SOURCES.set(_SOURCES.get() + added)
    try:
        yield
    finally:
        _SOURCES.reset(token)


def refuse_source(output: Path, what: str = "输出文件") -> None:
    """OutputRefused when `output` is a file the command reads (see `reading`)."""
    source = _source_of(output)
    if source is not None:
        raise OutputRefused(f"{what}不能写入{source.role}本身“{source.path}”，请另选一个文件名。")


def same_file(first: Path, second: Path) -> bool:
    """True when both paths name one file: one resolved name, or one file reached by a link,
    a hard link or a case-insensitive name (台账.XLSX on Windows and macOS)."""
    identity = _identity(first)
    return (identity is not None and identity == _identity(second)) or _resolved(first) == _resolved(second)


def _source_of(path: Path) -> Optional[_Source]:
    identity = _identity(path)
    for source in _SOURCES.get():
        if (identity is not None and identity == source.identity) or same_file(path, source.path):
            return source
    return None


def _identity(path) -> Optional[tuple[int, int]]:
    try:
        status = os.stat(path)
    except (OSError, ValueError):  # not there (yet), or a name no file can have
        return None
    return status.st_dev, status.st_ino


def _resolved(path) -> Path:
    try:
        return Path(path).resolve()
    except (OSError, RuntimeError, ValueError):  # a link loop, a NUL in the name: compared as written
        return Path(os.path.abspath(path))


@dataclass(frozen=True)
class Output:
    """Where one output goes: `temporary` is written, then renamed to `path`."""

    wanted: Path
    path: Path  # `wanted`, or its “(1)” copy when `wanted` is in use
    temporary: Path

    @property
    def moved(self) -> bool:
        return self.path != self.wanted


@contextmanager
def writing(path: Path) -> Iterator[Output]:
    """The output policy: yield an Output whose `temporary` the block writes; see the module doc."""
    wanted = Path(path)
    target = available_output(wanted)
    with _atomic(target) as temporary:
        yield Output(wanted, target, temporary)


@contextmanager
def atomic_output(path: Path) -> Iterator[Path]:
    """`writing(path)` for callers that only need the temporary path (the policy applies alike)."""
    with writing(path) as output:
        yield output.temporary


def safe_file_name(name: str, fallback: str = "输出") -> str:
    """A file name from data: no control characters, no characters Windows forbids in a name,
    at most MAX_NAME_BYTES (a 党组织名称 of 300 characters still gives a name a disk accepts)."""
    cleaned = "".join("_" if ch in '\\/:*?"<>|\n\t' else ch for ch in printable(name))
    cut = cleaned.encode("utf-8")[:MAX_NAME_BYTES].decode("utf-8", "ignore")
    return cut.strip().strip(".") or fallback


def suggested_name(output: Path, suffix: str) -> str:
    """The name to suggest for an output of the wrong type: “结果.xlsx” for “结果.docx”, and for
    “结果.xlsx.” (a trailing dot or space, which Windows drops) “结果.xlsx”, not “结果.xlsx..xlsx”."""
    name = Path(output).name.rstrip(". ")
    stem = name[: -len(suffix)] if name.lower().endswith(suffix) else Path(name).stem
    return f"{stem or Path(output).stem}{suffix}"


def refuse_wrong_type(output: Path, *, suffix: str, what: str) -> None:
    """OutputRefused when `output` does not end in `suffix` (.docx, .xlsx)."""
    if Path(output).suffix.lower() != suffix:
        raise OutputRefused(f"{what}应保存为{suffix}文件，“{output}”的扩展名不对，"
                            f"请改用“{suggested_name(output, suffix)}”这样的文件名。")


@contextmanager
def _atomic(path: Path) -> Iterator[Path]:
    path = Path(path)
    if not path.parent.is_dir():
        raise OutputNotWritable(f"输出文件夹“{path.parent}”不存在")
    if path.is_dir():
        raise OutputNotWritable(f"无法写入“{path}”：这是一个文件夹，请另指定一个文件名")
    try:
        handle, name = tempfile.mkstemp(prefix=TEMPORARY_PREFIX, suffix=path.suffix + ".tmp", dir=path.parent)
    except OSError as exc:
        raise OutputNotWritable(f"无法在文件夹“{path.parent}”中写入文件（{os_error_text(exc)}）") from exc
    os.close(handle)
    temporary = Path(name)
    try:
        _usual_permissions(temporary)
        yield temporary
        # Again at the moment of replacing: the name may have become a link to an input meanwhile.
        refuse_source(path)
        os.replace(temporary, path)
    except PermissionError as exc:
        raise OutputNotWritable(f"无法写入“{path}”：文件可能正在其他程序中打开，或没有写入权限") from exc
    except OSError as exc:
        # Inside the block only the output is written (disk full, name too long, a folder in the way).
        raise OutputNotWritable(f"无法写入“{path}”：{os_error_text(exc)}") from exc
    finally:
        if temporary.exists():
            temporary.unlink()


def is_in_use(path: Path) -> bool:
    """True when `path` exists and must not be replaced: read-only, or open in Word, WPS or LibreOffice.

    Word and WPS leave an owner file "~$name" beside an open document (with the first one or
    two characters of a long name dropped); LibreOffice leaves ".~lock.name#".
    """
    path = Path(path)
    if not path.exists():
        return False
    # The write bits, not only os.access: an administrator may write anything, but a file
    # someone marked read-only is not to be replaced.
    if not os.access(path, os.W_OK) or not path.stat().st_mode & 0o222:
        return True
    if os.name == "nt" and _is_locked_on_windows(path):
        return True
    name = path.name
    owners = {f"~${name}", f"~${name[1:]}", f"~${name[2:]}", f".~lock.{name}#"}
    return any((path.parent / owner).exists() for owner in owners)


def available_output(path: Path, *, fresh: bool = False) -> Path:
    """`path` itself, or when it is in use the first free “name(1).docx”, “name(2).docx”, …

    OutputRefused when `path` is a file the command reads (`reading`); a copy that would be one
    is passed over. With `fresh` a copy is only ever a new file (a blank workbook must not
    replace an existing “台账(1).xlsx”, which may be another year's or another branch's).
    """
    path = Path(path)
    refuse_source(path)
    if not is_in_use(path):
        return path
    for number in range(1, MAX_ALTERNATIVES + 1):
        candidate = path.with_name(f"{path.stem}({number}){path.suffix}")
        if _source_of(candidate) is not None or (fresh and os.path.lexists(candidate)):
            continue
        # An existing, unused “name(1).docx” was written by an earlier run: replacing it is
        # what happens to the report itself.
        if not is_in_use(candidate):
            return candidate
    raise OutputNotWritable(f"“{path}”正在其他程序中打开或为只读，且已有{MAX_ALTERNATIVES}个同名副本，请关闭文件或换一个文件名")


def _usual_permissions(path: Path) -> None:
    # mkstemp makes the file private (0600); an output should get the usual permissions.
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(path, 0o666 & ~umask)


def _is_locked_on_windows(path: Path) -> bool:
    # Excel and Word open files with a deny-write share mode: opening for append fails.
    try:
        with open(path, "ab"):
            return False
    except PermissionError:
        return True
    except OSError:
        return False
