"""Industries, risk areas, graded guidelines and their items, and the casebook."""

from library.models import CasePage, GuidelineItem, GuidelinePage, Industry, RiskArea
from tests.bench.factories.pages import (
    bulk_add_pages,
    content_changed,
    finish_pages,
    generated_slug,
    index_objects,
    m2m_rows,
    next_number,
)
from tests.bench.factories.vocabulary import INDUSTRY_NAMES, OUTCOMES, PREFIX, RISK_AREAS, RULES, Text


def ensure_risk_areas():
    areas = {area.code: area for area in RiskArea.objects.all()}
    missing = [
        RiskArea(code=code, name=name, sort_order=order)
        for order, (code, name) in enumerate(RISK_AREAS)
        if code not in areas and not RiskArea.objects.filter(name=name).exists()
    ]
    if missing:
        RiskArea.objects.bulk_create(missing)
        index_objects(RiskArea, missing)
    return list(RiskArea.objects.filter(code__in=[code for code, _name in RISK_AREAS]).order_by("sort_order"))


def generate_industries(count, seed=2026):
    """``count`` new industries with names not yet taken; codes ``gen-industry-NN``."""
    taken_names = set(Industry.objects.values_list("name", flat=True))
    taken_codes = set(Industry.objects.values_list("code", flat=True))
    start = Industry.objects.count()
    created, number, round_ = [], 1, 0
    while len(created) < count:
        for name, icon in INDUSTRY_NAMES:
            if len(created) >= count:
                break
            full = name if round_ == 0 else f"{name}{round_ + 1}"
            if full in taken_names:
                continue
            while f"{PREFIX}industry-{number:02d}" in taken_codes:
                number += 1
            code = f"{PREFIX}industry-{number:02d}"
            taken_codes.add(code)
            taken_names.add(full)
            created.append(
                Industry(
                    name=full,
                    code=code,
                    icon=icon,
                    description=f"{full}行业企业的合规风险提示与指引。",
                    sort_order=start + len(created),
                )
            )
        round_ += 1
    Industry.objects.bulk_create(created)
    index_objects(Industry, created)
    return created


def _items_for(page, count, risk_areas, text, start_order=0):
    levels = ["red"] * 25 + ["yellow"] * 45 + ["green"] * 30
    categories = [c for c, _label in GuidelineItem.FlexibleCategory.choices]
    items = []
    for n in range(count):
        area = risk_areas[(start_order + n) % len(risk_areas)]
        red, yellow, green, laws = RULES.get(area.code, RULES["governance"])
        level = text.pick(levels)
        act = text.pick({"red": red, "yellow": yellow, "green": green}[level])
        title = {"red": f"严禁{act}", "yellow": act, "green": f"推荐:{act}"}[level]
        flexible = text.pick(categories) if level == "yellow" and text.rng.random() < 0.35 else ""
        items.append(
            GuidelineItem(
                page_id=page.pk,
                sort_order=start_order + n,
                title=f"{title}({start_order + n + 1})",
                level=level,
                risk_area_id=area.pk,
                what_to_do=text.html(1),
                legal_basis=";".join(text.rng.sample(laws, 2)),
                consequence=text.paragraph(1, 2) if level != "green" else "",
                remedy=text.paragraph(1, 2),
                flexible_category=flexible,
                flexible_conditions=text.paragraph(1, 1) if flexible else "",
            )
        )
    return items


def generate_guideline_items(page, count, seed=2026, risk_areas=None):
    """Add ``count`` graded items to a guideline page (after its existing ones)."""
    text = Text((seed, "items", page.pk, count).__repr__())
    risk_areas = risk_areas or ensure_risk_areas()
    start = page.items.count()
    items = _items_for(page, count, risk_areas, text, start_order=start)
    GuidelineItem.objects.bulk_create(items, batch_size=500)
    content_changed()
    return items


def generate_guidelines(index, industries, items_total, seed=2026, finish=True):
    """One guideline page per industry under ``index``, ``items_total`` items spread over them."""
    text = Text((seed, "guidelines").__repr__())
    number = next_number(index, "guideline")
    pages = [
        GuidelinePage(
            title=f"{industry.name}行业企业合规工作指引",
            slug=generated_slug("guideline", number + n),
            industry=industry,
            intro=f"列明{industry.name}企业在财税、用工、安全、环保和知识产权方面的红线、底线与推荐做法。",
            body=text.stream(2),
        )
        for n, industry in enumerate(industries)
    ]
    bulk_add_pages(index, pages)
    risk_areas = ensure_risk_areas()
    share, extra = divmod(items_total, len(pages)) if pages else (0, 0)
    for n, page in enumerate(pages):
        generate_guideline_items(page, share + (1 if n < extra else 0), seed, risk_areas)
    if finish:
        finish_pages(pages)
    return pages


def generate_cases(parent, count, seed=2026, industries=None, finish=True):
    """``count`` typical cases under the casebook, each linked to up to three items of its industry."""
    text = Text((seed, "cases", count).__repr__())
    industries = list(industries or Industry.objects.all())
    items_by_industry = {}
    for item_id, industry_id in GuidelineItem.objects.filter(page__live=True).values_list(
        "pk", "page__industry_id"
    ):
        items_by_industry.setdefault(industry_id, []).append(item_id)
    number = next_number(parent, "case")
    pages, links = [], []
    for n in range(count):
        industry = text.pick(industries)
        area = text.pick(list(RULES))
        act = text.pick(RULES[area][0])
        firm = text.firm(industry.name)
        case_type = text.pick(["criminal", "administrative"])
        page = CasePage(
            title=f"{firm}{act}{'案' if case_type == 'criminal' else '行政处罚案'}",
            slug=generated_slug("case", number + n),
            industry=industry,
            case_type=case_type,
            year=text.rng.randint(2018, 2025),
            summary=f"{firm}因{act}被查处,经合规整改后依法{text.pick(OUTCOMES)}。",
            facts=text.html(2),
            rectification=text.html(2),
            outcome=text.pick(OUTCOMES),
            lessons=text.html(1),
        )
        pages.append(page)
        candidates = items_by_industry.get(industry.pk, [])
        links.append(text.rng.sample(candidates, min(len(candidates), text.rng.randint(0, 3))))
    bulk_add_pages(parent, pages)
    m2m_rows(
        CasePage,
        "guideline_items",
        [(page.pk, item) for page, ids in zip(pages, links, strict=True) for item in ids],
    )
    if finish:
        finish_pages(pages)
    return pages
