"""合规体检: anonymous users get a report stored nowhere; signed-in users keep theirs; bad input saves nothing."""

import shutil
import subprocess

import pytest
from django.test import Client
from django.urls import reverse

from courses.drills.models import SelfCheckAnswer, SelfCheckResult

from .factories import make_self_check

pytestmark = pytest.mark.django_db


@pytest.fixture
def check(home, industry, items):
    return make_self_check(home, industry)


def answers(items, **override):
    data = {f"item-{item.pk}": "yes" for item in items.values()}
    data.update({f"item-{items[key].pk}": value for key, value in override.items()})
    return data


def test_questionnaire_lists_every_live_item_grouped_by_risk_area(client, check, items):
    html = client.get(check.url).content.decode()
    for item in items.values():
        assert item.title in html
    assert "劳动用工" in html and "财务税务" in html
    assert "结果不会保存" in html


def test_anonymous_report_is_rendered_and_stored_nowhere(check, items):
    client = Client()
    response = client.post(check.url, answers(items, invoice="no", contract="partly"))
    assert response.status_code == 200
    html = response.content.decode()
    # invoice red no: 0/6, contract yellow partly: 2/4, officer green yes: 2/2 → 4/12 = 33.3%
    assert "33.3" in html and "需整改" in html
    assert "严禁虚开增值税专用发票" in html and "《刑法》第二百零五条" in html
    assert "本报告不会被保存" in html
    assert not SelfCheckResult.objects.exists() and not SelfCheckAnswer.objects.exists()


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="pdftotext not installed")
def test_anonymous_pdf_is_rendered_from_the_post(check, items, tmp_path):
    response = Client().post(check.url, {**answers(items, contract="no"), "format": "pdf"})
    assert response["Content-Type"] == "application/pdf"
    path = tmp_path / "check.pdf"
    path.write_bytes(response.content)
    text = "".join(
        subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout.split()
    )
    assert "合规体检报告" in text and "用工一个月内订立书面劳动合同" in text
    assert not SelfCheckResult.objects.exists()


def test_signed_in_users_keep_their_report(user_client, user, check, items):
    response = user_client.post(check.url, answers(items, contract="no", officer="na"))
    result = SelfCheckResult.objects.get()
    assert response.url == reverse("drills:checkup_report", args=[result.pk])
    # invoice 6/6, contract 0/4, officer n/a → 6/10
    assert (result.user, result.score, result.max_score, str(result.percent)) == (user, 6, 10, "60.0")
    assert result.grade == "pass" and result.yellow_count == 1 and result.red_count == 0
    assert result.answers.count() == 3
    html = user_client.get(response.url).content.decode()
    assert "合格" in html and "每月支付二倍工资" in html and "首违不罚" in html
    assert "鞋革企业合规体检" in user_client.get("/me/").content.decode()


def test_reports_are_private(client, user, other_user, check, items):
    client.force_login(user)
    client.post(check.url, answers(items))
    result = SelfCheckResult.objects.get()
    client.force_login(other_user)
    assert client.get(reverse("drills:checkup_report", args=[result.pk])).status_code == 404
    assert client.get(reverse("drills:checkup_report_pdf", args=[result.pk])).status_code == 404


def test_missing_answers_are_refused_and_nothing_is_saved(user_client, check, items):
    data = answers(items)
    del data[f"item-{items['contract'].pk}"]
    response = user_client.post(check.url, data)
    assert response.status_code == 400
    assert "还有 1 项未作答" in response.content.decode()
    assert not SelfCheckResult.objects.exists()


def test_unknown_items_and_bad_values_are_refused(user_client, check, items):
    response = user_client.post(check.url, {**answers(items), "item-999999": "yes"})
    assert response.status_code == 400 and "999999" in response.content.decode()
    response = user_client.post(check.url, answers(items, invoice="maybe"))
    assert response.status_code == 400 and "答案无效" in response.content.decode()
    assert not SelfCheckResult.objects.exists()


def test_all_not_applicable_gives_no_score_but_a_report(user_client, check, items):
    user_client.post(check.url, {f"item-{item.pk}": "na" for item in items.values()})
    result = SelfCheckResult.objects.get()
    assert result.percent is None and result.grade == ""
    assert user_client.get(result.get_absolute_url()).status_code == 200


def test_questionnaire_query_count_does_not_grow_with_items(client, home, industry, items):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from .factories import make_guideline, make_industry

    small = make_self_check(home, industry)
    software = make_industry("software", "软件")
    make_guideline(
        home,
        software,
        slug="software-guide",
        items={
            f"i{n}": ("yellow", items["contract"].risk_area, f"条目{n}", "《个人信息保护法》", "罚款", "")
            for n in range(15)
        },
    )
    big = make_self_check(home, software)

    def count(url):
        client.get(url)
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        return len(ctx)

    assert count(small.url) == count(big.url)
