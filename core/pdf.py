"""PDF rendering with an embedded Chinese font that the project ships.

``core/fonts/`` holds subsets of Noto Sans SC (SIL Open Font License, see
``core/fonts/OFL.txt``) covering ASCII, Latin-1, common punctuation and the
GB 2312 hanzi. fpdf2 embeds only the glyphs a document uses, so PDFs stay small
and render the same on any machine.
"""

from pathlib import Path

from django.http import HttpResponse
from fpdf import FPDF

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT_FAMILY = "cjk"
INK = (31, 41, 51)
MUTED = (97, 110, 124)
LEVEL_COLOURS = {"red": (198, 40, 40), "yellow": (183, 121, 31), "green": (46, 125, 50)}


class CJKPDF(FPDF):
    """An A4 FPDF with the ``cjk`` font (regular and bold) and a few document helpers."""

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
        self.set_margins(18, 18, 18)
        self.set_auto_page_break(True, margin=18)
        self.set_font(FONT_FAMILY, size=11)
        self.set_text_color(*INK)

    def footer(self):
        self.set_y(-12)
        self.set_font(FONT_FAMILY, size=8)
        self.set_text_color(*MUTED)
        self.cell(0, 6, f"{self.footer_text}    {self.page_no()}/{{nb}}", align="C")
        self.set_text_color(*INK)

    def heading(self, text, level=1):
        sizes = {1: 18, 2: 14, 3: 12}
        self.set_font(FONT_FAMILY, "B", sizes.get(level, 12))
        self.multi_cell(0, sizes.get(level, 12) * 0.55, text, new_x="LMARGIN", new_y="NEXT")
        self.ln(2)
        self.set_font(FONT_FAMILY, size=11)

    def paragraph(self, text, size=11, colour=None, bold=False):
        if not text:
            return
        self.set_font(FONT_FAMILY, "B" if bold else "", size)
        if colour:
            self.set_text_color(*colour)
        self.multi_cell(0, size * 0.6, str(text), new_x="LMARGIN", new_y="NEXT")
        self.set_text_color(*INK)
        self.set_font(FONT_FAMILY, size=11)
        self.ln(1)

    def label_value(self, label, value):
        """One "label: value" line, the label muted."""
        self.set_font(FONT_FAMILY, "", 10)
        self.set_text_color(*MUTED)
        self.cell(32, 6, str(label))
        self.set_text_color(*INK)
        self.multi_cell(0, 6, str(value or "—"), new_x="LMARGIN", new_y="NEXT")

    def level_badge(self, level, text):
        """A coloured traffic-light tag (red / yellow / green) followed by nothing."""
        colour = LEVEL_COLOURS.get(level, MUTED)
        self.set_font(FONT_FAMILY, "B", 9)
        self.set_fill_color(*colour)
        self.set_text_color(255, 255, 255)
        self.cell(self.get_string_width(text) + 4, 6, text, fill=True)
        self.set_text_color(*INK)
        self.set_font(FONT_FAMILY, size=11)

    def rule(self):
        self.set_draw_color(217, 226, 236)
        self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
        self.ln(3)

    def render(self):
        return bytes(self.output())


def pdf_response(pdf, filename, inline=False):
    """An HttpResponse carrying ``pdf`` (a CJKPDF or bytes) as ``filename``."""
    from urllib.parse import quote

    data = pdf.render() if isinstance(pdf, CJKPDF) else bytes(pdf)
    response = HttpResponse(data, content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    ascii_name = filename.encode("ascii", "ignore").decode() or "document.pdf"
    response["Content-Disposition"] = (
        f"{disposition}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"
    )
    return response
