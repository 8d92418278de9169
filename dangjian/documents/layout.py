"""Print layout a rendered report gets once its text is known (GB/T 9704-2012).

What depends on the rendered text cannot sit in the template's styles: the indents of the
发文机关署名 and 成文日期 (7.3.5.2) follow their lengths, the 落款 must stay with whatever
paragraph happens to end the text, and the document properties carry the report's own
title and branch. `finish_report` applies all three to a python-docx Document.
"""
from __future__ import annotations

import unicodedata
from typing import Callable

from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.styles.style import StyleFactory

__all__ = ["SIGNATURE_STYLE", "DATE_STYLE", "closing_indents", "body_width", "finish_report"]

# The template's paragraph styles of the closing, by their names (a style's id may change
# when Word saves the template; its name does not).
SIGNATURE_STYLE = "落款"
DATE_STYLE = "成文日期"

BODY_CHAR_TWIPS = 320  # one 3号 character (16 pt)
RIGHT_SPACE = 2  # 右空二字
DATE_SHIFT = 2  # the date's first character two to the right of the signature's


def body_width(text: str) -> float:
    """Width in 3号 characters as 仿宋_GB2312 sets it: Chinese 1, Latin letters and digits ½."""
    return sum(1.0 if unicodedata.east_asian_width(c) in ("W", "F") else 0.5 for c in text)


def closing_indents(signature: str, date: str) -> tuple[float, float]:
    """Right indents (in characters) of the 发文机关署名 and the 成文日期 of a report without seal.

    GB/T 9704-2012 7.3.5.2: the name 右空二字, the date on the next line with its first
    character two characters right of the name's; when that would push the date past
    右空二字, the date is set 右空二字 and the name's right space grows to match.
    """
    signature_width, date_width = body_width(signature), body_width(date)
    date_right = RIGHT_SPACE + signature_width - DATE_SHIFT - date_width
    if date_right >= RIGHT_SPACE:
        return float(RIGHT_SPACE), date_right
    return RIGHT_SPACE + date_width + DATE_SHIFT - signature_width, float(RIGHT_SPACE)


def finish_report(document, *, title: str | None = None, author: str | None = None) -> None:
    """Lay out the closing, keep it with the text, and set the document's properties."""
    paragraphs = document.paragraphs
    style_name = _style_names(document)
    signature = next((i for i, p in enumerate(paragraphs) if style_name(p) == SIGNATURE_STYLE), None)
    if signature is not None:
        date = signature + 1
        if date < len(paragraphs) and style_name(paragraphs[date]) == DATE_STYLE:
            name_right, date_right = closing_indents(paragraphs[signature].text, paragraphs[date].text)
            _set_right_indent(paragraphs[signature], name_right)
            _set_right_indent(paragraphs[date], date_right)
        _keep_with_text_before(paragraphs, signature)
    _set_properties(document, title=title, author=author)


def _property_text(text: str) -> str:
    return text if len(text) <= MAX_PROPERTY_CHARS else text[:MAX_PROPERTY_CHARS - 1] + "…"


def _style_names(document) -> Callable[[object], str | None]:
    """A paragraph's style name as `paragraph.style.name` finds it, from one pass over the styles:
    python-docx searches the styles part anew for each paragraph (a tenth of the report's writing).

    As there, a style id is the first style of that id, and one missing or not a paragraph style
    stands for the default paragraph style.
    """
    first: dict[str, object] = {}
    for element in document.styles.element.style_lst:  # elements: a style without w:type has no proxy
        if element.styleId:
            first.setdefault(element.styleId, element)
    names = {style_id: StyleFactory(element).name for style_id, element in first.items()
             if element.type == WD_STYLE_TYPE.PARAGRAPH}
    default = document.styles.default(WD_STYLE_TYPE.PARAGRAPH)
    fallback = default.name if default is not None else None
    return lambda paragraph: names.get(paragraph._p.style, fallback)


def _set_right_indent(paragraph, chars: float) -> None:
    ind = paragraph._p.get_or_add_pPr().get_or_add_ind()
    # Word reads rightChars (hundredths of a character); LibreOffice the twips beside it.
    ind.set(qn("w:rightChars"), str(round(chars * 100)))
    ind.set(qn("w:right"), str(round(chars * BODY_CHAR_TWIPS)))


def _keep_with_text_before(paragraphs, signature: int) -> None:
    """The blank line and the last text paragraph move to a new page together with the 落款.

    keepNext on each of them; the last text paragraph also gets widow control, so at least
    two of its lines go along rather than its last line alone.
    """
    for paragraph in reversed(paragraphs[:signature]):
        ppr = paragraph._p.get_or_add_pPr()
        _set_flag(ppr, "w:keepNext", True)
        if paragraph.text.strip():
            _set_flag(ppr, "w:widowControl", True)
            break


def _set_flag(ppr, tag: str, on: bool) -> None:
    element = ppr.find(qn(tag))
    if element is None:
        element = OxmlElement(tag)
        ppr.insert_element_before(element, *_PPR_AFTER[tag])
    element.set(qn("w:val"), "1" if on else "0")


# CT_PPr's child order (ECMA-376 17.3.1.26) after keepNext / widowControl.
_PPR_ORDER = (
    "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl", "w:numPr",
    "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku",
    "w:wordWrap", "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi",
    "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
    "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
    "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)
_PPR_AFTER = {tag: _PPR_ORDER[_PPR_ORDER.index(tag) + 1:] for tag in ("w:keepNext", "w:widowControl")}


# A document property holds at most 255 characters (python-docx refuses more, Word cuts them).
MAX_PROPERTY_CHARS = 255


def _set_properties(document, *, title: str | None, author: str | None) -> None:
    properties = document.core_properties
    if title is not None:
        properties.title = _property_text(title)
    if author is not None:
        # A 党组织名称 of 300 characters is the author: cut, the document is still written.
        properties.author = properties.last_modified_by = _property_text(author)
    # A preview picture saved with the template would show the template, not this report.
    package = document.part.package
    for key, relationship in list(package.rels.items()):
        if relationship.reltype == RT.THUMBNAIL:
            package.rels.pop(key)
