"""Section pages list every Chinese page in English too, each in English where it is translated.

Translating one page with Wagtail's localisation copies its parents into the new locale as
aliases that hold only that page; the English listing still reads the Chinese tree.
"""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Locale

from core.cache import invalidate_everything
from portal.demo_english import translate_page
from tests.courses.factories import build_course
from tests.drills.factories import make_guideline as make_drill_guideline
from tests.drills.factories import make_industry, make_scenario, make_self_check
from tests.events.factories import make_event, make_index
from tests.library.factories import (
    CasePageFactory,
    FlexibleEnforcementPageFactory,
    GuidelineIndexPageFactory,
    GuidelinePageFactory,
    IndustryFactory,
    make_case_index,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def guideline_index(home):
    return GuidelineIndexPageFactory(parent=home)


def english():
    return Locale.objects.get_or_create(language_code="en")[0]


def translate(page, title, **fields):
    def edit(copy):
        copy.title = title
        for name, value in fields.items():
            setattr(copy, name, value)

    return translate_page(page, english(), edit)


def english_html(client, url):
    invalidate_everything()
    response = client.get(url, {"lang": "en"})
    assert response.status_code == 200
    return response.content.decode()


def test_guideline_index_lists_untranslated_guidelines_and_the_4x_page(client, guideline_index):
    translated = GuidelinePageFactory(parent=guideline_index, title="鞋革行业企业合规指引")
    GuidelinePageFactory(parent=guideline_index, title="软件行业企业合规工作指引")
    FlexibleEnforcementPageFactory(parent=guideline_index)
    translate(translated, "Footwear guideline")

    # The index's English copy is an alias: the Chinese index is served, with its notice.
    html = english_html(client, "/guidelines/")
    assert "Footwear guideline" in html
    assert "软件行业企业合规工作指引" in html
    assert "鞋革行业企业合规指引" not in html
    assert "4+X" in html
    assert guideline_index.title in html

    # Translated, the index shows its English title over the same list.
    translate(guideline_index, "Industry guidelines")
    html = english_html(client, "/guidelines/")
    assert "Industry guidelines" in html
    assert "Footwear guideline" in html
    assert "软件行业企业合规工作指引" in html
    assert "4+X" in html


def english_queries(client, url):
    english_html(client, url)  # warm what every request shares (the site, the locales)
    invalidate_everything()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, {"lang": "en"})
    return len(queries), response.content.decode()


def test_guideline_index_in_english_queries_the_same_for_any_number_of_guidelines(client, guideline_index):
    def add_guidelines(numbers):
        for n in numbers:
            page = GuidelinePageFactory(parent=guideline_index, title=f"第{n}个行业指引")
            if n % 2:
                translate(page, f"Guideline {n}")

    add_guidelines(range(2))
    translate(guideline_index, "Industry guidelines")
    few, _html = english_queries(client, "/guidelines/")
    add_guidelines(range(2, 8))
    many, html = english_queries(client, "/guidelines/")
    assert many == few
    assert "Guideline 7" in html and "第6个行业指引" in html and "第7个行业指引" not in html


def test_case_index_lists_every_case(client, home):
    index = make_case_index(home)
    industry = IndustryFactory()
    translated = CasePageFactory(parent=index, industry=industry, title="鞋厂合规整改案")
    CasePageFactory(parent=index, industry=industry, title="软件公司数据合规案")
    translate(translated, "A footwear firm's rectification")
    translate(index, "Typical cases")
    html = english_html(client, "/cases/")
    assert "Typical cases" in html
    assert "A footwear firm&#x27;s rectification" in html
    assert "软件公司数据合规案" in html


def test_course_index_lists_every_course(client, home):
    translated = build_course(home, title="劳动用工合规")
    build_course(home, title="安全生产合规")
    translate(translated, "Employment compliance")
    translate(translated.get_parent().specific, "Video courses")
    html = english_html(client, "/courses/")
    assert "Video courses" in html
    assert "Employment compliance" in html
    assert "安全生产合规" in html


def test_drill_index_lists_every_drill_and_self_check(client, home):
    industry = make_industry()
    items = make_drill_guideline(home, industry)
    drill = make_scenario(home, industry, items)
    make_self_check(home, industry)
    translate(drill, "Footwear inspection drill")
    translate(drill.get_parent().specific, "Drills")
    html = english_html(client, "/drills/")
    assert "Drills" in html
    assert "Footwear inspection drill" in html
    assert "合规体检" in html


def test_event_index_lists_every_event_with_its_registrations(client, home):
    index = make_index(home)
    start = timezone.now() + timedelta(days=5)
    translated = make_event(
        index, title="鞋革行业合规沙龙", start_at=start, end_at=start + timedelta(hours=2)
    )
    make_event(index, title="软件行业数据合规讲座", start_at=start, end_at=start + timedelta(hours=2))
    translate(translated, "Footwear compliance salon")
    translate(index, "Forums and salons")
    html = english_html(client, "/events/")
    assert "Forums and salons" in html
    assert "Footwear compliance salon" in html
    assert "软件行业数据合规讲座" in html
