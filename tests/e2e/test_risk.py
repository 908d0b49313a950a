"""风险研判 in a real browser: a contact point's person opens the heat map and the tables."""

from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from portal.roles import CONTACT_POINTS
from rectification.models import Task
from tests.conftest import make_user
from tests.drills.factories import make_industry
from tests.library.factories import RiskAreaFactory
from tests.rectification.factories import make_firm
from tests.rectification.test_risk import plan_for

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENS = Path(__file__).resolve().parents[2] / "build" / "screens"


def test_a_contact_point_reads_the_heat_map(page, live_server, admin_login, home):
    industry = make_industry()
    tax = RiskAreaFactory(name="财务税务", code="finance-tax")
    fire = RiskAreaFactory(name="安全生产", code="safety")
    for n in range(6):
        firm = make_firm(f"鹿城第{n}鞋业有限公司", number=10 + n, industry=industry)[0]
        plan_for(
            firm,
            industry,
            [
                (tax, "red", Task.Status.TO_RECTIFY if n < 3 else Task.Status.DONE, "严禁虚开增值税专用发票"),
                (fire, "red", Task.Status.TO_RECTIFY, "严禁“三合一”"),
            ],
        )
    person = make_user("contact@assoc.example", real_name="林主任")
    person.groups.add(Group.objects.get(name=CONTACT_POINTS))
    admin_login(person.username)
    SCREENS.mkdir(parents=True, exist_ok=True)
    for width in (1280, 360):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{live_server.url}/admin/reports/risk/")
        heat = page.locator("table.risk-heat")
        assert heat.is_visible()
        assert "100%" in heat.inner_text() and "50%" in heat.inner_text()
        page.screenshot(path=SCREENS / f"risk-picture-{width}.png", full_page=True)
    # The officer narrows the picture to one risk area with the report's own filters.
    page.set_viewport_size({"width": 1280, "height": 900})
    page.click("#filters-drilldown button[aria-label]")
    page.click("#filters-drilldown button:has-text('风险领域')")
    page.select_option("#filters-drilldown select[name='risk_area']", label="安全生产")
    expect(page.locator("table.risk-heat")).not_to_contain_text("50%")
    assert "100%" in page.locator("table.risk-heat").inner_text()
    assert "严禁虚开增值税专用发票" not in page.locator("main").inner_text()
    page.screenshot(path=SCREENS / "risk-picture-filtered.png", full_page=True)
    page.goto(f"{live_server.url}/admin/reports/risk/months/")
    assert page.locator("table").count() >= 1  # the monthly trend, its months listed
