"""The one PDF layout every document uses: guidelines, certificates, drill and self-check reports.

``core/fonts/`` holds subsets of Noto Sans SC (SIL Open Font License, see
``core/fonts/OFL.txt``) covering ASCII, Latin-1, common punctuation and the
GB 2312 hanzi. fpdf2 embeds only the glyphs a document uses, so PDFs stay small
and render the same on any machine.

Text is broken into lines here, not by fpdf2, following the Chinese line-breaking
rules (GB/T 15834 and W3C's "Requirements for Chinese Text Layout"): no line starts
with closing punctuation (。，、；：？！）》」』” …), none ends with opening punctuation
(（《「『“ …), and a number stays with its unit and range ("5 万元", "50%—100%").
Blocks (a guideline item, a finding) are kept whole on one page when they fit, and a
heading is never left alone at the foot of a page. The page footer sits inside the
bottom margin, clear of any frame drawn with :meth:`CJKPDF.frame`.
"""

import re
from dataclasses import dataclass
from pathlib import Path

from fpdf import FPDF

from core.downloads import attachment_response

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT_FAMILY = "cjk"
INK = (31, 41, 51)
MUTED = (97, 110, 124)
LEVEL_COLOURS = {"red": (198, 40, 40), "yellow": (183, 121, 31), "green": (46, 125, 50)}

MARGIN = 18  # mm, left, right and top
BOTTOM_MARGIN = 22  # mm: text stops here; the footer sits inside this margin
FOOTER_TOP = 18  # mm above the page's bottom edge
FOOTER_HEIGHT = 5
FRAME_INSETS = (8, 10.5)  # mm from the edge: outside the footer (which ends 13 mm above the edge)
LABEL_WIDTH = 32
LINE_HEIGHT = 0.6  # line height per point of font size, in mm (about 1.7 em)

# Characters a line may not start with (they close or follow what precedes them) ...
NO_LINE_START = set("。，、；：？！）》」』”’〕】〉…—‥·・%％‰℃,.;:?!)]}")
# ... and characters a line may not end with (they open what follows them).
NO_LINE_END = set("（《「『“‘〔【〈([{")
# A number with its unit, and ranges of them: "5 万元", "50%—100%", "2026年", "3.5 小时", "1-3 个".
NUMBER_WITH_UNIT = re.compile(
    r"[0-9][0-9.,:]*(?:\s?(?:%|％|‰|万元|亿元|万|亿|元|年|月|日|天|个|次|人|倍|小时|分钟|分|项|名|份|条|km|kg|m|h))?"
    r"(?:\s?[—–~～\-至]\s?[0-9][0-9.,:]*(?:\s?(?:%|％|‰|万元|亿元|万|亿|元|年|月|日|天|个|次|人|倍|小时|分钟|分|项|名|份|条|km|kg|m|h))?)*"
)
RANGE_DASHES = "—–~～-"
LATIN_WORD = re.compile(r"[A-Za-z0-9@#&_/\\.:+=?\-'’]+")
DASHES = re.compile(r"[—…]{2,}")


def _units(text):
    """Split ``text`` into the smallest pieces a line may break between (spaces kept apart)."""
    units, position = [], 0
    while position < len(text):
        char = text[position]
        if char.isspace():
            units.append(" ")
            position += 1
            continue
        for pattern in (NUMBER_WITH_UNIT, DASHES, LATIN_WORD):
            match = pattern.match(text, position)
            if match and match.end() > position:
                units.append(match.group())
                position = match.end()
                break
        else:
            units.append(char)
            position += 1
    return units


def _glue(units):
    """Join pieces that must stay on one line: closing marks to what precedes, opening to what follows.

    A space beside such a mark is no break opportunity either.
    """
    glued = []
    for unit in units:
        previous = glued[-1] if glued else ""
        opens = previous.rstrip()[-1:] in NO_LINE_END if previous.strip() else False
        if unit == " ":
            if opens:
                glued[-1] = previous + unit
            else:
                glued.append(unit)
        elif unit[0] in NO_LINE_START and previous == " " and len(glued) > 1:
            glued.pop()
            glued[-1] += " " + unit
        elif previous.strip() and (unit[0] in NO_LINE_START or opens):
            glued[-1] = previous + unit
        else:
            glued.append(unit)
    return glued


