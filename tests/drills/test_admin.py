"""Editors author drills in the Wagtail admin (validated graph); organisers read the aggregate reports."""

import json
import re

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from accounts.models import Enterprise, Membership
from courses.drills import engine
from courses.drills.models import DrillIndexPage, DrillPage, SelfCheckPage
from portal.models import HomePage
from tests.conftest import make_user

from .factories import choice, drill_index, make_self_check, step

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, db):
    admin = make_user("admin@example.com", is_superuser=True, is_staff=True)
    client.force_login(admin)
    return client


def test_page_type_rules():
    assert DrillIndexPage.allowed_parent_page_models() == [HomePage]
    assert set(DrillIndexPage.allowed_subpage_models()) == {DrillPage, SelfCheckPage}
    assert DrillPage.allowed_parent_page_models() == [DrillIndexPage]
    assert DrillPage.allowed_subpage_models() == []
    assert SelfCheckPage.allowed_parent_page_models() == [DrillIndexPage]
    assert SelfCheckPage.allowed_subpage_models() == []
    assert DrillIndexPage.max_count == 1


def test_searchable_contract(scenario, home, industry):
    check = make_self_check(home, industry)
    for page in (scenario, check):
        assert list(page.search_industries()) == [industry]
        assert page.search_summary
    assert drill_index(home).search_industries() == []


def _drill_post(industry, steps, slug="new-drill"):
    return nested_form_data(
        {
            "title": "新演练",
            "slug": slug,
            "industry": industry.pk,
            "authority": "区应急管理局",
            "firm_name": "某鞋厂",
            "setting": "40 名工人",
            "intro": "导语",
            "briefing": rich_text(""),
            "estimated_minutes": 10,
            "steps": inline_formset(
                [
                    {
                        "key": key,
                        "phase": "documents",
                        "title": f"步骤 {key}",
                        "inspector_says": "请出示材料",
                        "scene": rich_text(""),
                        "exhibits": streamfield([("document", {"title": "工资表", "body": "十月工资"})]),
                        **({"is_branch": "on"} if branch else {}),
                        "choices": inline_formset(
                            [
                                {
                                    "text": text,
                                    "score": 5,
                                    "level": "green",
                                    "feedback": "",
                                    "next_step_key": nxt,
                                    **extra,
                                }
                                for text, nxt, extra in choices
                            ],
                            min=1,
                        ),
                    }
                    for key, branch, choices in steps
                ],
                min=1,
            ),
        }
    )


def test_admin_creates_a_drill_with_nested_steps_choices_and_items(admin_client, home, industry, items):
    index = drill_index(home)
    url = reverse("wagtailadmin_pages:add", args=("drills", "drillpage", index.pk))
    data = _drill_post(
        industry,
        [
            ("start", False, [("配合", "", {}), ("拒绝", "esc", {})]),
            ("esc", True, [("改为配合", "", {})]),
            ("end", False, [("签收", "", {})]),
        ],
    )
    # A multiple choice field takes a list, which nested_form_data would flatten.
    data["steps-0-choices-0-guideline_items"] = [items["contract"].pk, items["officer"].pk]
    response = admin_client.post(url, {**data, "action-publish": "action-publish"})
    assert response.status_code == 302, response.content.decode()[:2000]
    page = DrillPage.objects.get(slug="new-drill")
    assert page.live
    assert [s.key for s in page.steps.order_by("sort_order")] == ["start", "esc", "end"]
    assert set(choice(page, "start", "配合").guideline_items.all()) == {items["contract"], items["officer"]}
    assert step(page, "start").exhibits[0].value["title"] == "工资表"
    # Editing it again: the item picker groups items by industry and keeps the selection.
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert '<optgroup label="鞋革">' in html
    assert html.count("selected>") >= 2
    # Branch targets are a dropdown of the drill's own steps (filled in the editor from the step
    # codes on the page); the saved target stays chosen.
    target = re.search(r'<select name="steps-0-choices-1-next_step_key".*?</select>', html, re.S).group(0)
    assert "data-drill-step-select" in target
    assert '<option value="esc" selected>' in target and "按顺序进入下一步骤" in target
    assert "drills/step_select.js" in html


@pytest.mark.parametrize(
    "steps, message",
    [
        ([("a", False, [("x", "b", {})]), ("b", False, [("y", "a", {})])], "循环"),
        ([("a", False, [("x", "nope", {})])], "不存在的步骤"),
        ([("a", False, [("x", "", {})]), ("lost", True, [("y", "", {})])], "无法到达"),
    ],
)
def test_admin_refuses_broken_graphs(admin_client, home, industry, steps, message):
    index = drill_index(home)
    url = reverse("wagtailadmin_pages:add", args=("drills", "drillpage", index.pk))
    response = admin_client.post(url, _drill_post(industry, steps, slug="broken"))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not DrillPage.objects.filter(slug="broken").exists()


def test_reserved_slugs_are_refused(admin_client, home, industry):
    index = drill_index(home)
    url = reverse("wagtailadmin_pages:add", args=("drills", "drillpage", index.pk))
    response = admin_client.post(url, _drill_post(industry, [("a", False, [("x", "", {})])], slug="runs"))
    assert response.status_code == 200 and not DrillPage.objects.filter(slug="runs").exists()


