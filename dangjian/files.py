"""The one output policy: every file the tool writes goes through `writing()`.

- never over a file someone has open or marked read-only: that one is left alone and the
  output goes to “name(1).ext” (then (2), (3), …) beside it;
- whole or not at all: the file is written under a hidden temporary name in the same folder
  and renamed into place only once complete, so a crash or kill -9 leaves no half file.
"""
from __future__ import annotations

import os
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from .errors import DangjianError, os_error_text, printable

MAX_ALTERNATIVES = 99


class OutputNotWritable(DangjianError):
    """The output path cannot be written (folder missing, no permission, file open elsewhere)."""


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
    """A file name from data: no control characters, no characters Windows forbids in a name."""
    cleaned = "".join("_" if ch in '\\/:*?"<>|\n\t' else ch for ch in printable(name))
    return cleaned.strip().strip(".") or fallback


@contextmanager
def _atomic(path: Path) -> Iterator[Path]:
    path = Path(path)
    if not path.parent.is_dir():
        raise OutputNotWritable(f"输出文件夹“{path.parent}”不存在")
    if path.is_dir():
        raise OutputNotWritable(f"无法写入“{path}”：这是一个文件夹，请另指定一个文件名")
    try:
        handle, name = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=path.suffix + ".tmp", dir=path.parent)
    except OSError as exc:
        raise OutputNotWritable(f"无法在文件夹“{path.parent}”中写入文件（{os_error_text(exc)}）") from exc
    os.close(handle)
    temporary = Path(name)
    try:
        _usual_permissions(temporary)
        yield temporary
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


def available_output(path: Path) -> Path:
    """`path` itself, or when it is in use the first free “name(1).docx”, “name(2).docx”, …"""
    path = Path(path)
    if not is_in_use(path):
        return path
    for number in range(1, MAX_ALTERNATIVES + 1):
        candidate = path.with_name(f"{path.stem}({number}){path.suffix}")
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
