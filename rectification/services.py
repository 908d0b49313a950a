"""Plan rules: creating a plan from a report, assigning, status changes, notes and evidence.

Views, the admin, jobs and the demo loader all call these; each change is logged as a PlanEvent.
"""

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Min, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Membership
from courses.drills.models import DrillRun, SelfCheckPage, SelfCheckResult
from courses.drills.scoring import Level
from courses.models import CoursePage
from library.models import CasePage

from .access import can_manage, can_work_on
from .models import Evidence, Plan, PlanEvent, Task

# Red lines are rectified sooner than bottom lines (days from the plan's creation).
DUE_DAYS = {Level.RED: 15, Level.YELLOW: 30}
MAX_COURSES_PER_TASK = 3
MAX_CASES_PER_TASK = 3


class PlanError(ValidationError):
    pass


def default_due_date(level, start=None):
    start = start or timezone.localdate()
    return start + timedelta(days=DUE_DAYS.get(level, DUE_DAYS[Level.YELLOW]))


# --- creating a plan ---------------------------------------------------------------------------


def _self_check_findings(result):
    answers = result.answers.exclude(level=Level.GREEN).select_related("item__page", "item__risk_area")
    for answer in answers.order_by("position"):
        item = answer.item
        yield {
            "item": item,
            "risk_area_id": item.risk_area_id if item else None,
            "title": (item.title if item else answer.item_title)[:200],
            "question": answer.item_title[:200],
            "answer": str(answer.get_answer_display())[:300],
            "level": answer.level,
            "legal_basis": item.legal_basis if item else "",
            "remedy": item.remedy if item else "",
        }


def _drill_findings(run):
    answers = run.answers.exclude(level=Level.GREEN).prefetch_related("guideline_items__risk_area")
    for answer in answers.order_by("position"):
        items = list(answer.guideline_items.all())
        for item in items or [None]:
            yield {
                "item": item,
                "risk_area_id": item.risk_area_id if item else None,
                "title": (item.title if item else answer.step_title)[:200],
                "question": answer.step_title[:200],
                "answer": answer.choice_text[:300],
                "level": answer.level,
                "legal_basis": item.legal_basis if item else "",
                "remedy": (item.remedy if item else "") or answer.feedback,
            }


def _recommended_courses(industry, drill=None):
    courses = list(drill.related_courses.live().public()[:MAX_COURSES_PER_TASK]) if drill else []
    if industry is not None and len(courses) < MAX_COURSES_PER_TASK:
        courses += list(
            CoursePage.objects.live()
            .public()
            .filter(industries=industry)
            .exclude(pk__in=[c.pk for c in courses])
            .order_by("-first_published_at")[: MAX_COURSES_PER_TASK - len(courses)]
        )
    return courses


def _cases_by_item(item_ids):
    """Live cases linked to each guideline item, newest first (one query)."""
    through = CasePage.guideline_items.through
    rows = (
        through.objects.filter(guidelineitem_id__in=item_ids, casepage__live=True)
        .select_related(None)
        .order_by("-casepage__year", "casepage__title")
        .values_list("guidelineitem_id", "casepage_id")
    )
    by_item = {}
    for item_id, case_id in rows:
        cases = by_item.setdefault(item_id, [])
        if len(cases) < MAX_CASES_PER_TASK:
            cases.append(case_id)
    return by_item


def _report_membership(user, owner_id):
    membership = Membership.objects.select_related("enterprise").filter(user=user).first()
    if membership is None:
        raise PlanError(_("请先创建或加入企业，整改计划属于企业，由合规专员统筹。"))
    if owner_id != user.pk:
        owner_membership = Membership.objects.filter(user_id=owner_id, enterprise_id=membership.enterprise_id)
        if not membership.is_officer or not owner_membership.exists():
            raise PermissionDenied(_("只有本企业的合规专员可以根据员工的报告创建整改计划。"))
    return membership