def _finished(user, scenario):
    run, _ = engine.start_run(user, scenario)
    for key, text in [
        ("arrival", "核验"),
        ("contracts", "承认部分"),
        ("invoices", "承认"),
        ("closing", "签收"),
    ]:
        engine.answer_step(run.pk, user, step(scenario, key).pk, choice(scenario, key, text).pk)
    return run


def test_organiser_reports_and_exports(admin_client, user, other_user, scenario):
    _finished(user, scenario)
    engine.start_run(other_user, scenario)
    html = admin_client.get(reverse("drills_reports:scenarios")).content.decode()
    assert "鞋厂劳动与税务检查" in html and "50.0%" in html  # completion: 1 of 2 runs
    csv = admin_client.get(reverse("drills_reports:scenarios") + "?export=csv")
    body = b"".join(csv.streaming_content).decode() if csv.streaming else csv.content.decode()
    assert "鞋厂劳动与税务检查" in body and "平均得分率" in body
    xlsx = admin_client.get(reverse("drills_reports:industries") + "?export=xlsx")
    assert xlsx.status_code == 200 and "spreadsheetml" in xlsx["Content-Type"]
    html = admin_client.get(reverse("drills_reports:industries")).content.decode()
    assert "鞋革" in html
    html = admin_client.get(reverse("drills_reports:steps")).content.decode()
    assert "查验进项发票" in html and "承认向他人买票抵扣" in html


def test_reports_need_the_permission(client, db):
    editor = make_user("editor@example.com", is_staff=True)
    from django.contrib.auth.models import Permission

    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    response = client.get(reverse("drills_reports:scenarios"))
    assert response.status_code in (302, 403)


def test_hooks_me_panel_data_export_and_home_feed(user_client, user, scenario):
    _finished(user, scenario)
    assert "鞋厂劳动与税务检查" in user_client.get("/me/").content.decode()
    data = json.loads(user_client.get(reverse("export_my_data")).content)
    runs = data["drills"]["drill_runs"]
    assert runs[0]["scenario"] == "鞋厂劳动与税务检查" and len(runs[0]["answers"]) == 4
    from core.feeds import get_feed_items

    assert get_feed_items("drills", 3) == [scenario]


def test_enterprise_officer_sees_staff_results_summary(client, user, scenario):
    enterprise = Enterprise.objects.create(name="明履鞋业", credit_code="91330302MA2H5RXP3X", size="small")
    officer = make_user("boss@example.com", real_name="张老板")
    Membership.objects.create(user=officer, enterprise=enterprise, role=Membership.Role.OFFICER)
    Membership.objects.create(user=user, enterprise=enterprise, role=Membership.Role.STAFF)
    _finished(user, scenario)
    client.force_login(officer)
    html = client.get(reverse("enterprise_detail")).content.decode()
    assert "员工模拟检查与合规体检" in html and "测试用户" in html and "需整改" in html
    # Staff see no panel, and the officer gets summaries, not the answers.
    assert "承认向他人买票抵扣" not in html


def test_editors_can_preview_an_unsaved_drill(admin_client, home, industry):
    index = drill_index(home)
    url = reverse("wagtailadmin_pages:preview_on_add", args=("drills", "drillpage", index.pk))
    data = _drill_post(industry, [("start", False, [("配合", "", {})]), ("end", False, [("签收", "", {})])])
    response = admin_client.post(url, data)
    assert response.status_code == 200 and response.json()["is_valid"]
    html = admin_client.get(url).content.decode()
    assert "某鞋厂" in html and "2 个主要步骤" in html


def test_enterprise_panel_query_count_does_not_grow_with_staff(client, home, industry, items, scenario):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    enterprise = Enterprise.objects.create(name="明履鞋业", credit_code="91330302MA2H5RXP3X", size="small")
    officer = make_user("boss@example.com", real_name="张老板")
    Membership.objects.create(user=officer, enterprise=enterprise, role=Membership.Role.OFFICER)
    client.force_login(officer)

    def count():
        client.get(reverse("enterprise_detail"))
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("enterprise_detail")).status_code == 200
        return len(ctx)

    def add_staff(n):
        staff = make_user(f"staff{n}@example.com", real_name=f"员工{n}")
        Membership.objects.create(user=staff, enterprise=enterprise, role=Membership.Role.STAFF)
        _finished(staff, scenario)

    add_staff(0)
    few = count()
    for n in range(1, 5):
        add_staff(n)
    assert count() == few


def test_editors_can_preview_an_unsaved_index(admin_client, home):
    url = reverse("wagtailadmin_pages:preview_on_add", args=("drills", "drillindexpage", home.pk))
    response = admin_client.post(
        url, nested_form_data({"title": "模拟检查", "slug": "drills", "intro": "导语"})
    )
    assert response.status_code == 200 and response.json()["is_valid"]
    assert "暂无模拟执法检查" in admin_client.get(url).content.decode()


def test_dashboard_panel_for_organisers(admin_client, user, scenario):
    _finished(user, scenario)
    html = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "模拟执法检查（近 30 天）" in html and "开始演练 1 次，完成 1 次" in html
    assert "查验进项发票" in html
