"""Checks of this theme; see ../../shared/spec/rules.md."""
from __future__ import annotations

CHECKS: list = []
