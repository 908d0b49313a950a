"""Inspection drills (linear, three graded choices a step) and one self-check per industry."""

from courses.drills.models import DrillChoice, DrillPage, DrillStep, SelfCheckPage
from library.models import GuidelineItem, Industry
from tests.bench.factories.pages import bulk_add_pages, finish_pages, generated_slug, m2m_rows, next_number
from tests.bench.factories.vocabulary import OBJECTS, RISK_AREAS, RULES, SUBJECTS, TERMS, VERBS, Text


def generate_drills(parent, count, seed=2026, industries=None, steps=4, images=(), finish=True):
    """``count`` linear inspection drills (``steps`` steps, three graded choices each)."""
    text = Text((seed, "drills", count).__repr__())
    industries = list(industries or Industry.objects.all())
    items_by_industry = {}
    for item_id, industry_id in GuidelineItem.objects.filter(page__live=True).values_list(
        "pk", "page__industry_id"
    ):
        items_by_industry.setdefault(industry_id, []).append(item_id)
    number = next_number(parent, "drill")
    pages = []
    for n in range(count):
        industry = text.pick(industries)
        area = text.pick(list(RULES))
        pages.append(
            DrillPage(
                title=f"{industry.name}企业{dict(RISK_AREAS)[area]}模拟检查(第{number + n}号)",
                slug=generated_slug("drill", number + n),
                industry=industry,
                authority=f"区{text.pick(['市场监管局', '应急管理局', '人力社保局', '生态环境分局', '税务局'])}检查组",
                firm_name=text.firm(industry.name),
                setting=text.paragraph(3, 5),
                intro=f"模拟一次{dict(RISK_AREAS)[area]}执法检查,逐步应对并获得评估报告。",
                briefing=text.html(1),
                estimated_minutes=text.rng.randint(10, 30),
                cover_image=text.pick(images) if images and text.rng.random() < 0.5 else None,
            )
        )
    bulk_add_pages(parent, pages)
    phases = ["arrival"] + ["documents", "site", "interview"] * steps
    step_objs = [
        DrillStep(
            page_id=page.pk,
            sort_order=k,
            key=f"step-{k + 1}",
            phase="closing" if k == steps - 1 else phases[k],
            title=f"检查环节{k + 1}:{text.pick(OBJECTS)}",
            inspector_says=f"请出示贵公司的{text.pick(OBJECTS)},并说明{text.pick(TERMS)}的落实情况。",
            scene=f"<p>{text.paragraph(1, 2)}</p>",
        )
        for page in pages
        for k in range(steps)
    ]
    DrillStep.objects.bulk_create(step_objs, batch_size=500)
    page_industry = {page.pk: page.industry_id for page in pages}
    choices, links = [], []
    for step in step_objs:
        candidates = items_by_industry.get(page_industry[step.page_id], [])
        for k, (score, level) in enumerate([(10, "green"), (5, "yellow"), (0, "red")]):
            choices.append(
                DrillChoice(
                    step_id=step.pk,
                    sort_order=k,
                    text=f"{text.pick(SUBJECTS)}{text.pick(VERBS)}{text.pick(OBJECTS)}",
                    score=score,
                    level=level,
                    feedback=text.sentence(),
                )
            )
            links.append(text.rng.sample(candidates, min(len(candidates), 1)) if level != "green" else [])
    DrillChoice.objects.bulk_create(choices, batch_size=500)
    m2m_rows(
        DrillChoice,
        "guideline_items",
        [(choice.pk, item) for choice, ids in zip(choices, links, strict=True) for item in ids],
    )
    if finish:
        finish_pages(pages)
    return pages


def generate_self_checks(parent, industries, finish=True):
    """One self-check questionnaire per industry."""
    number = next_number(parent, "self-check")
    pages = [
        SelfCheckPage(
            title=f"{industry.name}企业合规体检",
            slug=generated_slug("self-check", number + n),
            industry=industry,
            intro=f"对照{industry.name}行业合规指引的红线、底线和推荐做法逐项自查,生成法治体检报告。",
            instructions="<p>请按企业的实际情况如实回答。</p>",
        )
        for n, industry in enumerate(industries)
    ]
    bulk_add_pages(parent, pages)
    if finish:
        finish_pages(pages)
    return pages
