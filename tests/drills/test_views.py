"""The public pages: listing, drill page, run pages, reports and PDFs, and who may see them."""

import shutil
import subprocess

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from courses.drills import engine
from courses.drills.models import DrillAnswer, DrillRun

from .factories import choice, make_guideline, make_industry, make_scenario, step

pytestmark = pytest.mark.django_db


def finish(user, scenario, answers=None):
    run, _ = engine.start_run(user, scenario)
    for key, text in answers or [
        ("arrival", "核验"),
        ("contracts", "承认部分"),
        ("invoices", "出示"),
        ("closing", "签收"),
    ]:
        engine.answer_step(run.pk, user, step(scenario, key).pk, choice(scenario, key, text).pk)
    run.refresh_from_db()
    return run


def test_index_lists_drills_and_filters_by_industry(client, home, scenario):
    software = make_industry("software", "软件")
    make_scenario(home, software, slug="software-drill")
    response = client.get("/drills/")
    assert response.status_code == 200
    assert response.content.decode().count("drill-card") == 2
    filtered = client.get("/drills/?industry=software").content.decode()
    assert filtered.count("drill-card") == 1
    unknown = client.get("/drills/?industry=nope")
    assert unknown.status_code == 200 and "没有找到该行业" in unknown.content.decode()


def test_the_index_shows_a_drill_and_its_industry_as_published(user_client, home, scenario):
    # Signed in: no page cache in the way; the cards and the industries are kept all the same.
    assert "软件" not in user_client.get("/drills/").content.decode()
    drill = make_scenario(home, make_industry("software", "软件"), slug="software-drill")
    html = user_client.get("/drills/").content.decode()
    assert '<option value="software"' in html and drill.title in html
    scenario.title = "鞋企现场检查（新版）"
    scenario.save_revision().publish()
    assert "鞋企现场检查（新版）" in user_client.get("/drills/").content.decode()
    drill.unpublish()
    assert '<option value="software"' not in user_client.get("/drills/").content.decode()


def test_drill_page_asks_anonymous_users_to_sign_in(client, scenario):
    html = client.get(scenario.url).content.decode()
    assert "明履鞋业有限公司" in html and "登录后开始" in html


def test_start_requires_sign_in_and_post(user_client, scenario):
    url = reverse("drills:start", args=[scenario.pk])
    assert Client().post(url).status_code == 302 and not DrillRun.objects.exists()
    assert user_client.get(url).status_code == 405
    response = user_client.post(url)
    run = DrillRun.objects.get()
    assert response.url == reverse("drills:run", args=[run.pk])


def test_run_through_the_web_with_feedback_resume_and_report(user_client, user, scenario):
    user_client.post(reverse("drills:start", args=[scenario.pk]))
    run = DrillRun.objects.get()
    page = user_client.get(reverse("drills:run", args=[run.pk])).content.decode()
    assert "亮证表明身份" in page and "请配合:亮证表明身份" in page
    answer_url = reverse("drills:answer", args=[run.pk])
    arrival = step(scenario, "arrival")
    user_client.post(answer_url, {"step": arrival.pk, "choice": choice(scenario, "arrival", "核验").pk})
    # Leave and come back: the drill page offers to continue, and starting again resumes.
    assert "继续上次的演练" in user_client.get(scenario.url).content.decode()
    user_client.post(reverse("drills:start", args=[scenario.pk]), follow=True)
    page = user_client.get(reverse("drills:run", args=[run.pk])).content.decode()
    assert "查验劳动合同" in page and "点评:核验执法证件后配合检查" in page
    # Answering the arrival step again is refused with a message and changes nothing.
    response = user_client.post(
        answer_url, {"step": arrival.pk, "choice": choice(scenario, "arrival", "以老板").pk}, follow=True
    )
    assert "该步骤已经作答" in response.content.decode()
    assert DrillAnswer.objects.count() == 1
    # Out of order.
    response = user_client.post(
        answer_url,
        {"step": step(scenario, "closing").pk, "choice": choice(scenario, "closing", "签收").pk},
        follow=True,
    )
    assert "只能回答当前步骤" in response.content.decode()
    # Garbage.
    response = user_client.post(answer_url, {"step": "x", "choice": ""}, follow=True)
    assert "请选择一个选项" in response.content.decode()
    assert DrillAnswer.objects.count() == 1
    # The report is not ready yet.
    response = user_client.get(reverse("drills:run_report", args=[run.pk]))
    assert response.url == reverse("drills:run", args=[run.pk])
    for key, text in [("contracts", "承认部分"), ("invoices", "出示"), ("closing", "签收")]:
        response = user_client.post(
            answer_url, {"step": step(scenario, key).pk, "choice": choice(scenario, key, text).pk}
        )
    assert response.url == reverse("drills:run_report", args=[run.pk])
    html = user_client.get(response.url).content.decode()
    assert "85.0" in html and "良好" in html
    assert "《劳动合同法》第十条、第八十二条" in html and "首违不罚" in html
    # A finished run's page leads to its report.
    assert user_client.get(reverse("drills:run", args=[run.pk])).url == reverse(
        "drills:run_report", args=[run.pk]
    )


def test_other_users_get_404_for_runs_reports_and_pdfs(client, user, other_user, scenario):
    run = finish(user, scenario)
    open_run, _ = engine.start_run(other_user, scenario)
    client.force_login(other_user)
    for name in ("run", "run_report", "run_report_pdf", "answer"):
        method = client.post if name == "answer" else client.get
        assert method(reverse(f"drills:{name}", args=[run.pk])).status_code == 404
    client.force_login(user)
    assert client.get(reverse("drills:run", args=[open_run.pk])).status_code == 404


