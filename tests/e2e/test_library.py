"""A visitor opens an industry guideline and narrows the traffic-light checklist to its red lines."""

import re

import pytest

from library.models import GuidelineItem
from tests.library.factories import (
    GuidelineIndexPageFactory,
    GuidelineItemFactory,
    GuidelinePageFactory,
    IndustryFactory,
    RiskAreaFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_filter_a_guideline_by_level(page, live_server, home):
    page.set_default_timeout(30000)  # the shared CI machine is slow at times
    index = GuidelineIndexPageFactory(parent=home)
    guideline = GuidelinePageFactory(
        parent=index,
        slug="footwear",
        title="鞋革行业企业合规工作指引",
        industry=IndustryFactory(code="footwear", name="鞋革"),
    )
    safety = RiskAreaFactory(code="safety", name="安全生产")
    for level, title in [
        (GuidelineItem.Level.RED, "严禁虚开增值税专用发票"),
        (GuidelineItem.Level.RED, "严禁生产仓储住宿三合一"),
        (GuidelineItem.Level.YELLOW, "依法订立书面劳动合同"),
        (GuidelineItem.Level.GREEN, "设立合规专员"),
    ]:
        GuidelineItemFactory(page=guideline, level=level, title=title, risk_area=safety)

    page.goto(live_server.url + "/guidelines/")
    page.click("text=鞋革行业企业合规工作指引")
    # The filter form submits from a deferred script: wait until it has run (slow machines).
    page.wait_for_load_state("load")
    assert page.locator(".checklist-item").count() == 4

    # Choosing a level submits the GET form: the filter lands in the URL.
    with page.expect_navigation(url=re.compile(r"/guidelines/footwear/\?level=red(&|$)")):
        page.select_option("select[name=level]", "red")
    items = page.locator(".checklist-item")
    assert items.count() == 2
    assert set(items.evaluate_all("els => els.map(e => e.dataset.level)")) == {"red"}
    assert "依法订立书面劳动合同" not in page.content()
    assert page.locator("select[name=level]").input_value() == "red"
    assert "level=red" in page.locator("text=下载 PDF").get_attribute("href")

    with page.expect_navigation(url=re.compile(r"/guidelines/footwear/$")):
        page.click("text=清除筛选")
    assert page.locator(".checklist-item").count() == 4
