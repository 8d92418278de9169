"""Findings are data: a type (code, level, 依据) declared once, an instance placed at a cell.

Checks and the reader return findings instead of raising; the command line derives its
exit code from the collected `CheckReport`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Iterable


class Level(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def chinese(self) -> str:
        return {"error": "错误", "warning": "警告", "info": "提示"}[self.value]


_LEVEL_ORDER = {Level.ERROR: 0, Level.WARNING: 1, Level.INFO: 2}


@dataclass(frozen=True)
class Finding:
    """One problem at one place: its rule (`code`), level, sheet and cell, and the sentence for the secretary."""

    code: str
    level: Level
    sheet: str
    cell: str  # "B12", a range "B2:B40", or "" for the sheet as a whole
    message: str
    basis: str = ""
    title: str = field(default="", compare=False, repr=False)  # the rule's Chinese name (FindingType.title)

    @property
    def address(self) -> str:
        return f"{self.sheet}!{self.cell}" if self.cell else self.sheet

    def to_dict(self) -> dict:
        return {
            "level": self.level.value,
            "sheet": self.sheet,
            "cell": self.cell,
            "message": self.message,
            "rule": self.code,
            "basis": self.basis,
        }


_DECLARED: dict[str, "FindingType"] = {}


def declared_types() -> list["FindingType"]:
    """Every FindingType declared by the modules imported so far, in declaration order."""
    return list(_DECLARED.values())


@dataclass(frozen=True)
class FindingType:
    """What a finding means; `at()` places one instance of it."""

    code: str
    level: Level
    title: str
    basis: str = ""

    def __post_init__(self) -> None:
        # Every declaration is listed (README's table of codes is generated from this), and a
        # code means one thing: a second, different declaration of it is a programming error.
        declared = _DECLARED.setdefault(self.code, self)
        if declared != self:
            raise ValueError(f"finding code {self.code!r} declared twice, differently")

    def at(self, address: str, message: str, *, basis: str | None = None) -> Finding:
        sheet, _, cell = address.partition("!")
        return Finding(self.code, self.level, sheet, cell, message, self.basis if basis is None else basis, self.title)


@dataclass
class CheckReport:
    """The findings of a check: errors, warnings and 提示 alike."""

    findings: list[Finding] = field(default_factory=list)

    def extend(self, findings: Iterable[Finding]) -> None:
        self.findings.extend(findings)

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.level is Level.ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.level is Level.WARNING]

    @property
    def valid(self) -> bool:
        return not self.errors

    def sorted(self, sheet_order: Iterable[str] = ()) -> list[Finding]:
        order = {name: i for i, name in enumerate(sheet_order)}
        return sorted(
            self.findings,
            key=lambda f: (order.get(f.sheet, len(order)), f.sheet, _cell_sort_key(f.cell), _LEVEL_ORDER[f.level]),
        )

    def flatten(self, fields: Iterable[str] = ("code", "address")) -> list[tuple]:
        fields = tuple(fields)
        return [tuple(getattr(f, name) for name in fields) for f in self.findings]

    def summary(self) -> dict:
        return {
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            "infos": sum(f.level is Level.INFO for f in self.findings),
            "valid": self.valid,
        }

    def counts_text(self) -> str:
        """'2处错误、1处警告' (levels that occur only), or '0处问题'."""
        summary = self.summary()
        parts = [f"{summary['errors']}处错误"] if summary["errors"] else []
        if summary["warnings"]:
            parts.append(f"{summary['warnings']}处警告")
        if summary["infos"]:
            parts.append(f"{summary['infos']}条提示")
        return "、".join(parts) or "0处问题"

    def to_dict(self, sheet_order: Iterable[str] = ()) -> dict:
        return {"findings": [f.to_dict() for f in self.sorted(sheet_order)], "summary": self.summary()}


def _cell_sort_key(cell: str) -> tuple[int, str]:
    digits = "".join(ch for ch in cell.split(":")[0] if ch.isdigit())
    return (int(digits) if digits else 0, cell)
