from .cases import CaseGuidelineItem, CaseIndexPage, CasePage
from .contacts import ContactPoint
from .guidelines import FlexibleEnforcementPage, GuidelineIndexPage, GuidelineItem, GuidelinePage
from .taxonomy import Industry, RiskArea

__all__ = [
    "CaseGuidelineItem",
    "CaseIndexPage",
    "CasePage",
    "ContactPoint",
    "FlexibleEnforcementPage",
    "GuidelineIndexPage",
    "GuidelineItem",
    "GuidelinePage",
    "Industry",
    "RiskArea",
]
