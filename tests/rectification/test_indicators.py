"""The yearly rectification indicators: plans opened and closed, median days to rectify, re-check pass rate."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from accounts.services import membership_of
from portal.roles import EDITORS
from rectification import recheck, services
from rectification.indicators import yearly_figures
from rectification.models import Plan, ReCheck, Task
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(firm, report):
    return services.create_plan(firm[1], self_check=report)[0]


def _answers(questions, **by_item):
    return {f"item-{item.pk}": by_item.get(str(item.pk), "yes") for item in questions}


def test_no_plans_yet_gives_zeros_and_no_median():
    figures = yearly_figures()
    assert (figures["plans_opened"], figures["plans_closed"]) == (0, 0)
    assert figures["median_days"] is None and figures["recheck_pass_rate"] is None


def test_figures_count_this_years_plans_days_and_rechecks(plan, firm, items):
    officer = membership_of(firm[1])
    now = timezone.now()
    Plan.objects.filter(pk=plan.pk).update(created_at=now - timedelta(hours=12))
    tasks = {task.item_id: task for task in plan.tasks.all()}
    for task in tasks.values():
        services.change_status(task, officer, Task.Status.REVIEW, note="已整改,待复查")
    questions = recheck.questions_for(plan, ReCheck.Scope.FAILED)
    recheck.record_recheck(
        plan,
        officer,
        ReCheck.Scope.FAILED,
        questions,
        _answers(questions, **{str(items["contract"].pk): "no"}),
    )
    # one of two items passed; the invoice task is done, half a day after the plan opened
    figures = yearly_figures()
    assert figures["plans_opened"] == 1 and figures["plans_closed"] == 0
    assert figures["tasks_done"] == 1 and figures["median_days"] == pytest.approx(0.5, abs=0.05)
    assert figures["recheck_pass_rate"] == 50 and figures["recheck_items"] == 2

    full = recheck.questions_for(plan, ReCheck.Scope.FULL)
    recheck.record_recheck(plan, officer, ReCheck.Scope.FULL, full, _answers(full))
    figures = yearly_figures()
    assert figures["median_days"] is not None
    assert figures["plans_closed"] == 1 and figures["tasks_done"] == 2
    # the full re-check judges the plan's two items again, both pass: 3 of 4
    assert figures["rechecks"] == 2 and figures["recheck_items"] == 4 and figures["recheck_pass_rate"] == 75
    assert yearly_figures(year=timezone.localtime(now).year - 1)["plans_opened"] == 0


def test_the_dashboard_panel_is_for_editors_not_firms(client, plan, firm):
    editor = make_user("editor@example.com", real_name="编辑")
    editor.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(editor)
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "年合规整改指标" in page and "复查通过率" in page

    client.force_login(firm[1])
    response = client.get(reverse("wagtailadmin_home"))
    assert "合规整改指标" not in response.content.decode()
