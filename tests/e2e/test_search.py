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