def break_lines(text, width, measure):
    """``text`` broken into lines no wider than ``width`` (``measure(s)`` gives a string's width).

    Paragraph breaks in ``text`` are kept; Chinese line-breaking rules are followed; a piece too
    wide for a line on its own (a long URL) is cut where it must be.
    """
    lines = []
    for paragraph in str(text).split("\n"):
        line = ""
        for unit in _glue(_units(paragraph)):
            if unit == " " and not line:
                continue
            candidate = line + unit
            if measure(candidate.rstrip()) <= width:
                line = candidate
                continue
            if line.strip():
                lines.append(line.rstrip())
            line = "" if unit == " " else unit
            while measure(line) > width:  # a single piece wider than the line: cut it
                lines.append(line[: _cut(line, width, measure)])
                line = line[len(lines[-1]) :]
        lines.append(line.rstrip())
    return lines


def _cut(piece, width, measure):
    """Where to cut a piece wider than a line: the last fitting place the rules allow, if any."""
    fits = len(piece) - 1
    while fits > 1 and measure(piece[:fits]) > width:
        fits -= 1
    for cut in range(fits, 0, -1):
        before, after = piece[cut - 1], piece[cut]
        if after in NO_LINE_START or before in NO_LINE_END or (before.isdigit() and after.isdigit()):
            continue
        if (before in RANGE_DASHES and after.isdigit()) or (
            after in RANGE_DASHES and before in "0123456789%％"
        ):
            continue
        return cut
    return fits


@dataclass
class Row:
    """A "label  value" row of a block (the label muted, the value wrapped beside it)."""

    label: str
    value: str
    size: float = 10
    bold: bool = False
    colour: tuple = INK


