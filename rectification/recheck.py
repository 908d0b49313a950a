"""复查: answering the self-check again; findings that now pass close their tasks, the rest reopen."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.drills.checkup import grade_answers, save_result
from courses.drills.scoring import Level
from library.models import GuidelineItem

from .access import can_manage
from .models import PlanEvent, ReCheck, Task
from .services import PlanError, close_plan_if_done


def recheck_page(plan):
    """The live self-check used for re-checks, or None."""
    page = plan.self_check_page
    return page if page is not None and page.live else None


def questions_for(plan, scope):
    """The guideline items to answer again: the whole self-check, or only the plan's unresolved items."""
    page = recheck_page(plan)
    if page is None:
        raise PlanError(_("本行业暂无在线的合规体检，无法复查；请由合规专员逐项确认整改完成。"))
    if scope == ReCheck.Scope.FULL:
        return page.questions()
    if scope != ReCheck.Scope.FAILED:
        raise PlanError(_("未知的复查范围。"))
    item_ids = (
        Task.objects.filter(plan=plan, item__isnull=False)
        .exclude(status=Task.Status.NOT_APPLICABLE)
        .values("item_id")
    )
    return list(
        GuidelineItem.objects.filter(pk__in=item_ids, page__live=True)
        .select_related("page", "risk_area")
        .order_by("risk_area__sort_order", "risk_area__name", "page__path", "sort_order", "pk")
    )


@transaction.atomic
def record_recheck(plan, membership, scope, questions, cleaned_data):
    """Grade the re-check, keep it as a self-check result and update the plan's tasks; returns the ReCheck."""
    if not can_manage(plan, membership):
        raise PermissionDenied(_("只有本企业的合规专员可以发起复查。"))
    if plan.is_closed:
        raise PlanError(_("该整改计划已完成，无需复查。"))
    graded = grade_answers(questions, cleaned_data)
    result = save_result(membership.user, recheck_page(plan), graded, subject=plan.enterprise.name)
    level_by_item = {g.item.pk: g.level for g in graded}
    tasks = list(Task.objects.select_for_update().filter(plan=plan, item_id__in=level_by_item))
    now = timezone.now()
    passed = failed = 0
    events = []
    for task in tasks:
        level = level_by_item[task.item_id]
        task.after_level = level
        previous = task.status
        if task.status == Task.Status.NOT_APPLICABLE:
            continue
        if level == Level.GREEN:
            passed += 1
            task.status = Task.Status.DONE
            task.completed_at = task.completed_at or now
        else:
            failed += 1
            if task.status in (Task.Status.REVIEW, Task.Status.DONE):
                task.status = Task.Status.IN_PROGRESS
                task.completed_at = None
        if task.status != previous:
            events.append(
                PlanEvent(
                    plan=plan,
                    task=task,
                    actor=membership.user,
                    kind=PlanEvent.Kind.STATUS,
                    from_status=previous,
                    to_status=task.status,
                    message="recheck_passed" if level == Level.GREEN else "recheck_failed",
                    params={} if level == Level.GREEN else {"level": Level(level).value},
                    created_at=now,
                )
            )
    Task.objects.bulk_update(tasks, ["after_level", "status", "completed_at", "updated_at"])
    before_red = plan.after_red if plan.after_red is not None else plan.before_red
    before_yellow = plan.after_yellow if plan.after_yellow is not None else plan.before_yellow
    recheck = ReCheck.objects.create(
        plan=plan,
        result=result,
        scope=scope,
        started_by=membership.user,
        created_at=now,
        before_red=before_red,
        before_yellow=before_yellow,
        after_red=result.red_count,
        after_yellow=result.yellow_count,
        passed=passed,
        failed=failed,
        percent=result.percent,
        grade=result.grade,
    )
    plan.after_red, plan.after_yellow = result.red_count, result.yellow_count
    plan.after_percent, plan.after_grade = result.percent, result.grade
    plan.save(update_fields=["after_red", "after_yellow", "after_percent", "after_grade"])
    PlanEvent.objects.bulk_create(events)
    PlanEvent.objects.create(
        plan=plan,
        actor=membership.user,
        kind=PlanEvent.Kind.RECHECK,
        message="recheck",
        params={
            "scope": ReCheck.Scope(scope).value,
            "passed": passed,
            "failed": failed,
            "red": result.red_count,
            "yellow": result.yellow_count,
        },
        created_at=now,
    )
    close_plan_if_done(plan, membership.user)
    return recheck
