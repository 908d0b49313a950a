"""The one PDF layout every document uses: guidelines, certificates, drill and self-check reports.

``core/fonts/`` holds subsets of Noto Sans SC (SIL Open Font License, see
``core/fonts/OFL.txt``) covering ASCII, Latin-1, common punctuation and the
GB 2312 hanzi. fpdf2 embeds only the glyphs a document uses, so PDFs stay small
and render the same on any machine.

Text is broken into lines here, not by fpdf2, following the Chinese line-breaking
rules (GB/T 15834 and W3C's "Requirements for Chinese Text Layout"): no line starts
with closing punctuation (。，、；：？！）》」』” …), none ends with opening punctuation
(（《「『“ …), and a number stays with its unit and range ("5 万元", "50%—100%").
Blocks (a guideline item, a finding) and table rows are kept whole on one page when they
fit (a table repeats its heading row on each page), and a heading is never left alone at the
foot of a page. The page footer sits inside the
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
CELL_PADDING = 1.5  # mm inside a table cell
TABLE_RULE = (188, 204, 220)
TABLE_HEAD = (240, 244, 248)
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

    def heading(self, text, level=1, keep_with=None):
        """A heading kept with at least three lines of what follows, or with ``keep_with`` mm of it
        (the height of the block that follows: see :meth:`block_height`)."""
        size = {1: 18, 2: 14, 3: 12}.get(level, 12)
        following = 3 * 11 * LINE_HEIGHT if keep_with is None else keep_with
        self.ensure_space(self.text_height(text, size, True) + 2 + following)
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

    @staticmethod
    def _rows(rows):
        return [row if isinstance(row, Row) else Row(str(row[0]), str(row[1] or "—")) for row in rows]

    def block_height(self, title, rows, badge=None, title_size=12):
        """The height :meth:`block` will take (to keep a heading with the block after it)."""
        rows = self._rows(rows)
        badge_width = self._badge_width(badge[1]) + 2 if badge else 0
        title_height = self.text_height(title, title_size, True, self.epw - badge_width)
        return title_height + sum(self.row_height(row) for row in rows) + 2

    def block(self, title, rows, badge=None, title_size=12):
        """A titled group of rows (a guideline item, a finding) kept on one page when it fits."""
        rows = self._rows(rows)
        badge_width = self._badge_width(badge[1]) + 2 if badge else 0
        self.ensure_space(self.block_height(title, rows, badge, title_size))
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

    def table(self, headings, rows, widths, size=9):
        """A bordered table: ``widths`` are relative, scaled to the text width; each cell wraps by
        the Chinese rules; a row is kept whole on one page when it fits (a row taller than a page
        continues on the next), and the heading row is repeated at the top of every page.

        A cell is a string, or ``(text, colour)`` for coloured text (a traffic-light level).
        """
        total = float(sum(widths))
        widths = [self.epw * w / total for w in widths]
        line = size * LINE_HEIGHT

        def cells(row, bold):
            out = []
            for value, width in zip(row, widths, strict=True):
                text, colour = value if isinstance(value, tuple) else (value, INK)
                text = "—" if text in (None, "") else str(text)
                out.append((self.lines(text, width - 2 * CELL_PADDING, size, bold), colour))
            return out

        head = cells(headings, True)
        head_height = max(len(lines) for lines, _ in head) * line + 2 * CELL_PADDING

        def draw(row_cells, height, bold, fill):
            top = self.get_y()
            x = self.l_margin
            self.set_draw_color(*TABLE_RULE)
            self.set_line_width(0.2)
            self.set_font(FONT_FAMILY, "B" if bold else "", size)
            for (lines, colour), width in zip(row_cells, widths, strict=True):
                if fill:
                    self.set_fill_color(*TABLE_HEAD)
                self.rect(x, top, width, height, style="DF" if fill else "D")
                self.set_text_color(*colour)
                for number, text in enumerate(lines):
                    self.set_xy(x + CELL_PADDING, top + CELL_PADDING + number * line)
                    self.cell(width - 2 * CELL_PADDING, line, text)
                x += width
            self.set_text_color(*INK)
            self.set_xy(self.l_margin, top + height)

        def new_page():
            self.add_page()
            draw(head, head_height, True, True)

        # The heading row never stands alone at the foot of a page.
        self.ensure_space(head_height + line + 2 * CELL_PADDING)
        draw(head, head_height, True, True)
        fresh_room = int((self.text_bottom - self.t_margin - head_height - 2 * CELL_PADDING) // line)
        for row in rows:
            row_cells = cells(row, False)
            colours = [colour for _, colour in row_cells]
            remaining = [lines for lines, _ in row_cells]
            tallest = max(len(lines) for lines in remaining)
            if self.get_y() + tallest * line + 2 * CELL_PADDING > self.text_bottom and tallest <= fresh_room:
                new_page()
            while True:
                room = int((self.text_bottom - self.get_y() - 2 * CELL_PADDING) // line)
                if room < 1:
                    new_page()
                    continue
                take = min(max(len(lines) for lines in remaining), room)
                chunk = [(lines[:take], colour) for lines, colour in zip(remaining, colours, strict=True)]
                draw(chunk, take * line + 2 * CELL_PADDING, False, False)
                remaining = [lines[take:] for lines in remaining]
                if not any(remaining):
                    break
                new_page()
        self.set_font(FONT_FAMILY, size=11)
        self.ln(2)

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
