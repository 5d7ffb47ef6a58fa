"""A session card as a one-page A4 PDF, drawn with ReportLab (the only module that imports it).

ReportLab installs from PyPI alone (a pure-Python wheel; no system library, unlike renderers
built on Cairo or Pango), so ``make run`` stays two commands on a fresh machine. Its fonts
travel inside the wheel too: the card is set in Bitstream Vera, embedded, which covers the
Latin letters Dutch and English (and most names) need.

One page, always: the whole card is laid out in a frame the size of the page that shrinks
its content when it would not fit (``KeepInFrame``). A story long enough to need that is
printed in its short form first (``story_text``), so shrinking is a last resort, not the plan.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    Flowable,
    KeepInFrame,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from .content import SessionCard

MARGIN = 16 * mm
INK = colors.HexColor("#1d2433")
MUTED = colors.HexColor("#5b6475")
ACCENT = colors.HexColor("#1f6f5c")
LINE = colors.HexColor("#c9ced8")
TINT = colors.HexColor("#f3f8f6")
FONT, BOLD, ITALIC = "StoryCoachVera", "StoryCoachVera-Bold", "StoryCoachVera-Italic"
FRAME_PADDING = 6
"""What ReportLab's page frame leaves around its content, on each side (its default)."""
TRY_SPACE = 40 * mm
"""The empty box the team writes what they try this week in."""


def _register_fonts() -> None:
    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    # The Vera files ship in ReportLab's own fonts folder, on its TrueType search path.
    pdfmetrics.registerFont(TTFont(FONT, "Vera.ttf"))
    pdfmetrics.registerFont(TTFont(BOLD, "VeraBd.ttf"))
    pdfmetrics.registerFont(TTFont(ITALIC, "VeraIt.ttf"))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=BOLD, italic=ITALIC, boldItalic=BOLD)


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("body", fontName=FONT, fontSize=10.4, leading=13.8, textColor=INK)
    return {
        "body": ParagraphStyle("story", parent=base, spaceAfter=4.5),
        "kicker": ParagraphStyle("kicker", parent=base, fontSize=8.5, textColor=ACCENT),
        "title": ParagraphStyle(
            "title", parent=base, fontName=BOLD, fontSize=19, leading=23, spaceBefore=2
        ),
        "byline": ParagraphStyle("byline", parent=base, fontSize=8.5, textColor=MUTED),
        "heading": ParagraphStyle(
            "heading", parent=base, fontName=BOLD, fontSize=11.5, spaceBefore=8, spaceAfter=3
        ),
        "core": ParagraphStyle("core", parent=base, fontName=ITALIC),
        "note": ParagraphStyle("note", parent=base, fontSize=8, leading=10, textColor=MUTED),
        "small": ParagraphStyle("small", parent=base, fontSize=9.8, leading=12.6, spaceAfter=3),
    }


def _text(value: str) -> str:
    """Plain text for a ``Paragraph``, which reads a little markup: escaped, so a story's
    ``<`` or ``&`` is printed, never read as markup."""
    return escape(value)


def _boxed(content: Sequence[Flowable], background: colors.Color | None) -> Table:
    table = Table([[list(content)]], colWidths=["100%"], hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 0.6, LINE),
                ("LEFTPADDING", (0, 0), (-1, -1), 6),
                ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    if background is not None:
        table.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, -1), background)]))
    return table


def _flowables(card: SessionCard) -> list[Flowable]:
    s = _styles()
    labels = card.labels
    parts: list[Flowable] = [
        Paragraph(_text(labels["heading"]), s["kicker"]),
        Paragraph(_text(card.title), s["title"]),
        Paragraph(_text(card.byline), s["byline"]),
        Spacer(1, 5),
    ]
    if card.core_message:
        core = [
            Paragraph(f"<b>{_text(labels['core_message'])}</b>", s["small"]),
            Paragraph(_text(card.core_message), s["core"]),
        ]
        parts.append(_boxed(core, TINT))
    parts.append(Paragraph(_text(labels["story"]), s["heading"]))
    parts += [Paragraph(_text(block), s["body"]) for block in card.story]
    if card.short_form:
        parts.append(Paragraph(_text(labels["short_form"]), s["note"]))
    questions = [Paragraph(_text(labels["questions"]), s["heading"])] + [
        Paragraph(f"{number}. {_text(q)}", s["small"])
        for number, q in enumerate(card.questions, start=1)
    ]
    timings = [Paragraph(_text(labels["timings"]), s["heading"])] + [
        Paragraph(f"<b>{_text(step.minutes)}</b>  {_text(step.text)}", s["small"])
        for step in card.steps
    ]
    side_by_side = Table([[questions, timings]], colWidths=["56%", "44%"], hAlign="LEFT")
    side_by_side.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (0, 0), 10),
                ("RIGHTPADDING", (1, 0), (1, 0), 0),
            ]
        )
    )
    parts.append(side_by_side)
    parts.append(Paragraph(_text(labels["try_this_week"]), s["heading"]))
    space = [Paragraph(_text(labels["try_hint"]), s["note"]), Spacer(1, TRY_SPACE)]
    parts.append(_boxed(space, None))
    parts += [Spacer(1, 6), Paragraph(_text(labels["footer"]), s["note"])]
    return parts


def card_pdf(card: SessionCard) -> bytes:
    """The card as a PDF of exactly one A4 page, in the card's language."""
    _register_fonts()
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=card.title,
        author=card.byline,
        creator="StoryCoach",
        lang=card.language.value,
        invariant=True,  # the same card gives the same bytes (no creation time, fixed id)
    )
    # The frame pads its content on every side; a hair less again, so rounding never
    # pushes the card to a second page.
    width = document.width - 2 * FRAME_PADDING
    height = document.height - 2 * FRAME_PADDING - 1
    fitted = KeepInFrame(width, height, _flowables(card), mode="shrink")
    document.build([fitted])
    return buffer.getvalue()
