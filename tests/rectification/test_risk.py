"""风险研判: per industry × risk area and per month, only over at least five firms; for editors,
contact points and the district office; exportable; a fixed number of queries."""

import datetime as dt
import io

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from portal.roles import CONTACT_POINTS, DISTRICT_OFFICE, EDITORS
from rectification import risk
from rectification.models import Plan, Task
from tests.conftest import make_user
from tests.library.factories import CasePageFactory, make_case_index

from .factories import make_firm

pytestmark = pytest.mark.django_db


def plan_for(enterprise, industry, findings, created=None):
    """A plan of ``enterprise`` with ``findings``: [(risk area, level, status, title)]."""
    created = created or timezone.now() - dt.timedelta(days=20)
    plan = Plan.objects.create(
        enterprise=enterprise, industry=industry, title="整改计划", source="self_check", created_at=created
    )
    Task.objects.bulk_create(
        Task(
            plan=plan,
            position=n,
            risk_area=area,
            title=title,
            level=level,
            status=status,
            due_date=timezone.localdate(),
            completed_at=created + dt.timedelta(days=10) if status == Task.Status.DONE else None,
        )
        for n, (area, level, status, title) in enumerate(findings, start=1)
    )
    return plan


@pytest.fixture
def picture(industry, items, home):
    """Six firms with an open red invoice finding (财税); four with a fire-safety one (suppressed)."""
    tax, contract = items["invoice"].risk_area, items["contract"].risk_area
    firms = [make_firm(f"鹿城第{n}鞋业有限公司", number=10 + n, industry=industry)[0] for n in range(6)]
    for n, firm in enumerate(firms):
        findings = [(tax, "red", Task.Status.TO_RECTIFY if n < 5 else Task.Status.DONE, "取得虚开发票")]
        if n < 4:
            findings.append((contract, "yellow", Task.Status.DONE, "合同未审查"))
        plan_for(firm, industry, findings)
    CasePageFactory(
        parent=make_case_index(home), industry=industry, title="鞋业虚开发票案", items=[items["invoice"]]
    )
    return tax, contract


def editor():
    user = make_user("editor@example.com", real_name="编辑", is_staff=True)
    user.groups.add(Group.objects.get_or_create(name=EDITORS)[0])
    return user


def test_only_cells_over_five_firms_are_shown(picture):
    tax, contract = picture
    [cell] = risk.cells()
    assert (cell.risk_area, cell.firm_count, cell.red_open_firm_count, cell.red_open) == (tax.name, 6, 5, 5)
    assert cell.heat == 83 and cell.median_days == 10.0 and "取得虚开发票(6)" in cell.top_items
    assert cell.case_titles == "鞋业虚开发票案"
    assert contract.name not in {c.risk_area for c in risk.cells()}  # four firms: suppressed
    assert {c.risk_area for c in risk.cells(min_firms=4)} == {tax.name, contract.name}


def test_a_month_from_fewer_than_five_firms_is_suppressed(picture, industry):
    months = dict(risk.months())
    this_month = timezone.localtime(timezone.now() - dt.timedelta(days=20)).strftime("%Y-%m")
    assert months[this_month].firm_count == 6 and months[this_month].red == 6
    old = timezone.now() - dt.timedelta(days=100)
    for n in range(3):
        plan_for(make_firm(f"旧企业{n}", number=40 + n, industry=industry)[0], industry, [], created=old)
    assert all(row is None for key, row in risk.months() if key != this_month)


@pytest.mark.parametrize("group", [EDITORS, CONTACT_POINTS, DISTRICT_OFFICE])
def test_editors_contact_points_and_the_district_office_read_it(client, picture, group):
    user = make_user(f"{len(group)}@example.com", is_staff=True)
    user.groups.add(Group.objects.get_or_create(name=group)[0])
    if group != EDITORS:  # the migration's groups carry admin access and the permission
        assert Group.objects.get(name=group).permissions.filter(codename="view_risk_picture").exists()
    client.force_login(user)
    html = client.get(reverse("rectification_risk:areas")).content.decode()
    assert "risk-heat" in html and "83%" in html and "鞋业虚开发票案" in html
    assert "合同未审查" not in html
    assert client.get(reverse("rectification_risk:months")).status_code == 200


