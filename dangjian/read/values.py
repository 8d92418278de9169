"""Turn one raw cell value into the type its column declares.

Every parser raises `CellValueError` with a Chinese sentence about the text found; the
reader adds the sheet and cell.
"""
from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation, ROUND_HALF_UP
from functools import lru_cache

from ..schema import Kind, NO, YES

CENT = Decimal("0.01")
_EXCEL_EPOCH = date(1899, 12, 30)
_DATE_PATTERNS = (
    re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})[日号]?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
)
# A time after the date ("2023-10-09 14:30", "2023/10/9 8:00:00") says nothing the column needs.
_TIME_SUFFIX = re.compile(r"(?:\s+|T)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?$")
_DATE_SPACES = re.compile(r"\s*([-/.年月日号])\s*")
# Spoken names of a choice that mean the dropdown's value: 星期五, 礼拜五 and 周五 are one day.
_CHOICE_ALIASES = ((re.compile(r"^(?:星期|礼拜)(?=[一二三四五六日天]$)"), "周"), (re.compile(r"^周天$"), "周日"))
_LIST_SEPARATORS = re.compile(r"[、,，;；/\s]+")


_SPACES = re.compile(r"\s+")
_UNIT_SUFFIX = re.compile(r"(元|人|次|名)$")


class CellValueError(ValueError):
    """A cell whose content does not fit its column."""


