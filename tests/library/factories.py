"""Factories for the library: taxonomy snippets, guideline pages and items, cases, contact points."""

import factory
import wagtail_factories
from factory.django import DjangoModelFactory

from library.models import (
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


class IndustryFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"行业{n}")
    code = factory.Sequence(lambda n: f"industry-{n}")

    class Meta:
        model = Industry
        django_get_or_create = ("code",)


class RiskAreaFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"风险领域{n}")
    code = factory.Sequence(lambda n: f"risk-{n}")

    class Meta:
        model = RiskArea
        django_get_or_create = ("code",)


class GuidelineIndexPageFactory(wagtail_factories.PageFactory):
    title = "行业合规指引"
    slug = "guidelines"

    class Meta:
        model = GuidelineIndexPage


class GuidelinePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"行业合规工作指引{n}")
    slug = factory.Sequence(lambda n: f"guideline-{n}")
    industry = factory.SubFactory(IndustryFactory)
    intro = "明确列出规则、划出红线、明确底线。"

    class Meta:
        model = GuidelinePage


class GuidelineItemFactory(DjangoModelFactory):
    page = None
    title = factory.Sequence(lambda n: f"指引条目{n}")
    level = GuidelineItem.Level.YELLOW
    risk_area = factory.SubFactory(RiskAreaFactory)
    what_to_do = "<p>对从业人员进行安全生产教育和培训。</p>"
    legal_basis = "《安全生产法》第二十八条"
    consequence = "责令限期改正,处十万元以下罚款。"
    remedy = "补开培训课程并建立培训档案。"

    class Meta:
        model = GuidelineItem


class FlexibleEnforcementPageFactory(wagtail_factories.PageFactory):
    title = "“4+X”柔性执法清单"
    slug = "flexible-enforcement"

    class Meta:
        model = FlexibleEnforcementPage


class CaseIndexPageFactory(wagtail_factories.PageFactory):
    title = "典型案例"
    slug = "cases"

    class Meta:
        model = CaseIndexPage


class CasePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"典型案例{n}")
    slug = factory.Sequence(lambda n: f"case-{n}")
    industry = factory.SubFactory(IndustryFactory)
    case_type = CasePage.CaseType.CRIMINAL
    year = 2023
    summary = "企业合规整改后,检察机关依法作出不起诉决定。"
    facts = "<p>基本案情。</p>"
    rectification = "<p>合规整改。</p>"
    outcome = "不起诉"
    lessons = "<p>以案说法。</p>"

    class Meta:
        model = CasePage
        # The post-generation hook saves what it changes itself.
        skip_postgeneration_save = True

    @factory.post_generation
    def items(self, create, extracted, **kwargs):
        if extracted:
            self.guideline_items.set(extracted)
            if create:
                self.save()


class ContactPointFactory(DjangoModelFactory):
    association = factory.Sequence(lambda n: f"鹿城区第{n}行业协会")
    industry = factory.SubFactory(IndustryFactory)
    address = "温州市鹿城区双屿街道鞋都大道1号"
    contact_person = "林主任"
    phone = "0577-88000101"
    services = "企业“合规体检”\n合规培训"

    class Meta:
        model = ContactPoint


def make_guideline(home, industry=None, items=0, **fields):
    """An index page (reused if present) and a published guideline page with ``items`` items."""
    index = GuidelineIndexPage.objects.child_of(home).first() or GuidelineIndexPageFactory(parent=home)
    page = GuidelinePageFactory(parent=index, industry=industry or IndustryFactory(), **fields)
    for _n in range(items):
        GuidelineItemFactory(page=page)
    return page


def make_case_index(home):
    return CaseIndexPage.objects.child_of(home).first() or CaseIndexPageFactory(parent=home)