def test_firms_and_the_public_cannot(client, picture):
    officer = make_firm("另一家企业", number=60)[1]
    officer.is_staff = True
    officer.save()
    client.force_login(officer)
    for name in ("rectification_risk:areas", "rectification_risk:months"):
        assert client.get(reverse(name)).status_code in (302, 403)
    client.logout()
    assert client.get(reverse("rectification_risk:areas")).status_code == 302


def test_the_spreadsheet_export(client, picture):
    client.force_login(editor())
    response = client.get(reverse("rectification_risk:areas") + "?export=xlsx")
    assert response.status_code == 200
    data = b"".join(response.streaming_content) if response.streaming else response.content
    rows = list(load_workbook(io.BytesIO(data)).active.iter_rows(values_only=True))
    assert rows[0][:3] == ("行业", "风险领域", "涉及企业数") and len(rows) == 2
    assert rows[1][2] == 6 and rows[1][3] == 5


def test_query_count_does_not_grow_with_firms_and_tasks(client, picture, industry):
    client.force_login(editor())
    url = reverse("rectification_risk:areas")
    client.get(url)

    def queries():
        with CaptureQueriesContext(connection) as context:
            assert client.get(url).status_code == 200
        return len(context)

    small = queries()
    tax = picture[0]
    for n in range(8):
        firm = make_firm(f"新增企业{n}", number=100 + n, industry=industry)[0]
        plan_for(firm, industry, [(tax, "red", Task.Status.TO_RECTIFY, f"问题{m}") for m in range(10)])
    assert queries() == small


def test_the_picture_filters_by_whole_industries_and_risk_areas(client, picture, industry):
    from tests.drills.factories import make_industry

    tax, contract = picture
    other = make_industry(code="garment", name="服装")
    for n in range(5):
        firm = make_firm(f"鹿城第{n}服装有限公司", number=70 + n, industry=other)[0]
        plan_for(firm, other, [(contract, "red", Task.Status.TO_RECTIFY, "未签劳动合同")])
    client.force_login(editor())
    url = reverse("rectification_risk:areas")
    whole = client.get(url).content.decode()
    assert "鞋业虚开发票案" in whole and "未签劳动合同" in whole
    shoes = client.get(url, {"industry": industry.pk}).content.decode()
    assert "取得虚开发票(6)" in shoes and "未签劳动合同" not in shoes
    by_area = client.get(url, {"risk_area": contract.pk}).content.decode()
    assert "未签劳动合同(5)" in by_area and "取得虚开发票" not in by_area
    export = client.get(url, {"industry": other.pk, "export": "xlsx"})
    data = b"".join(export.streaming_content) if export.streaming else export.content
    rows = list(load_workbook(io.BytesIO(data)).active.iter_rows(values_only=True))
    assert [row[:3] for row in rows[1:]] == [("服装", contract.name, 5)]
    for bad in ({"industry": "abc"}, {"risk_area": "99999"}, {"industry": "1'"}):
        assert client.get(url, bad).status_code == 200
        assert client.get(reverse("rectification_risk:months"), bad).status_code == 200
    trend = client.get(reverse("rectification_risk:months"), {"industry": other.pk}).content.decode()
    assert "服装" in trend


def test_one_industrys_trend_hides_a_month_that_would_single_out_the_others(picture, industry):
    from tests.drills.factories import make_industry

    this_month = timezone.localtime(timezone.now() - dt.timedelta(days=20)).strftime("%Y-%m")
    assert dict(risk.months(industry=industry))[this_month].firm_count == 6  # no other industry yet
    other = make_industry(code="garment", name="服装")
    for n in range(2):
        firm = make_firm(f"鹿城第{n}服装有限公司", number=70 + n, industry=other)[0]
        plan_for(firm, other, [(picture[1], "red", Task.Status.TO_RECTIFY, "未签劳动合同")])
    # the district's month (8 firms) minus the footwear month (6) would show the two garment firms
    assert dict(risk.months())[this_month].firm_count == 8
    assert dict(risk.months(industry=industry))[this_month] is None
    for n in range(2, 5):
        firm = make_firm(f"鹿城第{n}服装有限公司", number=70 + n, industry=other)[0]
        plan_for(firm, other, [(picture[1], "red", Task.Status.TO_RECTIFY, "未签劳动合同")])
    assert dict(risk.months(industry=industry))[this_month].firm_count == 6
    assert dict(risk.months(industry=other))[this_month].firm_count == 5