def test_anonymous_users_are_sent_to_sign_in(client, user, scenario):
    run = finish(user, scenario)
    response = client.get(reverse("drills:run_report", args=[run.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response.url


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="pdftotext (poppler-utils) not installed")
def test_report_pdf_carries_its_chinese_text(user_client, user, scenario, tmp_path):
    run = finish(user, scenario)
    response = user_client.get(reverse("drills:run_report_pdf", args=[run.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "filename*=UTF-8''" in response["Content-Disposition"]
    path = tmp_path / "report.pdf"
    path.write_bytes(response.content)
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True
    ).stdout
    compact = "".join(text.split())
    for expected in (
        "模拟执法检查报告",
        "鞋厂劳动与税务检查",
        "良好",
        "用工一个月内订立书面劳动合同",
        "首违不罚",
        "《劳动合同法》",
    ):
        assert expected in compact, expected


def _queries(client, url):
    client.get(url)  # warm the per-process caches (site root paths, settings)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


def test_run_and_report_query_counts_do_not_grow_with_content(user_client, user, home, industry, items):
    small = make_scenario(home, industry, items, slug="small")
    small_run = finish(user, small)
    big_items = make_guideline(
        home,
        make_industry("software", "软件"),
        slug="big-guide",
        items={
            f"i{n}": (level, items["contract"].risk_area, f"条目{n}", "《个人信息保护法》", "罚款", "minor")
            for n, level in enumerate(["red", "yellow", "yellow", "green", "red", "yellow"])
        },
    )
    steps = [
        (
            f"s{n}",
            "documents",
            f"步骤{n}",
            False,
            [
                ("合规", 10, "green", "", []),
                ("不合规", 0, "red" if n % 2 else "yellow", "", list(big_items.values())[n % 6 : n % 6 + 2]),
                ("部分", 5, "yellow", "", [big_items["i1"]]),
            ],
        )
        for n in range(12)
    ]
    big = make_scenario(home, industry, slug="big", steps=steps)
    big_run, _ = engine.start_run(user, big)
    for n in range(12):
        engine.answer_step(big_run.pk, user, step(big, f"s{n}").pk, choice(big, f"s{n}", "不合规").pk)
    small_open, _ = engine.start_run(user, small)
    big_open, _ = engine.start_run(user, big)
    for n in range(6):
        engine.answer_step(big_open.pk, user, step(big, f"s{n}").pk, choice(big, f"s{n}", "部分").pk)

    report = (
        reverse("drills:run_report", args=[small_run.pk]),
        reverse("drills:run_report", args=[big_run.pk]),
    )
    assert _queries(user_client, report[0]) == _queries(user_client, report[1])
    run_pages = reverse("drills:run", args=[small_open.pk]), reverse("drills:run", args=[big_open.pk])
    assert _queries(user_client, run_pages[0]) == _queries(user_client, run_pages[1])
    assert _queries(user_client, "/me/") < 40
    mine = reverse("drills:my_results")
    assert _queries(user_client, mine) <= 20


def test_my_results_lists_runs_with_empty_states(user_client, user, scenario):
    html = user_client.get(reverse("drills:my_results")).content.decode()
    assert "还没有模拟检查记录" in html and "还没有合规体检记录" in html
    finish(user, scenario)
    html = user_client.get(reverse("drills:my_results")).content.decode()
    assert "鞋厂劳动与税务检查" in html and "85.0%" in html


def test_exhibits_show_documents_photos_and_notes(user_client, user, home, industry, settings, tmp_path):
    import wagtail_factories

    settings.MEDIA_ROOT = tmp_path
    photo = wagtail_factories.ImageFactory(title="三楼宿舍")
    scenario = make_scenario(
        home,
        industry,
        slug="exhibits",
        steps=[("only", "site", "现场检查", False, [("配合", 10, "green", "", [])])],
    )
    only = step(scenario, "only")
    only.exhibits = [
        ("document", {"title": "工资表", "body": "十月工资\n计件"}),
        ("photo", {"image": photo, "caption": "隔墙后的床铺"}),
        ("note", "全楼只有一部楼梯"),
    ]
    only.save()
    run, _ = engine.start_run(user, scenario)
    html = user_client.get(reverse("drills:run", args=[run.pk])).content.decode()
    assert "工资表" in html and "十月工资" in html
    assert "<img" in html and "隔墙后的床铺" in html
    assert "全楼只有一部楼梯" in html


def test_an_unplayable_drill_says_so_and_offers_no_start(user_client, home, industry):
    broken = make_scenario(
        home, industry, slug="loop", steps=[("a", "arrival", "A", False, [("去 a", 1, "green", "a", [])])]
    )
    html = user_client.get(broken.url).content.decode()
    assert "步骤设置不完整" in html and "开始模拟检查" not in html


def test_a_drill_page_keeps_its_outline_until_the_drill_is_published_again(client, scenario, monkeypatch):
    monkeypatch.setattr("core.cache.TIMEOUT", 0)  # the full-page cache off: the kept outline is under test
    first = client.get(scenario.url).content.decode()
    assert "4 个主要步骤" in first
    with CaptureQueriesContext(connection) as again:
        assert client.get(scenario.url).content.decode() == first
    sql = " ".join(query["sql"] for query in again.captured_queries)
    assert "drills_drillstep" not in sql and "drills_drillchoice" not in sql
    step(scenario, "closing").delete()
    scenario.refresh_from_db()
    scenario.save_revision().publish()
    assert "3 个主要步骤" in client.get(scenario.url).content.decode()