@transaction.atomic
def create_plan(user, self_check=None, drill_run=None):
    """A plan from a self-check or drill report: every red and yellow finding becomes a task.

    Returns ``(plan, created)``; a report has at most one plan.
    """
    source = self_check or drill_run
    if source is None or (self_check is not None and drill_run is not None):
        raise PlanError(_("请选择一份体检或演练报告。"))
    membership = _report_membership(user, source.user_id)
    existing = Plan.objects.filter(Q(self_check=self_check) if self_check else Q(drill_run=drill_run)).first()
    if existing is not None:
        return existing, False
    if drill_run is not None and drill_run.status != DrillRun.Status.COMPLETED:
        raise PlanError(_("演练完成后才能根据报告创建整改计划。"))
    if self_check is not None:
        findings = list(_self_check_findings(self_check))
        industry = self_check.industry
        check_page = self_check.page
        title = self_check.title
        drill = None
    else:
        findings = list(_drill_findings(drill_run))
        drill = drill_run.scenario
        industry = drill.industry
        check_page = SelfCheckPage.objects.live().filter(industry=industry).order_by("pk").first()
        title = drill.title
    if not findings:
        raise PlanError(_("该报告没有红灯或黄灯问题，无需整改。"))
    plan = Plan(
        enterprise=membership.enterprise,
        industry=industry,
        title=(_("%(title)s 整改计划") % {"title": title})[:255],
        source=Plan.Source.SELF_CHECK if self_check else Plan.Source.DRILL,
        self_check=self_check,
        drill_run=drill_run,
        self_check_page=check_page,
        created_by=user,
        before_grade=source.grade,
        before_percent=source.percent,
        before_red=source.red_count,
        before_yellow=source.yellow_count,
    )
    try:
        with transaction.atomic():
            plan.save()
    except IntegrityError:
        # Created by a parallel request a moment ago.
        return Plan.objects.get(Q(self_check=self_check) if self_check else Q(drill_run=drill_run)), False
    today = timezone.localdate()
    seen_items = set()
    tasks = []
    for finding in findings:
        item = finding.pop("item")
        if item is not None:
            if item.pk in seen_items:
                continue
            seen_items.add(item.pk)
        tasks.append(
            Task(
                plan=plan,
                position=len(tasks) + 1,
                item=item,
                due_date=default_due_date(finding["level"], today),
                **finding,
            )
        )
    Task.objects.bulk_create(tasks)
    tasks = list(plan.tasks.order_by("position"))
    courses = _recommended_courses(industry, drill)
    cases = _cases_by_item([t.item_id for t in tasks if t.item_id])
    Task.courses.through.objects.bulk_create(
        Task.courses.through(task_id=task.pk, coursepage_id=course.pk) for task in tasks for course in courses
    )
    Task.cases.through.objects.bulk_create(
        Task.cases.through(task_id=task.pk, casepage_id=case_id)
        for task in tasks
        for case_id in cases.get(task.item_id, [])
    )
    PlanEvent.objects.create(
        plan=plan,
        actor=user,
        kind=PlanEvent.Kind.CREATED,
        message="created",
        params={"title": title, "count": len(tasks)},
    )
    return plan, True


def eligible_reports(membership):
    """Reports of the member (all members for the officer) with red or yellow findings and no plan yet."""
    users = Membership.objects.filter(enterprise_id=membership.enterprise_id).values("user_id")
    if not membership.is_officer:
        users = [membership.user_id]
    issues = Q(red_count__gt=0) | Q(yellow_count__gt=0)
    checks = (
        SelfCheckResult.objects.filter(issues, user_id__in=users, rectification_plans__isnull=True)
        .select_related("user__profile", "industry")
        .order_by("-created_at")
    )
    runs = (
        DrillRun.objects.filter(
            issues, user_id__in=users, status=DrillRun.Status.COMPLETED, rectification_plans__isnull=True
        )
        .select_related("user__profile", "scenario")
        .order_by("-finished_at")
    )
    return checks, runs


