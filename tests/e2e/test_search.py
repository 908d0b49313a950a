"""A visitor types Chinese into the header search box, picks a suggestion, and narrows the results."""

import pytest

from portal.models import StandardPage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def publish(parent, title, intro, slug):
    page = StandardPage(title=title, intro=intro, slug=slug)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_suggest_then_search(page, live_server, home):
    page.set_default_timeout(30000)  # the shared CI machine is slow at times
    publish(home, "信用修复“双书同达”办理指南", "行政处罚决定书与信用修复告知书同时送达,从快从简。", "credit")
    publish(home, "首违不罚清单", "首违不罚、轻微减罚的柔性执法。", "first")

    page.goto(live_server.url + "/")
    box = page.locator("header input[data-suggest-url]")
    box.click()
    box.type("信用修")  # a Chinese prefix, not a whole word
    suggestion = page.locator(".suggest-list li", has_text="信用修复“双书同达”办理指南")
    suggestion.wait_for()
    suggestion.click()

    page.wait_for_url("**/search/?q=*")
    hit = page.locator(".search-hit")
    assert hit.count() == 1
    assert "信用修复" in hit.locator("mark").first.inner_text()
    hit.locator("a").click()
    page.wait_for_url("**/credit/")

    page.goto(live_server.url + "/search/?q=罚")  # one character: no word matches, the substring does
    assert page.locator(".search-hit").count() == 2
    page.goto(live_server.url + "/search/?q=<b>罚</b>")
    assert page.locator("main b").count() == 0
    assert page.locator("main input[name=q]").input_value() == "<b>罚</b>"


def test_a_question_and_a_traditional_query_land_on_the_guideline_item(page, live_server, home):
    from library.models import GuidelineItem
    from tests.library.factories import GuidelineItemFactory, make_guideline

    page.set_default_timeout(30000)
    guideline = make_guideline(home, title="鞋革行业企业合规工作指引", slug="footwear")
    GuidelineItemFactory(
        page=guideline,
        title="用工一个月内订立书面劳动合同",
        level=GuidelineItem.Level.YELLOW,
        what_to_do="<p>自用工之日起一个月内与劳动者订立书面劳动合同。</p>",
        legal_basis="《劳动合同法》第十条、第八十二条",
        consequence="超过一个月不满一年未订立书面劳动合同的,应当向劳动者每月支付二倍工资。",
    )
    GuidelineItemFactory(page=guideline, title="严禁虚开增值税专用发票", level=GuidelineItem.Level.RED)
    guideline.save_revision().publish()
    item = guideline.items.get(title="用工一个月内订立书面劳动合同")

    page.goto(live_server.url + "/")
    box = page.locator("header input[data-suggest-url]")
    box.fill("员工不签劳动合同会怎么样")
    box.press("Enter")
    page.wait_for_url("**/search/?q=*")
    first = page.locator(".search-hit").first
    assert "用工一个月内订立书面劳动合同" in first.inner_text()
    assert "指引条目" in first.locator(".badge").first.inner_text()
    first.locator("a").first.click()
    page.wait_for_url(f"**/footwear/#{item.anchor}")
    assert page.locator(f"#{item.anchor}").is_visible()

    page.goto(live_server.url + "/search/?q=" + "勞動合同")
    assert "已按简体“劳动合同”搜索" in page.locator(".search-results").inner_text()
    first = page.locator(".search-hit").first
    assert "用工一个月内订立书面劳动合同" in first.inner_text()
    assert first.locator("mark").first.inner_text() == "劳动合同"
