"""Builders for drills tests: a guideline with graded items, a drill index and branching scenarios."""

from courses.drills.models import DrillChoice, DrillIndexPage, DrillPage, DrillStep, SelfCheckPage
from library.models import GuidelineIndexPage, GuidelineItem, GuidelinePage, Industry, RiskArea


def make_industry(code="footwear", name="鞋革"):
    industry, _ = Industry.objects.get_or_create(code=code, defaults={"name": name})
    return industry


def make_guideline(home, industry, items=None, slug=None):
    """A live guideline page for ``industry`` with graded items; returns {short name: item}."""
    index = GuidelineIndexPage.objects.first()
    if index is None:
        index = GuidelineIndexPage(title="行业合规指引", slug="guidelines")
        home.add_child(instance=index)
        index.save_revision().publish()
    area, _ = RiskArea.objects.get_or_create(code="labour", defaults={"name": "劳动用工"})
    tax, _ = RiskArea.objects.get_or_create(code="finance-tax", defaults={"name": "财务税务"})
    specs = items or {
        "invoice": (
            "red",
            tax,
            "严禁虚开增值税专用发票",
            "《刑法》第二百零五条",
            "处三年以下有期徒刑或者拘役",
            "",
        ),
        "contract": (
            "yellow",
            area,
            "用工一个月内订立书面劳动合同",
            "《劳动合同法》第十条、第八十二条",
            "每月支付二倍工资",
            "first_offence",
        ),
        "officer": ("green", area, "设立合规专员", "《涉案企业合规建设、评估和审查办法(试行)》", "", ""),
    }
    page = GuidelinePage(
        title=f"{industry.name}行业企业合规工作指引", slug=slug or f"guide-{industry.code}", industry=industry
    )
    page.items = [
        GuidelineItem(
            title=title,
            level=level,
            risk_area=risk,
            what_to_do=f"<p>{title}</p>",
            legal_basis=basis,
            consequence=consequence,
            remedy=f"整改:{title}",
            flexible_category=flexible,
            flexible_conditions="初次违法且危害后果轻微并及时改正的,可以不予行政处罚。" if flexible else "",
        )
        for level, risk, title, basis, consequence, flexible in specs.values()
    ]
    index.add_child(instance=page)
    page.save_revision().publish()
    by_title = {item.title: item for item in page.items.all()}
    return {key: by_title[spec[2]] for key, spec in specs.items()}


def drill_index(home):
    index = DrillIndexPage.objects.first()
    if index is None:
        index = DrillIndexPage(title="模拟执法检查", slug="drills", intro="全流程模拟执法检查")
        home.add_child(instance=index)
        index.save_revision().publish()
    return index


def make_scenario(home, industry, items=None, slug="footwear-drill", steps=None, publish=True):
    """A scenario built from ``steps``: [(key, phase, title, is_branch, [(text, score, level, next, [items])])].

    The default is the branching drill used across the tests:
    straight path 10 + 4 + 10 + 10 = 34 / 40 (85.0%, 良好);
    refusing at the door adds the escalation step (max 5).
    """
    items = items or {}
    steps = steps or [
        (
            "arrival",
            "arrival",
            "亮证表明身份",
            False,
            [
                ("核验执法证件后配合检查", 10, "green", "", []),
                ("以老板不在为由拒绝开门", 0, "red", "escalation", []),
            ],
        ),
        (
            "escalation",
            "escalation",
            "执法人员告知拒绝检查的后果",
            True,
            [("改为配合检查", 5, "yellow", "", []), ("继续拒绝", 0, "red", "", [])],
        ),
        (
            "contracts",
            "documents",
            "查验劳动合同",
            False,
            [
                ("出示全部劳动合同", 10, "green", "", [items.get("officer")]),
                ("承认部分员工未签合同", 4, "yellow", "", [items.get("contract")]),
            ],
        ),
        (
            "invoices",
            "documents",
            "查验进项发票",
            False,
            [
                ("出示与业务一致的发票", 10, "green", "", []),
                ("承认向他人买票抵扣", 0, "red", "", [items.get("invoice")]),
            ],
        ),
        (
            "closing",
            "closing",
            "下达责令改正通知书",
            False,
            [("签收并承诺限期整改", 10, "green", "", []), ("拒绝签收", 0, "yellow", "", [])],
        ),
    ]
    page = DrillPage(
        title="鞋厂劳动与税务检查",
        slug=slug,
        industry=industry,
        authority="区人力社保局、区税务局联合检查组",
        firm_name="明履鞋业有限公司",
        setting="一家有40名工人的制鞋作坊。",
        intro="模拟一次劳动用工和发票检查。",
    )
    page.steps = [
        DrillStep(
            key=key,
            phase=phase,
            title=title,
            inspector_says=f"请配合:{title}",
            is_branch=is_branch,
            choices=[
                DrillChoice(
                    text=text,
                    score=score,
                    level=level,
                    next_step_key=next_key,
                    feedback=f"点评:{text}",
                    guideline_items=[i for i in linked if i is not None],
                )
                for text, score, level, next_key, linked in choices
            ],
        )
        for key, phase, title, is_branch, choices in steps
    ]
    page.live = publish
    drill_index(home).add_child(instance=page)
    if publish:
        page.save_revision().publish()
    return page


def step(page, key):
    return page.steps.get(key=key)


def choice(page, key, text_start):
    return step(page, key).choices.get(text__startswith=text_start)


def make_self_check(home, industry, slug=None):
    page = SelfCheckPage(
        title=f"{industry.name}企业合规体检",
        slug=slug or f"check-{industry.code}",
        industry=industry,
        intro="逐项自查",
    )
    drill_index(home).add_child(instance=page)
    page.save_revision().publish()
    return page