# --- tasks -------------------------------------------------------------------------------------


def _require_manager(plan, membership):
    if not can_manage(plan, membership):
        raise PermissionDenied(_("只有本企业的合规专员可以进行此操作。"))


def _require_open(plan):
    if plan.is_closed:
        raise PlanError(_("该整改计划已完成，不能再修改。如需继续整改，请先重新打开计划。"))


@transaction.atomic
def assign(task, membership, owner, due_date):
    """Set a task's owner (a member of the firm) and due date."""
    _require_manager(task.plan, membership)
    _require_open(task.plan)
    if (
        owner is not None
        and not Membership.objects.filter(user=owner, enterprise_id=task.plan.enterprise_id).exists()
    ):
        raise PlanError(_("责任人必须是本企业的成员。"))
    if due_date is None:
        raise PlanError(_("请填写整改期限。"))
    if due_date < task.plan.created_at.date() - timedelta(days=1):
        raise PlanError(_("整改期限不能早于计划创建日期。"))
    changed = owner != task.owner or due_date != task.due_date
    if not changed:
        return task
    task.owner = owner
    task.due_date = due_date
    task.save(update_fields=["owner", "due_date", "updated_at"])
    from accounts.models import display_name

    PlanEvent.objects.create(
        plan=task.plan,
        task=task,
        actor=membership.user,
        kind=PlanEvent.Kind.ASSIGNED,
        message="assigned",
        params={
            "owner": display_name(owner) if owner else "",
            "owner_id": owner.pk if owner else None,
            "due": due_date.isoformat(),
        },
    )
    if owner is not None and owner.pk != membership.user_id:
        from rectification.jobs import send_assignment_email

        send_assignment_email.enqueue(task.pk)
    return task


# Who may move a task to which status: owners report progress, managers close.
OWNER_STATUSES = {Task.Status.TO_RECTIFY, Task.Status.IN_PROGRESS, Task.Status.REVIEW}


@transaction.atomic
def change_status(task, membership, status, note="", reason=""):
    """Move a task to ``status``; closing (已完成) and 待复查 need a note, 不适用 needs a reason."""
    task = Task.objects.select_for_update().select_related("plan").get(pk=task.pk)
    if not can_work_on(task, membership):
        raise PermissionDenied(_("您无权修改此任务。"))
    _require_open(task.plan)
    try:
        status = Task.Status(status)
    except ValueError:
        raise PlanError(_("未知的任务状态。")) from None
    manager = can_manage(task.plan, membership)
    if status not in OWNER_STATUSES and not manager:
        raise PermissionDenied(_("只有合规专员可以确认完成或认定不适用。"))
    note, reason = (note or "").strip(), (reason or "").strip()
    if status in (Task.Status.DONE, Task.Status.REVIEW) and not note:
        raise PlanError(_("请填写整改说明：做了什么、依据哪些材料。没有说明的任务不能关闭或提交复查。"))
    if status == Task.Status.NOT_APPLICABLE and not reason:
        raise PlanError(_("认定“不适用”须写明理由。"))
    if status == task.status:
        if note:
            add_note(task, membership, note)
        return task
    previous = task.status
    task.status = status
    task.not_applicable_reason = reason if status == Task.Status.NOT_APPLICABLE else ""
    task.completed_at = timezone.now() if status in Task.CLOSED_STATUSES else None
    task.save(update_fields=["status", "not_applicable_reason", "completed_at", "updated_at"])
    PlanEvent.objects.create(
        plan=task.plan,
        task=task,
        actor=membership.user,
        kind=PlanEvent.Kind.STATUS,
        from_status=previous,
        to_status=status,
        text=reason if status == Task.Status.NOT_APPLICABLE else note,
    )
    close_plan_if_done(task.plan, membership.user)
    return task


