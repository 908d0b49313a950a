"""Query-string filters of the guideline, 4+X and case lists.

Each parser returns the cleaned value (or None) and a list of messages for values it
had to ignore, so a bad link shows the unfiltered list with a clear note, never an error.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from library.choices import CaseType, FlexibleCategory, GuidelineLevel
from library.models.taxonomy import Industry, RiskArea


@dataclass
class Filters:
    values: dict = field(default_factory=dict)
    ignored: list = field(default_factory=list)

    @property
    def active(self):
        return any(value is not None for value in self.values.values())


def _choice(raw, choices):
    return raw if raw in dict(choices) else None


def parse_guideline_filters(params, risk_areas):
    """``level`` (red/yellow/green) and ``risk_area`` (a RiskArea code among ``risk_areas``)."""
    filters = Filters()
    level = params.get("level", "").strip()
    filters.values["level"] = _choice(level, GuidelineLevel.choices)
    if level and filters.values["level"] is None:
        filters.ignored.append(_("未知的等级“%(value)s”,已显示全部等级。") % {"value": level[:20]})
    risk = params.get("risk_area", "").strip()
    by_code = {area.code: area for area in risk_areas}
    filters.values["risk_area"] = by_code.get(risk)
    if risk and filters.values["risk_area"] is None:
        filters.ignored.append(_("未知的风险领域“%(value)s”,已显示全部领域。") % {"value": risk[:20]})
    return filters


def filter_items(items, filters):
    if filters.values.get("level"):
        items = items.filter(level=filters.values["level"])
    if filters.values.get("risk_area"):
        items = items.filter(risk_area=filters.values["risk_area"])
    return items


def parse_flexible_filters(params, industries):
    """``industry`` (an Industry code) and ``category`` (a 4+X category)."""
    filters = Filters()
    code = params.get("industry", "").strip()
    filters.values["industry"] = {industry.code: industry for industry in industries}.get(code)
    if code and filters.values["industry"] is None:
        filters.ignored.append(_("未知的行业“%(value)s”,已显示全部行业。") % {"value": code[:20]})
    category = params.get("category", "").strip()
    filters.values["category"] = _choice(category, FlexibleCategory.choices)
    if category and filters.values["category"] is None:
        filters.ignored.append(_("未知的柔性执法类别“%(value)s”,已显示全部类别。") % {"value": category[:20]})
    return filters


def parse_case_filters(params, industries):
    """``industry`` (an Industry code), ``type`` (criminal/administrative) and ``year``."""
    filters = Filters()
    code = params.get("industry", "").strip()
    filters.values["industry"] = {industry.code: industry for industry in industries}.get(code)
    if code and filters.values["industry"] is None:
        filters.ignored.append(_("未知的行业“%(value)s”,已显示全部行业。") % {"value": code[:20]})
    case_type = params.get("type", "").strip()
    filters.values["type"] = _choice(case_type, CaseType.choices)
    if case_type and filters.values["type"] is None:
        filters.ignored.append(_("未知的案件类型“%(value)s”,已显示全部类型。") % {"value": case_type[:20]})
    year = params.get("year", "").strip()
    filters.values["year"] = int(year) if year.isascii() and year.isdigit() and len(year) == 4 else None
    if year and filters.values["year"] is None:
        filters.ignored.append(
            _("年份应为四位数字(如 2024),“%(value)s”无效,已显示全部年份。") % {"value": year[:20]}
        )
    return filters


def filter_cases(cases, filters):
    if filters.values.get("industry"):
        cases = cases.filter(industry=filters.values["industry"])
    if filters.values.get("type"):
        cases = cases.filter(case_type=filters.values["type"])
    if filters.values.get("year"):
        cases = cases.filter(year=filters.values["year"])
    return cases


def all_industries():
    return list(Industry.objects.all())


def all_risk_areas():
    return list(RiskArea.objects.all())
