"""The query-string filters of the guideline, 4+X and case lists (core.filters).

A bad value shows the list unfiltered for that field with a note saying what was ignored.
"""

import django_filters
from django.utils.translation import gettext_lazy as _

from core.filters import CodeChoiceFilter, ListFilterSet, YearFilter
from core.request_memo import once_per_generation
from library.choices import CaseType, FlexibleCategory, GuidelineLevel
from library.models.taxonomy import Industry, RiskArea

UNKNOWN_INDUSTRY = _("未知的行业“%(value)s”，已显示全部行业。")


def all_industries():
    # Taxonomy changes start a new generation of the page cache (invalidates_page_cache).
    return once_per_generation("industries", lambda: list(Industry.objects.all()))


def all_risk_areas():
    return once_per_generation("risk-areas", lambda: list(RiskArea.objects.all()))


class GuidelineItemFilterSet(ListFilterSet):
    """A guideline page's items by ``level`` (red/yellow/green) and ``risk_area`` (a RiskArea code)."""

    level = django_filters.ChoiceFilter(
        label=_("等级"), choices=GuidelineLevel.choices, empty_label=_("全部等级")
    )
    risk_area = CodeChoiceFilter(label=_("风险领域"), rows=all_risk_areas, empty_label=_("全部领域"))

    notes = {
        "level": _("未知的等级“%(value)s”，已显示全部等级。"),
        "risk_area": _("未知的风险领域“%(value)s”，已显示全部领域。"),
    }


class FlexibleItemFilterSet(ListFilterSet):
    """The 4+X list by ``industry`` (an Industry code) and ``category`` (a 4+X category)."""

    industry = CodeChoiceFilter(
        label=_("行业"), field_name="page__industry", rows=all_industries, empty_label=_("全部行业")
    )
    category = django_filters.ChoiceFilter(
        label=_("柔性执法类别"),
        field_name="flexible_category",
        choices=FlexibleCategory.choices,
        empty_label=_("全部类别"),
    )

    notes = {
        "industry": UNKNOWN_INDUSTRY,
        "category": _("未知的柔性执法类别“%(value)s”，已显示全部类别。"),
    }


class CaseFilterSet(ListFilterSet):
    """The casebook by ``industry`` (an Industry code), ``type`` (criminal/administrative) and ``year``."""

    industry = CodeChoiceFilter(label=_("行业"), rows=all_industries, empty_label=_("全部行业"))
    type = django_filters.ChoiceFilter(
        label=_("案件类型"), field_name="case_type", choices=CaseType.choices, empty_label=_("全部类型")
    )
    year = YearFilter(label=_("年份"), empty_label=_("全部年份"))

    notes = {
        "industry": UNKNOWN_INDUSTRY,
        "type": _("未知的案件类型“%(value)s”，已显示全部类型。"),
        "year": _("年份应为四位数字（如 2024），“%(value)s”无效，已显示全部年份。"),
    }