def add_note(task, membership, text):
    if not can_work_on(task, membership):
        raise PermissionDenied(_("您无权修改此任务。"))
    text = (text or "").strip()
    if not text:
        raise PlanError(_("备注不能为空。"))
    if len(text) > 2000:
        raise PlanError(_("备注最多 2000 字。"))
    return PlanEvent.objects.create(
        plan=task.plan, task=task, actor=membership.user, kind=PlanEvent.Kind.NOTE, text=text
    )


def close_plan_if_done(plan, actor=None):
    """A plan closes once every task is 已完成 or 不适用."""
    if plan.is_closed:
        return False
    if plan.tasks.exclude(status__in=Task.CLOSED_STATUSES).exists():
        return False
    plan.status = Plan.Status.CLOSED
    plan.closed_at = timezone.now()
    plan.save(update_fields=["status", "closed_at"])
    PlanEvent.objects.create(plan=plan, actor=actor, kind=PlanEvent.Kind.CLOSED, message="closed")
    return True


@transaction.atomic
def reopen_plan(plan, membership):
    _require_manager(plan, membership)
    if not plan.is_closed:
        return plan
    plan.status = Plan.Status.OPEN
    plan.closed_at = None
    plan.save(update_fields=["status", "closed_at"])
    PlanEvent.objects.create(plan=plan, actor=membership.user, kind=PlanEvent.Kind.REOPENED)
    return plan


# --- evidence ----------------------------------------------------------------------------------


@transaction.atomic
def add_evidence(task, membership, upload):
    """Store an uploaded file as evidence for ``task`` after the upload rules accept it."""
    from .evidence import check_upload

    if not can_work_on(task, membership):
        raise PermissionDenied(_("您无权为此任务上传材料。"))
    _require_open(task.plan)
    if task.evidence.count() >= MAX_EVIDENCE_PER_TASK:
        raise PlanError(_("每项任务最多上传 %(n)s 份证明材料。") % {"n": MAX_EVIDENCE_PER_TASK})
    checked = check_upload(upload)
    evidence = Evidence(
        task=task,
        original_name=checked.name,
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
        uploaded_by=membership.user,
    )
    evidence.file.save(checked.name, checked.file, save=False)
    evidence.save()
    PlanEvent.objects.create(
        plan=task.plan, task=task, actor=membership.user, kind=PlanEvent.Kind.EVIDENCE, text=checked.name
    )
    return evidence


MAX_EVIDENCE_PER_TASK = 20


@transaction.atomic
def remove_evidence(evidence, membership):
    task = evidence.task
    if not can_work_on(task, membership):
        raise PermissionDenied(_("您无权删除此材料。"))
    _require_open(task.plan)
    if evidence.uploaded_by_id != membership.user_id and not can_manage(task.plan, membership):
        raise PermissionDenied(_("只能删除自己上传的材料。"))
    name = evidence.original_name
    evidence.file.delete(save=False)
    evidence.delete()
    PlanEvent.objects.create(
        plan=task.plan, task=task, actor=membership.user, kind=PlanEvent.Kind.EVIDENCE_REMOVED, text=name
    )


# --- overview ----------------------------------------------------------------------------------


def with_progress(plans, today=None):
    """Annotate plans with task counts by state, overdue tasks and the nearest due date."""
    today = today or timezone.localdate()
    closed = Q(tasks__status__in=Task.CLOSED_STATUSES)
    return plans.annotate(
        task_count=Count("tasks", distinct=True),
        closed_count=Count("tasks", filter=closed, distinct=True),
        review_count=Count("tasks", filter=Q(tasks__status=Task.Status.REVIEW), distinct=True),
        overdue_count=Count(
            "tasks",
            filter=Q(tasks__status__in=Task.OPEN_STATUSES, tasks__due_date__lt=today),
            distinct=True,
        ),
        next_due=Min("tasks__due_date", filter=Q(tasks__status__in=Task.OPEN_STATUSES)),
    )


def progress_percent(plan):
    return round(100 * plan.closed_count / plan.task_count) if plan.task_count else 0
