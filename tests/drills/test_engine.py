"""Running a drill end to end: scoring, branching, resuming and the refusals."""

from decimal import Decimal

import pytest

from courses.drills import engine
from courses.drills.models import DrillAnswer, DrillRun
from courses.drills.report import report_for_run
from courses.drills.scoring import Grade

from .factories import choice, make_scenario, step

pytestmark = pytest.mark.django_db


def play(run, user, page, answers):
    for key, text in answers:
        engine.answer_step(run.pk, user, step(page, key).pk, choice(page, key, text).pk)
    run.refresh_from_db()
    return run


def test_full_run_known_score_and_report(user, scenario, items):
    run, created = engine.start_run(user, scenario)
    assert created and run.current_step.key == "arrival"
    run = play(
        run,
        user,
        scenario,
        [("arrival", "核验"), ("contracts", "承认部分"), ("invoices", "出示"), ("closing", "签收")],
    )
    assert run.status == DrillRun.Status.COMPLETED
    assert run.current_step is None and run.finished_at is not None
    assert (run.score, run.max_score) == (34, 40)
    assert run.percent == Decimal("85.0")
    assert run.grade == Grade.GOOD
    assert (run.red_count, run.yellow_count) == (0, 1)

    report = report_for_run(run)
    assert report.percent == Decimal("85.0") and report.grade_label == "良好"
    assert [(f.question, f.prompt) for f in report.issues] == [("查验劳动合同", "请配合:查验劳动合同")]
    finding = report.issues[0]
    assert finding.level == "yellow" and finding.score == 4 and finding.max_score == 10
    assert finding.items[0].title == items["contract"].title
    assert finding.items[0].legal_basis.startswith("《劳动合同法》")
    assert [i.title for i in report.consequences] == [items["contract"].title]
    assert [i.flexible_label for i in report.flexible] == ["首违不罚"]
    assert [i.pk for i in report.guidance] == [items["contract"].pk]
    assert len(report.green) == 3


def test_branching_visits_the_escalation_step_and_a_red_line_vetoes(user, scenario):
    run, _ = engine.start_run(user, scenario)
    engine.answer_step(run.pk, user, step(scenario, "arrival").pk, choice(scenario, "arrival", "以老板").pk)
    run.refresh_from_db()
    assert run.current_step.key == "escalation"
    run = play(
        run,
        user,
        scenario,
        [("escalation", "改为"), ("contracts", "出示"), ("invoices", "承认"), ("closing", "签收")],
    )
    assert [a.step_title for a in run.answers.order_by("position")] == [
        "亮证表明身份",
        "执法人员告知拒绝检查的后果",
        "查验劳动合同",
        "查验进项发票",
        "下达责令改正通知书",
    ]
    assert (run.score, run.max_score) == (25, 45)
    assert run.percent == Decimal("55.6")
    assert run.red_count == 2 and run.grade == Grade.RECTIFY


def test_straight_path_skips_the_branch_only_step(user, scenario):
    run, _ = engine.start_run(user, scenario)
    engine.answer_step(run.pk, user, step(scenario, "arrival").pk, choice(scenario, "arrival", "核验").pk)
    run.refresh_from_db()
    assert run.current_step.key == "contracts"


def test_starting_again_resumes_the_open_run(user, scenario):
    run, _ = engine.start_run(user, scenario)
    engine.answer_step(run.pk, user, step(scenario, "arrival").pk, choice(scenario, "arrival", "核验").pk)
    again, created = engine.start_run(user, scenario)
    assert not created and again.pk == run.pk
    assert again.current_step.key == "contracts"
    assert DrillRun.objects.filter(user=user).count() == 1


def test_a_finished_run_lets_the_user_start_a_new_one(user, scenario):
    run, _ = engine.start_run(user, scenario)
    play(
        run,
        user,
        scenario,
        [("arrival", "核验"), ("contracts", "出示"), ("invoices", "出示"), ("closing", "签收")],
    )
    second, created = engine.start_run(user, scenario)
    assert created and second.pk != run.pk


def test_answering_twice_is_refused_and_changes_nothing(user, scenario):
    run, _ = engine.start_run(user, scenario)
    arrival = step(scenario, "arrival")
    engine.answer_step(run.pk, user, arrival.pk, choice(scenario, "arrival", "核验").pk)
    with pytest.raises(engine.DrillError, match="已经作答"):
        engine.answer_step(run.pk, user, arrival.pk, choice(scenario, "arrival", "以老板").pk)
    run.refresh_from_db()
    assert run.current_step.key == "contracts"
    assert list(run.answers.values_list("choice_text", flat=True)) == ["核验执法证件后配合检查"]


def test_out_of_order_is_refused(user, scenario):
    run, _ = engine.start_run(user, scenario)
    with pytest.raises(engine.DrillError, match="按检查顺序"):
        engine.answer_step(
            run.pk, user, step(scenario, "invoices").pk, choice(scenario, "invoices", "出示").pk
        )
    assert not DrillAnswer.objects.exists()
    run.refresh_from_db()
    assert run.current_step.key == "arrival"


def test_a_choice_of_another_step_is_refused(user, scenario):
    run, _ = engine.start_run(user, scenario)
    with pytest.raises(engine.DrillError, match="选择本步骤"):
        engine.answer_step(run.pk, user, step(scenario, "arrival").pk, choice(scenario, "closing", "签收").pk)
    assert not DrillAnswer.objects.exists()


def test_another_users_run_cannot_be_answered(user, other_user, scenario):
    run, _ = engine.start_run(user, scenario)
    with pytest.raises(engine.DrillError, match="找不到"):
        engine.answer_step(
            run.pk, other_user, step(scenario, "arrival").pk, choice(scenario, "arrival", "核验").pk
        )
    assert not DrillAnswer.objects.exists()


def test_a_completed_run_cannot_be_changed(user, scenario):
    run, _ = engine.start_run(user, scenario)
    play(
        run,
        user,
        scenario,
        [("arrival", "核验"), ("contracts", "出示"), ("invoices", "出示"), ("closing", "签收")],
    )
    with pytest.raises(engine.DrillError, match="已经结束"):
        engine.answer_step(run.pk, user, step(scenario, "closing").pk, choice(scenario, "closing", "拒绝").pk)


def test_report_is_a_snapshot_after_the_drill_is_edited(user, scenario):
    run, _ = engine.start_run(user, scenario)
    run = play(
        run,
        user,
        scenario,
        [("arrival", "核验"), ("contracts", "承认部分"), ("invoices", "出示"), ("closing", "签收")],
    )
    c = choice(scenario, "contracts", "承认部分")
    c.score = 9
    c.text = "已修改"
    c.save()
    report = report_for_run(run)
    assert report.score == 34 and report.issues[0].answer == "承认部分员工未签合同"


def test_unpublished_or_broken_drills_cannot_be_started(user, home, industry):
    draft = make_scenario(home, industry, slug="draft", publish=False)
    with pytest.raises(engine.DrillError, match="尚未发布"):
        engine.start_run(user, draft)
    broken = make_scenario(
        home,
        industry,
        slug="broken",
        steps=[
            ("a", "arrival", "A", False, [("去 b", 1, "green", "b", [])]),
            ("b", "closing", "B", False, [("回 a", 1, "green", "a", [])]),
        ],
    )
    with pytest.raises(engine.DrillError, match="不完整"):
        engine.start_run(user, broken)
    assert not DrillRun.objects.exists()