def clean_text(value: object) -> str:
    """Free text as written, without surrounding spaces (Chinese punctuation kept)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip(" \t\r\n\u3000")


def folded(value: object) -> str:
    """Full-width letters, digits and signs folded to half-width, for values compared or parsed."""
    return unicodedata.normalize("NFKC", clean_text(value)).strip()


# A mainland mobile number (11 digits from 13x to 19x), spaces and hyphens aside: a person's phone.
_MOBILE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")


def is_mobile_number(value: object) -> bool:
    """True when `value` holds a mobile number (a person's phone, never printed in a paper)."""
    return bool(_MOBILE.search(re.sub(r"[\s-]", "", str(value or ""))))


def clean_name(value: object) -> str:
    """A name (or choice) as compared everywhere: half-width, without any spaces, one 间隔号."""
    if value.__class__ is str and len(value) <= _NAME_MEMO_LENGTH:
        return _clean_short_name(value)
    return _SPACES.sub("", folded(value)).translate(_NAME_DOTS)


# The 间隔号 of a name such as 阿卜杜·热合曼 is typed many ways (• ・ . ．): compared as one, so
# the same member typed two ways in two sheets is not “not on the roll”.
_NAME_DOTS = str.maketrans(dict.fromkeys(".•・‧∙⋅", "·"))


# The rules compare the same few thousand names tens of thousands of times in a 党委's workbook;
# only short texts are kept, so a sheet of huge cells cannot grow the memo past a few megabytes.
_NAME_MEMO_LENGTH = 40


@lru_cache(maxsize=1 << 15)
def _clean_short_name(text: str) -> str:
    return _SPACES.sub("", folded(text)).translate(_NAME_DOTS)


def shown(value: object, limit: int = 30) -> str:
    """A raw value quoted for a message, cut short so that huge cells stay readable."""
    text = str(value)
    return text if len(text) <= limit else text[:limit] + "…"


def parse_date(value: object) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        return _from_serial(float(value), value)
    text = _DATE_SPACES.sub(r"\1", _TIME_SUFFIX.sub("", folded(value)))
    for pattern in _DATE_PATTERNS:
        match = pattern.match(text)
        if match:
            year, month, day = (int(part) for part in match.groups())
            try:
                return date(year, month, day)
            except ValueError:
                raise CellValueError(f"“{shown(value)}”不是有效日期（{year}年{month}月没有{day}日），"
                                     "请写成 2023-10-09 或 2023年10月9日这样的日期") from None
    if re.fullmatch(r"\d+(\.\d+)?", text):
        return _from_serial(float(text), value)
    raise CellValueError(f"“{shown(value)}”不是可识别的日期，请写成 2023-10-09 或 2023年10月9日")


def _from_serial(serial: float, raw: object) -> date:
    # Excel serials: 1 = 1900-01-01; anything outside 1900–2200 is not a date someone meant.
    if not 1 <= serial < 110_000:
        raise CellValueError(f"“{shown(raw)}”不是可识别的日期")
    return _EXCEL_EPOCH + timedelta(days=int(serial))


def parse_decimal(value: object) -> Decimal:
    if isinstance(value, bool):
        raise CellValueError(f"“{shown(value)}”不是数字")
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    text = folded(value).replace(",", "").replace(" ", "")  # NFKC has made ， a plain comma
    text = _UNIT_SUFFIX.sub("", text).lstrip("¥￥")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise CellValueError(f"“{shown(value)}”不是数字") from None
    if not number.is_finite():
        raise CellValueError(f"“{shown(value)}”不是数字")
    return number


MAX_MONEY = Decimal(10) ** 12


def parse_money(value: object) -> Decimal:
    number = parse_decimal(value)
    if number < 0:
        raise CellValueError(f"金额不能为负数：“{shown(value)}”")
    # Beyond this no amount is meant; Decimal's quantize would also fail on it.
    if number >= MAX_MONEY:
        raise CellValueError(f"金额过大：“{shown(value)}”")
    return number.quantize(CENT, rounding=ROUND_HALF_UP)


def parse_int(value: object) -> int:
    number = parse_decimal(value)
    if number != number.to_integral_value() or number < 0:
        raise CellValueError(f"“{shown(value)}”不是非负整数")
    return int(number)


def parse_choice(value: object, choices: tuple[str, ...]) -> str:
    text = clean_name(value)
    if text not in choices:
        for pattern, replacement in _CHOICE_ALIASES:
            text = pattern.sub(replacement, text)
    if text not in choices:
        raise CellValueError(f"“{shown(value)}”不是可选值（可选：{'、'.join(choices)}）")
    return text


def parse_multi(value: object, choices: tuple[str, ...]) -> tuple[str, ...]:
    parts = tuple(p for p in _LIST_SEPARATORS.split(folded(value)) if p)
    unknown = [p for p in parts if p not in choices]
    if unknown:
        raise CellValueError(f"“{shown('、'.join(unknown))}”不是可选值（可选：{'、'.join(choices)}）")
    return parts


def parse_yes_no(value: object) -> bool:
    text = clean_name(value)
    if text in (YES, "Y", "y", "√", "TRUE", "True", "true", "1"):
        return True
    if text in (NO, "N", "n", "×", "FALSE", "False", "false", "0"):
        return False
    raise CellValueError(f"“{shown(value)}”应为“是”或“否”")


def parse_value(value: object, kind: Kind, choices: tuple[str, ...] = ()) -> object:
    """The typed value of a non-blank cell."""
    if kind is Kind.DATE:
        return parse_date(value)
    if kind is Kind.INT:
        return parse_int(value)
    if kind is Kind.MONEY:
        return parse_money(value)
    if kind is Kind.CHOICE:
        return parse_choice(value, choices)
    if kind is Kind.MULTI:
        return parse_multi(value, choices)
    if kind is Kind.YES_NO:
        return parse_yes_no(value)
    return clean_text(value)


# What a spreadsheet shows for a formula that failed (Excel 365's newer ones included).
SPREADSHEET_ERRORS = frozenset((
    "#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA", "#SPILL!",
    "#CONNECT!", "#BLOCKED!", "#UNKNOWN!", "#FIELD!", "#CALC!", "#BUSY!", "#PYTHON!",
))


# Excel hands an error cell to COM (and so to xlwings) as the integer 0x800A0000 + its code:
# #N/A (2042) arrives as -2146826246, #CALC! (2050) as -2146826238.
_COM_ERROR_BASE = -2146828288
_ERROR_CODES = {2000: "#NULL!", 2007: "#DIV/0!", 2015: "#VALUE!", 2023: "#REF!", 2029: "#NAME?", 2036: "#NUM!",
                2042: "#N/A", 2043: "#GETTING_DATA", 2045: "#SPILL!", 2046: "#CONNECT!", 2047: "#BLOCKED!",
                2048: "#UNKNOWN!", 2049: "#FIELD!", 2050: "#CALC!"}


def com_error_value(value: object) -> str | None:
    """The error an xlwings cell value stands for (#N/A for -2146826246), or None."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return _ERROR_CODES.get(value - _COM_ERROR_BASE)
    return None


def spreadsheet_error(value: object) -> str | None:
    """The error value a cell shows (#N/A, #DIV/0!, …), or None."""
    if isinstance(value, str) and value.startswith("#"):
        text = value.strip().upper()
        return text if text in SPREADSHEET_ERRORS else None
    return None


def is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip(" \t\r\n\u3000"))


def header_key(text: object) -> str:
    """A header reduced to what identifies it: no spaces, half-width, no unit suffix, no ★."""
    key = clean_name(text).replace("★", "").replace("*", "")
    return re.sub(r"\((元|人|次|年|个|名)\)$", "", key)


# Chinese clause marks only: ASCII ; and . end entities (&amp;) and abbreviations too often.
_CLAUSE_ENDS = "。．，,、；："
_SENTENCE_ENDS = ("。", "！", "？", "…", "。”", "！”", "？”", "。）")


def as_phrase(text: object) -> str:
    """A cell spliced into the middle of a sentence: without the punctuation a secretary typed at its end."""
    return clean_text(text).rstrip(_CLAUSE_ENDS + " \u3000")


def as_sentence(text: object) -> str:
    """A cell printed as a sentence of its own: ending in exactly one 。 (or its own ！？…)."""
    body = clean_text(text)
    if not body or body.endswith(_SENTENCE_ENDS):
        return body
    return as_phrase(body) + "。"


def format_date(day: date, *, with_year: bool = True) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if with_year else f"{day.month}月{day.day}日"


def format_money(amount: Decimal) -> str:
    return f"{amount.quantize(CENT, rounding=ROUND_HALF_UP):.2f}"
