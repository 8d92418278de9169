#!/usr/bin/env bash
# Everything the tests need on a fresh Debian/Ubuntu machine: LibreOffice (calc, writer),
# CJK fonts, poppler, and the Python packages. Safe to run again: what is there is not installed
# again, and without root or sudo the missing system parts are named (their tests are skipped).
set -euo pipefail
cd "$(dirname "$0")/.."

# The font list is read whole before it is searched: `fc-list | grep -q` under pipefail fails
# whenever grep has its match before fc-list has finished writing (SIGPIPE).
fonts="$(fc-list : family 2>/dev/null || true)"
missing=()
command -v soffice >/dev/null 2>&1 || missing+=("LibreOffice")
command -v pdffonts >/dev/null 2>&1 || missing+=("poppler（pdffonts、pdftotext）")
grep -qi "Noto Serif CJK" <<<"$fonts" || missing+=("思源宋体（Noto Serif CJK）")
grep -qi "UKai" <<<"$fonts" || missing+=("楷体（AR PL UKai）")

if [ ${#missing[@]} -gt 0 ]; then
  packages="libreoffice-calc libreoffice-writer fonts-noto-cjk fonts-arphic-ukai poppler-utils fontconfig"
  if [ "$(id -u)" -eq 0 ]; then
    SUDO=""
  elif command -v sudo >/dev/null 2>&1 && { sudo -n true 2>/dev/null || [ -t 0 ]; }; then
    SUDO="sudo"  # asks for the password only at a terminal
  else
    SUDO="-"
  fi
  if command -v apt-get >/dev/null 2>&1 && [ "$SUDO" != "-" ]; then
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $packages >/dev/null
  else
    how="请以 root 身份（或用 sudo）重新运行本脚本，或自行安装"
    command -v apt-get >/dev/null 2>&1 && how="请以 root 身份（或用 sudo）运行：apt-get install $packages"
    listed=""
    for part in "${missing[@]}"; do listed="${listed:+$listed、}$part"; done
    echo "缺少：$listed。$how；在此之前，需要它们的测试将被跳过。" >&2
  fi
fi

# pip is asked only when a pinned package is missing or of another version: a second run installs
# nothing, and a system Python that refuses pip (externally-managed-environment) is no obstacle
# once the packages are there.
if ! python3 - <<'EOF'
import sys
from importlib import metadata
from pathlib import Path


def pins(path: Path):
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#")[0].strip()
        if line.startswith("-r"):
            yield from pins(path.parent / line[2:].strip())
        elif line:
            yield line


for pin in pins(Path("requirements-test.txt")):
    name, equals, version = pin.partition("==")
    if not equals or ";" in version:
        sys.exit(1)  # anything but a plain pin is pip's to judge
    try:
        if metadata.version(name.strip()) != version.strip():
            sys.exit(1)
    except metadata.PackageNotFoundError:
        sys.exit(1)
EOF
then
  python3 -m pip install -q --disable-pip-version-check -r requirements-test.txt
fi
