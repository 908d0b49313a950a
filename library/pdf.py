"""The guideline checklist as a printable PDF, rendered with the project's CJK font."""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from core.pdf import CJKPDF, MUTED, Row
from library.choices import GuidelineLevel


def _plain(html):
    return " ".join(strip_tags(html.replace("</p>", "</p>\n").replace("</li>", "</li>\n")).split()).strip()


def guideline_pdf(page, items, filters=None):
    """A CJKPDF of ``page``: its title, scope and one block per item, grouped by level."""
    pdf = CJKPDF(title=page.title)
    pdf.add_page()
    pdf.heading(page.title, 1)
    scope = page.industry.display_name
    if page.risk_area_id:
        scope = f"{scope} · {page.risk_area.display_name}"
    pdf.label_value(_("适用行业"), scope)
    if filters is not None and filters.active:
        parts = []
        if filters.values.get("level"):
            parts.append(GuidelineLevel(filters.values["level"]).label)
        if filters.values.get("risk_area"):
            parts.append(filters.values["risk_area"].display_name)
        pdf.label_value(_("筛选条件"), " · ".join(str(part) for part in parts))
    pdf.label_value(_("导出日期"), date_format(timezone.localdate(), "DATE_FORMAT"))
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
        pdf.heading(label + _("（%(value)s）") % {"value": len(by_level[level])}, 2)
        for item in by_level[level]:
            number += 1
            rows = [
                Row(_("风险领域"), item.risk_area.display_name),
                Row(_("合规要求"), _plain(item.what_to_do)),
                Row(_("法律依据"), item.legal_basis),
            ]
            if item.consequence:
                rows.append(Row(_("典型后果"), item.consequence))
            if item.remedy:
                rows.append(Row(_("整改建议"), item.remedy))
            if item.flexible_category:
                rows.append(Row(_("柔性执法"), str(item.get_flexible_category_display())))
            rows.append(
                Row(_("自查结果"), "□ " + _("已符合") + "    □ " + _("需整改") + "    □ " + _("不适用"))
            )
            pdf.block(f"{number}. {item.title}", rows, badge=(level, str(label)))
            pdf.rule()
    return pdf
