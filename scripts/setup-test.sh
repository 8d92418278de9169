#!/usr/bin/env bash
# Everything the tests need on a fresh Debian/Ubuntu machine: LibreOffice (calc, writer),
# CJK fonts, poppler, and the Python packages. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v soffice >/dev/null 2>&1 || ! command -v pdffonts >/dev/null 2>&1 \
   || ! fc-list 2>/dev/null | grep -qi "Noto Serif CJK" || ! fc-list 2>/dev/null | grep -qi "UKai"; then
  if command -v apt-get >/dev/null 2>&1; then
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
      libreoffice-calc libreoffice-writer fonts-noto-cjk fonts-arphic-ukai poppler-utils fontconfig >/dev/null
  else
    echo "未找到 apt-get：请自行安装 LibreOffice 和中文字体，相关测试将被跳过。" >&2
  fi
fi
python3 -m pip install -q --disable-pip-version-check -r requirements-test.txt
