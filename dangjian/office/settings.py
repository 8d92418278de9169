"""The desktop window's per-user settings: which workbook (and folder) was used last.

A small JSON file in the per-user settings folder, written through the output policy (whole or
not at all). Only paths are kept, never anything read from a workbook. A file that cannot be read
or holds nonsense counts as no settings: the window must still open.
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Optional

from ..files import OutputNotWritable, atomic_output

SETTINGS_FILE = "窗口设置.json"


def settings_folder(platform: str = sys.platform, environ=os.environ, home: Optional[Path] = None) -> Path:
    """APPDATA on Windows, ~/Library/Application Support on macOS, else XDG_CONFIG_HOME (~/.config)."""
    home = home or Path.home()
    if platform == "win32" and environ.get("APPDATA"):
        return Path(environ["APPDATA"]) / "dangjian"
    if platform == "darwin":
        return home / "Library" / "Application Support" / "dangjian"
    return Path(environ.get("XDG_CONFIG_HOME") or home / ".config") / "dangjian"


def _read(folder: Optional[Path]) -> dict:
    try:
        data = json.loads(((folder or settings_folder()) / SETTINGS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def remembered_path(key: str, *, folder: Optional[Path] = None) -> Optional[Path]:
    """The path last remembered under `key` ("workbook", "summary_folder"), if it still exists."""
    value = _read(folder).get(key)
    if not isinstance(value, str) or not value:
        return None
    path = Path(value)
    return path if path.exists() else None


def remember_path(key: str, path: Path, *, folder: Optional[Path] = None) -> bool:
    """Keep `path` under `key`; False when the settings file cannot be written (nothing else fails)."""
    folder = folder or settings_folder()
    data = _read(folder)
    data[key] = str(Path(path).resolve())
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with atomic_output(folder / SETTINGS_FILE) as temporary:
            temporary.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    except (OSError, OutputNotWritable):
        return False
    return True
