"""Demo content for the library, written from the seeds: the Lucheng pilot plan's "红绿灯" guidelines
for the key industries (``guidelines/*.yaml``), the 4+X flexible-enforcement list, typical cases for
以案说法 (``cases.yaml``) and the associations' compliance contact points (``contact_points.yaml``).

Idempotent: everything is looked up by its natural key (code, slug, association) first.
"""

from accounts.demo import enterprises
from accounts.models import Enterprise
from core import demodata
from library.models import (
    CaseGuidelineItem,
    CaseIndexPage,
    CasePage,
    ContactPoint,
    FlexibleEnforcementPage,
    GuidelineIndexPage,
    GuidelineItem,
    GuidelinePage,
    Industry,
    RiskArea,
)
from portal.demo import ensure_child, get_home
from portal.roles import assign_guideline_review


def ensure_taxonomy():
    taxonomy = demodata.read(__file__, "taxonomy")
    industries = {}
    for order, spec in enumerate(taxonomy["industries"]):
        industries[spec["code"]], _created = Industry.objects.get_or_create(
            code=spec["code"],
            defaults={
                "name": spec["name"],
                "icon": spec["icon"],
                "description": spec["description"],
                "sort_order": order,
            },
        )
    areas = {}
    for order, spec in enumerate(taxonomy["risk_areas"]):
        areas[spec["code"]], _created = RiskArea.objects.get_or_create(
            code=spec["code"],
            defaults={"name": spec["name"], "description": spec["description"], "sort_order": order},
        )
    return industries, areas


def ensure_workflow(page):
    """Guidelines and cases go through business review, then legal review."""
    assign_guideline_review(page)


def _section(parent, model, spec):
    return ensure_child(parent, model, spec["slug"], title=spec["title"], intro=spec["intro"])


def load_guidelines(home, industries, areas, sections):
    index = _section(home, GuidelineIndexPage, sections["guidelines"])
    ensure_workflow(index)
    conditions = sections["flexible_conditions"]
    for spec in demodata.read_all(__file__, "guidelines"):
        ensure_child(
            index,
            GuidelinePage,
            spec["slug"],
            title=spec["title"],
            industry=industries[spec["industry"]],
            intro=spec["intro"],
            items=[
                GuidelineItem(
                    sort_order=number,
                    level=item["level"],
                    risk_area=areas[item["risk_area"]],
                    title=item["title"],
                    what_to_do=item["what_to_do"],
                    legal_basis=item["legal_basis"],
                    consequence=item.get("consequence", ""),
                    remedy=item.get("remedy", ""),
                    flexible_category=item.get("flexible_category", ""),
                    flexible_conditions=conditions.get(item.get("flexible_category"), ""),
                )
                for number, item in enumerate(spec["items"])
            ],
        )
    _section(index, FlexibleEnforcementPage, sections["flexible_enforcement"])
    return index


def load_cases(home, guidelines, industries, sections):
    index = _section(home, CaseIndexPage, sections["cases"])
    ensure_workflow(index)
    fields = ("title", "case_type", "year", "summary", "facts", "rectification", "outcome", "lessons")
    for spec in demodata.read(__file__, "cases"):
        items = [
            GuidelineItem.objects.get(
                page__slug=link["guideline"], page__path__startswith=guidelines.path, title=link["item"]
            )
            for link in spec["guideline_items"]
        ]
        ensure_child(
            index,
            CasePage,
            spec["slug"],
            industry=industries[spec["industry"]],
            guideline_item_links=[CaseGuidelineItem(guidelineitem=item) for item in items],
            **{field: spec[field] for field in fields},
        )


def load_contact_points(industries):
    for order, spec in enumerate(demodata.read(__file__, "contact_points")):
        ContactPoint.objects.get_or_create(
            association=spec["association"],
            defaults={
                "name": spec["name"],
                "industry": industries[spec["industry"]],
                "address": spec["address"],
                "contact_person": spec["contact_person"],
                "phone": spec["phone"],
                "opening_hours": spec["opening_hours"],
                "services": spec["services"],
                "sort_order": order,
            },
        )


def set_enterprise_industries(industries):
    """The accounts demo's firms belong to the industries defined here."""
    for spec in enterprises():
        industry = industries.get(spec["industry"])
        if industry is None:
            continue
        Enterprise.objects.filter(credit_code=spec["credit_code"], industry__isnull=True).update(
            industry=industry
        )
        Enterprise.objects.filter(name=spec["name"], industry__isnull=True).update(industry=industry)


def load(stdout):
    home = get_home()
    industries, areas = ensure_taxonomy()
    sections = demodata.read(__file__, "sections")
    guidelines = load_guidelines(home, industries, areas, sections)
    load_cases(home, guidelines, industries, sections)
    load_contact_points(industries)
    set_enterprise_industries(industries)
    stdout.write(
        f"  library: {GuidelinePage.objects.count()} guidelines, {GuidelineItem.objects.count()} items, "
        f"{CasePage.objects.count()} cases, {ContactPoint.objects.count()} contact points"
    )
