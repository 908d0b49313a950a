"""A trainee signs in, runs a branching drill to its report, and downloads the PDF."""

import pytest

from courses.drills.models import DrillRun
from tests.conftest import make_user
from tests.drills.factories import make_guideline, make_industry, make_scenario

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_run_a_drill_to_its_report(page, live_server, login, home):
    industry = make_industry()
    items = make_guideline(home, industry)
    scenario = make_scenario(home, industry, items)
    user = make_user("trainee@example.com", real_name="李婷")

    login(user.email)
    page.goto(live_server.url + "/drills/")
    page.click("text=鞋厂劳动与税务检查")
    page.wait_for_load_state("networkidle")
    assert "明履鞋业有限公司" in page.content()
    page.click("button:has-text('开始模拟检查')")
    page.wait_for_load_state("networkidle")

    # Refuse at the door: the drill branches to the inspector's escalation.
    assert "亮证表明身份" in page.content()
    page.check("label:has-text('以老板不在为由拒绝开门') input")
    page.click("button:has-text('提交，不可修改')")
    page.wait_for_load_state("networkidle")
    assert "执法人员告知拒绝检查的后果" in page.content()
    assert "点评:以老板不在为由拒绝开门" in page.content()

    # Leave and come back: the drill resumes where it stopped.
    page.goto(live_server.url + scenario.url)
    page.click("button:has-text('继续上次的演练')")
    page.wait_for_load_state("networkidle")
    assert "执法人员告知拒绝检查的后果" in page.content()

    for text in ("改为配合检查", "承认部分员工未签合同", "出示与业务一致的发票", "签收并承诺限期整改"):
        page.check(f"label:has-text('{text}') input")
        page.click("button:has-text('提交，不可修改')")
        page.wait_for_load_state("networkidle")

    assert "模拟执法检查报告" in page.content()
    run = DrillRun.objects.get(user=user)
    assert run.is_completed and (run.score, run.max_score) == (29, 45)
    summary = page.locator(".report-summary").inner_text()
    assert "64.4" in summary and "需整改" in summary  # the refusal is a red line: veto
    assert "用工一个月内订立书面劳动合同" in page.content()

    with page.expect_download() as download:
        page.click("text=下载 PDF")
    assert download.value.suggested_filename.endswith(".pdf")

    page.goto(live_server.url + "/me/")
    assert "鞋厂劳动与税务检查" in page.content()