class CJKPDF(FPDF):
    """An A4 document in the project's layout: the ``cjk`` font, Chinese line breaking, a footer."""

    def __init__(self, title="", author="合规学堂", footer_text="合规学堂 · Compliance Academy", **kwargs):
        kwargs.setdefault("format", "A4")
        super().__init__(**kwargs)
        self.add_font(FONT_FAMILY, "", str(FONT_DIR / "NotoSansSC-Regular-subset.otf"))
        self.add_font(FONT_FAMILY, "B", str(FONT_DIR / "NotoSansSC-Bold-subset.otf"))
        self.set_title(title)
        self.set_author(author)
        self.set_creator("合规学堂")
        self.set_lang("zh-CN")
        self.footer_text = footer_text
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(True, margin=BOTTOM_MARGIN)
        self.set_font(FONT_FAMILY, size=11)
        self.set_text_color(*INK)
        self.alias_nb_pages()

    # --- page furniture ---

    def footer(self):
        if not self.footer_text:
            return
        self.set_xy(self.l_margin, self.h - FOOTER_TOP)
        self.set_font(FONT_FAMILY, size=8)
        self.set_text_color(*MUTED)
        self.cell(self.epw, FOOTER_HEIGHT, f"{self.footer_text}    {self.page_no()}/{{nb}}", align="C")
        self.set_text_color(*INK)

    def frame(self, colour=(22, 78, 140)):
        """A double frame round the page, outside the text and the footer (certificates)."""
        outer, inner = FRAME_INSETS
        self.set_draw_color(*colour)
        self.set_line_width(1.2)
        self.rect(outer, outer, self.w - 2 * outer, self.h - 2 * outer)
        self.set_line_width(0.3)
        self.rect(inner, inner, self.w - 2 * inner, self.h - 2 * inner)

    @property
    def text_bottom(self):
        return self.h - BOTTOM_MARGIN

    def ensure_space(self, height):
        """Start a new page unless ``height`` mm still fit on this one (and would fit on a new one)."""
        if self.get_y() + height > self.text_bottom and height <= self.text_bottom - self.t_margin:
            self.add_page()

    # --- text ---

    def lines(self, text, width, size=11, bold=False):
        self.set_font(FONT_FAMILY, "B" if bold else "", size)
        return break_lines(text, width, self.get_string_width)

    def write_lines(self, text, size=11, bold=False, colour=None, x=None, width=None, align="L"):
        """``text`` set in lines that follow the Chinese line-breaking rules, from ``x`` (default: the margin)."""
        x = self.l_margin if x is None else x
        width = (self.w - self.r_margin - x) if width is None else width
        height = size * LINE_HEIGHT
        self.set_text_color(*(colour or INK))
        for line in self.lines(text, width, size, bold):
            if self.get_y() + height > self.text_bottom:
                self.add_page()
            self.set_x(x)
            self.cell(width, height, line, align=align, new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(*INK)
        self.set_font(FONT_FAMILY, size=11)

    def text_height(self, text, size=11, bold=False, width=None):
        width = self.epw if width is None else width
        return len(self.lines(text, width, size, bold)) * size * LINE_HEIGHT

    def heading(self, text, level=1):
        size = {1: 18, 2: 14, 3: 12}.get(level, 12)
        # Keep the heading with at least three lines of what follows it.
        self.ensure_space(self.text_height(text, size, True) + 3 * 11 * LINE_HEIGHT)
        self.write_lines(text, size=size, bold=True)
        self.ln(2)

    def paragraph(self, text, size=11, colour=None, bold=False):
        if not text:
            return
        self.write_lines(text, size=size, colour=colour, bold=bold)
        self.ln(1)

    def row_height(self, row):
        width = self.epw - LABEL_WIDTH
        return max(6, self.text_height(row.value or "—", row.size, row.bold, width))

    def label_value(self, label, value, size=10, bold=False, colour=INK, x=None):
        """One "label  value" row: the label muted, the value wrapped beside it."""
        x = self.l_margin if x is None else x
        row = Row(str(label), str(value or "—"), size, bold, colour)
        self.ensure_space(min(self.row_height(row), 3 * size * LINE_HEIGHT))
        top = self.get_y()
        self.set_xy(x, top)
        self.set_font(FONT_FAMILY, "", size)
        self.set_text_color(*MUTED)
        self.cell(LABEL_WIDTH, size * LINE_HEIGHT, row.label)
        self.set_y(top)
        self.write_lines(
            row.value,
            size=size,
            bold=bold,
            colour=colour,
            x=x + LABEL_WIDTH,
            width=self.w - self.r_margin - x - LABEL_WIDTH,
        )

    def block(self, title, rows, badge=None, title_size=12):
        """A titled group of rows (a guideline item, a finding) kept on one page when it fits."""
        rows = [row if isinstance(row, Row) else Row(str(row[0]), str(row[1] or "—")) for row in rows]
        badge_width = self._badge_width(badge[1]) + 2 if badge else 0
        title_height = self.text_height(title, title_size, True, self.epw - badge_width)
        height = title_height + sum(self.row_height(row) for row in rows) + 2
        self.ensure_space(height)
        top = self.get_y()
        if badge:
            self.level_badge(*badge)
        self.set_y(top)
        self.write_lines(
            title, size=title_size, bold=True, x=self.l_margin + badge_width, width=self.epw - badge_width
        )
        self.ln(1)
        for row in rows:
            self.label_value(row.label, row.value, row.size, row.bold, row.colour)
        self.ln(1)

    def _badge_width(self, text):
        self.set_font(FONT_FAMILY, "B", 9)
        return self.get_string_width(str(text)) + 4

    def level_badge(self, level, text):
        """A coloured traffic-light tag (red / yellow / green); the cursor stays after it."""
        colour = LEVEL_COLOURS.get(level, MUTED)
        width = self._badge_width(text)
        self.set_fill_color(*colour)
        self.set_text_color(255, 255, 255)
        self.cell(width, 6, str(text), fill=True)
        self.set_text_color(*INK)
        self.set_font(FONT_FAMILY, size=11)

    def rule(self):
        self.set_draw_color(217, 226, 236)
        self.set_line_width(0.2)
        self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
        self.ln(3)

    def render(self):
        return bytes(self.output())


def pdf_response(pdf, filename, ascii_filename, inline=False):
    """An HttpResponse carrying ``pdf`` (a CJKPDF or bytes) as ``filename`` (see core.downloads)."""
    data = pdf.render() if isinstance(pdf, CJKPDF) else bytes(pdf)
    return attachment_response(data, "application/pdf", filename, ascii_filename, inline=inline)
