"""The guideline checklist as a printable PDF, rendered with the project's CJK font."""

from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from core.pdf import CJKPDF, MUTED
from library.choices import GuidelineLevel


def _plain(html):
    return " ".join(strip_tags(html.replace("</p>", "</p>\n").replace("</li>", "</li>\n")).split()).strip()


def guideline_pdf(page, items, filters=None):
    """A CJKPDF of ``page``: its title, scope and one block per item, grouped by level."""
    pdf = CJKPDF(title=page.title)
    pdf.alias_nb_pages()
    pdf.add_page()
    pdf.heading(page.title, 1)
    scope = page.industry.name
    if page.risk_area_id:
        scope = f"{scope} · {page.risk_area.name}"
    pdf.label_value(_("适用行业"), scope)
    if filters is not None and filters.active:
        parts = []
        if filters.values.get("level"):
            parts.append(GuidelineLevel(filters.values["level"]).label)
        if filters.values.get("risk_area"):
            parts.append(filters.values["risk_area"].name)
        pdf.label_value(_("筛选条件"), " · ".join(str(part) for part in parts))
    pdf.label_value(_("导出日期"), timezone.localdate().isoformat())
    if page.intro:
        pdf.ln(2)
        pdf.paragraph(page.intro)
    pdf.rule()

    by_level = {value: [] for value in GuidelineLevel.values}
    for item in items:
        by_level[item.level].append(item)
    if not any(by_level.values()):
        pdf.paragraph(_("没有符合条件的条目。"), colour=MUTED)
    number = 0
    for level, label in GuidelineLevel.choices:
        if not by_level[level]:
            continue
        pdf.heading(f"{label}({len(by_level[level])})", 2)
        for item in by_level[level]:
            number += 1
            pdf.level_badge(level, str(label))
            pdf.set_x(pdf.get_x() + 2)
            pdf.paragraph(f"{number}. {item.title}", size=12, bold=True)
            pdf.label_value(_("风险领域"), item.risk_area.name)
            pdf.label_value(_("合规要求"), _plain(item.what_to_do))
            pdf.label_value(_("法律依据"), item.legal_basis)
            if item.consequence:
                pdf.label_value(_("典型后果"), item.consequence)
            if item.remedy:
                pdf.label_value(_("整改建议"), item.remedy)
            if item.flexible_category:
                pdf.label_value(_("柔性执法"), item.get_flexible_category_display())
            pdf.label_value(
                _("自查结果"), "□ " + _("已符合") + "    □ " + _("需整改") + "    □ " + _("不适用")
            )
            pdf.ln(1)
            pdf.rule()
    return pdf
